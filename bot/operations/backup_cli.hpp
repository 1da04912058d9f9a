// `planbot backup FILE` and `planbot restore FILE`: a consistent copy of the database
// planbot uses (database.path, --config honoured), taken while it runs; and a copy put
// back in its place while planbot is stopped, after checking it.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"

namespace planbot::bot::operations {

// "backup" and "restore": the words main.cpp hands to run_database_command.
bool is_database_command(std::string_view word);
std::string_view database_command_usage();

// `args` are the arguments after the command other than --config (read with the
// settings). Returns the exit code: 0 done, 1 refused or failed (why on `err`), 2 bad
// arguments.
int run_database_command(std::string_view command, const std::vector<std::string>& args,
                         const config::Settings& settings, std::ostream& out, std::ostream& err);

// Puts the database in `file` in the place of `database`: refused while a planbot runs
// on it (its instance lock, instance_lock.hpp), and unless `file` passes SQLite's
// integrity_check and holds a planbot schema this planbot knows (not newer). The old
// database is kept aside as "<database>.before-restore-<UTC time>" (its -wal too).
// Returns the exit code as above.
int restore_database(const std::filesystem::path& database, const std::filesystem::path& file, std::ostream& out,
                     std::ostream& err);

}  // namespace planbot::bot::operations
