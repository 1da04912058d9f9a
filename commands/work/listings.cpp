// /oppgaver and /frister. Listings are computed from the plan, the admins' edits and
// the completions on every call and paged at kPageLines lines, so a phone shows a page
// without scrolling and nothing is cut off silently. /oppgaver shows what is open
// (overdue since tracking started, then the current one), as /ferdig picks it.
#include <chrono>
#include <map>

#include "commands/language/norwegian.hpp"
#include "commands/language/period.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/tasks_in.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

using config::RoleRef;
using config::Scope;
using date::year_month_day;

namespace {

constexpr size_t kPageLines = 12;
constexpr int kUpcomingDays = 30;

std::string relative(year_month_day due, year_month_day today) {
    const int days = days_between(today, due);
    if (days == 0) return "(i dag)";
    if (days == 1) return "(i morgen)";
    if (days > 1) return "(om " + std::to_string(days) + " dager)";
    if (days == -1) return "(1 dag over fristen)";
    return "(" + std::to_string(-days) + " dager over fristen)";
}

// ---- pages -------------------------------------------------------------------

struct Listing {
    std::string heading;
    std::vector<std::string> lines;
    std::string command;  // "/oppgaver kasserer": how to ask for another page
    std::string footer{};  // after the last line ("Hver uke: …"); no page of its own
};

std::string render(const Listing& listing, size_t page) {
    const size_t pages = std::max<size_t>(1, (listing.lines.size() + kPageLines - 1) / kPageLines);
    if (page > pages) return beyond_last_page(pages, listing.command);
    std::string text = listing.heading;
    for (size_t i = (page - 1) * kPageLines; i < std::min(listing.lines.size(), page * kPageLines); ++i)
        text += "\n" + listing.lines[i];
    if (page == pages && !listing.footer.empty()) text += "\n" + listing.footer;
    if (pages > 1) {
        text += "\n\nSide " + std::to_string(page) + " av " + std::to_string(pages);
        if (page < pages) text += " — skriv «" + listing.command + " side " + std::to_string(page + 1) + "»";
    }
    return text;
}

// ---- /oppgaver ----------------------------------------------------------------

// A task a listing covers, and the units of it that count ("" for a task not per unit).
struct Covered {
    Task task;
    std::vector<std::string> units;
    std::vector<Occurrence> occurrences;  // from tracking start, by date
};

struct Listed {
    const Covered* covered = nullptr;
    size_t unit_index = 0;
    Occurrence occurrence;
};

// The tasks of `held` with occurrences in [since, plan end]: the units of each that count.
std::vector<Covered> covered_tasks(const Context& context, const TaskCalendar& calendar,
                                   const std::vector<RoleRef>& held, year_month_day since) {
    const config::Plan& plan = context.plan;
    const year_month_day last = plan_last(plan);
    std::vector<Covered> out;
    // The plan's tiltak as calendar.plan_tasks_in has them, but only those the roles
    // answer for are expanded into occurrences (most of the plan is someone else's).
    for (const config::Tiltak& tiltak : plan.tiltak) {
        Covered covered{calendar.task_of_tiltak(tiltak), {}, {}};
        for (std::string& unit : task_units(plan, covered.task))
            if (answers_for_any(held, responsible_for(plan, covered.task, unit)))
                covered.units.push_back(std::move(unit));
        if (covered.units.empty()) continue;
        covered.occurrences = calendar.occurrences_of(covered.task, since, last);
        if (!covered.occurrences.empty()) out.push_back(std::move(covered));
    }
    for (DueTask& due : calendar.added_tasks_in(context.state->added_tasks_for(held), since, last))
        out.push_back({std::move(due.task), {""}, std::move(due.occurrences)});
    return out;
}

// What /oppgaver shows of one unit of a task: the open overdue occurrences since
// tracking started, then the next open current one (standing_of). `all` is sorted by date.
void add_agenda(const Covered& covered, size_t unit_index, const std::vector<Occurrence>& all, const DoneSet& done,
                year_month_day since, year_month_day today, std::vector<Listed>& out) {
    const bool weekly = is_weekly(covered.task);
    const std::string& unit = covered.units[unit_index];
    for (const Occurrence& occurrence : all) {
        if (occurrence.id.unit != unit || done.find(occurrence.id)) continue;
        const Standing standing = standing_of(occurrence, weekly, since, today);
        if (standing == Standing::history) continue;
        out.push_back({&covered, unit_index, occurrence});
        if (standing == Standing::current) break;
    }
}

std::string agenda_line(const config::Plan& plan, const Task& task, const std::vector<std::string>& units,
                        year_month_day due, year_month_day today) {
    std::string line = std::to_string(task.number) + " " + task.title;
    if (!units.empty()) {
        std::vector<std::string> names;
        for (const std::string& unit : units) names.push_back(unit_name(plan, task.per, unit));
        line += " (" +
                (names.size() <= 3 ? join_list(names)
                                   : std::to_string(names.size()) + " " + units_word(task.per, names.size())) +
                ")";
    }
    line += " — " + day_in(due, today) + " " + relative(due, today);
    if (task.ansvarlig_missing) line += ", ansvarlig mangler";
    return line;
}

// One line per task and date: units of one task due the same day share a line, so 28
// local chapters are one line. `listed` must be sorted by date.
std::vector<std::string> grouped_lines(const config::Plan& plan, const std::vector<Listed>& listed,
                                       year_month_day today) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < listed.size();) {
        size_t j = i;
        std::vector<std::string> units;
        for (; j < listed.size() && listed[j].covered == listed[i].covered &&
               listed[j].occurrence.due == listed[i].occurrence.due;
             ++j)
            if (!listed[j].occurrence.id.unit.empty()) units.push_back(listed[j].occurrence.id.unit);
        lines.push_back(agenda_line(plan, listed[i].covered->task, units, listed[i].occurrence.due, today));
        i = j;
    }
    return lines;
}

void sort_by_date(std::vector<Listed>& listed) {
    std::ranges::sort(listed, [](const Listed& a, const Listed& b) {
        return std::tie(a.occurrence.due, a.covered->task.number, a.unit_index) <
               std::tie(b.occurrence.due, b.covered->task.number, b.unit_index);
    });
}

std::vector<int> numbers_of(const std::vector<Covered>& covered) {
    std::vector<int> numbers;
    for (const Covered& c : covered) numbers.push_back(c.task.number);
    return numbers;
}

}  // namespace

std::vector<std::string> agenda_lines(const Context& context, const std::vector<RoleRef>& held) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    const year_month_day today = local_today(context);
    const year_month_day since = std::max(state.tracking_start(), plan_first(plan));
    const std::vector<Covered> covered = covered_tasks(context, TaskCalendar(plan, state), held, since);
    if (covered.empty()) return {};
    const DoneSet done(state.completions_of(numbers_of(covered)));

    std::vector<Listed> listed;
    for (const Covered& c : covered)
        for (size_t unit = 0; unit < c.units.size(); ++unit)
            add_agenda(c, unit, c.occurrences, done, since, today, listed);
    // Overdue ones are all before today, so date order puts them first, oldest first.
    sort_by_date(listed);
    return grouped_lines(plan, listed, today);
}

namespace {

// The open occurrences of `held`'s tasks due in [first, last], one line per task and date.
std::vector<std::string> due_lines(const Context& context, const std::vector<RoleRef>& held, year_month_day first,
                                   year_month_day last) {
    const State& state = *context.state;
    const std::vector<Covered> covered = covered_tasks(context, TaskCalendar(context.plan, state), held, first);
    if (covered.empty()) return {};
    const DoneSet done(state.completions_of(numbers_of(covered)));
    std::vector<Listed> listed;
    for (const Covered& c : covered)
        for (size_t unit = 0; unit < c.units.size(); ++unit)
            for (const Occurrence& occurrence : c.occurrences)
                if (occurrence.id.unit == c.units[unit] && occurrence.due <= last && !done.find(occurrence.id))
                    listed.push_back({&c, unit, occurrence});
    sort_by_date(listed);
    return grouped_lines(context.plan, listed, local_today(context));
}

// ---- /frister -----------------------------------------------------------------

struct DueItem {
    size_t task = 0;  // index into the tasks listed
    Occurrence occurrence;
};

std::string deadline_line(const config::Plan& plan, const Task& task, const std::vector<DueItem>& group,
                          const DoneSet& done, year_month_day today) {
    const Occurrence& first = group.front().occurrence;
    std::string line = std::to_string(task.number) + " " + task.title;
    size_t finished = 0;
    for (const DueItem& item : group) finished += done.find(item.occurrence.id) ? 1 : 0;
    if (group.size() == 1 && !first.id.unit.empty()) line += " (" + unit_name(plan, task.per, first.id.unit) + ")";
    line += " — " + day_in(first.due, today);
    const std::string missing = task.ansvarlig_missing ? " (ansvarlig mangler)" : "";
    if (group.size() == 1) {
        const Completion* closed = done.find(first.id);
        return line + (closed ? (closed->skipped ? " (hoppet over)" : " ✅") : missing);
    }
    line += " (" + std::to_string(group.size()) + " " + units_word(task.per, group.size());
    if (finished == group.size()) return line + ", alle ferdig ✅)";
    return line + (finished ? ", " + std::to_string(finished) + " ferdig)" : ")") + missing;
}

// The dated lines of [first, last], and the weekly tasks in one line ("" for none).
std::pair<std::vector<std::string>, std::string> deadline_lines(const Context& context, year_month_day first,
                                                                year_month_day last) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    const year_month_day today = local_today(context);
    std::vector<DueTask> tasks = tasks_in(plan, state, first, last);
    std::vector<DueItem> items;
    std::vector<std::string> weekly;
    std::vector<int> numbers;
    for (size_t i = 0; i < tasks.size(); ++i) {
        const Task& task = tasks[i].task;
        if (is_weekly(task)) {
            weekly.push_back(std::to_string(task.number) + " " + task.title + " (" +
                             std::string(weekday_name(task.tiltak->schedule.weekday)) + ")");
            continue;
        }
        numbers.push_back(task.number);
        for (Occurrence& occurrence : tasks[i].occurrences) items.push_back({i, std::move(occurrence)});
    }
    const DoneSet done(numbers.empty() ? std::vector<Completion>{} : state.completions_of(numbers));
    // Stable: a task's own occurrences keep their unit order.
    std::ranges::stable_sort(items, [&](const DueItem& a, const DueItem& b) {
        return std::tie(a.occurrence.due, tasks[a.task].task.number) <
               std::tie(b.occurrence.due, tasks[b.task].task.number);
    });
    std::vector<std::string> lines;
    for (size_t i = 0; i < items.size();) {
        size_t j = i;
        while (j < items.size() && items[j].task == items[i].task && items[j].occurrence.due == items[i].occurrence.due)
            ++j;
        const std::vector<DueItem> group(items.begin() + static_cast<long>(i), items.begin() + static_cast<long>(j));
        lines.push_back(deadline_line(plan, tasks[items[i].task].task, group, done, today));
        i = j;
    }
    return {std::move(lines), weekly.empty() ? "" : "Hver uke: " + join_list(weekly, ", ")};
}

std::string no_roles(const Event& event, const Context& context) {
    const Person me = caller(event, context);
    const std::string who = me.username.empty() ? "@brukernavnet ditt" : "@" + me.username;
    return "Du har ingen roller ennå, så jeg vet ikke hvilke oppgaver som er dine. Be en admin skrive «/rolle gi "
           "<rolle> " +
           who + "», for eksempel «/rolle gi kasserer " + who +
           "». Til da: /frister viser alle frister, og «/oppgaver kasserer» viser en rolles oppgaver.";
}

}  // namespace

Outcome caller_tasks(const Event& event, const Context& context, size_t page) {
    const std::vector<RoleRef> held = context.state->roles_of(event.platform, event.user_id, local_today(context));
    if (held.empty()) return say(event, no_roles(event, context));
    std::vector<std::string> labels;
    for (const RoleRef& role : held) labels.push_back(role_label(context.plan, role));
    Listing listing{"Dine åpne oppgaver (" + join_list(labels) + "):", agenda_lines(context, held), "/oppgaver"};
    if (listing.lines.empty())
        return say(event, "Du har ingen åpne oppgaver nå 🎉 (" + join_list(labels) + "). Se alle frister med /frister.");
    return say(event, render(listing, page));
}

// A role as asked for: a scoped role without a unit stands for all its units.
Outcome role_tasks(const Event& event, const Context& context, const RoleRef& role, size_t page,
                   std::string command) {
    const config::Plan& plan = context.plan;
    std::vector<RoleRef> held{role};
    std::string label = role_label(plan, role);
    if (const config::Role* known = plan.find_role(role.role_id);
        known && known->scope != Scope::none && role.unit.empty()) {
        for (const std::string& unit : units_of(plan, known->scope)) held.push_back({role.role_id, unit});
        label += " (alle " + units_word(known->scope, 2) + ")";
    }
    Listing listing{"Åpne oppgaver for " + label + ":", agenda_lines(context, held), std::move(command)};
    if (listing.lines.empty()) return say(event, "Ingen åpne oppgaver for " + label + " nå 🎉");
    return say(event, render(listing, page));
}

Outcome tasks_command(const Event& event, const Context& context, std::vector<std::string> args) {
    const size_t page = take_page(args);
    if (args.empty()) return caller_tasks(event, context, page);
    const FoldedArgs folded = fold_args(args, 0);
    std::optional<RoleRead> read = read_role(context.plan, folded.words);
    if (!read || read->words < folded.words.size()) return say(event, unknown_role(context.plan, join_words(args)));
    return role_tasks(event, context, read->role, page, "/oppgaver " + join_words(args));
}

std::optional<std::string> period_trouble(const PeriodParse& parse, std::string_view typed) {
    if (parse.status == PeriodStatus::ambiguous_month) {
        std::vector<std::string> names;
        for (int month : parse.month_candidates) names.emplace_back(month_name(month));
        return "Mente du " + join_list(names, " eller ") + "? Skriv for eksempel «/frister " + names.front() + "».";
    }
    if (!parse.date_error.empty()) return parse.date_error;
    if (parse.status != PeriodStatus::found || !parse.leftover.empty())
        return "Jeg skjønte ikke perioden " + quoted(typed) +
               ". Prøv «/frister juni», «/frister neste uke», «/frister uke 12», «/frister mai 2027» eller en dato: "
               "«/frister 1.6.2027», «/frister fredag».";
    return std::nullopt;
}

Outcome deadlines_for(const Event& event, const Context& context, const std::optional<Period>& period, size_t page,
                      std::string command) {
    const year_month_day today = local_today(context);
    year_month_day first = today;
    year_month_day last = year_month_day(date::sys_days(today) + date::days(kUpcomingDays - 1));
    std::string heading = "Frister de neste " + std::to_string(kUpcomingDays) + " dagene (" + format_range(first, last) +
                          "):";
    std::string nothing = "Ingen frister de neste " + std::to_string(kUpcomingDays) + " dagene.";
    if (period) {
        first = period->first;
        last = period->last;
        heading = "Frister for " + period->label + ":";
        nothing = "Ingen frister for " + period->label + ".";
    }
    auto [lines, weekly] = deadline_lines(context, first, last);
    Listing listing{std::move(heading), std::move(lines), std::move(command), std::move(weekly)};
    if (listing.lines.empty() && listing.footer.empty()) return say(event, nothing);
    return say(event, render(listing, page));
}

Outcome deadlines_command(const Event& event, const Context& context, std::vector<std::string> args) {
    const size_t page = take_page(args);
    const std::string typed = join_words(args);
    const std::string command = "/frister" + (typed.empty() ? "" : " " + typed);
    if (args.empty()) return deadlines_for(event, context, std::nullopt, page, command);
    const PeriodParse parse = read_period(args, local_today(context), ferie_weeks(context));
    if (auto trouble = period_trouble(parse, typed)) return say(event, *trouble);
    return deadlines_for(event, context, parse.period, page, command);
}

}  // namespace planbot::commands::detail

namespace planbot::commands {

// ---- "er det noe jeg må gjøre …" ----------------------------------------------

std::string own_tasks_in(const Event& event, const Context& context, const Period& period) {
    using namespace detail;
    const std::string when = period_phrase(period);
    if (!context.state) return no_database_text() + " Uten den vet jeg ikke hva som er ditt å gjøre " + when + ".";
    if (!from_person(event)) return unknown_sender_text();
    const std::vector<RoleRef> held = context.state->roles_of(event.platform, event.user_id, local_today(context));
    if (held.empty()) return no_roles(event, context);
    std::vector<std::string> labels;
    for (const RoleRef& role : held) labels.push_back(role_label(context.plan, role));
    const std::vector<std::string> lines = due_lines(context, held, period.first, period.last);
    if (lines.empty())
        return "Nei, du som " + join_list(labels) + " har ingen oppgaver med frist " + when + ".";
    constexpr size_t kShown = 12;
    std::string text = "Ja, du som " + join_list(labels) + " har " +
                       count_words(static_cast<int>(lines.size()), "oppgave", "oppgaver") + " med frist " + when + ":";
    for (size_t i = 0; i < lines.size() && i < kShown; ++i) text += "\n" + lines[i];
    if (lines.size() > kShown) text += "\n… og " + std::to_string(lines.size() - kShown) + " til. Se alle med /oppgaver.";
    return text;
}

}  // namespace planbot::commands
