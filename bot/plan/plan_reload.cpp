// See plan_reload.hpp.
#include "bot/plan/plan_reload.hpp"

#include "bot/log.hpp"
#include "commands/language/dates.hpp"
#include "storage/plan_record.hpp"
#include "storage/reminder_log.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

int local_year(const date::time_zone* zone, std::chrono::sys_seconds now) {
    return static_cast<int>(commands::local_day(zone, now).year());
}

void record_plan_in_force(const LivePlan& plans, storage::Database& database, const date::time_zone* zone,
                          std::chrono::sys_seconds now) {
    const auto in_force = plans.in(local_year(zone, now));
    if (!in_force->text.empty()) storage::PlanRecord(database).set_text_in_force(in_force->text);
}

commands::PlanReload reload_plan(LivePlan& plans, storage::Database& database, const date::time_zone* zone,
                                 std::chrono::sys_seconds now) {
    commands::PlanReload reload;
    const date::year_month_day today = commands::local_day(zone, now);
    const int year = static_cast<int>(today.year());
    auto before = plans.reload(year);
    if (!before) {
        reload.error = before.error();
        log::warn("plan_reload_refused", {{"error", reload.error}});
        return reload;
    }
    reload.loaded = true;
    const auto after = plans.in(year);
    const storage::WorkState state(database);
    reload.changes = commands::compare_plans((*before)->plan, after->plan, &state, today);
    storage::ReminderLog reminders(database);
    for (const commands::DeadlineChange& change : reload.changes.deadlines) {
        if (change.kind == commands::ChangeKind::added) continue;
        for (const commands::OccurrenceId& id : change.occurrences)
            reload.reminders_cancelled += reminders.cancel_pending(id.task, id.unit, id.key, "planen er endret");
    }
    record_plan_in_force(plans, database, zone, now);
    log::info("plan_reloaded", {{"plan", after->plan.name},
                                {"wheel_changes", reload.changes.wheel.size()},
                                {"deadline_changes", reload.changes.deadlines.size()},
                                {"responsible_changes", reload.changes.responsible.size()},
                                {"reminders_cancelled", reload.reminders_cancelled}});
    return reload;
}

}  // namespace planbot::bot
