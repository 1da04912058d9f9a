// bot/slack/web_api and sender: what Slack's answers mean for a row (Delivery), class by class.
#include <catch2/catch.hpp>

#include "bot/slack/adapter.hpp"
#include "bot/slack/sender.hpp"
#include "bot/slack/web_api.hpp"

using namespace planbot::bot;
using namespace planbot::bot::slack;

namespace {

HttpResult answer(int status, std::string body, std::optional<int> retry_after = std::nullopt) {
    return HttpResult{{}, status, std::move(body), retry_after};
}

WebAnswer::Kind kind_of(std::string_view error) {
    return classify_answer(answer(200, R"({"ok":false,"error":")" + std::string(error) + R"("})")).kind;
}

const nlohmann::json kPost = {{"channel", "C1"}, {"text", "hei"}};

}  // namespace

TEST_CASE("ok:true is delivered, and the message is known by channel and ts") {
    const WebAnswer ok = classify_answer(answer(200, R"({"ok":true,"channel":"D024BE91L","ts":"1503435956.000247"})"));
    CHECK(ok.kind == WebAnswer::ok);
    const Delivery delivery = delivery_of(ok, "chat.postMessage", kPost);
    CHECK(delivery.kind == Delivery::Kind::delivered);
    CHECK(delivery.platform_message_id == "D024BE91L:1503435956.000247");
    const Delivery ephemeral = delivery_of(classify_answer(answer(200, R"({"ok":true,"message_ts":"1.5"})")),
                                           "chat.postEphemeral", {{"channel", "C9"}, {"user", "U1"}});
    CHECK(ephemeral.platform_message_id == "C9:1.5");
}

TEST_CASE("HTTP 429 waits for Retry-After, one second when Slack names none") {
    const WebAnswer limited = classify_answer(answer(429, "", 30));
    CHECK(limited.kind == WebAnswer::rate_limited);
    CHECK(limited.retry_after == std::chrono::seconds(30));
    CHECK(classify_answer(answer(429, "")).retry_after == std::chrono::seconds(1));
    const Delivery delivery = delivery_of(limited, "chat.postMessage", kPost);
    CHECK(delivery.kind == Delivery::Kind::retry_after);
    CHECK(delivery.retry_after == std::chrono::seconds(30));
    CHECK(kind_of("ratelimited") == WebAnswer::rate_limited);
}

TEST_CASE("a channel or person the bot cannot reach any more is a chat gone") {
    for (std::string_view error : {"channel_not_found", "not_in_channel", "is_archived", "user_not_found", "cannot_dm_bot"}) {
        CHECK(kind_of(error) == WebAnswer::chat_gone);
        CHECK(delivery_of(classify_answer(answer(200, R"({"ok":false,"error":")" + std::string(error) + R"("})")),
                          "chat.postMessage", kPost)
                  .kind == Delivery::Kind::chat_gone);
    }
}

TEST_CASE("a refused token stops the platform until an operator acts, and the reason names no token") {
    for (std::string_view error : {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"})
        CHECK(kind_of(error) == WebAnswer::unauthorized);
    const Delivery delivery =
        delivery_of(classify_answer(answer(200, R"({"ok":false,"error":"invalid_auth"})")), "chat.postMessage", kPost);
    CHECK(delivery.kind == Delivery::Kind::temporary);
    CHECK(delivery.credentials_refused);
    CHECK(delivery.reason.find("invalid_auth") != std::string::npos);
    CHECK(delivery.reason.find("xoxb-1") == std::string::npos);
}

TEST_CASE("Slack's own trouble and no answer at all are tried again") {
    for (std::string_view error : {"internal_error", "fatal_error", "service_unavailable", "request_timeout"})
        CHECK(kind_of(error) == WebAnswer::temporary);
    CHECK(classify_answer(answer(503, "")).kind == WebAnswer::temporary);
    CHECK(classify_answer(answer(200, "<html>proxy</html>")).kind == WebAnswer::temporary);
    HttpResult timeout;
    timeout.error = boost::asio::error::timed_out;
    const WebAnswer none = classify_answer(timeout);
    CHECK(none.kind == WebAnswer::temporary);
    CHECK(delivery_of(none, "chat.postMessage", kPost).answered == false);
}

TEST_CASE("a request Slack refuses for itself is refused for good") {
    for (std::string_view error : {"msg_too_long", "invalid_blocks", "message_not_found", "cant_update_message"})
        CHECK(kind_of(error) == WebAnswer::refused);
    const Delivery delivery =
        delivery_of(classify_answer(answer(200, R"({"ok":false,"error":"invalid_blocks"})")), "chat.postMessage", kPost);
    CHECK(delivery.kind == Delivery::Kind::refused);
    CHECK_FALSE(delivery.expected);
    CHECK(delivery.reason == "invalid_blocks");
}

TEST_CASE("an answer to a press that can no longer be shown is refused harmlessly, and no chat is marked gone") {
    const Delivery delivery = delivery_of(classify_answer(answer(200, R"({"ok":false,"error":"channel_not_found"})")),
                                          "chat.postEphemeral", {{"channel", "C1"}, {"user", "U1"}});
    CHECK(delivery.kind == Delivery::Kind::refused);
    CHECK(delivery.expected);
}

TEST_CASE("a response_url's answer: delivered, waited for, tried again, or harmlessly too late, never a chat gone") {
    CHECK(response_url_delivery(answer(200, "ok")).kind == Delivery::Kind::delivered);
    const Delivery limited = response_url_delivery(answer(429, "", 7));
    CHECK(limited.kind == Delivery::Kind::retry_after);
    CHECK(limited.retry_after == std::chrono::seconds(7));
    CHECK(response_url_delivery(answer(503, "")).kind == Delivery::Kind::temporary);
    const Delivery expired = response_url_delivery(answer(404, "expired_url"));
    CHECK(expired.kind == Delivery::Kind::refused);
    CHECK(expired.expected);
    CHECK(response_url_delivery(HttpResult{boost::asio::error::timed_out, 0, "", std::nullopt}).kind ==
          Delivery::Kind::temporary);
    for (int status : {400, 403, 404, 410, 500})
        CHECK(response_url_delivery(answer(status, "")).kind != Delivery::Kind::chat_gone);
}
