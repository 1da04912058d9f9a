// See closing.hpp.
#include "commands/work/closing.hpp"

#include <chrono>
#include <iterator>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

using config::RoleRef;
using config::Scope;
using date::year_month_day;

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

std::string done_by(const Context& context, const Completion& completion) {
    return display_name(completion.by) + " " + long_day(local_day(context.zone, completion.at));
}

namespace {

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
                                             Target& target, std::string_view name) {
    const Task& task = target.task;
    if (task.per == Scope::none || target.unit) return {};
    const std::vector<RoleRef> held = context.state->roles_of(event.platform, event.user_id, local_today(context));
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
                                                "/" + std::string(name) + " " + std::to_string(task.number)));
        }
    }
    if (own.size() == 1) target.unit = own.front();
    return {};
}

std::string already_done(const Context& context, const Task& task, const Choice& choice, const DoneSet& done) {
    const Occurrence& latest = choice.settled.back();
    const Completion* completion = done.find(latest.id);
    const std::string by = completion ? done_by(context, *completion) : "";
    if (choice.settled.size() == 1) {
        const bool skipped = completion && completion->skipped;
        std::string text = occurrence_name(context.plan, task, latest) +
                           (skipped ? " er allerede hoppet over av " : " er allerede meldt ferdig av ") + by + ".";
        if (completion && !completion->comment.empty())
            text += (skipped ? " Begrunnelse: «" : " Kommentar: «") + shortened(completion->comment, kMaxComment) + "».";
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
                        const std::optional<OccurrenceSelector>& selector, const std::string& open,
                        std::string_view command) {
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
    const std::string_view what = command == "ferdig" ? "å melde ferdig" : "å hoppe over";
    return name + " har ingen flere frister " + std::string(what) + ". En eldre frist velger du med året, for " +
           "eksempel «/" + std::string(command) + " " + std::to_string(task.number) + " " + std::to_string(static_cast<int>(all.back().due.year())) + "».";
}

}  // namespace

std::expected<Closing, std::string> choose_to_close(const Event& event, const Context& context,
                                                    const Command& command, const Closer& closer) {
    auto target = read_target(context, command, closer.usage);
    if (!target) return std::unexpected(target.error());
    if (auto unit = settle_unit(event, context, command, *target, closer.command); !unit)
        return std::unexpected(unit.error());
    std::string text = text_after(command.rest, target->next_arg);
    if (const size_t length = character_count(text); length > kMaxComment)
        return std::unexpected(std::string(closer.text) + " er for lang (" + std::to_string(length) +
                               " tegn). Den kan være høyst " + std::to_string(kMaxComment) +
                               " tegn. Ingenting er lagret — prøv igjen med en kortere tekst.");
    const State& state = *context.state;
    const Task& task = target->task;
    const bool admin = is_admin(event, context);
    const year_month_day today = local_today(context);
    const std::vector<std::string> units =
        allowed_units(context, task, state.roles_of(event.platform, event.user_id, today), admin, target->unit);
    if (units.empty())
        return std::unexpected("Beklager, " + task_name(task) + " kan bare " + std::string(closer.refused) + " av " +
                               who_can(context, responsible_for(context.plan, task, target->unit.value_or(""))) + ".");

    const std::vector<Occurrence> all = all_occurrences(context.plan, task, state.deadline_edits(task.number));
    const DoneSet done(state.completions(task.number));
    const year_month_day since = std::max(state.tracking_start(), plan_first(context.plan));
    if (units.size() > 1 && !target->unit) {
        // An admin, or someone holding the role for several units: say which.
        return std::unexpected(task_heading(task) + " gjelder flere " + units_word(task.per, 2) +
                               ". Skriv navnet etter nummeret, for eksempel «/" + std::string(closer.command) + " " +
                               std::to_string(task.number) + " " + unit_name(context.plan, task.per, units.front()) +
                               "».");
    }
    const Choice choice = target->selector ? choose_selected(task, all, units, done, *target->selector, since, today)
                                           : choose_listed(all, units, done, since, today, is_weekly(task));
    if (choice.open) return Closing{task, *choice.open, std::move(text)};
    if (choice.settled.empty())
        return std::unexpected(no_deadline(context.plan, task, all, target->selector,
                                           open_ones(context.plan, task, all, units, done, since), closer.command));
    std::string reply = already_done(context, task, choice, done);
    if (closer.command == "ferdig" && !target->selector && units.size() == 1 && units.front().empty())
        reply += next_hint(task, all, done, choice.settled.back().due, today);
    return std::unexpected(reply);
}

}  // namespace planbot::commands::detail
