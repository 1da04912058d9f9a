// Handles Telegram Updates: reads each (adapter.hpp) and hands it to the shared
// MessageProcessor (bot/pipeline/) inside one SQLite transaction, then commits. Only
// after that may the webhook answer 200. Several updates that arrive together share
// the transaction (group commit), each in its own savepoint.
#pragma once

#include <string_view>
#include <vector>

#include <date/tz.h>

#include "bot/metrics/metrics.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/telegram/adapter.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"

namespace planbot::bot::telegram {

class UpdateHandler {
public:
    enum class Result {
        handled,         // committed (with or without replies)
        duplicate,       // this update_id was handled before; nothing changed
        invalid,         // not an Update; nothing stored, retrying cannot help
        storage_failed,  // nothing committed; the platform should retry
    };

    UpdateHandler(storage::Database& database, std::shared_ptr<LivePlan> plans, const Clock& clock,
                  const date::time_zone* zone, const BotIdentity& identity, std::vector<std::string> admins = {},
                  const config::ReminderSettings* reminders = nullptr);
    // A fixed plan (tests, benchmarks).
    UpdateHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                  const date::time_zone* zone, const BotIdentity& identity, std::vector<std::string> admins = {},
                  const config::ReminderSettings* reminders = nullptr);

    // A body read as JSON (read_update_json), or why it is not an Update, with its
    // size for the log. Reading touches nothing but the body: the webhook reads on the
    // HTTP thread and hands the result to the thread that writes the database.
    struct ReadBody {
        std::expected<nlohmann::json, std::string> json;
        size_t bytes = 0;
    };
    static ReadBody read(std::string_view body) { return {read_update_json(body), body.size()}; }

    Result handle(std::string_view body);
    // The same for several bodies in one transaction; one result per body, in order.
    std::vector<Result> handle_batch(const std::vector<std::string_view>& bodies);
    std::vector<Result> handle_read(const std::vector<ReadBody>& bodies);

    void set_speller(const commands::Speller* speller) { processor_.set_speller(speller); }
    void set_admin_accounts(std::vector<commands::Person> accounts) { processor_.set_admin_accounts(std::move(accounts)); }
    void set_web_address(std::string address) { processor_.set_web_address(std::move(address)); }
    // Counts the updates and the commits' latency; null: nothing counted.
    void set_metrics(Metrics* metrics) {
        metrics_ = metrics;
        processor_.set_metrics(metrics);
    }
    // The per-chat cap on unsent rows (bot/reply_queue.hpp; 0: none).
    void set_outbox_cap(int64_t cap) { processor_.set_outbox_cap(cap); }

private:
    void count(const std::vector<Result>& results) const;

    storage::Database& database_;
    const Clock& clock_;
    const BotIdentity& identity_;  // its username is learnt at start-up (getMe)
    TelegramPlatform platform_;
    MessageProcessor processor_;
    Metrics* metrics_ = nullptr;
};

}  // namespace planbot::bot::telegram
