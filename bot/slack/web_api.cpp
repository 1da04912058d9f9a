// See web_api.hpp.
#include "bot/slack/web_api.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>
#include <vector>

namespace planbot::bot::slack {

namespace {

using nlohmann::json;

bool is_one_of(std::string_view error, std::initializer_list<std::string_view> errors) {
    return std::ranges::find(errors, error) != errors.end();
}

WebAnswer::Kind kind_of_error(std::string_view error) {
    if (is_one_of(error, {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}))
        return WebAnswer::unauthorized;
    if (is_one_of(error, {"channel_not_found", "not_in_channel", "is_archived", "user_not_found", "cannot_dm_bot"}))
        return WebAnswer::chat_gone;
    // Slack spells it both ways: "ratelimited" (Web API methods) and "rate_limited"
    // (chat.postMessage, chat.postEphemeral).
    if (error == "ratelimited" || error == "rate_limited") return WebAnswer::rate_limited;
    if (is_one_of(error, {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}))
        return WebAnswer::temporary;
    return WebAnswer::refused;  // msg_too_long, invalid_blocks, message_not_found, cant_update_message, …
}

}  // namespace

WebAnswer classify_answer(const HttpResult& result) {
    WebAnswer answer;
    answer.http_status = result.status;
    if (result.error) {
        answer.error = result.error.message();
        return answer;  // temporary
    }
    json body = json::parse(result.body, nullptr, false);
    if (body.is_object()) answer.body = std::move(body);
    if (auto error = answer.body.find("error"); answer.body.is_object() && error != answer.body.end() && error->is_string())
        answer.error = error->get<std::string>();
    const int status = result.status;
    if (status == 429) {
        answer.kind = WebAnswer::rate_limited;
        answer.retry_after = std::chrono::seconds(std::max(1, result.retry_after.value_or(1)));
        if (answer.error.empty()) answer.error = "ratelimited";
        return answer;
    }
    if (status >= 500 || (status >= 200 && status < 300 && !answer.body.is_object())) {
        // Slack's trouble, or an answer that is not Slack's (a proxy's page): try again.
        answer.kind = WebAnswer::temporary;
        if (answer.error.empty()) answer.error = "HTTP " + std::to_string(status);
        return answer;
    }
    const json* ok = answer.body.is_object() && answer.body.contains("ok") ? &answer.body["ok"] : nullptr;
    if (status >= 200 && status < 300 && ok && ok->is_boolean() && ok->get<bool>()) {
        answer.kind = WebAnswer::ok;
        return answer;
    }
    if (answer.error.empty()) {
        answer.error = "HTTP " + std::to_string(status);
        answer.kind = status == 401 || status == 403 ? WebAnswer::unauthorized : WebAnswer::refused;
        return answer;
    }
    answer.kind = kind_of_error(answer.error);
    if (answer.kind == WebAnswer::rate_limited)
        answer.retry_after = std::chrono::seconds(std::max(1, result.retry_after.value_or(1)));
    return answer;
}

std::string_view kind_name(WebAnswer::Kind kind) {
    switch (kind) {
        case WebAnswer::ok: return "ok";
        case WebAnswer::rate_limited: return "rate_limited";
        case WebAnswer::unauthorized: return "unauthorized";
        case WebAnswer::chat_gone: return "chat_gone";
        case WebAnswer::refused: return "refused";
        case WebAnswer::temporary: return "temporary";
    }
    return "unknown";
}

boost::asio::awaitable<WebAnswer> WebApi::call(std::string_view method, const json& body, std::chrono::seconds timeout) {
    HttpsClient::Headers headers{{"Authorization", "Bearer " + token_}};
    HttpResult result = co_await client_.post("/api/" + std::string(method),
                                              body.dump(-1, ' ', false, json::error_handler_t::replace),
                                              "application/json; charset=utf-8", timeout, std::move(headers));
    co_return classify_answer(result);
}

namespace {

std::string form_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') out += c;
        else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
    return out;
}

}  // namespace

boost::asio::awaitable<WebAnswer> WebApi::call_form(std::string_view method,
                                                    const std::vector<std::pair<std::string, std::string>>& fields,
                                                    std::chrono::seconds timeout) {
    std::string form;
    for (const auto& [name, value] : fields) form += (form.empty() ? "" : "&") + form_encode(name) + "=" + form_encode(value);
    HttpsClient::Headers headers{{"Authorization", "Bearer " + token_}};
    HttpResult result = co_await client_.post("/api/" + std::string(method), std::move(form),
                                              "application/x-www-form-urlencoded", timeout, std::move(headers));
    co_return classify_answer(result);
}

}  // namespace planbot::bot::slack
