// The one path every incoming message takes, whatever the platform: skip it if it was
// handled before; remember the sender and the chat; ask the core (commands::handle)
// what to answer and change; apply the changes; append the replies to the outbox as
// the platform renders them; mark the delivery handled. All of it inside the caller's
// transaction, so it commits whole or not at all; the caller (a webhook, the local
// chat) owns the transaction because it decides when to answer its platform.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <date/tz.h>

#include "bot/pipeline/incoming.hpp"
#include "bot/pipeline/link_codes.hpp"
#include "bot/plan/live_plan.hpp"
#include "bot/platform.hpp"
#include "bot/reply_queue.hpp"
#include "commands/language/speller.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"
#include "storage/processed_updates.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

// The settings' admins on every platform, as the core's accounts.
inline std::vector<commands::Person> admin_accounts(const config::Settings& settings) {
    std::vector<commands::Person> out;
    for (const config::PlatformUser& admin : settings.admins) out.push_back({admin.platform, admin.user_id, "", ""});
    return out;
}

class MessageProcessor {
public:
    // `admins`: the platform's user ids the settings make admins (they are also told
    // when the bot loses a chat). `reminders`: for /paminnelser; null: the defaults.
    // `plans`: the plans in force, which an admin's /plan last inn reads again.
    MessageProcessor(storage::Database& database, std::shared_ptr<LivePlan> plans, const date::time_zone* zone,
                     const Platform& platform, std::string bot_username, std::vector<std::string> admins,
                     const config::ReminderSettings* reminders = nullptr);
    // A fixed plan (tests, benchmarks): /plan last inn answers that it cannot.
    MessageProcessor(storage::Database& database, const config::Plan& plan, const date::time_zone* zone,
                     const Platform& platform, std::string bot_username, std::vector<std::string> admins,
                     const config::ReminderSettings* reminders = nullptr);

    enum class Result {
        handled,    // remembered, answered (or not addressed to the bot) and marked
        duplicate,  // this delivery was handled before; nothing changed
    };
    struct Processed {
        Result result = Result::handled;
        std::vector<int64_t> outbox_ids;  // the rows the replies became, in order
    };

    // Must run inside a storage::Transaction (or Savepoint); throws StorageError when a
    // write fails, and the caller rolls back. A failure of the core itself is answered
    // with an apology and does not throw, so a platform does not retry it forever.
    Processed process(const Incoming& incoming, std::chrono::sys_seconds now);

    // The bot's user name, as the core should see it ("" when unknown).
    void set_bot_username(std::string username) { bot_username_ = std::move(username); }
    // The dictionaries questions are read with (commands::Context::speller); null: none.
    void set_speller(const commands::Speller* speller) { speller_ = speller; }
    // The settings' admins on every platform (commands::Context::config_admin_accounts),
    // so that an account linked to one of them is an admin too.
    void set_admin_accounts(std::vector<commands::Person> accounts) { admin_accounts_ = std::move(accounts); }
    // Where /kalender's and /oversikt's links point (commands::Context::web_address):
    // the bot's address as people reach it, no trailing slash; "": no links are made.
    void set_web_address(std::string address) { web_address_ = std::move(address); }
    // The per-chat cap on unsent rows (outbox.max_pending_per_chat; 0: none), and where
    // a reply refused by it is counted (null: nowhere).
    void set_outbox_cap(int64_t cap) { replies_.set_cap(cap); }
    void set_metrics(Metrics* metrics) { replies_.set_metrics(metrics); }

private:
    void record(const Incoming& incoming, std::chrono::sys_seconds now);
    void lost_chat(const storage::ChatInfo& chat, std::chrono::sys_seconds now);
    std::vector<int64_t> answer(const commands::Event& event, std::chrono::sys_seconds now);
    std::vector<int64_t> queue(const commands::Reply& reply, std::chrono::sys_seconds now);

    storage::ProcessedUpdates processed_;
    storage::Directory directory_;
    storage::Outbox outbox_;
    storage::WorkState work_;
    storage::Database& database_;
    std::shared_ptr<LivePlan> plans_;
    const date::time_zone* zone_;
    const Platform& platform_;
    std::string bot_username_;
    const commands::Speller* speller_ = nullptr;
    std::vector<std::string> admins_;
    std::vector<commands::Person> admin_accounts_;
    const config::ReminderSettings* reminders_;
    RandomLinkCodes link_codes_;
    RandomAccessTokens access_tokens_;
    std::string web_address_;
    ReplyQueue replies_;
};

}  // namespace planbot::bot
