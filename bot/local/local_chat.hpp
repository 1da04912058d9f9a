// The embedded default chat: questions from a file descriptor (a terminal or a pipe),
// answers to a stream, through the same message pipeline as every platform
// (bot/pipeline/), with the same SQLite state: each line is one transaction (its
// changes, its audit entries and its answers in the outbox, shown from there). The
// local user is an admin: whoever runs the process owns its database.
//
// Reminders are planned by the same Scheduler as on Telegram and shown as they fall
// due, between lines: with --clock-rate a month of them passes in minutes. Every row
// that is due is shown at once, in outbox order (a terminal has no flood limits to
// wait for). The chat ends with its input (end of a pipe, Ctrl-D), after showing what
// is due by then; Ctrl-C ends it at once.
#pragma once

#include <memory>

#include <iosfwd>
#include <string>

#include <date/tz.h>

#include "bot/schedule/clock.hpp"
#include "bot/plan/live_plan.hpp"
#include "commands/language/speller.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

struct LocalChatOptions {
    bool interactive = false;  // show a greeting and a prompt (stdin is a terminal)
    std::string username = "planbot";
    const commands::Speller* speller = nullptr;  // the dictionaries; null: none
};

// Answers each line read from `input_fd` until end of input; returns the process
// exit code. `plans`: /plan last inn reads the plan file again.
int run_local_chat(int input_fd, std::ostream& out, std::shared_ptr<LivePlan> plans, const Clock& clock,
                   const date::time_zone* zone, storage::Database& database, const config::Settings& settings,
                   const LocalChatOptions& options);

}  // namespace planbot::bot
