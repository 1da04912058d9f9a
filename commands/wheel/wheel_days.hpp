// The wheel as it stands: the plan's events with the days admins set with /dato laid
// over them. An event the plan gives only a month ("Fylkesårsmøte", February) has a day
// once an admin sets one; a set day may also move an event, even to another month.
// Pure: reads State::wheel_dates() once (none without a database).
#pragma once

#include <optional>
#include <vector>

#include <date/date.h>

#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

class WheelCalendar {
public:
    WheelCalendar(const config::Plan& plan, const State* state);

    // The event's day in its wheel year `year` (one of event.years): the day set with
    // /dato, else the plan's fixed day; nullopt when it has only a month.
    std::optional<date::year_month_day> day(const config::WheelEvent& event, int year) const;
    // What /dato stored for the event in `year`, if anything.
    const WheelDate* set_date(const config::WheelEvent& event, int year) const;

    // One event of the wheel in one of its years, with its day when it has one.
    struct Entry {
        const config::WheelEvent* event = nullptr;
        int year = 0;                             // the wheel's year (column)
        std::optional<date::year_month_day> day;  // set or fixed
    };
    // The events held in `month` of `year`: the plan's cell without the events set to a
    // day in another month, and the events set to a day in this one; in file order.
    std::vector<Entry> month(int year, int month) const;

private:
    const config::Plan& plan_;
    std::vector<WheelDate> dates_;  // by event, year
};

// "lørdag 13. februar" for a day; for an event named after its day ("1. mai") only the
// day, else "fredag 5. juni: Trøndelag SVs miljøpris".
std::string wheel_day_line(const config::WheelEvent& event, date::year_month_day day, bool with_year);

}  // namespace planbot::commands
