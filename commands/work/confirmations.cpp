// /ferdig and /angre: confirming an occurrence of a task (and posting it to the
// responsible roles' channels) and taking a confirmation back. /ferdig picks an
// occurrence the way /oppgaver lists them (standing_of: overdue since tracking started,
// then the current one), so a second /ferdig answers "already done" instead of quietly
// confirming next quarter. A year or period (occurrence_selector.hpp) picks the earliest
// open one in it. Comments are stored and echoed as typed, within kMaxComment.
#include <chrono>
#include <expected>
#include <iterator>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/occurrence_selector.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

using config::RoleRef;
using config::Scope;
using date::year_month_day;

namespace {

constexpr std::chrono::hours kUndoWindow{24 * 7};

constexpr std::string_view kFerdigUsage =
    "Skriv nummeret på oppgaven, for eksempel «/ferdig 9» eller «/ferdig 9 betalt inn». Velg en bestemt frist med år, "
    "måned, uke, kvartal eller enhet: «/ferdig 16 2027», «/ferdig 42 uke 50», «/ferdig 9 2. kvartal 2027», "
    "«/ferdig 3 Innherred». Numrene står i /oppgaver.";
constexpr std::string_view kAngreUsage =
    "Skriv nummeret på oppgaven du vil angre, for eksempel «/angre 9» (eller «/angre 9 2026»).";

std::string first_name(const Person& person) {
    const std::string& name = person.name;
    return name.substr(0, name.find(' '));
}

// "<nr> [år | periode] [enhet]" at the start of a command's args.
struct Target {
    Task task;
    std::optional<OccurrenceSelector> selector;
    std::optional<std::string> unit;
    size_t next_arg = 0;  // the first arg after the number and selectors
};

// The error is the reply.
std::expected<Target, std::string> read_target(const Context& context, const Command& command,
                                               std::string_view usage) {
    size_t at = 0;
    std::optional<int> number = task_number(command.args, at);
    if (!number) return std::unexpected(std::string(usage));
    std::optional<Task> task = find_task(context.plan, *context.state, *number);
    if (!task) return std::unexpected(unknown_task(context.plan, *number));
    Target target{std::move(*task), std::nullopt, std::nullopt, at};
    // A year or period and a unit, in either order; anything else starts the comment.
    for (int round = 0; round < 2 && target.next_arg < command.args.size(); ++round) {
        const FoldedArgs folded = fold_args(command.args, target.next_arg);
        if (!target.selector)
            if (auto read = read_selector(context.plan, folded.words)) {
                target.selector = std::move(read->selector);
                target.next_arg = folded.next_arg(read->words);
                continue;
            }
        if (!target.unit && target.task.per != Scope::none)
            if (auto unit = read_unit(context.plan, target.task.per, folded.words)) {
                target.unit = unit->first;
                target.next_arg = folded.next_arg(unit->second);
                continue;
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

void consider(Choice& choice, const Occurrence& occurrence, bool is_done) {
    if (is_done) choice.settled.push_back(occurrence);
    else if (!choice.open || occurrence.due < choice.open->due) choice.open = occurrence;
}

// Without a selector, per unit, what /oppgaver lists (standing_of): the open overdue
// occurrences and the current one, done or not; a unit whose current one is past the
// plan counts its latest done overdue one. The earliest open one wins.
Choice choose_listed(const std::vector<Occurrence>& all, const std::vector<std::string>& units, const DoneSet& done,
                     year_month_day since, year_month_day today, bool weekly) {
    Choice choice;
    for (const std::string& unit : units) {
        std::optional<Occurrence> last_done;
        bool current_seen = false;
        for (const Occurrence& occurrence : all) {
            if (occurrence.id.unit != unit) continue;
            const bool is_done = done.find(occurrence.id) != nullptr;
            const Standing standing = standing_of(occurrence, weekly, since, today);
            if (standing == Standing::history) continue;
            current_seen = standing == Standing::current;
            if (current_seen || !is_done) consider(choice, occurrence, is_done);
            else last_done = occurrence;
            if (current_seen) break;
        }
        if (!current_seen && last_done) choice.settled.push_back(*last_done);
    }
    std::ranges::stable_sort(choice.settled, {}, &Occurrence::due);
    return choice;
}

// With a selector: its occurrences in the units, from tracking start on when it reaches
// that far (a year or period wholly before it is history, named on purpose). A month,
// week or quarter without a year is one instance of it, counted like /oppgaver: the
// open ones of instances gone by, then the next instance not yet over, done or not, so
// a second "/ferdig 42 uke 50" says it is done instead of confirming next year's.
Choice choose_selected(const Task& task, const std::vector<Occurrence>& all, const std::vector<std::string>& units,
                       const DoneSet& done, const OccurrenceSelector& selector, year_month_day since,
                       year_month_day today) {
    std::vector<Occurrence> selected;
    for (const Occurrence& occurrence : all)
        if (std::ranges::find(units, occurrence.id.unit) != units.end() && selects(selector, task, occurrence))
            selected.push_back(occurrence);
    if (std::ranges::any_of(selected, [&](const Occurrence& o) { return o.due >= since; }))
        std::erase_if(selected, [&](const Occurrence& o) { return o.due < since; });
    if (!selector.year) {
        // The next instance; when all are over, the last one.
        auto next = std::ranges::find_if(selected, [&](const Occurrence& o) { return o.due >= today; });
        if (next == selected.end() && !selected.empty()) next = std::prev(selected.end());
        const int instance = next == selected.end() ? 0 : instance_year(selector, *next);
        std::erase_if(selected, [&](const Occurrence& o) {
            return instance_year(selector, o) != instance && (o.due >= today || done.find(o.id));
        });
    }
    Choice choice;
    for (const Occurrence& occurrence : selected) consider(choice, occurrence, done.find(occurrence.id) != nullptr);
    return choice;
}

std::string done_by(const Context& context, const Completion& completion) {
    return display_name(completion.by) + " " + long_day(local_day(context.zone, completion.at));
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

// The unit of a per-unit task when /ferdig named none: the sender's own when their roles
// answer for exactly one. Words after the number that come close to a unit's name, and
// any words while the unit is still open, are named back with the closest units (the
// error, which is the reply) rather than taken as a comment on the wrong unit.
std::expected<void, std::string> settle_unit(const Event& event, const Context& context, const Command& command,
                                             Target& target) {
    const Task& task = target.task;
    if (task.per == Scope::none || target.unit) return {};
    const std::vector<RoleRef> held = context.state->roles_of(event.platform, event.user_id);
    const std::vector<std::string> own = allowed_units(context, task, held, false, std::nullopt);
    const FoldedArgs rest = fold_args(command.args, target.next_arg);
    if (!rest.words.empty()) {
        const UnitGuess guess = closest_units(context.plan, task.per, rest.words);
        const bool open =
            own.size() != 1 && allowed_units(context, task, held, is_admin(event, context), std::nullopt).size() > 1;
        if (!guess.units.empty() || open) {
            const auto from = command.args.begin() + static_cast<long>(target.next_arg);
            const auto to =
                command.args.begin() + static_cast<long>(rest.next_arg(guess.units.empty() ? 1 : guess.words));
            return std::unexpected(unknown_unit(context.plan, task.per, join_words({from, to}), guess,
                                                "/ferdig " + std::to_string(task.number)));
        }
    }
    if (own.size() == 1) target.unit = own.front();
    return {};
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
    outcome.replies.push_back(reply_in(event, std::move(reply)));
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

// " Åpne frister: 4. kvartal 2026 (31. desember 2026), …": the first few open occurrences
// of the units from tracking start, what the caller can pick instead.
std::string open_ones(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& all,
                      const std::vector<std::string>& units, const DoneSet& done, year_month_day since) {
    constexpr size_t kNamed = 3;
    std::vector<std::string> names;
    size_t more = 0;
    for (const Occurrence& o : all) {
        if (o.due < since || done.find(o.id) || std::ranges::find(units, o.id.unit) == units.end()) continue;
        if (names.size() < kNamed) names.push_back(occurrence_label(plan, task, o) + " (" + long_day(o.due) + ")");
        else ++more;
    }
    if (names.empty()) return "";
    return " Åpne frister: " + join_list(names, ", ") + (more ? " og " + std::to_string(more) + " til" : "") + ".";
}

std::string no_deadline(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& all,
                        const std::optional<OccurrenceSelector>& selector, const std::string& open) {
    const std::string name = task_heading(task);
    if (all.empty())
        return name + " har ingen frister ennå." +
               (has_own_dates(task) ? " En admin kan legge inn en med «/frist " + std::to_string(task.number) +
                                          " <dato>»."
                                    : "");
    if (selector) {
        std::string text = name + " har ingen frist i " + selector->label;
        if (selector->year && (*selector->year < plan.first_year || *selector->year > plan.last_year))
            text += " (planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) + ")";
        return text + "." + open + " Ingenting er lagret.";
    }
    return name + " har ingen flere frister å melde ferdig. En eldre frist velger du med året, for eksempel «/ferdig " +
           std::to_string(task.number) + " " + std::to_string(static_cast<int>(all.back().due.year())) + "».";
}

int completion_year(const Completion& completion, const std::vector<Occurrence>& all) {
    for (const Occurrence& occurrence : all)
        if (occurrence.id == completion.id) return static_cast<int>(occurrence.due.year());
    std::string_view key = completion.id.key;  // "2026-3", "+2026-05-12": the plan changed since
    if (!key.empty() && key.front() == '+') key.remove_prefix(1);
    return as_number(key.substr(0, 4)).value_or(0);
}


}  // namespace

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
        outcome.replies.push_back(message_to(channel.chat_id, text, channel.thread_id));
    }
}

Outcome confirm_command(const Event& event, const Context& context, const Command& command) {
    auto target = read_target(context, command, kFerdigUsage);
    if (!target) return say(event, target.error());
    if (auto unit = settle_unit(event, context, command, *target); !unit) return say(event, unit.error());
    const std::string comment = text_after(command.rest, target->next_arg);
    if (const size_t length = character_count(comment); length > kMaxComment)
        return say(event, "Kommentaren er for lang (" + std::to_string(length) + " tegn). Den kan være høyst " +
                              std::to_string(kMaxComment) +
                              " tegn. Ingenting er lagret — prøv igjen med en kortere kommentar.");
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
    if (units.size() > 1 && !target->unit) {
        // An admin, or someone holding the role for several units: say which.
        return say(event, task_heading(task) + " gjelder flere " + units_word(task.per, 2) +
                              ". Skriv navnet etter nummeret, for eksempel «/ferdig " + std::to_string(task.number) +
                              " " + unit_name(context.plan, task.per, units.front()) + "».");
    }
    const Choice choice = target->selector ? choose_selected(task, all, units, done, *target->selector, since, today)
                                           : choose_listed(all, units, done, since, today, is_weekly(task));
    if (choice.open) return completed(event, context, task, *choice.open, comment);
    if (choice.settled.empty())
        return say(event, no_deadline(context.plan, task, all, target->selector,
                                      open_ones(context.plan, task, all, units, done, since)));
    std::string text = already_done(context, task, choice, done);
    if (!target->selector && units.size() == 1 && units.front().empty())
        text += next_hint(task, all, done, choice.settled.back().due, today);
    return say(event, text);
}

Outcome undo_command(const Event& event, const Context& context, const Command& command) {
    auto target = read_target(context, command, kAngreUsage);
    if (!target) return say(event, target.error());
    const State& state = *context.state;
    const Task& task = target->task;
    const std::vector<Occurrence> all = all_occurrences(context.plan, task, state.deadline_edits(task.number));
    std::vector<Completion> list = state.completions(task.number);
    auto selected = [&](const Completion& c) {
        const std::optional<OccurrenceSelector>& selector = target->selector;
        if (!selector) return true;
        if (selector->kind == OccurrenceSelector::Kind::year) return completion_year(c, all) == *selector->year;
        auto found = std::ranges::find(all, c.id, &Occurrence::id);
        return found != all.end() && selects(*selector, task, *found);
    };
    std::erase_if(list,
                  [&](const Completion& c) { return (target->unit && c.id.unit != *target->unit) || !selected(c); });
    const std::string in_year = target->selector ? " i " + target->selector->label : "";
    if (list.empty())
        return say(event, task_heading(task) + " er ikke meldt ferdig" + in_year + ", så det er ingenting å angre.");
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
        found != all.end() ? *found : Occurrence{chosen.id, local_day(context.zone, chosen.at), false};
    const std::string name = occurrence_name(context.plan, task, occurrence);
    if (!admin && context.now - chosen.at > kUndoWindow)
        return say(event, "Du meldte " + lower_first(name) + " ferdig " + long_day(local_day(context.zone, chosen.at)) +
                              ", og det er mer enn 7 dager siden. Nå kan bare en admin angre det.");
    Outcome outcome;
    outcome.changes.push_back({Reopen{chosen.id}, name + " åpnet igjen (var meldt ferdig av " +
                                                      display_name(chosen.by) + " " +
                                                      short_date(local_day(context.zone, chosen.at)) + ")"});
    std::string reply = "↩️ " + name + " er åpen igjen.";
    if (chosen.by.platform != event.platform || chosen.by.user_id != event.user_id)
        reply += " Den var meldt ferdig av " + done_by(context, chosen) + ".";
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    return outcome;
}

}  // namespace planbot::commands::detail
