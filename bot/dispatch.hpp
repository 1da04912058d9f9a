// Drains the outbox to the platform: in order per chat, within the flood limits,
// obeying 429's retry_after, retrying 5xx and network errors with exponential
// back-off and jitter, and never dropping a message silently. A chat the bot was
// removed from is marked inactive, its pending messages failed (kept, with the
// reason) and the admins told. Runs as one coroutine on the io_context.
//
// Each row goes out with its own Bot API method (telegram::api_request): messages
// with sendMessage, within the per-chat and per-group limits; edits (editMessageText)
// and answers to button presses (answerCallbackQuery) within the total rate only. An
// edit refused as "message is not modified" counts as sent; an answer refused because
// the press is too old fails for good with a warning (the press itself was handled).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <boost/asio.hpp>

#include "bot/clock.hpp"
#include "bot/rate_limiter.hpp"
#include "bot/telegram/bot_api.hpp"
#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

class Dispatcher {
public:
    // `limits`: the platform's flood limits (Telegram's by default; tests pass
    // shorter ones so they need not wait whole seconds between messages).
    Dispatcher(boost::asio::io_context& io, storage::Database& database, const Clock& clock, telegram::BotApi& api,
               std::vector<int64_t> admins, RateLimiter::Limits limits = {});

    void start();
    // New messages are in the outbox: look now rather than at the next timer.
    void notify();
    // Finish the message in flight, then stop.
    void stop();

    // Whether the last exchange with the platform got an answer (for /healthz).
    bool platform_reachable() const { return platform_reachable_; }
    // Another caller (start-up, polling) got an answer from the platform, or none.
    void note_platform_answer(bool answered) { platform_reachable_ = answered; }
    // No message is being sent right now.
    bool idle() const { return !sending_; }

    // Back-off before retry number `attempt` (1-based): 1 s, 2 s, 4 s … capped at
    // 10 minutes, times a random factor in [0.5, 1].
    static std::chrono::seconds backoff(int attempt, double jitter);

private:
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> deliver(const storage::OutboxMessage& message);
    void handle_gone(const storage::OutboxMessage& message, const std::string& reason);

    boost::asio::io_context& io_;
    storage::Database& database_;
    storage::Outbox outbox_;
    storage::Directory directory_;
    const Clock& clock_;
    telegram::BotApi& api_;
    std::vector<int64_t> admins_;
    RateLimiter limiter_;
    boost::asio::steady_timer wake_;   // sleep until the next due message; notify() cuts it short
    boost::asio::steady_timer pause_;  // waits that new messages cannot cut short (flood limits)
    std::mt19937 random_{std::random_device{}()};
    bool notified_ = false;
    bool stopping_ = false;
    bool platform_reachable_ = false;
    bool sending_ = false;
    // Messages the platform accepted whose "sent" mark could not be stored yet
    // (id → platform message id): the mark is retried, the message is not resent.
    std::map<int64_t, std::string> sent_unrecorded_;
};

}  // namespace planbot::bot
