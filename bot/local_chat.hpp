// The embedded default chat: questions from a stream (a terminal or a pipe), answers
// to a stream, through the same commands::handle as every platform, with the same
// SQLite state: each line is one transaction (its changes and its audit entries).
// The local user is an admin: whoever runs the process owns its database.
#pragma once

#include <iosfwd>
#include <string>

#include <date/tz.h>

#include "bot/clock.hpp"
#include "config/plan.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

struct LocalChatOptions {
    bool interactive = false;  // show a greeting and a prompt (stdin is a terminal)
    std::string username = "planbot";
};

// Answers each line of `in` until end of input; returns the process exit code.
int run_local_chat(std::istream& in, std::ostream& out, const config::Plan& plan, const Clock& clock,
                   const date::time_zone* zone, storage::Database& database, const LocalChatOptions& options);

}  // namespace planbot::bot
