// Turns the tiltak's default schedules into concrete deadline dates. Pure: the
// same plan and range always give the same list. Weekly tasks are left out of the
// dated list (they would fill every week) and are listed by weekly_tiltak().
#pragma once

#include <optional>
#include <vector>

#include <date/date.h>

#include "config/plan.hpp"

namespace planbot::commands {

struct Deadline {
    const config::Tiltak* tiltak = nullptr;
    date::year_month_day date;
};

// Deadlines with first <= date <= last, sorted by date, then tiltak number.
std::vector<Deadline> deadlines_between(const config::Plan& plan, date::year_month_day first,
                                        date::year_month_day last);

// The first deadline of `tiltak` on or after `from`, if the plan has one.
std::optional<date::year_month_day> next_deadline(const config::Plan& plan, const config::Tiltak& tiltak,
                                                  date::year_month_day from);

std::vector<const config::Tiltak*> weekly_tiltak(const config::Plan& plan);

}  // namespace planbot::commands
