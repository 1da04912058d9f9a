// See schedule.hpp.
#include "commands/reminders/schedule.hpp"

#include <algorithm>

#include "commands/language/public_holidays.hpp"

namespace planbot::commands::detail {

using date::year_month_day;
using std::chrono::sys_seconds;

year_month_day add_days(year_month_day day, int days) {
    return year_month_day(date::sys_days(day) + date::days(days));
}

int days_from(year_month_day from, year_month_day to) {
    return static_cast<int>((date::sys_days(to) - date::sys_days(from)).count());
}

Shift shift_of(ReminderKind kind) {
    return kind == ReminderKind::before || kind == ReminderKind::due ? Shift::earlier : Shift::later;
}

ReminderClock::ReminderClock(const config::ReminderSettings& settings, const date::time_zone* zone)
    : zone_(zone), quiet_from_(settings.quiet_from_minute), quiet_until_(settings.quiet_until_minute),
      weekends_(settings.weekends), digest_minute_(settings.digest_minute) {
    if (settings.fellesferie_first_week > 0 && settings.fellesferie_last_week >= settings.fellesferie_first_week) {
        ferie_first_ = settings.fellesferie_first_week;
        ferie_last_ = settings.fellesferie_last_week;
    }
    // The fellesferie with the weekends around it, or a cluster of holidays with the
    // weekends around them (påske: skjærtorsdag to 2. påskedag).
    longest_move_ = std::max(ferie_first_ > 0 ? (ferie_last_ - ferie_first_ + 1) * 7 + 4 : 0, 7) + 1;
    const int from = settings.quiet_from_minute;
    const int until = settings.quiet_until_minute;
    const int send = settings.send_minute;
    // [from, until), wrapping midnight when from > until; equal: no quiet hours.
    const bool quiet = from != until && (from < until ? send >= from && send < until : send >= from || send < until);
    minute_ = quiet ? until : send;
    shift_ = quiet && send >= until ? 1 : 0;
}

year_month_day ReminderClock::local_day(sys_seconds at) const {
    return commands::local_day(zone_, at);
}

bool ReminderClock::day_off(year_month_day day) const {
    if (public_holiday(day)) return true;
    if (ferie_first_ == 0) return false;
    // The ISO week's year may differ from the day's around New Year; the fellesferie is in summer.
    const auto span = fellesferie(static_cast<int>(day.year()), ferie_first_, ferie_last_);
    return span && day >= span->first && day <= span->last;
}

bool ReminderClock::allowed(sys_seconds at) const {
    const date::local_seconds local = local_time(zone_, at);
    const date::local_days day = date::floor<date::days>(local);
    if (day_off(year_month_day(day))) return false;
    const int minute = static_cast<int>(date::floor<std::chrono::minutes>(local - day).count());
    const int from = quiet_from_, until = quiet_until_;
    const bool quiet =
        from != until && (from < until ? minute >= from && minute < until : minute >= from || minute < until);
    if (quiet) return false;
    if (weekends_) return true;
    const date::weekday weekday{day};
    return weekday != date::Saturday && weekday != date::Sunday;
}

year_month_day ReminderClock::send_day(year_month_day nominal, Shift shift) const {
    year_month_day day = add_days(nominal, shift_);
    if (!weekends_) {
        const date::weekday weekday{date::sys_days(day)};
        if (weekday == date::Saturday) day = add_days(day, 2);
        if (weekday == date::Sunday) day = add_days(day, 1);
    }
    if (!day_off(day)) return day;
    // To a working day: never a Saturday or Sunday, even when weekends are not off (a
    // reminder for Monday 17. mai comes on Friday 14. mai, not on Sunday).
    const auto working = [&](year_month_day d) {
        const date::weekday weekday{date::sys_days(d)};
        return !day_off(d) && weekday != date::Saturday && weekday != date::Sunday;
    };
    const int step = shift == Shift::earlier ? -1 : 1;
    for (int moved = 0; moved < longest_move_ && !working(day); ++moved) day = add_days(day, step);
    return day;
}

sys_seconds ReminderClock::at_minute(year_month_day day, int minute) const {
    const date::local_seconds local = date::local_days(day) + std::chrono::minutes(minute);
    return date::floor<std::chrono::seconds>(zone_->to_sys(local, date::choose::earliest));
}

sys_seconds ReminderClock::send_at(year_month_day day) const { return at_minute(day, minute_); }
sys_seconds ReminderClock::digest_at(year_month_day day) const { return at_minute(day, digest_minute_); }

std::optional<DayRange> ReminderClock::days_at(int minute, sys_seconds after, sys_seconds until) const {
    if (until <= after) return std::nullopt;
    year_month_day first = local_day(after);
    if (at_minute(first, minute) <= after) first = add_days(first, 1);
    year_month_day last = local_day(until);
    if (at_minute(last, minute) > until) last = add_days(last, -1);
    if (first > last) return std::nullopt;
    return DayRange{first, last};
}

std::optional<DayRange> ReminderClock::send_days(sys_seconds after, sys_seconds until) const {
    return days_at(minute_, after, until);
}

std::optional<DayRange> ReminderClock::digest_days(sys_seconds after, sys_seconds until) const {
    return days_at(digest_minute_, after, until);
}

std::optional<DayRange> ReminderClock::nominal_days(DayRange sent) const {
    // send_day moves a day forward by at most 3 without days off (a quiet evening, then
    // a weekend), and either way by at most longest_move_ (+3) with them: the bounds are
    // found that far out, narrowed to the days that land in `sent` one way or the other.
    const int reach = longest_move_ + 3;
    const auto lands = [&](year_month_day day) {
        const year_month_day later = send_day(day, Shift::later), earlier = send_day(day, Shift::earlier);
        return (later >= sent.first && later <= sent.last) || (earlier >= sent.first && earlier <= sent.last);
    };
    year_month_day first = add_days(sent.first, -reach);
    year_month_day last = add_days(sent.last, reach);
    while (first <= last && !lands(first)) first = add_days(first, 1);
    while (last >= first && !lands(last)) last = add_days(last, -1);
    if (first > last) return std::nullopt;
    return DayRange{first, last};
}

ReminderRules rules_for(const config::ReminderSettings& settings, const Task& task) {
    ReminderRules rules;
    rules.days_before = settings.days_before;
    if (auto own = settings.days_before_per_task.find(task.number); own != settings.days_before_per_task.end()) {
        rules.days_before = own->second;
    } else {
        for (const config::RoleRef& role : task.roles)
            if (auto found = settings.days_before_per_role.find(role.role_id);
                found != settings.days_before_per_role.end()) {
                rules.days_before = found->second;
                break;
            }
    }
    rules.overdue_first = std::max(1, settings.overdue_first_days);
    rules.overdue_repeat = std::max(1, settings.overdue_repeat_days);
    rules.escalate = std::max(0, settings.escalate_after_days);
    const bool weekly = task.tiltak && task.tiltak->schedule.kind == config::ScheduleKind::weekly;
    std::erase_if(rules.days_before, [&](int days) { return days < 0 || (weekly && days >= 7); });
    std::ranges::sort(rules.days_before, std::greater<>());
    auto repeated = std::ranges::unique(rules.days_before);
    rules.days_before.erase(repeated.begin(), repeated.end());
    if (weekly) {
        rules.overdue = false;
        rules.escalate = 0;
    }
    return rules;
}

namespace {

bool inside(year_month_day day, DayRange range) { return day >= range.first && day <= range.last; }

ReminderPick before_or_due(int days, year_month_day nominal) {
    return {days == 0 ? ReminderKind::due : ReminderKind::before, days, nominal};
}

}  // namespace

std::optional<ReminderPick> latest_pick(const ReminderRules& rules, year_month_day due, DayRange range,
                                        DayRange sent, year_month_day overdue_end, const ReminderClock& clock) {
    std::optional<ReminderPick> latest;
    year_month_day latest_sent{};
    const auto consider = [&](const ReminderPick& pick) {
        const year_month_day day = clock.send_day(pick.nominal, shift_of(pick.kind));
        if (!inside(day, sent)) return;
        if (!latest || day > latest_sent || (day == latest_sent && pick.nominal >= latest->nominal)) {
            latest = pick;
            latest_sent = day;
        }
    };
    for (int days : rules.days_before)
        if (const year_month_day nominal = add_days(due, -days); inside(nominal, range))
            consider(before_or_due(days, nominal));
    if (rules.overdue) {
        const year_month_day last = std::min(range.last, overdue_end);
        // The first overdue reminder on or after range.first, then every overdue_repeat days.
        int days = rules.overdue_first;
        if (const int gap = days_from(add_days(due, days), range.first); gap > 0)
            days += (gap + rules.overdue_repeat - 1) / rules.overdue_repeat * rules.overdue_repeat;
        for (; add_days(due, days) <= last; days += rules.overdue_repeat)
            consider({ReminderKind::overdue, days, add_days(due, days)});
    }
    return latest;
}

std::optional<ReminderPick> escalation_pick(const ReminderRules& rules, year_month_day due, DayRange range,
                                            DayRange sent, const ReminderClock& clock) {
    if (rules.escalate <= 0 || !rules.overdue) return std::nullopt;
    const year_month_day nominal = add_days(due, rules.escalate);
    if (!inside(nominal, range) || !inside(clock.send_day(nominal, Shift::later), sent)) return std::nullopt;
    return ReminderPick{ReminderKind::escalation, rules.escalate, nominal};
}

std::vector<ReminderPick> all_picks(const ReminderRules& rules, year_month_day due, year_month_day overdue_end) {
    std::vector<ReminderPick> out;
    for (int days : rules.days_before) out.push_back(before_or_due(days, add_days(due, -days)));
    if (rules.overdue)
        for (int days = rules.overdue_first; add_days(due, days) <= overdue_end; days += rules.overdue_repeat)
            out.push_back({ReminderKind::overdue, days, add_days(due, days)});
    if (rules.escalate > 0 && rules.overdue && add_days(due, rules.escalate) <= overdue_end)
        out.push_back({ReminderKind::escalation, rules.escalate, add_days(due, rules.escalate)});
    std::ranges::stable_sort(out, {}, &ReminderPick::nominal);
    return out;
}

std::string rule_name(const ReminderPick& pick) {
    const char* kind = "before";
    switch (pick.kind) {
        case ReminderKind::before: kind = "before"; break;
        case ReminderKind::due: kind = "due"; break;
        case ReminderKind::overdue: kind = "overdue"; break;
        case ReminderKind::escalation: kind = "escalation"; break;
        default: kind = "other"; break;
    }
    return kind + std::to_string(pick.days);
}

}  // namespace planbot::commands::detail
