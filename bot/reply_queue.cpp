// See reply_queue.hpp.
#include "bot/reply_queue.hpp"

#include "bot/log.hpp"
#include "bot/metrics/metrics.hpp"
#include "commands/notices.hpp"
#include "storage/directory.hpp"

namespace planbot::bot {

ReplyQueue::ReplyQueue(storage::Database& database, const Platform& platform, std::vector<std::string> admins)
    : database_(database), outbox_(database), platform_(platform), admins_(std::move(admins)) {}

std::vector<int64_t> ReplyQueue::queue(const commands::Reply& reply, std::chrono::sys_seconds now) {
    const std::vector<storage::OutboxMessage> rows = platform_.render(reply);
    storage::Admission admission = outbox_.append_within(rows, now, cap_);
    if (rows.empty()) return {};
    const std::string& chat_id = rows.front().chat_id;
    if (!admission.ids.empty()) {
        if (admission.refused_in_flood > 0)
            log::info("outbox_flood_over", {{"chat", chat_id}, {"unsent", admission.pending},
                                            {"refused", admission.refused_in_flood}});
        return std::move(admission.ids);
    }
    log::error("reply_not_queued", {{"chat", chat_id}, {"unsent", admission.pending}, {"cap", cap_},
                                    {"refused_in_flood", admission.refused_in_flood}});
    if (metrics_) metrics_->outbox_refused(platform_.name());
    if (admission.flood_started) tell_admins(chat_id, admission.pending, now);
    return {};
}

// Straight to the outbox (within the cap of each admin's own chat, but a notice refused
// there starts no further notices).
void ReplyQueue::tell_admins(const std::string& chat_id, int64_t unsent, std::chrono::sys_seconds now) {
    const auto chat = storage::Directory(database_).find_chat(platform_.name(), chat_id);
    const std::string name = chat && !chat->title.empty() ? chat->title : chat_id;
    size_t told = 0;
    for (const std::string& admin : admins_) {
        if (admin == chat_id) continue;  // a private chat's id is its user's id: that queue is the full one
        const auto notice = commands::message_to(admin, commands::flooded_chat_notice(name, unsent));
        const storage::Admission sent = outbox_.append_within(platform_.render(notice), now, cap_);
        if (!sent.ids.empty()) ++told;
        else log::error("reply_not_queued", {{"chat", admin}, {"unsent", sent.pending}, {"cap", cap_},
                                             {"refused_in_flood", sent.refused_in_flood}});
    }
    log::warn("outbox_flood", {{"chat", chat_id}, {"unsent", unsent}, {"cap", cap_}, {"admins_told", told}});
}

}  // namespace planbot::bot
