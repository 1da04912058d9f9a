// Handles what Slack delivers, once read (adapter.hpp): hands each Incoming to the
// shared MessageProcessor (bot/pipeline/) inside one SQLite transaction, then commits.
// Only after that may the route answer Slack. A slash command's answers to its own chat
// are taken out of the outbox in the same transaction and given back, since the HTTP
// response delivers them (routes.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <date/tz.h>

#include "bot/metrics/metrics.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/slack/adapter.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"

namespace planbot::bot::slack {

class EventHandler {
public:
    enum class Result {
        handled,         // committed (with or without replies)
        duplicate,       // this delivery was handled before; nothing changed
        storage_failed,  // nothing committed; Slack should retry
    };

    // What a slash command gets back: the result, and the texts of the replies to the
    // command's own chat (mrkdwn, escaped), in order, queued for its response_url.
    struct CommandAnswer {
        Result result = Result::storage_failed;
        std::vector<std::string> texts;
    };

    // `identity` is learnt at start-up (auth.test) and read at each delivery.
    EventHandler(storage::Database& database, std::shared_ptr<LivePlan> plans, const Clock& clock,
                 const date::time_zone* zone, const SlackIdentity& identity, std::vector<std::string> admins = {},
                 const config::ReminderSettings* reminders = nullptr);
    // A fixed plan (tests, benchmarks).
    EventHandler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                 const date::time_zone* zone, const SlackIdentity& identity, std::vector<std::string> admins = {},
                 const config::ReminderSettings* reminders = nullptr);

    // An event or a button press.
    Result handle(const Incoming& incoming);
    // A slash command: handled as handle() does; the rows of plain messages to the
    // command's chat go to `response_url` instead (seen only by whoever typed it), in the
    // same transaction, so that an answer committed is an answer sent, whatever happens
    // to the HTTP response. Rows with a button, and replies to other chats (a
    // confirmation to the role's channel), stay as they are. Without a response_url
    // (""), every row stays as it is.
    CommandAnswer handle_command(const Incoming& incoming, const std::string& response_url);

    const SlackPlatform& platform() const { return platform_; }

    void set_speller(const commands::Speller* speller) { processor_.set_speller(speller); }
    void set_admin_accounts(std::vector<commands::Person> accounts) { processor_.set_admin_accounts(std::move(accounts)); }
    void set_web_address(std::string address) { processor_.set_web_address(std::move(address)); }
    // Counts the deliveries and the commits' latency; null: nothing counted.
    void set_metrics(Metrics* metrics) {
        metrics_ = metrics;
        processor_.set_metrics(metrics);
    }
    // The per-chat cap on unsent rows (bot/reply_queue.hpp; 0: none).
    void set_outbox_cap(int64_t cap) { processor_.set_outbox_cap(cap); }

private:
    CommandAnswer process(const Incoming& incoming, const std::string* response_url);
    void count(Result result) const;

    storage::Database& database_;
    const Clock& clock_;
    const SlackIdentity& identity_;
    SlackPlatform platform_;
    MessageProcessor processor_;
    Metrics* metrics_ = nullptr;
};

}  // namespace planbot::bot::slack
