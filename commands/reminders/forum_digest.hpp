// Private to the reminder planner: the forum's Monday digest for members who chose it
// with "/forum demp" — the week's new threads and replies by others, titles and names
// only, in a private message at digest time. A Monday that is a day off (a public
// holiday, the fellesferie) sends it on the next working day, like a nag, covering the
// posts since the digest before. After downtime only the latest one, and only during
// its week. Pure.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "commands/forum/forum.hpp"
#include "commands/reminders/schedule.hpp"
#include "commands/reminders/planner.hpp"

namespace planbot::commands::detail {

// The digests sent on the days of `days` (the planner's window ends at `until`).
void plan_forum_digests(const config::Plan& plan, const State& state, const ReminderClock& clock, DayRange days,
                        std::chrono::sys_seconds until, std::string_view platform,
                        const std::vector<std::string>& config_admins, std::vector<PlannedMessage>& out);

// What one member's digest says about `posts` (the week's, oldest first), or "" when
// there is nothing by others. `first` and `last` name the week.
std::string forum_digest_text(const std::vector<ForumMember>& members, const Person& reader,
                              const std::vector<ForumPost>& posts, date::year_month_day first,
                              date::year_month_day last);

}  // namespace planbot::commands::detail
