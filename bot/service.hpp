// planbot as a service: the database, one HTTP(S) server for every platform's webhook
// paths and /healthz, /readyz, /metrics; one scheduler for every platform; and each
// configured platform (Telegram, Slack, or both in one process) with its own
// dispatcher draining its own outbox rows. Runs until SIGTERM or SIGINT, then stops
// accepting, finishes what is in flight and returns 0.
#pragma once

#include <memory>

#include <date/tz.h>

#include "bot/plan/live_plan.hpp"
#include "bot/schedule/clock.hpp"
#include "commands/language/speller.hpp"
#include "config/settings.hpp"

namespace planbot::bot {

// Returns the process exit code: 0 after a clean stop, 2 when start-up fails (the
// database, the certificate, an API URL or the listening address), 3 when a platform
// refuses the bot's credentials. `speller`: the dictionaries questions are read with;
// null: none.
int run_service(const config::Settings& settings, std::shared_ptr<LivePlan> plans, const Clock& clock,
                const date::time_zone* zone, const commands::Speller* speller);

}  // namespace planbot::bot
