// The admins' edits to tasks: /frist (move a deadline, or add a date to a task that
// has its own dates), /ny (a one-off task for a role) and /ansvar (give a tiltak a
// responsible role). Each answers a non-admin with a refusal and changes nothing; a
// /ny title is stored as typed (on one line), within kMaxTaskTitle.
#include <cstdlib>
#include <expected>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

using config::Scope;
using date::year_month_day;

namespace {

constexpr std::string_view kFristUsage =
    "Skriv «/frist <nr> <dato> [enhet]», for eksempel «/frist 7 1.9.2027» eller «/frist 3 1.6.2027 Innherred».";
constexpr std::string_view kNyUsage =
    "Skriv «/ny <rolle> <dato> <tekst>», for eksempel «/ny kasserer 1.6.2027 Bestille lokale til årsmøtet».";
constexpr std::string_view kAnsvarUsage = "Skriv «/ansvar <nr> <rolle>», for eksempel «/ansvar 27 au».";

bool in_plan(const config::Plan& plan, year_month_day day) {
    const int year = static_cast<int>(day.year());
    return year >= plan.first_year && year <= plan.last_year;
}

std::string plan_period(const config::Plan& plan) {
    return std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year);
}

// The date at args[at…], within the plan period. The error is the reply.
std::expected<DateRead, std::string> read_plan_date(const Context& context, const std::vector<std::string>& args,
                                                    size_t at) {
    auto read = read_date(std::vector<std::string>(args.begin() + static_cast<long>(at), args.end()),
                          local_today(context));
    if (!read) return read;
    if (!in_plan(context.plan, read->date))
        return std::unexpected(long_day(read->date) + " er utenfor planperioden " + plan_period(context.plan) +
                               ". Velg en dato i " + plan_period(context.plan) + ".");
    return read;
}

// The task numbered at args[at], which /frist and /ansvar need more words after;
// `at` moves past the number. The error is the reply.
std::expected<Task, std::string> read_task(const Context& context, const std::vector<std::string>& args, size_t& at,
                                           std::string_view usage) {
    std::optional<int> number = task_number(args, at);
    if (!number || at >= args.size()) return std::unexpected(std::string(usage));
    std::optional<Task> task = find_task(context.plan, *context.state, *number);
    if (!task) return std::unexpected(unknown_task(context.plan, *number));
    return std::move(*task);
}

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
    const std::string name = task_heading(task);
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
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    return outcome;
}

// admin_dates and ongoing tiltak: the date is an occurrence of its own.
Outcome add_dates(const Event& event, const Context& context, const Task& task, year_month_day day,
                  const std::vector<std::string>& units) {
    const std::string key = "+" + std::string(date::format("%F", date::sys_days(day)));
    const std::vector<DeadlineEdit> existing = context.state->deadline_edits(task.number);
    const std::string name = task_heading(task);
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
    outcome.replies.push_back(reply_in(event, reply + "."));
    return outcome;
}

Outcome move_added(const Event& event, const Context& context, const Task& task, year_month_day day) {
    const std::vector<Occurrence> current =
        all_occurrences(context.plan, task, context.state->deadline_edits(task.number));
    const std::string name = task_heading(task);
    const year_month_day from = current.empty() ? *task.added_date : current.front().due;
    if (from == day) return say(event, name + " har allerede frist " + long_day(day) + ".");
    Outcome outcome;
    outcome.changes.push_back({SetDeadline{{{task.number, "", ""}, day}},
                               name + ": frist flyttet fra " + short_date(from) + " til " + short_date(day)});
    outcome.replies.push_back(reply_in(event,
                               "📅 " + name + ": fristen er flyttet fra " + long_day(from) + " til " + long_day(day) + "."));
    return outcome;
}

}  // namespace

Outcome deadline_command(const Event& event, const Context& context, const Command& command) {
    const std::vector<std::string>& args = command.args;
    size_t at = 0;
    auto task = read_task(context, args, at, kFristUsage);
    if (!task) return say(event, task.error());
    auto read = read_plan_date(context, args, at);
    if (!read) return say(event, read.error());
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
    const std::vector<std::string>& args = command.args;
    if (args.empty()) return say(event, std::string(kNyUsage));
    const FoldedArgs folded = fold_args(args, 0);
    std::optional<RoleRead> role = read_role(context.plan, folded.words);
    if (!role) return say(event, unknown_role(context.plan, args.front()));
    const size_t at = folded.next_arg(role->words);
    if (at >= args.size()) return say(event, "Jeg mangler dato og tekst. " + std::string(kNyUsage));
    auto read = read_plan_date(context, args, at);
    if (!read) return say(event, read.error());
    std::string title = text_after(command.rest, at + read->tokens);
    // A title is one line in every listing.
    std::ranges::replace_if(title, [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    if (title.empty())
        return say(event,
                   "Hva skal gjøres? Skriv teksten etter datoen, for eksempel «/ny kasserer 1.6.2027 Bestille lokale».");
    if (const size_t length = character_count(title); length > kMaxTaskTitle)
        return say(event, "Teksten er for lang (" + std::to_string(length) + " tegn). Den kan være høyst " +
                              std::to_string(kMaxTaskTitle) + " tegn. Ingenting er lagt til.");
    const int number = context.state->next_added_task_number();
    const std::string label = role_label(context.plan, role->role);
    Outcome outcome;
    outcome.changes.push_back({AddTask{{number, role->role, title, read->date}},
                               "Ny oppgave nr. " + std::to_string(number) + " for " + label + " (frist " +
                                   short_date(read->date) + "): " + title});
    outcome.replies.push_back(reply_in(event,
                               "➕ Ny oppgave nr. " + std::to_string(number) + ": " + title + "\nFrist " +
                                   long_day(read->date) + ", ansvar: " + label + ".\nMeld den ferdig med «/ferdig " +
                                   std::to_string(number) + "»."));
    return outcome;
}

Outcome responsible_command(const Event& event, const Context& context, const Command& command) {
    const std::vector<std::string>& args = command.args;
    size_t at = 0;
    auto task = read_task(context, args, at, kAnsvarUsage);
    if (!task) return say(event, task.error());
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
                               task_heading(*task) + ": ansvar gitt til " + label});
    std::string reply = "👍 " + label + " har nå ansvar for " + task_name(*task) + ".";
    if (task->ansvarlig_missing && !context.plan.special.board.empty())
        reply += " " + role_label(context.plan, {context.plan.special.board, ""}) + " står ikke lenger inne for den.";
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    return outcome;
}

}  // namespace planbot::commands::detail
