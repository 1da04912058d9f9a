// bot/telegram/bot_api: what each Bot API answer means for the dispatcher: sent,
// wait and retry, gone for good, moved, or refused. Pure: HttpResult in, ApiAnswer out.
#include <catch2/catch.hpp>

#include <boost/asio/error.hpp>

#include "bot/telegram/bot_api.hpp"

using namespace planbot::bot;
using Kind = telegram::ApiAnswer::Kind;

namespace {
HttpResult answer(int status, std::string body, std::optional<int> retry_after = std::nullopt) {
    return HttpResult{{}, status, std::move(body), retry_after};
}
}  // namespace

TEST_CASE("200 means sent, with Telegram's result") {
    auto result = telegram::classify_answer(
        answer(200, R"({"ok":true,"result":{"message_id":4711,"chat":{"id":111222333},"text":"Hei"}})"));
    CHECK(result.kind == Kind::ok);
    CHECK(result.http_status == 200);
    CHECK(result.result["message_id"] == 4711);
}

TEST_CASE("429 waits as long as parameters.retry_after says") {
    auto result = telegram::classify_answer(answer(
        429, R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}})",
        17));
    CHECK(result.kind == Kind::rate_limited);
    CHECK(result.retry_after == 17);
    CHECK(result.description == "Too Many Requests: retry after 17");
}

TEST_CASE("429 with only a Retry-After header waits as long as the header says") {
    auto result = telegram::classify_answer(answer(429, "<html>Too Many Requests</html>", 5));
    CHECK(result.kind == Kind::rate_limited);
    CHECK(result.retry_after == 5);
    CHECK(result.description == "HTTP 429");
}

TEST_CASE("429 without any wait still waits a second") {
    auto result = telegram::classify_answer(answer(429, R"({"ok":false,"error_code":429})"));
    CHECK(result.kind == Kind::rate_limited);
    CHECK(result.retry_after == 1);
}

TEST_CASE("403 means the bot may not write to that chat any more") {
    for (const char* description : {"Forbidden: bot was blocked by the user", "Forbidden: bot was kicked from the group chat"}) {
        auto result = telegram::classify_answer(
            answer(403, std::string(R"({"ok":false,"error_code":403,"description":")") + description + "\"}"));
        CHECK(result.kind == Kind::gone);
        CHECK(result.description == description);
    }
}

TEST_CASE("400 chat not found means the chat is gone") {
    auto result = telegram::classify_answer(
        answer(400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})"));
    CHECK(result.kind == Kind::gone);
}

TEST_CASE("400 with migrate_to_chat_id gives the supergroup's new id") {
    auto result = telegram::classify_answer(answer(
        400, R"({"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009876543210}})"));
    CHECK(result.kind == Kind::migrated);
    CHECK(result.migrate_to == "-1009876543210");
}

TEST_CASE("any other 400 is refused for good") {
    auto result = telegram::classify_answer(
        answer(400, R"({"ok":false,"error_code":400,"description":"Bad Request: can't parse entities: Unsupported start tag \"x\""})"));
    CHECK(result.kind == Kind::rejected);
    CHECK(result.description.starts_with("Bad Request: can't parse entities"));
}

TEST_CASE("401 and 404 say the token is refused, which retrying cannot mend") {
    const auto unauthorized = telegram::classify_answer(answer(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})"));
    CHECK(unauthorized.kind == Kind::unauthorized);
    CHECK(telegram::classify_answer(answer(404, R"({"ok":false,"error_code":404,"description":"Not Found"})")).kind ==
          Kind::unauthorized);
    // The operator's message names the setting, never the token.
    const std::string reason = telegram::token_refused_reason(unauthorized);
    CHECK(reason.find("PLANBOT_TELEGRAM_TOKEN") != std::string::npos);
    CHECK(reason.find("telegram.token") != std::string::npos);
    CHECK(reason.find("401 Unauthorized") != std::string::npos);
}

TEST_CASE("a server error is retried later") {
    auto result = telegram::classify_answer(answer(500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})"));
    CHECK(result.kind == Kind::temporary);
    CHECK(result.description == "Internal Server Error");
    auto gateway = telegram::classify_answer(answer(502, "<html><body>502 Bad Gateway</body></html>"));
    CHECK(gateway.kind == Kind::temporary);
    CHECK(gateway.description == "HTTP 502");
}

TEST_CASE("no answer at all is retried later") {
    HttpResult refused;
    refused.error = boost::asio::error::connection_refused;
    auto result = telegram::classify_answer(refused);
    CHECK(result.kind == Kind::temporary);
    CHECK(result.http_status == 0);
    CHECK_FALSE(result.description.empty());
}

TEST_CASE("a 200 answer that is not JSON is still sent") {
    auto result = telegram::classify_answer(answer(200, "OK"));
    CHECK(result.kind == Kind::ok);
    CHECK(result.result.is_null());
}
