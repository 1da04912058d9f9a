// Calls to the Telegram Bot API ({api}/bot<token>/<method>) and what their answers
// mean for the caller: delivered, wait and retry, gone for good, and so on. The
// token lives only in the request path and is never logged.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/http/https_client.hpp"

namespace planbot::bot::telegram {

struct ApiAnswer {
    enum class Kind {
        ok,            // accepted; `result` holds Telegram's result
        rate_limited,  // 429: wait `retry_after` seconds
        gone,          // 403 or "chat not found": the bot cannot write to that chat any more
        migrated,      // the group became a supergroup: use `migrate_to`
        rejected,      // the request itself is wrong (400): retrying will not help
        unauthorized,  // 401, or 404 for a method that exists: the token is wrong or revoked,
                       // and nothing will work until an operator gives a valid one
        temporary,     // 5xx, or no answer: retry later
    };
    Kind kind = Kind::temporary;
    int http_status = 0;             // 0 when there was no answer
    std::string description;         // Telegram's description or the network error
    int retry_after = 0;
    std::string migrate_to;
    nlohmann::json result;
};

// Pure: what an HTTP result from the Bot API means.
ApiAnswer classify_answer(const HttpResult& result);

// For an `unauthorized` answer: what an operator reads, naming the setting to fix (the
// environment variable and the config file's key), never the token.
std::string token_refused_reason(const ApiAnswer& answer);

class BotApi {
public:
    BotApi(HttpsClient& client, std::string token) : client_(client), token_(std::move(token)) {}

    boost::asio::awaitable<ApiAnswer> call(std::string_view method, const nlohmann::json& body,
                                           std::chrono::seconds timeout = std::chrono::seconds(30));

    // The same as multipart/form-data: `fields` as form fields (JSON values other than
    // strings as their JSON text), and one file under `file_field`. For uploads
    // (sendDocument, sendPhoto), which JSON cannot carry; `content_type` is the file's.
    boost::asio::awaitable<ApiAnswer> upload(std::string_view method, const nlohmann::json& fields,
                                             std::string_view file_field, std::string_view file_name,
                                             std::string_view content,
                                             std::chrono::seconds timeout = std::chrono::seconds(60),
                                             std::string_view content_type = "text/plain; charset=utf-8");

    void cancel() { client_.close(); }

private:
    HttpsClient& client_;
    std::string token_;
};

}  // namespace planbot::bot::telegram
