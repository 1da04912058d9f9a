// The embedded default chat: questions from a stream (a terminal or a pipe), answers
// to a stream, through the same commands::handle as every platform.
#pragma once

#include <iosfwd>
#include <string>

#include <date/tz.h>

#include "bot/clock.hpp"
#include "config/plan.hpp"

namespace planbot::bot {

struct LocalChatOptions {
    bool interactive = false;  // show a greeting and a prompt (stdin is a terminal)
    std::string username = "planbot";
};

// Answers each line of `in` until end of input; returns the process exit code.
int run_local_chat(std::istream& in, std::ostream& out, const config::Plan& plan, const Clock& clock,
                   const date::time_zone* zone, const LocalChatOptions& options);

}  // namespace planbot::bot
