// See deadlines.hpp.
#include "commands/work/deadlines.hpp"

#include <algorithm>

#include "commands/work/tasks.hpp"

namespace planbot::commands {

using config::ScheduleKind;
using date::year_month_day;

std::vector<Deadline> deadlines_between(const config::Plan& plan, year_month_day first, year_month_day last) {
    std::vector<Deadline> out;
    const int first_year = std::max(static_cast<int>(first.year()), plan.first_year);
    const int last_year = std::min(static_cast<int>(last.year()), plan.last_year);
    for (const config::Tiltak& tiltak : plan.tiltak)
        for (int year = first_year; year <= last_year; ++year) {
            for (year_month_day date : scheduled_dates(tiltak.schedule, year))
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
    for (int year = std::max(static_cast<int>(from.year()), plan.first_year); year <= plan.last_year; ++year) {
        for (year_month_day date : scheduled_dates(tiltak.schedule, year))
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
