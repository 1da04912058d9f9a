// Delivers outbox rows through the Bot API and says what Telegram's answer means for
// the row (bot/platform.hpp's Delivery). Telegram's own rules live here, not in the
// dispatcher: which method a row calls, where a mirrored forum post's topic is, that
// "message is not modified" means an edit already took effect, and that a button
// press answered too late is harmless.
#pragma once

#include <functional>
#include <string>

#include "bot/platform.hpp"
#include "bot/telegram/bot_api.hpp"
#include "storage/database.hpp"

namespace planbot::bot::telegram {

class TelegramSender final : public Sender {
public:
    // `api` carries one request at a time; `database` tells the forum topics (read only).
    TelegramSender(BotApi& api, storage::Database& database) : api_(api), database_(database) {}

    boost::asio::awaitable<Delivery> send(const storage::OutboxMessage& message) override;

    // Draws the årshjul of a year as PNG bytes for a sendPhoto row; unset, such a row
    // is refused (the admins hear of it like any refused message).
    void set_wheel_png(std::function<std::string(int year)> draw) { wheel_png_ = std::move(draw); }

private:
    std::function<std::string(int year)> wheel_png_;
    BotApi& api_;
    storage::Database& database_;
};

}  // namespace planbot::bot::telegram
