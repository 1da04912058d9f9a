// See sender.hpp.
#include "bot/slack/sender.hpp"

#include "bot/slack/adapter.hpp"
#include "bot/slack/json_fields.hpp"

namespace planbot::bot::slack {

namespace {

// A request's deadline: Slack answers in well under a second, so one that hangs this
// long is given up (a temporary failure: the row goes again) and its lane freed.
constexpr auto kSendDeadline = std::chrono::seconds(10);

Delivery::Kind kind_of(WebAnswer::Kind kind) {
    switch (kind) {
        case WebAnswer::ok: return Delivery::Kind::delivered;
        case WebAnswer::rate_limited: return Delivery::Kind::retry_after;
        case WebAnswer::chat_gone: return Delivery::Kind::chat_gone;
        case WebAnswer::refused: return Delivery::Kind::refused;
        case WebAnswer::unauthorized:
        case WebAnswer::temporary: return Delivery::Kind::temporary;
    }
    return Delivery::Kind::temporary;
}

// "<channel>:<ts>" of what the call made or changed: chat.postMessage and chat.update
// answer with channel and ts (a DM's channel "D…", though the row named the person);
// chat.postEphemeral with message_ts only, in the channel it was asked for.
std::string platform_id_of(const WebAnswer& answer, std::string_view method, const nlohmann::json& request_body) {
    using json_fields::text_of;
    if (method == kPostEphemeral) {
        const std::string ts = text_of(answer.body, "message_ts");
        return ts.empty() ? std::string() : text_of(request_body, "channel") + ":" + ts;
    }
    const std::string channel = text_of(answer.body, "channel"), ts = text_of(answer.body, "ts");
    return channel.empty() || ts.empty() ? std::string() : channel + ":" + ts;
}

}  // namespace

Delivery delivery_of(const WebAnswer& answer, std::string_view request_method, const nlohmann::json& request_body) {
    Delivery delivery;
    delivery.kind = kind_of(answer.kind);
    delivery.answered = answer.http_status != 0;
    delivery.status = answer.http_status;
    delivery.method = std::string(request_method);
    delivery.reason = answer.error;
    delivery.retry_after = answer.retry_after;
    delivery.credentials_refused = answer.kind == WebAnswer::unauthorized;
    if (delivery.credentials_refused)
        delivery.reason = "Slack refused the bot token (" + answer.error +
                          "): set a valid bot token (xoxb-…) for Slack in the settings, or reinstall the app";
    if (request_method == kPostEphemeral && (answer.kind == WebAnswer::chat_gone || answer.kind == WebAnswer::refused)) {
        // The answer to a press can no longer be shown (the presser left the channel, the
        // channel was archived): the press itself was handled. Nothing to tell an admin,
        // never retried, and the chat is not marked gone for it.
        delivery.kind = Delivery::Kind::refused;
        delivery.expected = true;
        return delivery;
    }
    if (delivery.kind == Delivery::Kind::delivered)
        delivery.platform_message_id = platform_id_of(answer, request_method, request_body);
    return delivery;
}

Delivery response_url_delivery(const HttpResult& result) {
    Delivery delivery;
    delivery.method = std::string(kResponseUrl);
    delivery.answered = !result.error;
    delivery.status = result.status;
    if (result.error) {
        delivery.reason = result.error.message();
        return delivery;  // temporary
    }
    if (result.status >= 200 && result.status < 300) {
        delivery.kind = Delivery::Kind::delivered;
        return delivery;
    }
    delivery.reason = "HTTP " + std::to_string(result.status) + (result.body.empty() ? "" : ": " + result.body.substr(0, 100));
    if (result.status == 429) {
        delivery.kind = Delivery::Kind::retry_after;
        delivery.retry_after = std::chrono::seconds(std::max(1, result.retry_after.value_or(1)));
    } else if (result.status >= 500) {
        delivery.kind = Delivery::Kind::temporary;
    } else {
        delivery.kind = Delivery::Kind::refused;
        delivery.expected = result.status == 404;  // used up, or older than 30 minutes
    }
    return delivery;
}

boost::asio::awaitable<Delivery> SlackSender::send_to_response_url(const storage::OutboxMessage& message) {
    ApiRequest request = api_request(message);
    const std::string url = json_fields::text_of(request.body, kResponseUrl);
    request.body.erase(std::string(kResponseUrl));
    if (!post_response_ || !acceptable_response_url(url, loopback_response_urls_)) {
        Delivery refused;
        refused.kind = Delivery::Kind::refused;
        refused.method = std::string(kResponseUrl);
        refused.reason = "no usable response_url";
        co_return refused;
    }
    const HttpResult result =
        co_await post_response_(url, request.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    co_return response_url_delivery(result);
}

boost::asio::awaitable<Delivery> SlackSender::send(const storage::OutboxMessage& message) {
    if (message.method == kResponseUrl) co_return co_await send_to_response_url(message);
    const ApiRequest request = api_request(message);
    const WebAnswer answer = co_await api_.call(request.method, request.body, kSendDeadline);
    co_return delivery_of(answer, request.method, request.body);
}

}  // namespace planbot::bot::slack
