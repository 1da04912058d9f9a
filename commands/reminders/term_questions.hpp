// Private to the reminder planner: a week before role terms end (Holding::term_end),
// the question who holds each role next, to whoever gets escalations (the
// fylkessekretær's channels, else the fylkessekretær, else the admins). A term given
// with less than a week left is asked about on the next send day instead (up to the day
// it ends). One message per chat and ending day, keyed "t|<end>|<chat>|<role>" with the
// other roles' keys as also_keys, so the scheduler queues each role's question once and
// a role given later with the same end is still asked about. A role that someone else
// already holds past the end (a successor) is not asked about.
// Pure: reads the holdings through the planner's Recipients.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "commands/reminders/planner.hpp"
#include "commands/reminders/recipients.hpp"
#include "commands/reminders/schedule.hpp"
#include "config/plan.hpp"

namespace planbot::commands::detail {

// How long before a term ends the question is asked.
inline constexpr int kTermQuestionDays = 7;

// The questions sent on the days of `sent` (its nominal days, as the reminders count
// them), in a window ending at `until`. A question planned again on a later day has the
// same keys (the scheduler skips it).
void plan_term_questions(const config::Plan& plan, const ReminderClock& clock, Recipients& recipients, DayRange sent,
                         std::chrono::sys_seconds until, std::string_view platform, std::vector<PlannedMessage>& out);

}  // namespace planbot::commands::detail
