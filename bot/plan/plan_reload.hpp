// Reading the plan files again while planbot runs (SIGHUP, /plan last inn): the new
// plans come into force only when they load whole (LivePlan::reload); then, in the
// caller's transaction, the reminders still waiting in the outbox for deadlines the
// new plan moved or removed are cancelled (the planner plans the new dates' reminders
// when their time comes), and the new text is recorded for `planbot plan check`.
// Confirmations are keyed by occurrence and stay as they are.
#pragma once

#include <chrono>

#include <date/tz.h>

#include "bot/plan/live_plan.hpp"
#include "commands/work/plan_changes.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

// Must run inside a storage::Transaction; throws StorageError when a write fails (the
// new plan is then in force, and the caller's rollback keeps the old reminders).
commands::PlanReload reload_plan(LivePlan& plans, storage::Database& database, const date::time_zone* zone,
                                 std::chrono::sys_seconds now);

// Records the text of the plan in force at `now` (at start; reload_plan does it after).
void record_plan_in_force(const LivePlan& plans, storage::Database& database, const date::time_zone* zone,
                          std::chrono::sys_seconds now);

// The plan's calendar year at `now` in `zone`.
int local_year(const date::time_zone* zone, std::chrono::sys_seconds now);

}  // namespace planbot::bot
