// The admins' overview: /logg (the latest audit entries, in Oslo time), /status (this
// year's occurrences per responsible role: done, open, overdue) and /rapport (the
// year report, for admins and the county secretary). Read-only: no StateChanges.
#include <algorithm>
#include <chrono>
#include <expected>
#include <map>
#include <set>

#include "commands/report/overview_commands.hpp"

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"
#include "commands/report/report.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::commands::detail {

namespace {

constexpr int kDefaultLogEntries = 10;
constexpr int kMostLogEntries = 50;

// "5.3. 14:05" on the plan's calendar.
std::string local_stamp(const Context& context, std::chrono::sys_seconds at) {
    const date::local_seconds local = local_time(context.zone, at);
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> time(local - day);
    auto two = [](long value) { return (value < 10 ? "0" : "") + std::to_string(value); };
    return short_day(date::year_month_day(day)) + " " + two(time.hours().count()) + ":" +
           two(time.minutes().count());
}

struct Counts {
    int done = 0;
    int open = 0;
    int overdue = 0;
    int overdue_before = 0;  // of overdue: due in a year before the one asked about
    int first_year_before = 0;  // the earliest such year (0: none)
};

// Counts `year`'s occurrences (from tracking start) per responsible role id, and the
// open ones of earlier years that are overdue: overdue is overdue whichever year the
// deadline was in.
std::map<std::string, Counts> count_by_role(const Context& context, int year, date::year_month_day today) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    std::set<OccurrenceId> done;
    for (const Completion& completion : state.all_completions()) done.insert(completion.id);
    const date::year_month_day since = state.tracking_start();
    const TaskCalendar calendar(plan, state);
    std::map<std::string, Counts> counts;
    // By the year each deadline belongs to, as in the report (week 1 of 2026 starts in
    // December 2025; a moved plan deadline stays in its own year).
    for (int counted = std::max(plan.first_year, static_cast<int>(since.year())); counted <= year; ++counted)
        for (const DueTask& due : calendar.of_year(counted)) {
            // A weekly task's past weeks are not work left (/oppgaver lists none of them).
            const bool weekly = due.task.tiltak && due.task.tiltak->schedule.kind == config::ScheduleKind::weekly;
            if (counted < year && weekly) continue;
            for (const Occurrence& occurrence : due.occurrences) {
                const bool is_done = done.contains(occurrence.id), overdue = occurrence.due < today;
                if (occurrence.due < since || (counted < year && (is_done || !overdue))) continue;
                std::set<std::string> role_ids;
                for (const config::RoleRef& role : responsible_for(plan, due.task, occurrence.id.unit))
                    role_ids.insert(role.role_id);
                for (const std::string& role_id : role_ids) {
                    Counts& c = counts[role_id];
                    if (is_done) {
                        ++c.done;
                    } else if (!overdue) {
                        ++c.open;
                    } else {
                        ++c.overdue;
                        if (counted == year) continue;
                        ++c.overdue_before;
                        if (c.first_year_before == 0) c.first_year_before = counted;
                    }
                }
            }
        }
    return counts;
}

// The year /status is about: this year, or the one asked for; the error is the reply.
std::expected<int, std::string> status_year(const Context& context, const Command& command) {
    const config::Plan& plan = context.plan;
    const int this_year = static_cast<int>(local_today(context).year());
    const std::string example =
        "«/status " + std::to_string(std::clamp(this_year + 1, plan.first_year, plan.last_year)) + "»";
    if (command.args.empty()) return this_year;
    std::optional<int> asked = command.args.size() == 1 ? as_number(command.args[0]) : std::nullopt;
    if (!asked || command.args[0].size() != 4)
        return std::unexpected("Jeg skjønte ikke " + quoted(command.rest) + ". Skriv /status for i år, eller et år i " +
                               "planen, for eksempel " + example + ".");
    return *asked;
}

}  // namespace

Outcome log_command(const Event& event, const Context& context, const Command& command) {
    if (!is_admin(event, context)) return refuse(event, context, "bare en admin kan se loggen.");
    int limit = kDefaultLogEntries;
    if (!command.args.empty()) {
        std::optional<int> asked = as_number(command.args[0]);
        if (!asked || *asked == 0)
            return say(event, "Skriv /logg for de 10 siste hendelsene, eller for eksempel «/logg 20» (høyst " +
                                  std::to_string(kMostLogEntries) + ").");
        limit = std::min(*asked, kMostLogEntries);
    }
    const std::vector<AuditEntry> entries = context.state->audit(limit);
    if (entries.empty()) return say(event, "Loggen er tom ennå.");
    std::string text = entries.size() == 1 ? "Siste hendelse:" : "Siste " + std::to_string(entries.size()) +
                                                                     " hendelser (nyeste først):";
    for (const AuditEntry& entry : entries)
        text += "\n" + local_stamp(context, entry.at) + " " + display_name(entry.actor) + ": " + entry.description;
    return say(event, text);
}

Outcome status_command(const Event& event, const Context& context, const Command& command) {
    if (!is_admin(event, context)) return refuse(event, context, "bare en admin kan se status.");
    const config::Plan& plan = context.plan;
    const date::year_month_day today = local_today(context);
    const std::expected<int, std::string> asked = status_year(context, command);
    if (!asked) return say(event, asked.error());
    const int year = *asked;
    const bool this_year = year == static_cast<int>(today.year());
    if (year < plan.first_year || year > plan.last_year)
        return say(event, "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
                              ", så det er ingen frister " + (this_year ? "i år" : "i " + std::to_string(year)) + ".");
    const date::year_month_day first = std::max(date::year(year) / 1 / 1, context.state->tracking_start());
    std::map<std::string, Counts> counts = count_by_role(context, year, today);

    std::string text = "Status " + std::to_string(year) +
                       (first == date::year(year) / 1 / 1
                            ? ":"
                            : " (fra " + short_day(first) + ", da planbot begynte å følge planen):");
    auto line = [&](const std::string& label, const Counts& c) {
        text += "\n" + label + ": " + std::to_string(c.done) + " ferdig · " + std::to_string(c.open) +
                (c.open == 1 ? " åpen · " : " åpne · ") + std::to_string(c.overdue) + " forsinket";
        if (c.overdue > 0) text += " ⚠️";
        if (c.overdue_before == 0) return;
        // "(2 fra 2026)", "(3 fra 2025–2026)": how many of them are from earlier years.
        const std::string years = c.first_year_before == year - 1 ? std::to_string(year - 1)
                                                                  : std::to_string(c.first_year_before) + "–" +
                                                                        std::to_string(year - 1);
        text += " (" + std::to_string(c.overdue_before) + " fra " + years + ")";
    };
    for (const config::Role& role : plan.roles) {
        auto found = counts.find(role.id);
        if (found == counts.end()) continue;
        line(role.name, found->second);
        counts.erase(found);
    }
    for (const auto& [role_id, c] : counts) line(role_id, c);
    if (text.find('\n') == std::string::npos)
        text += this_year ? "\nIngen frister i år ennå." : "\nIngen frister i " + std::to_string(year) + ".";
    text += "\nDetaljer: /rapport " + std::to_string(year);
    return say(event, text);
}

Outcome report_command(const Event& event, const Context& context, const Command& command) {
    const config::Plan& plan = context.plan;
    const std::vector<config::RoleRef> held = context.state->roles_of(event.platform, event.user_id, local_today(context));
    const std::string& secretary_role = context.plan.special.secretary;
    const bool secretary = !secretary_role.empty() && std::ranges::any_of(held, [&](const config::RoleRef& role) {
        return role.role_id == secretary_role;
    });
    if (!secretary && !is_admin(event, context))
        return refuse(event, context, "bare en admin og fylkessekretæren kan hente årsrapporten.");
    const date::year_month_day today = local_today(context);
    int year = static_cast<int>(today.year());
    if (!command.args.empty()) {
        std::optional<int> asked = command.args.size() == 1 ? as_number(command.args[0]) : std::nullopt;
        if (!asked || *asked < 1000 || *asked > 9999)
            return say(event, "Skriv året du vil ha rapporten for, for eksempel «/rapport " + std::to_string(year) +
                                  "». Uten år får du rapporten for i år.");
        year = *asked;
    }
    if (year < plan.first_year || year > plan.last_year)
        return say(event, "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
                              ". Skriv for eksempel «/rapport " + std::to_string(plan.first_year + 1) + "».");
    return say(event, year_report(plan, *context.state, year, today, context.zone, ReportFormat::chat));
}

}  // namespace planbot::commands::detail

namespace planbot::commands {

using namespace detail;

const std::vector<CommandSpec>& overview_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "logg", .handler = log_command, .admin_usage = "/logg"},
        {.name = "status", .handler = status_command, .admin_usage = "/status [år]"},
        {.name = "rapport", .handler = report_command, .admin_usage = "/rapport 2026"},
    };
    return rows;
}

std::optional<Outcome> handle_overview_command(const Event& event, const Context& context, const Command& command) {
    return run_command(overview_commands(), event, context, command);
}

}  // namespace planbot::commands
