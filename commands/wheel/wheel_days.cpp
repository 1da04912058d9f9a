// See wheel_days.hpp.
#include "commands/wheel/wheel_days.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"

namespace planbot::commands {

WheelCalendar::WheelCalendar(const config::Plan& plan, const State* state)
    : plan_(plan), dates_(state ? state->wheel_dates() : std::vector<WheelDate>{}) {}

const WheelDate* WheelCalendar::set_date(const config::WheelEvent& event, int year) const {
    for (const WheelDate& date : dates_)
        if (date.event == event.id && date.year == year) return &date;
    return nullptr;
}

std::optional<date::year_month_day> WheelCalendar::day(const config::WheelEvent& event, int year) const {
    if (const WheelDate* set = set_date(event, year)) return set->date;
    if (!event.day) return std::nullopt;
    const date::year_month_day fixed = date::year(year) / date::month(static_cast<unsigned>(event.month)) /
                                       date::day(static_cast<unsigned>(*event.day));
    if (!fixed.ok()) return std::nullopt;
    return fixed;
}

std::vector<WheelCalendar::Entry> WheelCalendar::month(int year, int month) const {
    std::vector<Entry> out;
    for (const config::WheelEvent& event : plan_.wheel)
        for (int wheel_year : event.years) {
            const std::optional<date::year_month_day> on = day(event, wheel_year);
            const bool here = set_date(event, wheel_year)
                                  ? static_cast<int>(on->year()) == year &&
                                        static_cast<unsigned>(on->month()) == static_cast<unsigned>(month)
                                  : wheel_year == year && event.month == month;
            if (here) out.push_back({&event, wheel_year, on});
        }
    return out;
}

std::string wheel_day_line(const config::WheelEvent& event, date::year_month_day day, bool with_year) {
    const std::string date_text = format_day(day, with_year);
    const std::string plain = std::to_string(static_cast<unsigned>(day.day())) + ". " +
                              std::string(month_name(static_cast<int>(static_cast<unsigned>(day.month()))));
    if (fold(event.title) == fold(plain)) return date_text;
    return date_text + ": " + event.title;
}

}  // namespace planbot::commands
