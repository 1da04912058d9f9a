// See public_holidays.hpp. Easter comes from holidays.cpp's computus; every movable
// holiday is a fixed number of days from it.
#include "commands/language/public_holidays.hpp"

#include <algorithm>
#include <array>

#include "commands/language/holidays.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

year_month_day plus_days(year_month_day day, int days) { return date::sys_days(day) + date::days(days); }

year_month_day on(int year, unsigned month, unsigned day) {
    return date::year(year) / date::month(month) / date::day(day);
}

// The twelve in a fixed order, the state holidays before Kristi himmelfartsdag, which
// may fall on the same day: of two on one day, the first here is the one named.
std::array<PublicHoliday, 12> holidays_of(int year) {
    const year_month_day easter = easter_sunday(year);
    return {{
        {on(year, 1, 1), "1. nyttårsdag"},
        {plus_days(easter, -3), "skjærtorsdag"},
        {plus_days(easter, -2), "langfredag"},
        {easter, "1. påskedag"},
        {plus_days(easter, 1), "2. påskedag"},
        {on(year, 5, 1), "1. mai"},
        {on(year, 5, 17), "17. mai"},
        {plus_days(easter, 39), "Kristi himmelfartsdag"},
        {plus_days(easter, 49), "1. pinsedag"},
        {plus_days(easter, 50), "2. pinsedag"},
        {on(year, 12, 25), "1. juledag"},
        {on(year, 12, 26), "2. juledag"},
    }};
}

}  // namespace

std::vector<PublicHoliday> public_holidays(int year) {
    const std::array<PublicHoliday, 12> holidays = holidays_of(year);
    std::vector<PublicHoliday> out(holidays.begin(), holidays.end());
    std::ranges::stable_sort(out, {}, &PublicHoliday::day);
    return out;
}

// Asked for every day the reminders plan: no allocation and no sort.
std::optional<PublicHoliday> public_holiday(year_month_day day) {
    for (const PublicHoliday& holiday : holidays_of(static_cast<int>(day.year())))
        if (holiday.day == day) return holiday;
    return std::nullopt;
}

year_month_day iso_week_monday(int year, int week) {
    const date::sys_days jan4(date::year(year) / 1 / 4);
    const date::sys_days week1 = jan4 - (date::weekday(jan4) - date::Monday);
    return week1 + date::weeks(week - 1);
}

std::optional<DaySpan> fellesferie(int year, int first_week, int last_week) {
    if (first_week <= 0 || last_week < first_week) return std::nullopt;
    return DaySpan{iso_week_monday(year, first_week), plus_days(iso_week_monday(year, last_week), 6)};
}

}  // namespace planbot::commands
