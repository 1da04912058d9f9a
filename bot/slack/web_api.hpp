// Calls to Slack's Web API (POST {base}/api/<method>, JSON, Authorization: Bearer
// <bot token>) and what their answers mean for the caller. Slack answers HTTP 200 to
// almost everything, with {"ok":true,…} or {"ok":false,"error":"…"}; classify_answer
// turns that into one kind. The token lives only in the request's header: it is in no
// log line and no error string.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/http/https_client.hpp"

namespace planbot::bot::slack {

struct WebAnswer {
    enum Kind {
        ok,            // {"ok":true}; `body` holds Slack's answer
        rate_limited,  // HTTP 429 or "ratelimited": wait `retry_after`
        unauthorized,  // the bot's token is wrong, revoked, expired, or its account
                       // (the bot user or its workspace) deactivated: nothing will work
                       // until an operator acts
        chat_gone,     // the bot may not write to that channel or person any more
        refused,       // the request itself is wrong: retrying cannot help
        temporary,     // no answer, 5xx, or Slack's own trouble: retry later
    };
    Kind kind = temporary;
    int http_status = 0;  // 0 when there was no answer
    nlohmann::json body;  // Slack's answer (an object), or null
    std::string error;    // Slack's "error", or the network's; never the token
    std::chrono::seconds retry_after{0};
};

// Pure: what an HTTP result from the Web API means.
//
// account_inactive counts as `unauthorized`, not as a chat gone: Slack documents it, for
// chat.postMessage as for auth.test, as "the token is for a deleted user or workspace",
// so with a bot token it says the bot itself is gone, and every chat would fail alike.
// Marking chats inactive one by one (and telling admins through the same dead token)
// would be wrong; the platform is down until an operator acts. A person who left
// the workspace shows as user_not_found (or cannot_dm_bot), which is a chat gone.
WebAnswer classify_answer(const HttpResult& result);

// For the log: "ok", "rate_limited", …
std::string_view kind_name(WebAnswer::Kind kind);

class WebApi {
public:
    // `client` speaks to Slack's API host (its base path is put before /api/<method>).
    WebApi(HttpsClient& client, std::string bot_token) : client_(client), token_(std::move(bot_token)) {}

    boost::asio::awaitable<WebAnswer> call(std::string_view method, const nlohmann::json& body,
                                           std::chrono::seconds timeout = std::chrono::seconds(10));
    // The same for the methods that read (users.info): Slack takes their arguments as a
    // form, not as JSON.
    boost::asio::awaitable<WebAnswer> call_form(std::string_view method,
                                                const std::vector<std::pair<std::string, std::string>>& fields,
                                                std::chrono::seconds timeout = std::chrono::seconds(10));

    // Ends the connection; a call in flight finishes as temporary.
    void cancel() { client_.close(); }

private:
    HttpsClient& client_;
    std::string token_;  // never logged
};

}  // namespace planbot::bot::slack
