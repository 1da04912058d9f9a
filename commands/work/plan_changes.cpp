// See plan_changes.hpp. Occurrences are matched by their id (task, unit, key): the key
// is the plan's month or week, so a deadline moved within its month is "moved", and one
// moved to another month is one "removed" and one "added" — which is also what happens
// to its reminders and confirmations.
#include "commands/work/plan_changes.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

struct Due {
    year_month_day day;
    std::string title;
};

// Every occurrence of the plan's tiltak due from `from` to the plan's end, edits applied.
std::map<OccurrenceId, Due> plan_occurrences(const config::Plan& plan, const State* state, year_month_day from) {
    std::map<OccurrenceId, Due> out;
    if (plan.last_year < plan.first_year) return out;
    const year_month_day last = date::year(plan.last_year) / date::December / 31;
    if (from > last) return out;
    for (const DueTask& due : TaskCalendar(plan, state).plan_tasks_in(from, last))
        for (const Occurrence& occurrence : due.occurrences) out[occurrence.id] = {occurrence.due, due.task.title};
    return out;
}

const config::WheelEvent* find_event(const config::Plan& plan, std::string_view id) {
    auto found = std::ranges::find(plan.wheel, id, &config::WheelEvent::id);
    return found == plan.wheel.end() ? nullptr : &*found;
}

std::vector<int> years_from(const std::vector<int>& years, int first) {
    std::vector<int> out;
    std::ranges::copy_if(years, std::back_inserter(out), [&](int year) { return year >= first; });
    return out;
}

std::vector<WheelChange> wheel_changes(const config::Plan& before, const config::Plan& after, int first_year) {
    std::vector<WheelChange> out;
    auto change_of = [&](const config::WheelEvent* old, const config::WheelEvent* now) {
        WheelChange change;
        change.id = now ? now->id : old->id;
        change.title = now ? now->title : old->title;
        if (old) {
            change.month_before = old->month;
            change.day_before = old->day;
            change.years_before = years_from(old->years, first_year);
        }
        if (now) {
            change.month_after = now->month;
            change.day_after = now->day;
            change.years_after = years_from(now->years, first_year);
        }
        const bool was = !change.years_before.empty(), is = !change.years_after.empty();
        if (!was && !is) return;
        if (was && is && change.month_before == change.month_after && change.day_before == change.day_after &&
            change.years_before == change.years_after)
            return;
        change.kind = !was ? ChangeKind::added : !is ? ChangeKind::removed : ChangeKind::moved;
        out.push_back(std::move(change));
    };
    for (const config::WheelEvent& event : after.wheel) change_of(find_event(before, event.id), &event);
    for (const config::WheelEvent& event : before.wheel)
        if (!find_event(after, event.id)) change_of(&event, nullptr);
    return out;
}

// Occurrences that changed alike (same task, kind and dates) become one change.
std::vector<DeadlineChange> deadline_changes(const std::map<OccurrenceId, Due>& before,
                                             const std::map<OccurrenceId, Due>& after) {
    using Group = std::tuple<int, int, std::optional<year_month_day>, std::optional<year_month_day>>;
    std::map<Group, DeadlineChange> groups;
    auto add = [&](const OccurrenceId& id, const Due* old, const Due* now) {
        if (old && now && old->day == now->day) return;
        const ChangeKind kind = !old ? ChangeKind::added : !now ? ChangeKind::removed : ChangeKind::moved;
        std::optional<year_month_day> from, to;
        if (old) from = old->day;
        if (now) to = now->day;
        DeadlineChange& change = groups[{id.task, static_cast<int>(kind), from, to}];
        if (change.occurrences.empty()) {
            change = {kind, id.task, now ? now->title : old->title, from, to, 0, {}};
        }
        ++change.units;
        change.occurrences.push_back(id);
    };
    for (const auto& [id, due] : after) {
        auto old = before.find(id);
        add(id, old == before.end() ? nullptr : &old->second, &due);
    }
    for (const auto& [id, due] : before)
        if (!after.contains(id)) add(id, &due, nullptr);
    std::vector<DeadlineChange> out;
    for (auto& [group, change] : groups) out.push_back(std::move(change));
    std::ranges::stable_sort(out, [](const DeadlineChange& a, const DeadlineChange& b) {
        auto earliest = [](const DeadlineChange& c) { return c.before ? *c.before : *c.after; };
        return std::pair(a.task, earliest(a)) < std::pair(b.task, earliest(b));
    });
    return out;
}

std::vector<ResponsibleChange> responsible_changes(const config::Plan& before, const config::Plan& after) {
    std::vector<ResponsibleChange> out;
    for (const config::Tiltak& now : after.tiltak) {
        auto old = std::ranges::find(before.tiltak, now.number, &config::Tiltak::number);
        if (old == before.tiltak.end() || old->ansvarlig == now.ansvarlig) continue;
        out.push_back({now.number, now.short_title.empty() ? now.title : now.short_title, old->ansvarlig_text,
                       now.ansvarlig_text, old->ansvarlig});
    }
    return out;
}

// "13. februar" or "februar", for a wheel event's place in the year.
std::string when_text(int month, std::optional<int> day) {
    if (month < 1 || month > 12) return "?";
    if (day) return std::to_string(*day) + ". " + std::string(month_name(month));
    return std::string(month_name(month));
}

std::string years_text(const std::vector<int>& years) {
    std::vector<std::string> texts;
    for (int year : years) texts.push_back(std::to_string(year));
    return detail::join_list(texts);
}

std::string wheel_line(const WheelChange& change) {
    switch (change.kind) {
        case ChangeKind::added:
            return "• Nytt i årshjulet: " + change.title + " (" + when_text(change.month_after, change.day_after) +
                   ", " + years_text(change.years_after) + ")";
        case ChangeKind::removed: return "• Fjernet fra årshjulet: " + change.title;
        case ChangeKind::moved: break;
    }
    std::string line = "• " + change.title + ": ";
    if (change.month_before != change.month_after || change.day_before != change.day_after)
        line += when_text(change.month_before, change.day_before) + " → " +
                when_text(change.month_after, change.day_after);
    if (change.years_before != change.years_after) {
        if (line.back() != ' ') line += ", ";
        line += "år " + years_text(change.years_before) + " → " + years_text(change.years_after);
    }
    return line;
}

std::string deadline_line(const DeadlineChange& change) {
    std::string line = "• Tiltak " + std::to_string(change.task) + " " + change.title + ": ";
    switch (change.kind) {
        case ChangeKind::added: line += "ny frist " + short_date(*change.after); break;
        case ChangeKind::removed: line += "fristen " + short_date(*change.before) + " er borte"; break;
        case ChangeKind::moved:
            line += "frist " + short_date(*change.before) + " → " + short_date(*change.after);
            break;
    }
    if (change.units > 1) line += " (" + std::to_string(change.units) + " enheter)";
    return line;
}

Outcome plan_command(const Event& event, const Context& context, const Command& command) {
    // «last inn», «les inn», «oppdater», «last inn på nytt», «les planen igjen», …
    std::vector<std::string> args;
    for (const std::string& arg : command.args)
        if (std::string word = fold(arg); !is_one_of(word, {"pa", "nytt", "igjen", "planen", "fila", "filen", "pa_nytt"}))
            args.push_back(std::move(word));
    const auto is = [&](std::initializer_list<std::string_view> words) {
        return args.size() == words.size() && std::ranges::equal(args, words);
    };
    if (is({"last", "inn"}) || is({"lastinn"}) || is({"les", "inn"}) || is({"las", "inn"}) || is({"oppdater"}) ||
        is({"last"}) || is({"les"}) || is({"reload"}) || is({"hent", "inn"}) || is({"hent"})) {
        Outcome outcome;
        outcome.reload_plan = true;  // the bot layer reads the file and answers with plan_reload_text
        return outcome;
    }
    const config::Plan& plan = context.plan;
    std::string text = "Planen som gjelder nå: " + plan.name + ", " + std::to_string(plan.wheel.size()) +
                       " hendelser i årshjulet og " + std::to_string(plan.tiltak.size()) + " tiltak.";
    if (!args.empty()) text = "Jeg skjønte ikke «" + detail::join_list(command.args, " ") + "».\n" + text;
    text += "\nHar sekretæren endret planfila? Skriv «/plan last inn», så leser jeg den på nytt og sier hva som "
            "ble endret.";
    return detail::say(event, std::move(text));
}

}  // namespace

PlanChanges compare_plans(const config::Plan& before, const config::Plan& after, const State* state,
                          date::year_month_day from) {
    PlanChanges changes;
    changes.name_before = before.name;
    changes.name_after = after.name;
    changes.wheel = wheel_changes(before, after, static_cast<int>(from.year()));
    changes.deadlines = deadline_changes(plan_occurrences(before, state, from), plan_occurrences(after, state, from));
    changes.responsible = responsible_changes(before, after);
    return changes;
}

std::string plan_reload_text(const PlanReload& reload) {
    if (!reload.loaded)
        return "Jeg kunne ikke lese den nye planfila, så den gamle planen gjelder fortsatt.\nFeilen: " + reload.error +
               "\nRett fila og skriv «/plan last inn» igjen.";
    const PlanChanges& changes = reload.changes;
    std::string text = "Planfila er lest inn på nytt";
    if (changes.name_before != changes.name_after) text += " (" + changes.name_before + " → " + changes.name_after + ")";
    if (changes.empty()) return text + ". Ingen hendelser eller frister er endret.";
    text += ". Dette er endret:";
    for (const WheelChange& change : changes.wheel) text += "\n" + wheel_line(change);
    for (const DeadlineChange& change : changes.deadlines) text += "\n" + deadline_line(change);
    for (const ResponsibleChange& change : changes.responsible)
        text += "\n• Tiltak " + std::to_string(change.task) + " " + change.title + ": ansvarlig «" +
                (change.before.empty() ? std::string("ingen") : change.before) + "» → «" +
                (change.after.empty() ? std::string("ingen") : change.after) + "»";
    if (reload.reminders_cancelled > 0)
        text += "\n" + std::to_string(reload.reminders_cancelled) +
                " påminnelser som ventet på å bli sendt gjaldt gamle frister; de er stoppet, og nye kommer til riktig tid.";
    text += "\nBekreftelser som alt er gitt, står.";
    return text;
}

const std::vector<CommandSpec>& plan_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "plan",
         .aliases = {"planen"},
         .handler = plan_command,
         .needs_state = false,
         .admin_only = true,
         .admin_usage = "/plan last inn",
         .admin_rule = "laste inn planen på nytt"},
    };
    return rows;
}

}  // namespace planbot::commands
