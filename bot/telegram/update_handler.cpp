// See update_handler.hpp.
#include "bot/telegram/update_handler.hpp"

#include "bot/log.hpp"
#include "commands/router.hpp"

namespace planbot::bot::telegram {

UpdateHandler::UpdateHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                             const date::time_zone* zone, const BotIdentity& identity)
    : database_(database),
      processed_(database),
      directory_(database),
      outbox_(database),
      plan_(plan),
      clock_(clock),
      zone_(zone),
      identity_(identity) {}

UpdateHandler::Result UpdateHandler::handle(std::string_view body) {
    auto parsed = parse_update(body, identity_);
    if (!parsed) {
        log::warn("update_invalid", {{"reason", parsed.error()}, {"bytes", body.size()}});
        return Result::invalid;
    }
    try {
        storage::Transaction transaction(database_);
        if (processed_.contains("telegram", parsed->update_id)) {
            transaction.commit();
            log::info("update_duplicate", {{"update_id", parsed->update_id}});
            return Result::duplicate;
        }
        const auto now = clock_.now();
        record(*parsed, now);
        const size_t replies = parsed->event ? queue_replies(*parsed->event, now) : 0;
        processed_.insert("telegram", parsed->update_id, now);
        transaction.commit();
        if (parsed->event)
            log::info("update_handled", {{"update_id", parsed->update_id}, {"chat", parsed->event->chat_id},
                                         {"addressed", parsed->event->addressed_to_bot ? "yes" : "no"},
                                         {"replies", replies}});
        else
            log::info("update_ignored", {{"update_id", parsed->update_id}, {"reason", parsed->ignored}});
        return Result::handled;
    } catch (const std::exception& error) {
        log::error("update_storage_failed", {{"update_id", parsed->update_id}, {"error", error.what()}});
        return Result::storage_failed;
    }
}

void UpdateHandler::record(const ParsedUpdate& update, std::chrono::sys_seconds now) {
    if (update.user) directory_.remember_user(*update.user, now);
    if (update.chat) directory_.remember_chat(*update.chat, now);
    if (update.chat && update.migrated_to) directory_.move_chat("telegram", update.chat->chat_id, *update.migrated_to);
    if (update.chat && update.bot_is_member) directory_.set_chat_active("telegram", update.chat->chat_id, *update.bot_is_member);
}

size_t UpdateHandler::queue_replies(const commands::Event& event, std::chrono::sys_seconds now) {
    const commands::Context context{plan_, now, zone_, identity_.username};
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
    size_t rows = 0;
    for (const commands::Reply& reply : outcome.replies)
        for (const storage::OutboxMessage& message : outbox_messages(reply)) {
            outbox_.append(message, now);
            ++rows;
        }
    return rows;
}

}  // namespace planbot::bot::telegram
