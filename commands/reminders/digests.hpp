// Private to the reminder planner: the wheel digests for the main channel. "Dette skjer
// i <måned>" on the 1st, "Denne uka" on Mondays (skipped when the week is empty), and a
// heads-up the day before a fixed-day event (8. mars, 1. mai, 5. juni, 19. november).
// After downtime only the latest digest of each kind is sent, and only while it is
// still true (this month, this week, before the event). Pure.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "commands/reminders/schedule.hpp"
#include "commands/reminders/planner.hpp"

namespace planbot::commands::detail {

// The digests whose digest instant falls on `days` (all of them in the planner's
// window, which ends at `until`), to every main channel bound on `platform`; nothing
// when none is bound.
void plan_digests(const config::Plan& plan, const State& state, const config::ReminderSettings& settings,
                  const ReminderClock& clock, const date::time_zone* zone, DayRange days,
                  std::chrono::sys_seconds until, std::string_view platform, std::vector<PlannedMessage>& out);

}  // namespace planbot::commands::detail
