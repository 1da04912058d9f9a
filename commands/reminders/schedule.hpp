// Private to the reminder planner (planner.cpp, digests.cpp): the calendar
// arithmetic of reminders. A reminder belongs to a "nominal" Oslo day (14 days before a
// deadline, the morning after, …); quiet hours, weekends and days off (public holidays,
// the fellesferie) move it to its send day, and every reminder of a day goes out at the same local minute. Working in days first
// lets the planner tell in a few time-zone conversions whether a window holds any send
// time at all, and which deadlines can have one, before it expands a single task.
// Pure: no clock; the zone comes from the caller.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "commands/language/dates.hpp"  // iso_date, local_day
#include "commands/reminders/planner.hpp"
#include "commands/work/tasks.hpp"
#include "config/settings.hpp"

namespace planbot::commands::detail {

// Inclusive range of Oslo calendar days.
struct DayRange {
    date::year_month_day first;
    date::year_month_day last;
};

date::year_month_day add_days(date::year_month_day day, int days);
int days_from(date::year_month_day from, date::year_month_day to);  // to - from, in days

// A message due more than this before the end of the window it is planned in is late
// (the bot was down, paused, or held it through quiet hours): its text says so.
constexpr std::chrono::seconds kLateAfter = std::chrono::hours(1);
inline bool is_late(std::chrono::sys_seconds due_at, std::chrono::sys_seconds until) {
    return due_at < until - kLateAfter;
}

// Which way a reminder leaves a day off (a public holiday, the fellesferie): one that
// announces a deadline (before, due) goes on the working day before it, so it still
// comes in time; one that nags (overdue, escalation) on the working day after.
enum class Shift { earlier, later };
Shift shift_of(ReminderKind kind);

// When reminders and digests of `settings` go out, in `zone`.
class ReminderClock {
public:
    ReminderClock(const config::ReminderSettings& settings, const date::time_zone* zone);

    date::year_month_day local_day(std::chrono::sys_seconds at) const;
    // A public holiday or a day of the fellesferie (settings): nothing is sent then.
    bool day_off(date::year_month_day day) const;
    // Whether reminders may go out at `at`: outside quiet hours, not on a day off and,
    // with weekends off, not on a Saturday or Sunday. Every send_at() instant of a
    // send_day() is allowed.
    bool allowed(std::chrono::sys_seconds at) const;
    // The day a reminder planned for `nominal` goes out: quiet hours may push it to the
    // next morning, and with weekends off Saturday and Sunday wait for Monday (both as
    // before days off were known); a day off then moves it as `shift` says, to the
    // nearest working day (not a Saturday or Sunday, whatever the weekends setting).
    date::year_month_day send_day(date::year_month_day nominal, Shift shift = Shift::later) const;
    // The instant of the reminders (digests) sent on `day`; a local time that does not
    // exist (the spring-forward hour) is read as the first instant after the gap.
    std::chrono::sys_seconds send_at(date::year_month_day day) const;
    std::chrono::sys_seconds digest_at(date::year_month_day day) const;

    // The days whose reminder (digest) instant lies in (after, until]; nullopt when none.
    std::optional<DayRange> send_days(std::chrono::sys_seconds after, std::chrono::sys_seconds until) const;
    std::optional<DayRange> digest_days(std::chrono::sys_seconds after, std::chrono::sys_seconds until) const;
    // The nominal days whose reminders, moved either way, can be sent on the days of
    // `sent`; nullopt when none (a Saturday with weekends off, a holiday). A day inside
    // the range may still send elsewhere: callers check send_day() of each reminder.
    std::optional<DayRange> nominal_days(DayRange sent) const;

private:
    std::chrono::sys_seconds at_minute(date::year_month_day day, int minute) const;
    std::optional<DayRange> days_at(int minute, std::chrono::sys_seconds after, std::chrono::sys_seconds until) const;

    const date::time_zone* zone_;
    int quiet_from_ = 0;   // quiet hours [from, until) in minutes after midnight; equal: none
    int quiet_until_ = 0;
    int minute_ = 0;     // the send minute after quiet hours
    int shift_ = 0;      // 1 when quiet hours move the send minute to the next morning
    bool weekends_ = true;
    int digest_minute_ = 0;
    int ferie_first_ = 0, ferie_last_ = 0;  // ISO weeks; 0: no fellesferie
    int longest_move_ = 0;  // days a reminder can move off days off, at most
};

// A task's reminder rules, resolved from the settings.
struct ReminderRules {
    std::vector<int> days_before;  // descending, distinct, >= 0
    int overdue_first = 1;
    int overdue_repeat = 7;
    int escalate = 14;             // 0: never
    bool overdue = true;           // false for weekly tasks: next week's occurrence takes over
};

// days_before: the task's own entry, else the first of its roles that has one, else
// the default. A weekly task keeps only reminders less than a week ahead (the earlier
// ones would fall in the previous week) and gets no overdue or escalation reminders.
ReminderRules rules_for(const config::ReminderSettings& settings, const Task& task);

// One reminder of a deadline: its kind, the days before or after, its nominal day.
struct ReminderPick {
    ReminderKind kind = ReminderKind::before;
    int days = 0;
    date::year_month_day nominal;
};

// The latest task reminder (before, due, overdue) of a deadline on `due` whose nominal
// day lies in `range` and which `clock` sends on a day of `sent` (the latest send day
// wins, then the latest nominal day); overdue reminders stop after `overdue_end`.
std::optional<ReminderPick> latest_pick(const ReminderRules& rules, date::year_month_day due, DayRange range,
                                        DayRange sent, date::year_month_day overdue_end, const ReminderClock& clock);
// The escalation of a deadline, when its nominal day lies in `range` and it is sent on a day of `sent`.
std::optional<ReminderPick> escalation_pick(const ReminderRules& rules, date::year_month_day due, DayRange range,
                                            DayRange sent, const ReminderClock& clock);
// Every reminder of a deadline (escalation included), by nominal day.
std::vector<ReminderPick> all_picks(const ReminderRules& rules, date::year_month_day due,
                                    date::year_month_day overdue_end);

// "before14", "due0", "overdue8", "escalation14": the rule part of a reminder's key.
std::string rule_name(const ReminderPick& pick);

}  // namespace planbot::commands::detail
