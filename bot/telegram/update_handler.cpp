// See update_handler.hpp.
#include "bot/telegram/update_handler.hpp"

#include "bot/log.hpp"
#include "commands/notices.hpp"
#include "commands/router.hpp"

namespace planbot::bot::telegram {

UpdateHandler::UpdateHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                             const date::time_zone* zone, const BotIdentity& identity, std::vector<int64_t> admins,
                             const config::ReminderSettings* reminders)
    : database_(database),
      processed_(database),
      directory_(database),
      outbox_(database),
      work_(database),
      plan_(plan),
      clock_(clock),
      zone_(zone),
      identity_(identity),
      index_(commands::build_search_index(plan)),
      admins_(std::move(admins)),
      reminders_(reminders) {
    for (int64_t admin : admins_) admin_ids_.push_back(std::to_string(admin));
}

UpdateHandler::Result UpdateHandler::handle(std::string_view body) { return handle_batch({body}).front(); }

std::vector<UpdateHandler::Result> UpdateHandler::handle_batch(const std::vector<std::string_view>& bodies) {
    std::vector<Result> results(bodies.size(), Result::invalid);
    std::vector<std::optional<ParsedUpdate>> parsed(bodies.size());
    for (size_t i = 0; i < bodies.size(); ++i) {
        auto update = parse_update(bodies[i], identity_);
        if (update) parsed[i] = std::move(*update);
        else log::warn("update_invalid", {{"reason", update.error()}, {"bytes", bodies[i].size()}});
    }
    try {
        storage::Transaction transaction(database_);
        const auto now = clock_.now();
        for (size_t i = 0; i < bodies.size(); ++i) {
            if (!parsed[i]) continue;
            try {
                storage::Savepoint savepoint(database_);
                results[i] = apply(*parsed[i], now);
                savepoint.release();
            } catch (const std::exception& error) {
                results[i] = Result::storage_failed;
                log::error("update_storage_failed", {{"update_id", parsed[i]->update_id}, {"error", error.what()}});
            }
        }
        transaction.commit();
    } catch (const std::exception& error) {
        log::error("batch_storage_failed", {{"updates", bodies.size()}, {"error", error.what()}});
        for (size_t i = 0; i < bodies.size(); ++i)
            if (parsed[i]) results[i] = Result::storage_failed;
        return results;
    }
    // Logged after the commit, so a line never claims what was not stored.
    for (size_t i = 0; i < bodies.size(); ++i) {
        if (!parsed[i] || results[i] == Result::storage_failed) continue;
        const ParsedUpdate& update = *parsed[i];
        if (results[i] == Result::duplicate) log::info("update_duplicate", {{"update_id", update.update_id}});
        else if (update.event)
            log::info("update_handled", {{"update_id", update.update_id}, {"chat", update.event->chat_id},
                                         {"addressed", update.event->addressed_to_bot ? "yes" : "no"}});
        else log::info("update_ignored", {{"update_id", update.update_id}, {"reason", update.ignored}});
    }
    return results;
}

UpdateHandler::Result UpdateHandler::apply(const ParsedUpdate& update, std::chrono::sys_seconds now) {
    if (processed_.contains("telegram", update.update_id)) return Result::duplicate;
    record(update, now);
    if (update.event) queue_replies(*update.event, now);
    processed_.insert("telegram", update.update_id, now);
    return Result::handled;
}

void UpdateHandler::record(const ParsedUpdate& update, std::chrono::sys_seconds now) {
    if (update.user) directory_.remember_user(*update.user, now);
    for (const storage::UserInfo& user : update.other_users) directory_.remember_user(user, now);
    if (update.chat) directory_.remember_chat(*update.chat, now);
    if (update.chat && update.migrated_to) directory_.move_chat("telegram", update.chat->chat_id, *update.migrated_to);
    if (update.chat && update.bot_is_member) {
        const bool was_active = directory_.chat_active("telegram", update.chat->chat_id);
        directory_.set_chat_active("telegram", update.chat->chat_id, *update.bot_is_member);
        if (was_active && !*update.bot_is_member) lost_chat(*update.chat, now);
    }
}

// Removed or blocked: what was waiting for the chat fails (kept, with the reason),
// and the admins hear of it in the same transaction.
void UpdateHandler::lost_chat(const storage::ChatInfo& chat, std::chrono::sys_seconds now) {
    const std::string reason = "boten ble fjernet eller blokkert";
    outbox_.fail_pending_for_chat("telegram", chat.chat_id, "chat inactive: " + reason);
    const std::string name = chat.title.empty() ? chat.chat_id : chat.title;
    for (int64_t admin : admins_) {
        const std::string admin_chat = std::to_string(admin);
        if (admin_chat == chat.chat_id) continue;
        commands::Reply notice{admin_chat, commands::lost_chat_notice(name, reason), ""};
        for (const storage::OutboxMessage& message : outbox_messages(notice)) outbox_.append(message, now);
    }
    log::warn("chat_gone", {{"chat", chat.chat_id}, {"reason", "my_chat_member"}, {"admins_told", admins_.size()}});
}

size_t UpdateHandler::queue_replies(const commands::Event& event, std::chrono::sys_seconds now) {
    const commands::Context context{plan_, now, zone_, identity_.username, &index_, &work_, admin_ids_, reminders_};
    commands::Outcome outcome;
    try {
        outcome = commands::handle(event, context);
    } catch (const std::exception& error) {
        // The core must not throw; if it does, the user still hears from us and the
        // update is not retried forever.
        log::error("command_failed", {{"chat", event.chat_id}, {"error", error.what()}});
        outcome.replies.push_back({event.chat_id, "Beklager, noe gikk galt hos meg. Prøv igjen, eller skriv «hjelp».",
                                   event.thread_id});
    }
    // The state changes and the replies that tell of them commit together, or not at all.
    apply_changes(event, outcome.changes, now);
    size_t rows = 0;
    for (const commands::Reply& reply : outcome.replies)
        for (const storage::OutboxMessage& message : outbox_messages(reply)) {
            outbox_.append(message, now);
            ++rows;
        }
    return rows;
}

void UpdateHandler::apply_changes(const commands::Event& event, const std::vector<commands::StateChange>& changes,
                                  std::chrono::sys_seconds now) {
    for (const commands::StateChange& change : changes) {
        work_.apply(change, event.platform, event.user_id, now);
        log::info("state_changed", {{"action", commands::action_name(change.change)}, {"chat", event.chat_id}});
    }
}

}  // namespace planbot::bot::telegram
