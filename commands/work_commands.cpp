// See work_commands.hpp. Listings (/oppgaver, /frister) are computed from the plan, the
// admins' edits and the completions on every call and paged at kPageLines lines, so a
// phone shows a page without scrolling and nothing is cut off silently. /ferdig picks
// an occurrence the way /oppgaver lists them (overdue since tracking started, then the
// current one), so a second /ferdig answers "already done" instead of quietly
// confirming next quarter. Free text (comments, titles) is stored and echoed as typed,
// within the limits of state.hpp; nothing here escapes markup (the adapters do).
#include "commands/work_commands.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <expected>
#include <map>

#include "commands/dates.hpp"
#include "commands/norwegian.hpp"
#include "commands/period.hpp"
#include "commands/roles.hpp"
#include "commands/tasks.hpp"

namespace planbot::commands {

namespace {

using config::RoleRef;
using config::Scope;
using config::ScheduleKind;
using date::year_month_day;

constexpr size_t kPageLines = 12;
constexpr int kUpcomingDays = 30;
constexpr std::chrono::hours kUndoWindow{24 * 7};
constexpr size_t kLongestEcho = 40;  // bytes of typed words quoted back in an error

constexpr std::string_view kNoDatabase = "Oppgaver og frister trenger databasen, og den er ikke koblet til her.";
constexpr std::string_view kFerdigUsage =
    "Skriv nummeret på oppgaven, for eksempel «/ferdig 9» eller «/ferdig 9 betalt inn». Velg en bestemt frist med år "
    "eller enhet: «/ferdig 16 2027», «/ferdig 3 Innherred». Numrene står i /oppgaver.";
constexpr std::string_view kAngreUsage =
    "Skriv nummeret på oppgaven du vil angre, for eksempel «/angre 9» (eller «/angre 9 2026»).";
constexpr std::string_view kFristUsage =
    "Skriv «/frist <nr> <dato> [enhet]», for eksempel «/frist 7 1.9.2027» eller «/frist 3 1.6.2027 Innherred».";
constexpr std::string_view kNyUsage =
    "Skriv «/ny <rolle> <dato> <tekst>», for eksempel «/ny kasserer 1.6.2027 Bestille lokale til årsmøtet».";
constexpr std::string_view kAnsvarUsage = "Skriv «/ansvar <nr> <rolle>», for eksempel «/ansvar 27 au».";

// ---- text --------------------------------------------------------------------

Outcome say(const Event& event, std::string text) {
    Outcome outcome;
    outcome.replies.push_back({event.chat_id, std::move(text), event.thread_id});
    return outcome;
}

// "a", "a og b", "a, b og c".
std::string join_list(const std::vector<std::string>& items, std::string_view last = " og ") {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(last) : std::string(", ");
        out += items[i];
    }
    return out;
}

std::string join_words(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : " ") + item;
    return out;
}

std::string join_from(const std::vector<std::string>& args, size_t from) {
    return join_words(std::vector<std::string>(args.begin() + static_cast<long>(std::min(from, args.size())), args.end()));
}

// At most `bytes` of `text`, never cut inside a UTF-8 character, "…" when cut.
std::string shortened(std::string_view text, size_t bytes) {
    size_t cut = std::min(text.size(), bytes);
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + (cut < text.size() ? "…" : "");
}

// Typed text quoted back in an error: short.
std::string quoted(std::string_view text) { return "«" + shortened(text, kLongestEcho) + "»"; }

// "Fylkesleder" → "fylkesleder" for the middle of a sentence ("AU" stays).
std::string lower_first(std::string text) {
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::string display_name(const Person& person) {
    if (!person.name.empty()) return person.name;
    if (!person.username.empty()) return "@" + person.username;
    return "bruker " + person.user_id;
}

// The caller as the state knows them, else as the event names them.
Person caller(const Event& event, const Context& context) {
    if (auto known = context.state->person(event.platform, event.user_id)) return *known;
    return {event.platform, event.user_id, event.user_name, ""};
}

std::string first_name(const Person& person) {
    const std::string& name = person.name;
    return name.substr(0, name.find(' '));
}

// The one folded word an arg is ("9." → "9"), or "" when it folds to none or several.
std::string one_word(std::string_view arg) {
    std::vector<std::string> parts = words(arg);
    return parts.size() == 1 ? parts.front() : "";
}

// Raw args folded word by word, remembering which arg each word came from, so a role
// or unit read from folded words maps back to the raw text after it.
struct FoldedArgs {
    std::vector<std::string> words;
    std::vector<size_t> arg_of;
    size_t from = 0;
    // The first arg after the first `used` words (a word's whole arg counts as used).
    size_t next_arg(size_t used) const {
        if (used == 0 || words.empty()) return from;
        return arg_of[std::min(used, words.size()) - 1] + 1;
    }
};

FoldedArgs fold_args(const std::vector<std::string>& args, size_t from) {
    FoldedArgs out;
    out.from = from;
    for (size_t i = from; i < args.size(); ++i)
        for (std::string& word : words(args[i])) {
            out.words.push_back(std::move(word));
            out.arg_of.push_back(i);
        }
    return out;
}

// The raw text after the first `count` args (args are split at whitespace), trimmed;
// line breaks inside are kept.
std::string text_after(std::string_view rest, size_t count) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    size_t at = 0;
    auto skip_space = [&] {
        while (at < rest.size() && is_space(rest[at])) ++at;
    };
    skip_space();
    for (size_t i = 0; i < count && at < rest.size(); ++i) {
        while (at < rest.size() && !is_space(rest[at])) ++at;
        skip_space();
    }
    std::string_view out = rest.substr(at);
    while (!out.empty() && is_space(out.back())) out.remove_suffix(1);
    return std::string(out);
}

// ---- dates -------------------------------------------------------------------

int days_between(year_month_day from, year_month_day to) {
    return static_cast<int>((date::sys_days(to) - date::sys_days(from)).count());
}

std::string day_month(year_month_day day) {
    return std::to_string(static_cast<unsigned>(day.day())) + ". " +
           std::string(month_name(static_cast<int>(static_cast<unsigned>(day.month()))));
}

std::string long_day(year_month_day day) { return day_month(day) + " " + std::to_string(static_cast<int>(day.year())); }

// The year only when it is not this year's.
std::string day_in(year_month_day day, year_month_day today) {
    return day.year() == today.year() ? day_month(day) : long_day(day);
}

std::string relative(year_month_day due, year_month_day today) {
    const int days = days_between(today, due);
    if (days == 0) return "(i dag)";
    if (days == 1) return "(i morgen)";
    if (days > 1) return "(om " + std::to_string(days) + " dager)";
    if (days == -1) return "(1 dag over fristen)";
    return "(" + std::to_string(-days) + " dager over fristen)";
}

year_month_day local_day(const Context& context, std::chrono::sys_seconds at) {
    auto local = date::make_zoned(context.zone, at).get_local_time();
    return year_month_day(date::floor<date::days>(local));
}

year_month_day week_monday(year_month_day day) {
    return year_month_day(date::sys_days(day) - date::days(iso_weekday(day) - 1));
}

year_month_day plan_first(const config::Plan& plan) { return date::year(plan.first_year) / 1 / 1; }
year_month_day plan_last(const config::Plan& plan) { return date::year(plan.last_year) / 12 / 31; }

bool in_plan(const config::Plan& plan, year_month_day day) {
    const int year = static_cast<int>(day.year());
    return year >= plan.first_year && year <= plan.last_year;
}

std::string plan_period(const config::Plan& plan) {
    return std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year);
}

// ---- tasks, units, roles -----------------------------------------------------

std::string units_word(Scope scope, size_t count) {
    switch (scope) {
        case Scope::region: return count == 1 ? "region" : "regioner";
        case Scope::committee: return "utvalg";
        case Scope::lokallag: return "lokallag";
        case Scope::none: break;
    }
    return count == 1 ? "enhet" : "enheter";
}

bool is_weekly(const Task& task) { return task.tiltak && task.tiltak->schedule.kind == ScheduleKind::weekly; }

bool has_own_dates(const Task& task) {
    return task.tiltak && (task.tiltak->schedule.kind == ScheduleKind::admin_dates ||
                           task.tiltak->schedule.kind == ScheduleKind::ongoing);
}

// The units a task has occurrences for: the plan's, or a single "" for a task not per unit.
std::vector<std::string> task_units(const config::Plan& plan, const Task& task) {
    std::vector<std::string> units = units_of(plan, task.per);
    if (units.empty()) units.emplace_back();
    return units;
}

std::string task_name(const Task& task) { return "nr. " + std::to_string(task.number) + " " + task.title; }

// "Nr. 9 Følge opp partiskatt (1. kvartal 2026)".
std::string occurrence_name(const config::Plan& plan, const Task& task, const Occurrence& occurrence) {
    return "Nr. " + std::to_string(task.number) + " " + task.title + " (" + occurrence_label(plan, task, occurrence) +
           ")";
}

std::string unknown_task(const config::Plan& plan, int number) {
    int lowest = 0;
    int highest = 0;
    for (const config::Tiltak& tiltak : plan.tiltak) {
        lowest = lowest == 0 ? tiltak.number : std::min(lowest, tiltak.number);
        highest = std::max(highest, tiltak.number);
    }
    return "Jeg finner ingen oppgave nr. " + std::to_string(number) + ". Planens tiltak har nummer " +
           std::to_string(lowest) + "–" + std::to_string(highest) + ", og oppgaver lagt til med /ny har nummer fra " +
           std::to_string(kFirstAddedTask) + ". Se dine i /oppgaver.";
}

std::string unknown_role(const config::Plan& plan, std::string_view typed) {
    std::vector<std::string> names;
    for (const config::Role& role : plan.roles)
        if (role.scope == Scope::none && names.size() < 3) names.push_back(lower_first(role.name));
    for (const config::Role& role : plan.roles) {
        std::vector<std::string> units = units_of(plan, role.scope);
        if (role.scope == Scope::none || units.empty()) continue;
        names.push_back(lower_first(role.name) + " " + unit_name(plan, role.scope, units.front()));
        break;
    }
    return "Jeg kjenner ikke rollen " + quoted(typed) + ". Prøv for eksempel " + join_list(names, " eller ") +
           ". /roller viser alle rollene.";
}

// "Kasserer (Kari Nordmann), Gruppeledere (ingen har rollen ennå) eller en admin".
std::string who_can(const Context& context, const std::vector<RoleRef>& responsible) {
    std::vector<std::string> parts;
    for (const RoleRef& role : responsible) {
        std::vector<std::string> names;
        for (const Holding& holding : context.state->holders(role.role_id)) {
            std::string name = display_name(holding.person);
            if (answers_for(holding.role, role) && std::ranges::find(names, name) == names.end())
                names.push_back(std::move(name));
        }
        std::string part = role_label(context.plan, role);
        if (names.empty()) part += " (ingen har rollen ennå)";
        else if (names.size() <= 3) part += " (" + join_list(names) + ")";
        else part += " (" + names[0] + ", " + names[1] + " og " + std::to_string(names.size() - 2) + " til)";
        parts.push_back(std::move(part));
    }
    parts.emplace_back("en admin");
    return join_list(parts, " eller ");
}

// Completed occurrences, for lookups by id.
class DoneSet {
public:
    explicit DoneSet(std::vector<Completion> completions) : list_(std::move(completions)) {
        std::ranges::sort(list_, {}, &Completion::id);
    }
    const Completion* find(const OccurrenceId& id) const {
        auto found = std::ranges::lower_bound(list_, id, {}, &Completion::id);
        return found != list_.end() && found->id == id ? &*found : nullptr;
    }

private:
    std::vector<Completion> list_;
};

using EditsByTask = std::map<int, std::vector<DeadlineEdit>>;

EditsByTask edits_by_task(const State& state) {
    EditsByTask out;
    for (DeadlineEdit& edit : state.all_deadline_edits()) out[edit.id.task].push_back(std::move(edit));
    return out;
}

const std::vector<DeadlineEdit>& edits_of(const EditsByTask& edits, int task) {
    static const std::vector<DeadlineEdit> none;
    auto found = edits.find(task);
    return found == edits.end() ? none : found->second;
}

// ---- pages -------------------------------------------------------------------

struct Listing {
    std::string heading;
    std::vector<std::string> lines;
    std::string command;  // "/oppgaver kasserer": how to ask for another page
};

// "… side 2" at the end of the args: the page asked for (1 when none), taken off the args.
size_t take_page(std::vector<std::string>& args) {
    if (args.size() >= 2 && one_word(args[args.size() - 2]) == "side")
        if (auto page = as_number(one_word(args.back()))) {
            args.resize(args.size() - 2);
            return static_cast<size_t>(std::max(1, *page));
        }
    return 1;
}

std::string render(const Listing& listing, size_t page) {
    const size_t pages = std::max<size_t>(1, (listing.lines.size() + kPageLines - 1) / kPageLines);
    if (page > pages) {
        if (pages == 1) return "Det er bare én side. Skriv «" + listing.command + "».";
        return "Det er bare " + std::to_string(pages) + " sider. Skriv «" + listing.command + " side " +
               std::to_string(pages) + "» for den siste.";
    }
    std::string text = listing.heading;
    for (size_t i = (page - 1) * kPageLines; i < std::min(listing.lines.size(), page * kPageLines); ++i)
        text += "\n" + listing.lines[i];
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
};

struct Listed {
    const Covered* covered = nullptr;
    size_t unit_index = 0;
    Occurrence occurrence;
};

std::vector<Covered> covered_tasks(const Context& context, const std::vector<RoleRef>& held) {
    const config::Plan& plan = context.plan;
    const std::vector<ResponsibilityEdit> responsibility = context.state->responsibility_edits();
    std::vector<Covered> out;
    for (const config::Tiltak& tiltak : plan.tiltak) {
        Covered covered{task_of(tiltak, responsibility), {}};
        for (std::string& unit : task_units(plan, covered.task))
            if (answers_for_any(held, responsible_for(plan, covered.task, unit)))
                covered.units.push_back(std::move(unit));
        if (!covered.units.empty()) out.push_back(std::move(covered));
    }
    for (const AddedTask& added : context.state->added_tasks_for(held)) out.push_back({task_of(added), {""}});
    return out;
}

// What /oppgaver shows of one unit of a task: the open overdue occurrences since
// tracking started (of a weekly task only this week's: last month's meeting is not work
// left to do), then the next open upcoming one. `all` is sorted by date.
void add_agenda(const Covered& covered, size_t unit_index, const std::vector<Occurrence>& all, const DoneSet& done,
                year_month_day today, std::vector<Listed>& out) {
    const bool weekly = is_weekly(covered.task);
    const year_month_day monday = week_monday(today);
    const std::string& unit = covered.units[unit_index];
    for (const Occurrence& occurrence : all) {
        if (occurrence.id.unit != unit || done.find(occurrence.id)) continue;
        if (weekly && occurrence.due < monday) continue;
        out.push_back({&covered, unit_index, occurrence});
        if (weekly || occurrence.due >= today) break;
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

std::vector<std::string> agenda_lines(const Context& context, const std::vector<RoleRef>& held) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    const year_month_day today = local_today(context);
    const year_month_day since = std::max(state.tracking_start(), plan_first(plan));
    const std::vector<Covered> covered = covered_tasks(context, held);
    if (covered.empty()) return {};
    std::vector<int> numbers;
    for (const Covered& c : covered) numbers.push_back(c.task.number);
    const DoneSet done(state.completions_of(numbers));
    const EditsByTask edits = edits_by_task(state);

    std::vector<Listed> listed;
    for (const Covered& c : covered) {
        const std::vector<Occurrence> all =
            occurrences(plan, c.task, edits_of(edits, c.task.number), since, plan_last(plan));
        for (size_t unit = 0; unit < c.units.size(); ++unit) add_agenda(c, unit, all, done, today, listed);
    }
    // Overdue ones are all before today, so date order puts them first, oldest first.
    std::ranges::sort(listed, [](const Listed& a, const Listed& b) {
        return std::tie(a.occurrence.due, a.covered->task.number, a.unit_index) <
               std::tie(b.occurrence.due, b.covered->task.number, b.unit_index);
    });
    // Units of one task due the same day share a line, so 28 local chapters are one line.
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

std::string no_roles(const Event& event, const Context& context) {
    const Person me = caller(event, context);
    const std::string who = me.username.empty() ? "@brukernavnet ditt" : "@" + me.username;
    return "Du har ingen roller ennå, så jeg vet ikke hvilke oppgaver som er dine. Be en admin skrive «/rolle gi "
           "<rolle> " +
           who + "», for eksempel «/rolle gi kasserer " + who +
           "». Til da: /frister viser alle frister, og «/oppgaver kasserer» viser en rolles oppgaver.";
}

Outcome caller_tasks(const Event& event, const Context& context, size_t page) {
    const std::vector<RoleRef> held = context.state->roles_of(event.platform, event.user_id);
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
    if (group.size() == 1) return line + (finished ? " ✅" : "");
    line += " (" + std::to_string(group.size()) + " " + units_word(task.per, group.size());
    if (finished == group.size()) return line + ", alle ferdig ✅)";
    return line + (finished ? ", " + std::to_string(finished) + " ferdig)" : ")");
}

std::vector<std::string> deadline_lines(const Context& context, year_month_day first, year_month_day last) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    const year_month_day today = local_today(context);
    const EditsByTask edits = edits_by_task(state);
    const std::vector<ResponsibilityEdit> responsibility = state.responsibility_edits();
    std::vector<Task> tasks;
    for (const config::Tiltak& tiltak : plan.tiltak) tasks.push_back(task_of(tiltak, responsibility));
    // Added tasks due in the period, and any moved into it from elsewhere.
    for (const AddedTask& added : state.added_tasks_between(first, last)) tasks.push_back(task_of(added));
    for (const auto& [number, list] : edits)
        if (number >= kFirstAddedTask && std::ranges::none_of(tasks, [&](const Task& t) { return t.number == number; }))
            if (auto added = state.added_task(number)) tasks.push_back(task_of(*added));

    std::vector<DueItem> items;
    std::vector<std::string> weekly;
    std::vector<int> numbers;
    for (size_t i = 0; i < tasks.size(); ++i) {
        std::vector<Occurrence> found = occurrences(plan, tasks[i], edits_of(edits, tasks[i].number), first, last);
        if (found.empty()) continue;
        if (is_weekly(tasks[i])) {
            weekly.push_back(std::to_string(tasks[i].number) + " " + tasks[i].title + " (" +
                             std::string(weekday_name(tasks[i].tiltak->schedule.weekday)) + ")");
            continue;
        }
        numbers.push_back(tasks[i].number);
        for (Occurrence& occurrence : found) items.push_back({i, std::move(occurrence)});
    }
    const DoneSet done(numbers.empty() ? std::vector<Completion>{} : state.completions_of(numbers));
    // Stable: a task's own occurrences keep their unit order.
    std::ranges::stable_sort(items, [&](const DueItem& a, const DueItem& b) {
        return std::tie(a.occurrence.due, tasks[a.task].number) < std::tie(b.occurrence.due, tasks[b.task].number);
    });
    std::vector<std::string> lines;
    for (size_t i = 0; i < items.size();) {
        size_t j = i;
        while (j < items.size() && items[j].task == items[i].task && items[j].occurrence.due == items[i].occurrence.due)
            ++j;
        const std::vector<DueItem> group(items.begin() + static_cast<long>(i), items.begin() + static_cast<long>(j));
        lines.push_back(deadline_line(plan, tasks[items[i].task], group, done, today));
        i = j;
    }
    if (!weekly.empty()) lines.push_back("Hver uke: " + join_list(weekly, ", "));
    return lines;
}

// `period_words`: the period as folded words ({} for the next 30 days); `command` repeats
// it in the page footer.
Outcome deadlines_for(const Event& event, const Context& context, const std::vector<std::string>& period_words,
                      size_t page, std::string command) {
    const year_month_day today = local_today(context);
    year_month_day first = today;
    year_month_day last = year_month_day(date::sys_days(today) + date::days(kUpcomingDays - 1));
    std::string heading = "Frister de neste " + std::to_string(kUpcomingDays) + " dagene (" + format_range(first, last) +
                          "):";
    std::string nothing = "Ingen frister de neste " + std::to_string(kUpcomingDays) + " dagene.";
    if (!period_words.empty()) {
        PeriodParse parse = parse_period(period_words, today);
        if (parse.status == PeriodStatus::ambiguous_month) {
            std::vector<std::string> names;
            for (int month : parse.month_candidates) names.emplace_back(month_name(month));
            return say(event, "Mente du " + join_list(names, " eller ") + "? Skriv for eksempel «/frister " +
                                  names.front() + "».");
        }
        if (parse.status != PeriodStatus::found || !parse.leftover.empty())
            return say(event, "Jeg skjønte ikke perioden " + quoted(join_words(period_words)) +
                                  ". Prøv «/frister juni», «/frister neste uke», «/frister uke 12» eller «/frister mai "
                                  "2027».");
        first = parse.period.first;
        last = parse.period.last;
        heading = "Frister for " + parse.period.label + ":";
        nothing = "Ingen frister for " + parse.period.label + ".";
    }
    Listing listing{std::move(heading), deadline_lines(context, first, last), std::move(command)};
    if (listing.lines.empty()) return say(event, nothing);
    return say(event, render(listing, page));
}

Outcome deadlines_command(const Event& event, const Context& context, std::vector<std::string> args) {
    const size_t page = take_page(args);
    const std::string typed = join_words(args);
    return deadlines_for(event, context, words(typed), page, "/frister" + (typed.empty() ? "" : " " + typed));
}

// ---- /ferdig and /angre ---------------------------------------------------------

// "<nr> [år] [enhet]" at the start of a command's args.
struct Target {
    Task task;
    std::optional<int> year;
    std::optional<std::string> unit;
    size_t next_arg = 0;  // the first arg after the number and selectors
};

// The task number at args[at] ("9", "9.", "nr. 9"); `at` moves past it.
std::optional<int> task_number(const std::vector<std::string>& args, size_t& at) {
    if (at + 1 < args.size() && is_one_of(one_word(args[at]), {"nr", "nummer", "oppgave", "tiltak"})) ++at;
    if (at >= args.size()) return std::nullopt;
    std::vector<std::string> parts = words(args[at]);
    if (parts.size() == 2 && parts[0] == "nr") parts.erase(parts.begin());
    if (parts.size() != 1) return std::nullopt;
    auto number = as_number(parts[0]);
    if (number) ++at;
    return number;
}

// The error is the reply.
std::expected<Target, std::string> read_target(const Context& context, const Command& command,
                                               std::string_view usage) {
    size_t at = 0;
    std::optional<int> number = task_number(command.args, at);
    if (!number) return std::unexpected(std::string(usage));
    std::optional<Task> task = find_task(context.plan, *context.state, *number);
    if (!task) return std::unexpected(unknown_task(context.plan, *number));
    Target target{std::move(*task), std::nullopt, std::nullopt, at};
    // A year and a unit, in either order; anything else starts the comment.
    for (int round = 0; round < 2 && target.next_arg < command.args.size(); ++round) {
        const std::string word = one_word(command.args[target.next_arg]);
        if (auto year = as_number(word); !target.year && year && word.size() == 4 && *year >= 2000 && *year <= 2100) {
            target.year = *year;
            ++target.next_arg;
            continue;
        }
        if (!target.unit && target.task.per != Scope::none) {
            const FoldedArgs folded = fold_args(command.args, target.next_arg);
            if (auto unit = read_unit(context.plan, target.task.per, folded.words)) {
                target.unit = unit->first;
                target.next_arg = folded.next_arg(unit->second);
                continue;
            }
        }
        break;
    }
    return target;
}

// The occurrence /ferdig means, or (none open) the done ones it could have meant.
struct Choice {
    std::optional<Occurrence> open;
    std::vector<Occurrence> settled;
};

// Without a year: per unit, the open overdue occurrences since tracking started (weekly:
// none) and the current one, the first due today or later (weekly: this week's); a unit
// with nothing current left counts its latest. With a year: that year's occurrences.
// The earliest open one wins.
Choice choose(const std::vector<Occurrence>& all, const std::vector<std::string>& units, const DoneSet& done,
              std::optional<int> year, year_month_day since, year_month_day today, bool weekly) {
    Choice choice;
    const year_month_day monday = week_monday(today);
    for (const std::string& unit : units) {
        std::optional<Occurrence> last_done;
        bool current_seen = false;
        for (const Occurrence& occurrence : all) {
            if (occurrence.id.unit != unit) continue;
            const bool is_done = done.find(occurrence.id) != nullptr;
            bool candidate = false;
            if (year) {
                candidate = static_cast<int>(occurrence.due.year()) == *year;
            } else {
                current_seen = weekly ? occurrence.due >= monday : occurrence.due >= today;
                candidate = current_seen || (!weekly && occurrence.due >= since && !is_done);
                if (!current_seen && !weekly && occurrence.due >= since && is_done) last_done = occurrence;
            }
            if (candidate && !is_done && (!choice.open || occurrence.due < choice.open->due)) choice.open = occurrence;
            if (candidate && is_done) choice.settled.push_back(occurrence);
            if (current_seen) break;
        }
        if (!year && !current_seen && last_done) choice.settled.push_back(*last_done);
    }
    std::ranges::stable_sort(choice.settled, {}, &Occurrence::due);
    return choice;
}

std::string done_by(const Context& context, const Completion& completion) {
    return display_name(completion.by) + " " + long_day(local_day(context, completion.at));
}

// Who may confirm: the units of the task the caller answers for (all of them for an admin).
std::vector<std::string> allowed_units(const Context& context, const Task& task, const std::vector<RoleRef>& held,
                                       bool admin, const std::optional<std::string>& unit) {
    std::vector<std::string> out;
    for (std::string& candidate : unit ? std::vector<std::string>{*unit} : task_units(context.plan, task))
        if (admin || answers_for_any(held, responsible_for(context.plan, task, candidate)))
            out.push_back(std::move(candidate));
    return out;
}

void post_to_channels(const Event& event, const Context& context, const std::vector<RoleRef>& responsible,
                      std::string_view unit, const std::string& text, Outcome& outcome) {
    std::vector<std::string> chats{event.chat_id};  // the chat the command came from has its answer
    for (const Channel& channel : context.state->channels()) {
        if (channel.platform != event.platform || std::ranges::find(chats, channel.chat_id) != chats.end()) continue;
        const bool bound = std::ranges::any_of(responsible, [&](const RoleRef& role) {
            return channel.target == role.role_id &&
                   (channel.unit.empty() || channel.unit == role.unit || channel.unit == unit);
        });
        if (!bound) continue;
        chats.push_back(channel.chat_id);
        outcome.replies.push_back({channel.chat_id, text, channel.thread_id});
    }
}

Outcome completed(const Event& event, const Context& context, const Task& task, const Occurrence& occurrence,
                  const std::string& comment) {
    const std::string name = occurrence_name(context.plan, task, occurrence);
    const Person me = caller(event, context);
    Outcome outcome;
    outcome.changes.push_back(
        {Complete{occurrence.id, comment}, name + " meldt ferdig" + (comment.empty() ? "" : ": " + comment)});
    const std::string first = first_name(me);
    std::string reply = "✅ " + name + " er ferdig. Takk" + (first.empty() ? "" : ", " + first) + "!";
    if (!comment.empty()) reply += "\nKommentar: " + comment;
    outcome.replies.push_back({event.chat_id, std::move(reply), event.thread_id});
    const std::string post =
        "✅ " + name + " er meldt ferdig av " + display_name(me) + (comment.empty() ? "." : ": " + comment);
    post_to_channels(event, context, responsible_for(context.plan, task, occurrence.id.unit), occurrence.id.unit, post,
                     outcome);
    return outcome;
}

std::string already_done(const Context& context, const Task& task, const Choice& choice, const DoneSet& done) {
    const Occurrence& latest = choice.settled.back();
    const Completion* completion = done.find(latest.id);
    const std::string by = completion ? done_by(context, *completion) : "";
    if (choice.settled.size() == 1) {
        std::string text = occurrence_name(context.plan, task, latest) + " er allerede meldt ferdig av " + by + ".";
        if (completion && !completion->comment.empty()) text += " Kommentar: «" + shortened(completion->comment, kMaxComment) + "».";
        return text + " Ingenting er endret.";
    }
    return "Alt du kan mene for " + task_name(task) + " er allerede meldt ferdig (sist " +
           occurrence_label(context.plan, task, latest) + ", av " + by + "). Ingenting er endret.";
}

// "Neste frist er …; skriv «/ferdig 9 2027»", when that command would pick exactly the next one.
std::string next_hint(const Task& task, const std::vector<Occurrence>& all, const DoneSet& done,
                      year_month_day after, year_month_day today) {
    auto open = [&](const Occurrence& o) { return !done.find(o.id); };
    auto next = std::ranges::find_if(all, [&](const Occurrence& o) { return o.due > after && open(o); });
    if (next == all.end()) return "";
    const int year = static_cast<int>(next->due.year());
    auto first_that_year =
        std::ranges::find_if(all, [&](const Occurrence& o) { return static_cast<int>(o.due.year()) == year && open(o); });
    if (first_that_year != next) return "";
    return " Neste frist er " + day_in(next->due, today) + "; vil du melde den ferdig allerede nå, skriv «/ferdig " +
           std::to_string(task.number) + " " + std::to_string(year) + "».";
}

std::string no_deadline(const Task& task, const std::vector<Occurrence>& all, std::optional<int> year) {
    const std::string name = "Nr. " + std::to_string(task.number) + " " + task.title;
    if (all.empty())
        return name + " har ingen frister ennå." +
               (has_own_dates(task) ? " En admin kan legge inn en med «/frist " + std::to_string(task.number) +
                                          " <dato>»."
                                    : "");
    if (year) return name + " har ingen frist i " + std::to_string(*year) + ".";
    return name + " har ingen flere frister å melde ferdig. En eldre frist velger du med året, for eksempel «/ferdig " +
           std::to_string(task.number) + " " + std::to_string(static_cast<int>(all.back().due.year())) + "».";
}

Outcome confirm_command(const Event& event, const Context& context, const Command& command) {
    auto target = read_target(context, command, kFerdigUsage);
    if (!target) return say(event, target.error());
    const std::string comment = text_after(command.rest, target->next_arg);
    if (comment.size() > kMaxComment)
        return say(event, "Kommentaren er for lang (" + std::to_string(comment.size()) + " tegn). Den kan være høyst " +
                              std::to_string(kMaxComment) +
                              " tegn (æ, ø, å og emoji teller dobbelt). Ingenting er lagret — prøv igjen med en "
                              "kortere kommentar.");
    const State& state = *context.state;
    const Task& task = target->task;
    const bool admin = is_admin(event, context);
    const std::vector<std::string> units =
        allowed_units(context, task, state.roles_of(event.platform, event.user_id), admin, target->unit);
    if (units.empty())
        return say(event, "Beklager, " + task_name(task) + " kan bare meldes ferdig av " +
                              who_can(context, responsible_for(context.plan, task, target->unit.value_or(""))) + ".");

    const std::vector<Occurrence> all = all_occurrences(context.plan, task, state.deadline_edits(task.number));
    const DoneSet done(state.completions(task.number));
    const year_month_day today = local_today(context);
    const year_month_day since = std::max(state.tracking_start(), plan_first(context.plan));
    const Choice choice = choose(all, units, done, target->year, since, today, is_weekly(task));
    if (choice.open) return completed(event, context, task, *choice.open, comment);
    if (choice.settled.empty()) return say(event, no_deadline(task, all, target->year));
    std::string text = already_done(context, task, choice, done);
    if (!target->year && units.size() == 1 && units.front().empty())
        text += next_hint(task, all, done, choice.settled.back().due, today);
    return say(event, text);
}

int completion_year(const Completion& completion, const std::vector<Occurrence>& all) {
    for (const Occurrence& occurrence : all)
        if (occurrence.id == completion.id) return static_cast<int>(occurrence.due.year());
    std::string_view key = completion.id.key;  // "2026-3", "+2026-05-12": the plan changed since
    if (!key.empty() && key.front() == '+') key.remove_prefix(1);
    return as_number(key.substr(0, 4)).value_or(0);
}

Outcome undo_command(const Event& event, const Context& context, const Command& command) {
    auto target = read_target(context, command, kAngreUsage);
    if (!target) return say(event, target.error());
    const State& state = *context.state;
    const Task& task = target->task;
    const std::vector<Occurrence> all = all_occurrences(context.plan, task, state.deadline_edits(task.number));
    std::vector<Completion> list = state.completions(task.number);
    std::erase_if(list, [&](const Completion& c) {
        return (target->unit && c.id.unit != *target->unit) || (target->year && completion_year(c, all) != *target->year);
    });
    const std::string in_year = target->year ? " i " + std::to_string(*target->year) : "";
    if (list.empty())
        return say(event, "Nr. " + std::to_string(task.number) + " " + task.title + " er ikke meldt ferdig" + in_year +
                              ", så det er ingenting å angre.");
    auto by_time = [](const Completion& a, const Completion& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); };
    const Completion latest = *std::ranges::max_element(list, by_time);
    const bool admin = is_admin(event, context);
    std::erase_if(list, [&](const Completion& c) {
        return !admin && (c.by.platform != event.platform || c.by.user_id != event.user_id);
    });
    if (list.empty())
        return say(event, "Det var ikke du som meldte " + task_name(task) + " ferdig (det gjorde " +
                              done_by(context, latest) + "), så bare de eller en admin kan angre det.");
    const Completion chosen = *std::ranges::max_element(list, by_time);
    auto found = std::ranges::find(all, chosen.id, &Occurrence::id);
    const Occurrence occurrence =
        found != all.end() ? *found : Occurrence{chosen.id, local_day(context, chosen.at), false};
    const std::string name = occurrence_name(context.plan, task, occurrence);
    if (!admin && context.now - chosen.at > kUndoWindow)
        return say(event, "Du meldte " + lower_first(name) + " ferdig " + long_day(local_day(context, chosen.at)) +
                              ", og det er mer enn 7 dager siden. Nå kan bare en admin angre det.");
    Outcome outcome;
    outcome.changes.push_back({Reopen{chosen.id}, name + " åpnet igjen (var meldt ferdig av " +
                                                      display_name(chosen.by) + " " +
                                                      short_date(local_day(context, chosen.at)) + ")"});
    std::string reply = "↩️ " + name + " er åpen igjen.";
    if (chosen.by.platform != event.platform || chosen.by.user_id != event.user_id)
        reply += " Den var meldt ferdig av " + done_by(context, chosen) + ".";
    outcome.replies.push_back({event.chat_id, std::move(reply), event.thread_id});
    return outcome;
}

// ---- admins: /frist, /ny, /ansvar ----------------------------------------------

// "Nr. 3 …: frist flyttet fra 31.12.2027 til 1.6.2027" per moved occurrence.
Outcome move_nearest(const Event& event, const Context& context, const Task& task, year_month_day day,
                     const std::vector<std::string>& units) {
    const State& state = *context.state;
    const std::vector<Occurrence> all = all_occurrences(context.plan, task, state.deadline_edits(task.number));
    const DoneSet done(state.completions(task.number));
    std::vector<Occurrence> moving;
    bool any_open = false;
    for (const std::string& unit : units) {
        const Occurrence* nearest = nullptr;
        for (const Occurrence& occurrence : all)
            if (occurrence.id.unit == unit && !done.find(occurrence.id) &&
                (!nearest || std::abs(days_between(occurrence.due, day)) < std::abs(days_between(nearest->due, day))))
                nearest = &occurrence;
        any_open = any_open || nearest;
        if (nearest && nearest->due != day) moving.push_back(*nearest);
    }
    const std::string name = "Nr. " + std::to_string(task.number) + " " + task.title;
    if (!any_open) return say(event, "Alle fristene for " + task_name(task) + " er meldt ferdig, så det er ingen å flytte.");
    if (moving.empty()) return say(event, name + " har allerede frist " + long_day(day) + ".");
    Outcome outcome;
    for (const Occurrence& occurrence : moving)
        outcome.changes.push_back({SetDeadline{{occurrence.id, day}},
                                   occurrence_name(context.plan, task, occurrence) + ": frist flyttet fra " +
                                       short_date(occurrence.due) + " til " + short_date(day)});
    std::string reply;
    if (moving.size() == 1) {
        reply = "📅 " + occurrence_name(context.plan, task, moving.front()) + ": fristen er flyttet fra " +
                long_day(moving.front().due) + " til " + long_day(day) + ".";
    } else {
        const bool same = std::ranges::all_of(moving, [&](const Occurrence& o) { return o.due == moving.front().due; });
        reply = "📅 " + name + ": fristen er flyttet til " + long_day(day) + " for " + std::to_string(moving.size()) +
                " " + units_word(task.per, moving.size()) + (same ? " (var " + long_day(moving.front().due) + ")" : "") +
                ".";
    }
    outcome.replies.push_back({event.chat_id, std::move(reply), event.thread_id});
    return outcome;
}

// admin_dates and ongoing tiltak: the date is an occurrence of its own.
Outcome add_dates(const Event& event, const Context& context, const Task& task, year_month_day day,
                  const std::vector<std::string>& units) {
    const std::string key = "+" + std::string(date::format("%F", date::sys_days(day)));
    const std::vector<DeadlineEdit> existing = context.state->deadline_edits(task.number);
    const std::string name = "Nr. " + std::to_string(task.number) + " " + task.title;
    Outcome outcome;
    for (const std::string& unit : units) {
        const OccurrenceId id{task.number, unit, key};
        if (std::ranges::any_of(existing, [&](const DeadlineEdit& e) { return e.id == id; })) continue;
        const std::string where = unit.empty() ? "" : " (" + unit_name(context.plan, task.per, unit) + ")";
        outcome.changes.push_back({SetDeadline{{id, day}}, name + where + ": ny frist " + short_date(day)});
    }
    if (outcome.changes.empty()) return say(event, name + " har allerede en frist " + long_day(day) + ".");
    std::string reply = "📅 " + name + ": ny frist " + long_day(day);
    if (outcome.changes.size() > 1)
        reply += " for " + std::to_string(outcome.changes.size()) + " " + units_word(task.per, outcome.changes.size());
    outcome.replies.push_back({event.chat_id, reply + ".", event.thread_id});
    return outcome;
}

Outcome move_added(const Event& event, const Context& context, const Task& task, year_month_day day) {
    const std::vector<Occurrence> current =
        all_occurrences(context.plan, task, context.state->deadline_edits(task.number));
    const std::string name = "Nr. " + std::to_string(task.number) + " " + task.title;
    const year_month_day from = current.empty() ? *task.added_date : current.front().due;
    if (from == day) return say(event, name + " har allerede frist " + long_day(day) + ".");
    Outcome outcome;
    outcome.changes.push_back({SetDeadline{{{task.number, "", ""}, day}},
                               name + ": frist flyttet fra " + short_date(from) + " til " + short_date(day)});
    outcome.replies.push_back({event.chat_id,
                               "📅 " + name + ": fristen er flyttet fra " + long_day(from) + " til " + long_day(day) + ".",
                               event.thread_id});
    return outcome;
}

Outcome deadline_command(const Event& event, const Context& context, const Command& command) {
    if (!is_admin(event, context)) return say(event, "Beklager, bare en admin kan sette eller flytte frister.");
    const std::vector<std::string>& args = command.args;
    size_t at = 0;
    std::optional<int> number = task_number(args, at);
    if (!number || at >= args.size()) return say(event, std::string(kFristUsage));
    std::optional<Task> task = find_task(context.plan, *context.state, *number);
    if (!task) return say(event, unknown_task(context.plan, *number));
    auto read = read_date(std::vector<std::string>(args.begin() + static_cast<long>(at), args.end()),
                          local_today(context));
    if (!read) return say(event, read.error());
    if (!in_plan(context.plan, read->date))
        return say(event, long_day(read->date) + " er utenfor planperioden " + plan_period(context.plan) +
                              ". Velg en dato i " + plan_period(context.plan) + ".");
    size_t next = at + read->tokens;
    std::vector<std::string> units = task_units(context.plan, *task);
    if (next < args.size() && task->per != Scope::none) {
        const FoldedArgs folded = fold_args(args, next);
        auto unit = read_unit(context.plan, task->per, folded.words);
        if (!unit)
            return say(event, "Jeg kjenner ikke " + quoted(join_from(args, next)) +
                                  " som " + units_word(task->per, 1) + " for " + task_name(*task) + ".");
        units = {unit->first};
        next = folded.next_arg(unit->second);
    }
    if (next < args.size())
        return say(event, "Jeg skjønte ikke " +
                              quoted(join_from(args, next)) + " etter datoen. " +
                              std::string(kFristUsage));
    if (!task->tiltak) return move_added(event, context, *task, read->date);
    if (has_own_dates(*task)) return add_dates(event, context, *task, read->date, units);
    return move_nearest(event, context, *task, read->date, units);
}

Outcome new_task_command(const Event& event, const Context& context, const Command& command) {
    if (!is_admin(event, context)) return say(event, "Beklager, bare en admin kan legge til oppgaver.");
    const std::vector<std::string>& args = command.args;
    if (args.empty()) return say(event, std::string(kNyUsage));
    const FoldedArgs folded = fold_args(args, 0);
    std::optional<RoleRead> role = read_role(context.plan, folded.words);
    if (!role) return say(event, unknown_role(context.plan, args.front()));
    const size_t at = folded.next_arg(role->words);
    if (at >= args.size()) return say(event, "Jeg mangler dato og tekst. " + std::string(kNyUsage));
    auto read = read_date(std::vector<std::string>(args.begin() + static_cast<long>(at), args.end()),
                          local_today(context));
    if (!read) return say(event, read.error());
    if (!in_plan(context.plan, read->date))
        return say(event, long_day(read->date) + " er utenfor planperioden " + plan_period(context.plan) +
                              ". Velg en dato i " + plan_period(context.plan) + ".");
    std::string title = text_after(command.rest, at + read->tokens);
    // A title is one line in every listing.
    std::ranges::replace_if(title, [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    if (title.empty())
        return say(event,
                   "Hva skal gjøres? Skriv teksten etter datoen, for eksempel «/ny kasserer 1.6.2027 Bestille lokale».");
    if (title.size() > kMaxTaskTitle)
        return say(event, "Teksten er for lang (" + std::to_string(title.size()) + " tegn). Den kan være høyst " +
                              std::to_string(kMaxTaskTitle) + " tegn. Ingenting er lagt til.");
    const int number = context.state->next_added_task_number();
    const std::string label = role_label(context.plan, role->role);
    Outcome outcome;
    outcome.changes.push_back({AddTask{{number, role->role, title, read->date}},
                               "Ny oppgave nr. " + std::to_string(number) + " for " + label + " (frist " +
                                   short_date(read->date) + "): " + title});
    outcome.replies.push_back({event.chat_id,
                               "➕ Ny oppgave nr. " + std::to_string(number) + ": " + title + "\nFrist " +
                                   long_day(read->date) + ", ansvar: " + label + ".\nMeld den ferdig med «/ferdig " +
                                   std::to_string(number) + "».",
                               event.thread_id});
    return outcome;
}

Outcome responsible_command(const Event& event, const Context& context, const Command& command) {
    if (!is_admin(event, context)) return say(event, "Beklager, bare en admin kan endre hvem som har ansvar.");
    const std::vector<std::string>& args = command.args;
    size_t at = 0;
    std::optional<int> number = task_number(args, at);
    if (!number || at >= args.size()) return say(event, std::string(kAnsvarUsage));
    std::optional<Task> task = find_task(context.plan, *context.state, *number);
    if (!task) return say(event, unknown_task(context.plan, *number));
    if (!task->tiltak)
        return say(event, "Nr. " + std::to_string(task->number) + " er lagt til med /ny og har " +
                              role_label(context.plan, task->roles.front()) +
                              " som ansvarlig. /ansvar gjelder planens tiltak.");
    const FoldedArgs folded = fold_args(args, at);
    std::optional<RoleRead> role = read_role(context.plan, folded.words);
    const std::string typed = join_from(args, at);
    if (!role || role->words < folded.words.size()) return say(event, unknown_role(context.plan, typed));
    const std::string label = role_label(context.plan, role->role);
    if (!task->ansvarlig_missing && std::ranges::find(task->roles, role->role) != task->roles.end())
        return say(event, label + " har allerede ansvar for " + task_name(*task) + ".");
    Outcome outcome;
    outcome.changes.push_back({AssignResponsible{{task->number, role->role}},
                               "Nr. " + std::to_string(task->number) + " " + task->title + ": ansvar gitt til " + label});
    std::string reply = "👍 " + label + " har nå ansvar for " + task_name(*task) + ".";
    if (task->ansvarlig_missing)
        reply += " " + role_label(context.plan, {std::string(kFallbackRole), ""}) + " står ikke lenger inne for den.";
    outcome.replies.push_back({event.chat_id, std::move(reply), event.thread_id});
    return outcome;
}

// ---- natural questions --------------------------------------------------------

bool is_question_word(std::string_view w) {
    return is_one_of(w, {"hva", "kva", "ka", "hvilke", "hvilken", "hvilket", "kvilke", "kolles", "vis"});
}
bool is_me(std::string_view w) {
    return is_one_of(w, {"jeg", "eg", "ae", "je", "jae", "meg", "mine", "mi", "mitt", "min", "mae"});
}
bool is_task_word(std::string_view w) {
    return is_one_of(w, {"oppgaver", "oppgavene", "oppgave", "oppgaven", "oppgavane", "oppgava", "gjoremal"});
}
bool is_deadline_word(std::string_view w) {
    return is_one_of(w, {"frist", "frister", "fristen", "fristene", "fristar", "fristane", "deadline", "deadlines"});
}
bool is_doing(std::string_view w) {
    return w.starts_with("ansvar") || is_task_word(w) ||
           is_one_of(w, {"gjore", "gjor", "gjere", "gjer", "gjora", "gjoere", "ordne", "fikse"});
}
// Words a task question may have besides its question word, person or role, and doing words.
bool is_task_filler(std::string_view w) {
    return is_one_of(w, {"har", "ma", "mo", "skal", "ska", "bor", "burde", "er", "e", "for", "na", "no", "egentlig",
                         "da", "sa", "i", "dag", "til", "a", "det", "som", "liksom", "vel", "nokka", "noe", "noko",
                         "planbot", "hei", "hallo", "pa", "lista", "listen", "ligger"});
}

// "hva har jeg ansvar for", "hva skal jeg gjøre", "mine oppgaver", "hvilke frister har jeg".
bool asks_for_own_tasks(const std::vector<std::string>& w) {
    const bool me = std::ranges::any_of(w, [](const std::string& x) { return is_me(x); });
    const bool doing =
        std::ranges::any_of(w, [](const std::string& x) { return is_doing(x) || is_deadline_word(x); });
    const bool only_known = std::ranges::all_of(w, [](const std::string& x) {
        return is_question_word(x) || is_me(x) || is_doing(x) || is_deadline_word(x) || is_task_filler(x);
    });
    return me && doing && only_known && (is_question_word(w.front()) || is_me(w.front()) || is_task_word(w.front()));
}

// "hva må kassereren gjøre", "hva har kasserer ansvar for", "hvilke oppgaver har styret".
std::optional<RoleRead> asks_for_role_tasks(const Context& context, const std::vector<std::string>& w,
                                            size_t& role_at) {
    if (w.empty() || !is_question_word(w.front())) return std::nullopt;
    for (size_t at = 1; at < w.size() && at <= 3; ++at) {
        const std::string& before = w[at - 1];
        if (at > 1 && !is_task_filler(before) && !is_task_word(before) && !is_deadline_word(before)) break;
        std::optional<RoleRead> read =
            read_role(context.plan, std::vector<std::string>(w.begin() + static_cast<long>(at), w.end()));
        if (!read) continue;
        std::vector<std::string> after(w.begin() + static_cast<long>(at + read->words), w.end());
        std::vector<std::string> before_words(w.begin(), w.begin() + static_cast<long>(at));
        auto doing = [](const std::string& x) { return is_doing(x) || is_deadline_word(x); };
        const bool asks = std::ranges::any_of(after, doing) || std::ranges::any_of(before_words, doing);
        const bool only_known =
            std::ranges::all_of(after, [&](const std::string& x) { return doing(x) || is_task_filler(x); });
        if (asks && only_known) {
            role_at = at;
            return read;
        }
    }
    return std::nullopt;
}

// "hvilke frister er det i juni", "frister neste uke", "hva er fristene i mai".
std::optional<Outcome> answer_deadline_question(const Event& event, const Context& context,
                                                const std::vector<std::string>& w) {
    if (std::ranges::none_of(w, [](const std::string& x) { return is_deadline_word(x); })) return std::nullopt;
    std::vector<std::string> rest;
    for (const std::string& word : w)
        if (!is_deadline_word(word) && !is_question_word(word) && !is_one_of(word, {"er", "det", "vi", "har", "kommer"}))
            rest.push_back(word);
    const PeriodParse parse = parse_period(rest, local_today(context));
    if (!parse.leftover.empty()) return std::nullopt;  // "når er fristen for partiskatt": not a listing
    if (parse.status == PeriodStatus::none) return deadlines_for(event, context, {}, 1, "/frister");
    return deadlines_for(event, context, rest, 1, "/frister " + join_words(rest));
}

}  // namespace

std::optional<Outcome> handle_work_command(const Event& event, const Context& context, const Command& command) {
    const std::string& name = command.name;
    if (!is_one_of(name, {"oppgaver", "frister", "ferdig", "angre", "frist", "ny", "ansvar"})) return std::nullopt;
    if (context.state == nullptr) return say(event, std::string(kNoDatabase));
    if (name == "oppgaver") return tasks_command(event, context, command.args);
    if (name == "frister") return deadlines_command(event, context, command.args);
    if (name == "ferdig") return confirm_command(event, context, command);
    if (name == "angre") return undo_command(event, context, command);
    if (name == "frist") return deadline_command(event, context, command);
    if (name == "ny") return new_task_command(event, context, command);
    return responsible_command(event, context, command);
}

std::optional<Outcome> answer_work_question(const Event& event, const Context& context,
                                            const std::vector<std::string>& folded_words) {
    const std::vector<std::string>& w = folded_words;
    if (w.empty()) return std::nullopt;
    if (asks_for_own_tasks(w)) {
        if (context.state == nullptr) return say(event, std::string(kNoDatabase));
        return caller_tasks(event, context, 1);
    }
    size_t role_at = 0;
    if (auto role = asks_for_role_tasks(context, w, role_at)) {
        if (context.state == nullptr) return say(event, std::string(kNoDatabase));
        std::vector<std::string> typed(w.begin() + static_cast<long>(role_at),
                                       w.begin() + static_cast<long>(role_at + role->words));
        return role_tasks(event, context, role->role, 1, "/oppgaver " + join_words(typed));
    }
    if (context.state == nullptr) return std::nullopt;
    return answer_deadline_question(event, context, w);
}

}  // namespace planbot::commands
