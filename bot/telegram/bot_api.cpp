// See bot_api.hpp.
#include "bot/telegram/bot_api.hpp"

namespace planbot::bot::telegram {

using nlohmann::json;

ApiAnswer classify_answer(const HttpResult& result) {
    ApiAnswer answer;
    answer.http_status = result.status;
    if (result.error) {
        answer.kind = ApiAnswer::Kind::temporary;
        answer.description = result.error.message();
        return answer;
    }
    json body = json::parse(result.body, nullptr, false);
    if (body.is_object()) {
        if (auto description = body.find("description"); description != body.end() && description->is_string())
            answer.description = description->get<std::string>();
        if (auto found = body.find("result"); found != body.end()) answer.result = *found;
        if (auto parameters = body.find("parameters"); parameters != body.end() && parameters->is_object()) {
            if (auto retry = parameters->find("retry_after"); retry != parameters->end() && retry->is_number_integer())
                answer.retry_after = retry->get<int>();
            if (auto to = parameters->find("migrate_to_chat_id"); to != parameters->end() && to->is_number_integer())
                answer.migrate_to = std::to_string(to->get<int64_t>());
        }
    }
    if (answer.description.empty()) answer.description = "HTTP " + std::to_string(result.status);
    const int status = result.status;
    if (status >= 200 && status < 300) answer.kind = ApiAnswer::Kind::ok;
    else if (status == 429) {
        answer.kind = ApiAnswer::Kind::rate_limited;
        if (answer.retry_after <= 0) answer.retry_after = result.retry_after.value_or(1);
    } else if (!answer.migrate_to.empty()) answer.kind = ApiAnswer::Kind::migrated;
    else if (status == 403 || (status == 400 && answer.description.find("chat not found") != std::string::npos))
        answer.kind = ApiAnswer::Kind::gone;
    // Telegram answers 401 to a token it does not know (revoked, or mistyped past the
    // colon) and 404 to one that is not a token at all: planbot calls only methods that
    // exist, so either says the token is wrong. Retrying cannot mend that.
    else if (status == 401 || status == 404) answer.kind = ApiAnswer::Kind::unauthorized;
    else if (status >= 500) answer.kind = ApiAnswer::Kind::temporary;
    else answer.kind = ApiAnswer::Kind::rejected;
    return answer;
}

std::string token_refused_reason(const ApiAnswer& answer) {
    return "Telegram refused the bot token (HTTP " + std::to_string(answer.http_status) + " " + answer.description +
           "): set a valid token from BotFather in PLANBOT_TELEGRAM_TOKEN or the config file's telegram.token";
}

boost::asio::awaitable<ApiAnswer> BotApi::call(std::string_view method, const json& body, std::chrono::seconds timeout) {
    std::string path = "/bot" + token_ + "/" + std::string(method);
    HttpResult result = co_await client_.post_json(std::move(path), body.dump(-1, ' ', false, json::error_handler_t::replace),
                                                   timeout);
    co_return classify_answer(result);
}

namespace {

// A boundary that the content cannot hold: tried with a counter until it is not in it.
std::string boundary_for(std::string_view content) {
    for (int salt = 0;; ++salt) {
        std::string boundary = "planbot-form-" + std::to_string(salt) + "-d41d8cd98f00b204";
        if (content.find(boundary) == std::string_view::npos) return boundary;
    }
}

std::string quoted_name(std::string_view name) {
    std::string out;
    for (char c : name) out += (c == '"' || c == '\r' || c == '\n') ? '_' : c;
    return out;
}

}  // namespace

boost::asio::awaitable<ApiAnswer> BotApi::upload(std::string_view method, const json& fields, std::string_view file_field,
                                                 std::string_view file_name, std::string_view content,
                                                 std::chrono::seconds timeout, std::string_view content_type) {
    std::string all_text(content);
    for (const auto& [key, value] : fields.items()) all_text += value.is_string() ? value.get<std::string>() : value.dump();
    const std::string boundary = boundary_for(all_text);
    std::string body;
    for (const auto& [key, value] : fields.items()) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted_name(key) + "\"\r\n\r\n";
        body += value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, json::error_handler_t::replace);
        body += "\r\n";
    }
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted_name(file_field) +
            "\"; filename=\"" + quoted_name(file_name) + "\"\r\nContent-Type: " + std::string(content_type) + "\r\n\r\n";
    body += content;
    body += "\r\n--" + boundary + "--\r\n";
    std::string path = "/bot" + token_ + "/" + std::string(method);
    HttpResult result = co_await client_.post(std::move(path), std::move(body),
                                              "multipart/form-data; boundary=" + boundary, timeout);
    co_return classify_answer(result);
}

}  // namespace planbot::bot::telegram
