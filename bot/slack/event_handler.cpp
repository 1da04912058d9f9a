// See event_handler.hpp.
#include "bot/slack/event_handler.hpp"

#include <nlohmann/json.hpp>

#include "bot/log.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot::slack {

EventHandler::EventHandler(storage::Database& database, std::shared_ptr<LivePlan> plans, const Clock& clock,
                           const date::time_zone* zone, const SlackIdentity& identity, std::vector<std::string> admins,
                           const config::ReminderSettings* reminders)
    : database_(database),
      clock_(clock),
      identity_(identity),
      processor_(database, std::move(plans), zone, platform_, identity.name, std::move(admins), reminders) {}

EventHandler::EventHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                           const date::time_zone* zone, const SlackIdentity& identity, std::vector<std::string> admins,
                           const config::ReminderSettings* reminders)
    : EventHandler(database, std::make_shared<LivePlan>(plan), clock, zone, identity, std::move(admins), reminders) {}

void EventHandler::count(Result result) const {
    if (!metrics_) return;
    metrics_->update_received(kPlatform);
    if (result == Result::duplicate) metrics_->update_duplicate(kPlatform);
    else if (result == Result::storage_failed) metrics_->update_refused(kPlatform, "not_stored");
}

EventHandler::Result EventHandler::handle(const Incoming& incoming) { return process(incoming, nullptr).result; }

EventHandler::CommandAnswer EventHandler::handle_command(const Incoming& incoming, const std::string& response_url) {
    return process(incoming, response_url.empty() ? nullptr : &response_url);
}

EventHandler::CommandAnswer EventHandler::process(const Incoming& incoming, const std::string* response_url) {
    CommandAnswer out;
    const auto began = std::chrono::steady_clock::now();
    const int64_t key = incoming.update_id.value_or(0);
    size_t queued = 0;
    try {
        storage::Transaction transaction(database_);
        const auto now = clock_.now();
        processor_.set_bot_username(identity_.name);
        const MessageProcessor::Processed processed = processor_.process(incoming, now);
        out.result = processed.result == MessageProcessor::Result::duplicate ? Result::duplicate : Result::handled;
        if (response_url && incoming.event) {
            storage::Outbox outbox(database_);
            const std::string payload = nlohmann::json{{kResponseUrl, *response_url}}.dump();
            for (const int64_t id : processed.outbox_ids) {
                const std::optional<storage::OutboxMessage> row = outbox.find(id);
                if (!row || row->chat_id != incoming.event->chat_id || !row->method.empty() || !row->reply_markup.empty())
                    continue;
                out.texts.push_back(row->text);
                outbox.redirect(id, kResponseUrl, payload);
            }
        }
        queued = processed.outbox_ids.size();
        transaction.commit();
        if (metrics_) metrics_->commit_latency(std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    } catch (const std::exception& error) {
        log::error("slack_storage_failed", {{"update_id", key}, {"error", error.what()}});
        out = {Result::storage_failed, {}};
        count(out.result);
        return out;
    }
    count(out.result);
    // Logged after the commit, so a line never claims what was not stored.
    if (out.result == Result::duplicate) log::info("update_duplicate", {{"platform", kPlatform}, {"update_id", key}});
    else if (incoming.event)
        log::info("update_handled", {{"platform", kPlatform}, {"update_id", key}, {"chat", incoming.event->chat_id},
                                     {"addressed", incoming.event->addressed_to_bot ? "yes" : "no"},
                                     {"to_response_url", out.texts.size()}, {"queued", queued}});
    else log::info("update_ignored", {{"platform", kPlatform}, {"update_id", key}, {"reason", incoming.ignored}});
    return out;
}

}  // namespace planbot::bot::slack
