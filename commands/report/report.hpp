// The year's evaluation for the annual report (årsberetning): each task with its
// occurrences in the year, who confirmed each and when, or open/overdue, grouped by
// the plan's sections. Pure. Used by /rapport and by `planbot report`.
#pragma once

#include <string>

#include <date/tz.h>

#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

enum class ReportFormat {
    chat,      // plain text for a chat reply (split by the adapter)
    markdown,  // for pasting into the annual report
    csv,       // one row per occurrence: section, number, task, unit, due, status, by, at, comment
};

// `today` decides open versus overdue; completion times are shown in `zone` (Europe/Oslo).
std::string year_report(const config::Plan& plan, const State& state, int year, date::year_month_day today,
                        const date::time_zone* zone, ReportFormat format);

}  // namespace planbot::commands
