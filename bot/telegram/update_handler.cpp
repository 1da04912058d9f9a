// See update_handler.hpp.
#include "bot/telegram/update_handler.hpp"

#include "bot/log.hpp"

namespace planbot::bot::telegram {

UpdateHandler::UpdateHandler(storage::Database& database, std::shared_ptr<LivePlan> plans, const Clock& clock,
                             const date::time_zone* zone, const BotIdentity& identity, std::vector<std::string> admins,
                             const config::ReminderSettings* reminders)
    : database_(database),
      clock_(clock),
      identity_(identity),
      processor_(database, std::move(plans), zone, platform_, identity.username, std::move(admins), reminders) {}

UpdateHandler::UpdateHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                             const date::time_zone* zone, const BotIdentity& identity, std::vector<std::string> admins,
                             const config::ReminderSettings* reminders)
    : UpdateHandler(database, std::make_shared<LivePlan>(plan), clock, zone, identity, std::move(admins), reminders) {}

void UpdateHandler::count(const std::vector<Result>& results) const {
    if (!metrics_) return;
    for (const Result result : results) {
        metrics_->update_received(kPlatform);
        if (result == Result::duplicate) metrics_->update_duplicate(kPlatform);
        else if (result == Result::invalid) metrics_->update_refused(kPlatform, "invalid");
        else if (result == Result::storage_failed) metrics_->update_refused(kPlatform, "not_stored");
    }
}

UpdateHandler::Result UpdateHandler::handle(std::string_view body) { return handle_batch({body}).front(); }

std::vector<UpdateHandler::Result> UpdateHandler::handle_batch(const std::vector<std::string_view>& bodies) {
    std::vector<ReadBody> read_bodies;
    read_bodies.reserve(bodies.size());
    for (const std::string_view body : bodies) read_bodies.push_back(read(body));
    return handle_read(read_bodies);
}

std::vector<UpdateHandler::Result> UpdateHandler::handle_read(const std::vector<ReadBody>& bodies) {
    std::vector<Result> results(bodies.size(), Result::invalid);
    std::vector<std::optional<ParsedUpdate>> parsed(bodies.size());
    for (size_t i = 0; i < bodies.size(); ++i) {
        auto update = bodies[i].json ? parse_update_json(*bodies[i].json, identity_)
                                     : std::expected<ParsedUpdate, std::string>(std::unexpected(bodies[i].json.error()));
        if (update) parsed[i] = std::move(*update);
        else log::warn("update_invalid", {{"reason", update.error()}, {"bytes", bodies[i].bytes}});
    }
    const auto began = std::chrono::steady_clock::now();
    try {
        storage::Transaction transaction(database_);
        const auto now = clock_.now();
        processor_.set_bot_username(identity_.username);
        for (size_t i = 0; i < bodies.size(); ++i) {
            if (!parsed[i]) continue;
            try {
                storage::Savepoint savepoint(database_);
                const auto processed = processor_.process(*parsed[i], now);
                results[i] = processed.result == MessageProcessor::Result::duplicate ? Result::duplicate
                                                                                     : Result::handled;
                savepoint.release();
            } catch (const std::exception& error) {
                results[i] = Result::storage_failed;
                log::error("update_storage_failed", {{"update_id", *parsed[i]->update_id}, {"error", error.what()}});
            }
        }
        transaction.commit();
        if (metrics_) metrics_->commit_latency(std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    } catch (const std::exception& error) {
        log::error("batch_storage_failed", {{"updates", bodies.size()}, {"error", error.what()}});
        for (size_t i = 0; i < bodies.size(); ++i)
            if (parsed[i]) results[i] = Result::storage_failed;
        count(results);
        return results;
    }
    count(results);
    // Logged after the commit, so a line never claims what was not stored.
    for (size_t i = 0; i < bodies.size(); ++i) {
        if (!parsed[i] || results[i] == Result::storage_failed) continue;
        const ParsedUpdate& update = *parsed[i];
        if (results[i] == Result::duplicate) log::info("update_duplicate", {{"update_id", *update.update_id}});
        else if (update.event)
            log::info("update_handled", {{"update_id", *update.update_id}, {"chat", update.event->chat_id},
                                         {"addressed", update.event->addressed_to_bot ? "yes" : "no"}});
        else log::info("update_ignored", {{"update_id", *update.update_id}, {"reason", update.ignored}});
    }
    return results;
}

}  // namespace planbot::bot::telegram
