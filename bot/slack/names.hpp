// People's names in Slack. An Events API delivery names its sender by user id only
// ("U0123ABCD"), but the bot's answers and the year's report speak of people by name
// («Bekreftet av Kari»). So before a delivery is handled its sender's name is filled
// in: from memory, else from the users table (what an earlier users.info, slash command
// or button press stored), else by asking Slack (users.info), waiting at most a second
// so the delivery is still answered well within Slack's three. One lookup at a time: a
// delivery whose sender is unknown while another lookup is in flight goes on at once
// with the id. Without an answer the id stands in for the name; that person is asked
// for again after ten minutes, and when Slack refuses lookups altogether (the app lacks
// users:read) none are made for an hour.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/http/https_client.hpp"
#include "bot/pipeline/incoming.hpp"
#include "bot/slack/web_api.hpp"
#include "storage/database.hpp"

namespace planbot::bot::slack {

// The names users.info gives for one person ({"ok":true,"user":{…}}), or nullopt when
// the answer names nobody. First and last name from the profile when set, else the real
// name split at its first space, else the display name; the handle as the username.
std::optional<storage::UserInfo> user_from_users_info(const nlohmann::json& answer);

class NameBook {
public:
    // `client`: a connection of its own (one request at a time; lookups take turns).
    NameBook(HttpsClient& client, std::string bot_token, storage::Database& database);

    // Fills in the name of `incoming`'s sender (its Event's user_name and its `user`,
    // which the pipeline remembers). Never throws; a database or network failure leaves
    // the id as the name.
    boost::asio::awaitable<void> fill(Incoming& incoming);

private:
    std::optional<storage::UserInfo> known(const std::string& user_id);
    void name_mentioned(Incoming& incoming);

    WebApi api_;
    storage::Database& database_;
    std::unordered_map<std::string, storage::UserInfo> cache_;  // bounded: cleared when it grows past a limit
    // People Slack could not name, and when to ask again (bounded like cache_).
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> failed_until_;
    std::chrono::steady_clock::time_point lookups_off_until_{};  // Slack refused lookups altogether
    bool asking_ = false;  // a users.info request is in flight
};

}  // namespace planbot::bot::slack
