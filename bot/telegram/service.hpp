// planbot as a Telegram bot: the database, the HTTP(S) server with the webhook and
// /healthz, the outbox dispatcher, and start-up (getMe, then setWebhook with a
// public URL, or deleteWebhook and long polling without one). Runs until SIGTERM
// or SIGINT, then stops accepting, finishes what is in flight and returns 0.
#pragma once

#include <memory>

#include <date/tz.h>

#include "bot/plan/live_plan.hpp"
#include "bot/schedule/clock.hpp"
#include "commands/language/speller.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"

namespace planbot::bot::telegram {

// Returns the process exit code: 0 after a clean stop, 2 when start-up fails
// (the database, the certificate or the listening address). `speller`: the
// dictionaries questions are read with; null: none.
int run_service(const config::Settings& settings, std::shared_ptr<LivePlan> plans, const Clock& clock,
                const date::time_zone* zone, const commands::Speller* speller);

}  // namespace planbot::bot::telegram
