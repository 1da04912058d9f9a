// `planbot report --year 2026 [--format md|csv] [--output FILE]`: the year's
// evaluation (commands/report/report.hpp) from the bot's database, for the annual report.
// Reads the database the running bot uses; never creates one, and changes it only to
// bring an older planbot's schema up to date (as the bot itself would on start).
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "config/plan.hpp"
#include "config/settings.hpp"

namespace planbot::bot {

// The report's usage, for standard error.
std::string_view report_usage();

// `args` are the arguments after "report" other than those every command takes
// (--config, --plan, --now, --clock-rate): "--year", "2026", "--format", "csv", …, as
// typed; a wrong one is answered here, with report_usage().
// Returns the exit code: 0 written, 1 the database or output file failed, 2 bad
// arguments (usage on `err`). `now` decides open versus overdue, in `zone`.
int run_report_cli(const std::vector<std::string>& args, const config::Settings& settings, const config::Plan& plan,
                   const date::time_zone* zone, std::chrono::sys_seconds now, std::ostream& out, std::ostream& err);

}  // namespace planbot::bot
