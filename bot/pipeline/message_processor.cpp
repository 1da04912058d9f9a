// See message_processor.hpp.
#include "bot/pipeline/message_processor.hpp"

#include "bot/log.hpp"
#include "bot/pipeline/valid_utf8.hpp"
#include "bot/plan/plan_reload.hpp"
#include "commands/notices.hpp"
#include "commands/router.hpp"

namespace planbot::bot {

MessageProcessor::MessageProcessor(storage::Database& database, std::shared_ptr<LivePlan> plans,
                                   const date::time_zone* zone, const Platform& platform, std::string bot_username,
                                   std::vector<std::string> admins, const config::ReminderSettings* reminders)
    : processed_(database),
      directory_(database),
      outbox_(database),
      work_(database),
      database_(database),
      plans_(std::move(plans)),
      zone_(zone),
      platform_(platform),
      bot_username_(std::move(bot_username)),
      admins_(std::move(admins)),
      reminders_(reminders),
      replies_(database, platform, admins_) {}

MessageProcessor::MessageProcessor(storage::Database& database, const config::Plan& plan, const date::time_zone* zone,
                                   const Platform& platform, std::string bot_username,
                                   std::vector<std::string> admins, const config::ReminderSettings* reminders)
    : MessageProcessor(database, std::make_shared<LivePlan>(plan), zone, platform, std::move(bot_username),
                       std::move(admins), reminders) {}

MessageProcessor::Processed MessageProcessor::process(const Incoming& incoming, std::chrono::sys_seconds now) {
    if (!is_valid_utf8(incoming)) {
        // Neither the core nor the database sees bytes that are not UTF-8: each bad part
        // becomes U+FFFD, which the user then sees in the answer.
        Incoming repaired = incoming;
        repair_utf8(repaired);
        log::info("text_repaired", {{"platform", platform_.name()}, {"reason", "not UTF-8"}});
        return process(repaired, now);
    }
    const std::string_view platform = platform_.name();
    if (incoming.update_id && processed_.contains(platform, *incoming.update_id)) return {Result::duplicate, {}};
    record(incoming, now);
    Processed out;
    if (incoming.event) out.outbox_ids = answer(*incoming.event, now);
    if (incoming.update_id) processed_.insert(platform, *incoming.update_id, now);
    return out;
}

void MessageProcessor::record(const Incoming& incoming, std::chrono::sys_seconds now) {
    const std::string platform(platform_.name());
    if (incoming.user) directory_.remember_user(*incoming.user, now, incoming.event.has_value());
    for (const storage::UserInfo& user : incoming.other_users) directory_.remember_user(user, now);
    if (!incoming.chat) return;
    directory_.remember_chat(*incoming.chat, now);
    if (incoming.migrated_to) directory_.move_chat(platform, incoming.chat->chat_id, *incoming.migrated_to);
    if (incoming.bot_is_member) {
        const bool was_active = directory_.chat_active(platform, incoming.chat->chat_id);
        directory_.set_chat_active(platform, incoming.chat->chat_id, *incoming.bot_is_member);
        if (was_active && !*incoming.bot_is_member) lost_chat(*incoming.chat, now);
    }
}

// Removed or blocked: what was waiting for the chat fails (kept, with the reason),
// and the admins hear of it in the same transaction.
void MessageProcessor::lost_chat(const storage::ChatInfo& chat, std::chrono::sys_seconds now) {
    const std::string reason = "boten ble fjernet eller blokkert";
    outbox_.fail_pending_for_chat(platform_.name(), chat.chat_id, "chat inactive: " + reason);
    const std::string name = chat.title.empty() ? chat.chat_id : chat.title;
    for (const std::string& admin : admins_) {
        if (admin == chat.chat_id) continue;  // a private chat's id is its user's id
        queue(commands::message_to(admin, commands::lost_chat_notice(name, reason)), now);
    }
    log::warn("chat_gone", {{"chat", chat.chat_id}, {"reason", "bot_removed"}, {"admins_told", admins_.size()}});
}

std::vector<int64_t> MessageProcessor::answer(const commands::Event& event, std::chrono::sys_seconds now) {
    // The plan in force today; held to the end, whatever a reload does meanwhile.
    const std::shared_ptr<const PlanInForce> plan = plans_->in(local_year(zone_, now));
    const commands::Context context{plan->plan,   now,     zone_,      bot_username_,
                                    &plan->index, &work_,  admins_,    reminders_,
                                    platform_.longest_message(), platform_.has_buttons(), speller_,
                                    &plan->role_names, &link_codes_, admin_accounts_,
                                    &access_tokens_, web_address_};
    commands::Outcome outcome;
    try {
        outcome = commands::handle(event, context);
    } catch (const std::exception& error) {
        // The core must not throw; if it does, the user still hears from us and the
        // message is not retried forever.
        log::error("command_failed", {{"chat", event.chat_id}, {"error", error.what()}});
        outcome = {};
        outcome.replies.push_back(commands::reply_in(event, commands::failure_apology()));
    }
    if (outcome.reload_plan) {
        // The core checked that an admin asked; reading the file is the bot layer's.
        const commands::PlanReload reload = reload_plan(*plans_, database_, zone_, now);
        outcome.replies.push_back(commands::reply_in(event, commands::plan_reload_text(reload)));
    }
    // The state changes and the replies that tell of them commit together, or not at all.
    for (const commands::StateChange& change : outcome.changes) {
        work_.apply(change, event.platform, event.user_id, now);
        log::info("state_changed", {{"action", commands::action_name(change.change)}, {"chat", event.chat_id}});
    }
    std::vector<int64_t> ids;
    for (const commands::Reply& reply : outcome.replies) std::ranges::copy(queue(reply, now), std::back_inserter(ids));
    return ids;
}

std::vector<int64_t> MessageProcessor::queue(const commands::Reply& reply, std::chrono::sys_seconds now) {
    return replies_.queue(reply, now);
}

}  // namespace planbot::bot
