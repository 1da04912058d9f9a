// `planbot plan check FILE`: validates an edited plan file (errors name the file, line
// and column) and prints, in English, what it would change against the plan in force:
// the text planbot last read, kept in its database (storage/plan_record.hpp), so the
// comparison is right even after the file on disk was edited; before planbot's first
// start, the configured plan file. Reads the database only; safe next to a running
// planbot. Then `systemctl reload planbot` (or /plan last inn) puts the file in force.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "commands/work/plan_changes.hpp"
#include "config/settings.hpp"

namespace planbot::bot {

std::string_view plan_usage();

// `args` are the arguments after "plan": "check", "FILE". Returns the exit code: 0 the
// file is valid (changes printed), 1 it is not (the error on `err`), 2 bad arguments.
int run_plan_cli(const std::vector<std::string>& args, const config::Settings& settings, const date::time_zone* zone,
                 std::chrono::sys_seconds now, std::ostream& out, std::ostream& err);

// The changes in English, a line each ("no changes" when there are none).
std::string describe_changes(const commands::PlanChanges& changes);

}  // namespace planbot::bot
