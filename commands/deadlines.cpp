// See deadlines.hpp.
#include "commands/deadlines.hpp"

#include <algorithm>

namespace planbot::commands {

namespace {

using config::ScheduleKind;
using date::year_month_day;

year_month_day end_of_month(int year, int month) {
    return year_month_day(date::year(year) / date::month(static_cast<unsigned>(month)) / date::last);
}

year_month_day make_day(int year, int month, int day) {
    return date::year(year) / date::month(static_cast<unsigned>(month)) / date::day(static_cast<unsigned>(day));
}

bool applies_in(const config::Schedule& schedule, int year) {
    return schedule.years.empty() || std::ranges::find(schedule.years, year) != schedule.years.end();
}

// All deadline dates of one schedule in one year (unsorted).
void dates_in_year(const config::Schedule& schedule, int year, std::vector<year_month_day>& out) {
    if (!applies_in(schedule, year)) return;
    switch (schedule.kind) {
        case ScheduleKind::dates:
            for (const config::CalendarDate& date : schedule.dates)
                if (date.year == year) out.push_back(make_day(date.year, date.month, date.day));
            break;
        case ScheduleKind::yearly:
            for (const config::MonthDay& day : schedule.days) out.push_back(make_day(year, day.month, day.day));
            break;
        case ScheduleKind::months:
            for (int month : schedule.months) out.push_back(end_of_month(year, month));
            break;
        case ScheduleKind::monthly:
            for (int month = 1; month <= 12; ++month) out.push_back(end_of_month(year, month));
            break;
        case ScheduleKind::quarterly:
            for (int month : {3, 6, 9, 12}) out.push_back(end_of_month(year, month));
            break;
        case ScheduleKind::weekly:
        case ScheduleKind::admin_dates:
        case ScheduleKind::ongoing:
            break;
    }
}

}  // namespace

std::vector<Deadline> deadlines_between(const config::Plan& plan, year_month_day first, year_month_day last) {
    std::vector<Deadline> out;
    const int first_year = std::max(static_cast<int>(first.year()), plan.first_year);
    const int last_year = std::min(static_cast<int>(last.year()), plan.last_year);
    std::vector<year_month_day> dates;
    for (const config::Tiltak& tiltak : plan.tiltak)
        for (int year = first_year; year <= last_year; ++year) {
            dates.clear();
            dates_in_year(tiltak.schedule, year, dates);
            for (year_month_day date : dates)
                if (date >= first && date <= last) out.push_back({&tiltak, date});
        }
    std::ranges::sort(out, [](const Deadline& a, const Deadline& b) {
        if (a.date != b.date) return a.date < b.date;
        return a.tiltak->number < b.tiltak->number;
    });
    return out;
}

std::optional<year_month_day> next_deadline(const config::Plan& plan, const config::Tiltak& tiltak,
                                            year_month_day from) {
    std::vector<year_month_day> dates;
    for (int year = std::max(static_cast<int>(from.year()), plan.first_year); year <= plan.last_year; ++year) {
        dates.clear();
        dates_in_year(tiltak.schedule, year, dates);
        std::ranges::sort(dates);
        for (year_month_day date : dates)
            if (date >= from) return date;
    }
    return std::nullopt;
}

std::vector<const config::Tiltak*> weekly_tiltak(const config::Plan& plan) {
    std::vector<const config::Tiltak*> out;
    for (const config::Tiltak& tiltak : plan.tiltak)
        if (tiltak.schedule.kind == ScheduleKind::weekly) out.push_back(&tiltak);
    return out;
}

}  // namespace planbot::commands
