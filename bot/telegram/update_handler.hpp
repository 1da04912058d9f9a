// Handles Telegram Updates in one SQLite transaction: for each, skip it if its
// update_id was already processed; remember the sender and the chat; ask the core
// what to answer; append the replies to the outbox; mark the update processed.
// Then commit. Only after that may the webhook answer 200. Several updates that
// arrive together share the transaction (group commit), each in its own savepoint.
#pragma once

#include <string_view>
#include <vector>

#include <date/tz.h>

#include "bot/schedule/clock.hpp"
#include "bot/telegram/adapter.hpp"
#include "commands/language/search_index.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"
#include "storage/processed_updates.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot::telegram {

class UpdateHandler {
public:
    enum class Result {
        handled,         // committed (with or without replies)
        duplicate,       // this update_id was handled before; nothing changed
        invalid,         // not an Update; nothing stored, retrying cannot help
        storage_failed,  // nothing committed; the platform should retry
    };

    UpdateHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                  const date::time_zone* zone, const BotIdentity& identity, std::vector<int64_t> admins = {},
                  const config::ReminderSettings* reminders = nullptr);

    Result handle(std::string_view body);
    // The same for several bodies in one transaction; one result per body, in order.
    std::vector<Result> handle_batch(const std::vector<std::string_view>& bodies);

    // The search index the core uses; built once for the plan.
    const commands::SearchIndex& search_index() const { return index_; }

private:
    Result apply(const ParsedUpdate& update, std::chrono::sys_seconds now);
    void record(const ParsedUpdate& update, std::chrono::sys_seconds now);
    void lost_chat(const storage::ChatInfo& chat, std::chrono::sys_seconds now);
    size_t queue_replies(const commands::Event& event, std::chrono::sys_seconds now);
    void apply_changes(const commands::Event& event, const std::vector<commands::StateChange>& changes,
                       std::chrono::sys_seconds now);

    storage::Database& database_;
    storage::ProcessedUpdates processed_;
    storage::Directory directory_;
    storage::Outbox outbox_;
    storage::WorkState work_;
    const config::Plan& plan_;
    const Clock& clock_;
    const date::time_zone* zone_;
    const BotIdentity& identity_;
    commands::SearchIndex index_;
    std::vector<int64_t> admins_;  // told when the bot is removed from a chat
    std::vector<std::string> admin_ids_;  // the same, as the core's user ids
    const config::ReminderSettings* reminders_;  // for /paminnelser
};

}  // namespace planbot::bot::telegram
