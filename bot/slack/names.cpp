// See names.hpp.
#include "bot/slack/names.hpp"


#include "bot/awaitable.hpp"
#include "bot/http/http_server.hpp"
#include "bot/log.hpp"
#include "bot/slack/adapter.hpp"
#include "storage/directory.hpp"

namespace planbot::bot::slack {

namespace {

// Past this many people the memory starts over (the users table still has them).
constexpr size_t kCacheLimit = 10000;
// How long a delivery may wait for a name: Slack wants its answer within 3 s.
constexpr auto kLookupBudget = std::chrono::milliseconds(1000);
// A person Slack could not name is asked for again after this long, not at each message.
constexpr auto kRetryNameAfter = std::chrono::minutes(10);
// When Slack refuses lookups (no users:read scope, a refused token), none for this long.
constexpr auto kLookupsOffAfterRefusal = std::chrono::hours(1);

std::string text_at(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// A name worth keeping: set, and not the id itself (what a failed lookup leaves).
bool named(const storage::UserInfo& user) { return !user.first_name.empty() && user.first_name != user.user_id; }

}  // namespace

std::optional<storage::UserInfo> user_from_users_info(const nlohmann::json& answer) {
    if (!answer.is_object()) return std::nullopt;
    const auto user = answer.find("user");
    if (user == answer.end() || !user->is_object()) return std::nullopt;
    storage::UserInfo info{std::string(kPlatform), text_at(*user, "id"), "", "", text_at(*user, "name")};
    if (info.user_id.empty()) return std::nullopt;
    const auto profile_at = user->find("profile");
    const nlohmann::json profile = profile_at != user->end() ? *profile_at : nlohmann::json();
    info.first_name = text_at(profile, "first_name");
    info.last_name = text_at(profile, "last_name");
    if (info.first_name.empty()) {
        std::string real = text_at(profile, "real_name");
        if (real.empty()) real = text_at(*user, "real_name");
        if (real.empty()) real = text_at(profile, "display_name");
        const size_t space = real.find(' ');
        info.first_name = real.substr(0, space);
        info.last_name = space == std::string::npos ? std::string() : real.substr(space + 1);
    }
    if (info.first_name.empty()) info.first_name = info.username;
    if (info.first_name.empty()) return std::nullopt;
    return info;
}

NameBook::NameBook(HttpsClient& client, std::string bot_token, storage::Database& database)
    : api_(client, std::move(bot_token)), database_(database) {}

std::optional<storage::UserInfo> NameBook::known(const std::string& user_id) {
    if (const auto found = cache_.find(user_id); found != cache_.end()) return found->second;
    try {
        std::optional<storage::UserInfo> stored = storage::Directory(database_).find_user(kPlatform, user_id);
        if (stored && named(*stored)) return stored;
    } catch (const std::exception& error) {
        log::warn("slack_name_lookup_failed", {{"user", user_id}, {"error", error.what()}});
    }
    return std::nullopt;
}

// The people a message mentions: Slack writes "<@U…>" (or "<@U…|handle>"), so the
// reader knows an id and at most a handle. Whoever planbot knows by name (memory or the
// users table; no request) is named so, and their stored name is not overwritten by
// the handle.
void NameBook::name_mentioned(Incoming& incoming) {
    for (commands::UserRef& person : incoming.event->mentioned_users) {
        const std::optional<storage::UserInfo> found = known(person.user_id);
        if (!found) continue;
        person.name = found->first_name + (found->last_name.empty() ? "" : " " + found->last_name);
        if (person.username.empty()) person.username = found->username;
    }
    for (storage::UserInfo& other : incoming.other_users) {
        const std::optional<storage::UserInfo> found = known(other.user_id);
        if (!found) continue;
        other.first_name = found->first_name;
        other.last_name = found->last_name;
        if (other.username.empty()) other.username = found->username;
    }
}

net::awaitable<void> NameBook::fill(Incoming& incoming) {
    if (!incoming.event || incoming.event->user_id.empty() || incoming.event->from_chat) co_return;
    const std::string user_id = incoming.event->user_id;
    std::optional<storage::UserInfo> user = known(user_id);
    const auto now = std::chrono::steady_clock::now();
    // Ask Slack only when nobody else is asking (one connection; a delivery never queues
    // behind another person's lookup), the person was not just asked for in vain, and
    // Slack has not refused lookups altogether lately.
    const auto failed = failed_until_.find(user_id);
    const bool recently_failed = failed != failed_until_.end() && now < failed->second;
    if (!user && !asking_ && !recently_failed && now >= lookups_off_until_) {
        asking_ = true;
        // A read method: its argument goes as a form. (Built before the co_await: a braced
        // argument inside one does not compile with GCC 12.)
        const std::vector<std::pair<std::string, std::string>> fields = {{"user", user_id}};
        const WebAnswer answer =
            co_await api_.call_form("users.info", fields, std::chrono::ceil<std::chrono::seconds>(kLookupBudget));
        asking_ = false;
        if (answer.kind == WebAnswer::Kind::ok) user = user_from_users_info(answer.body);
        if (user && user->user_id == user_id) {
            if (cache_.size() >= kCacheLimit) cache_.clear();
            cache_[user_id] = *user;
            failed_until_.erase(user_id);
        } else {
            user.reset();
            if (answer.kind == WebAnswer::Kind::unauthorized || answer.error == "missing_scope") {
                // The app may not read names (no users:read): ask again in an hour, and say so once.
                lookups_off_until_ = now + kLookupsOffAfterRefusal;
                log::warn("slack_names_refused", {{"reason", answer.error},
                                                  {"what", "people are named by member ID; give the app the users:read scope"}});
            } else {
                if (failed_until_.size() >= kCacheLimit) failed_until_.clear();
                failed_until_[user_id] = now + kRetryNameAfter;
                log::info("slack_name_unknown", {{"user", user_id}, {"reason", answer.error}});
            }
        }
    }
    name_mentioned(incoming);
    if (user) {
        incoming.event->user_name = user->first_name;
        // A slash command or a press knows the handle already; users.info's is the same.
        if (user->username.empty() && incoming.user) user->username = incoming.user->username;
        incoming.user = *user;
    } else if (!incoming.user) {
        // Nothing better is known: the id, so the sender is still remembered as having
        // written (which platform a linked person is reached on).
        incoming.user = storage::UserInfo{std::string(kPlatform), user_id, user_id, "", ""};
    }
}

}  // namespace planbot::bot::slack
