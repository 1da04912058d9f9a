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
    else if (status == 401 || status == 404 || status >= 500) answer.kind = ApiAnswer::Kind::temporary;
    else answer.kind = ApiAnswer::Kind::rejected;
    return answer;
}

boost::asio::awaitable<ApiAnswer> BotApi::call(std::string_view method, const json& body, std::chrono::seconds timeout) {
    std::string path = "/bot" + token_ + "/" + std::string(method);
    HttpResult result = co_await client_.post_json(std::move(path), body.dump(-1, ' ', false, json::error_handler_t::replace),
                                                   timeout);
    co_return classify_answer(result);
}

}  // namespace planbot::bot::telegram
