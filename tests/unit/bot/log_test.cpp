// bot/log and bot/https_client's URL parsing: small pure pieces an operator relies
// on (one log line per event, however odd the value; no plain HTTP off loopback).
#define CATCH_CONFIG_EXTERNAL_INTERFACES  // for the listener below
#include <catch2/catch.hpp>

#include "bot/http/https_client.hpp"
#include "bot/log.hpp"

using namespace planbot::bot;

namespace {
// The bot's log stays quiet while these tests run: errors only. (A test that reads
// the log raises the level itself and puts it back.)
struct QuietLog : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testRunStarting(const Catch::TestRunInfo&) override { log::set_level(planbot::config::LogLevel::error); }
};
}  // namespace
CATCH_REGISTER_LISTENER(QuietLog)

TEST_CASE("a plain log value is written bare") {
    CHECK(log::format_value("update_handled") == "update_handled");
    CHECK(log::format_value("-1001234567890") == "-1001234567890");
}

TEST_CASE("letters outside ASCII reach the log intact") {
    CHECK(log::format_value("Trøndelag") == "\"Trøndelag\"");  // quoted, as every non-ASCII value
}

TEST_CASE("a log value with spaces, quotes or equals signs is quoted") {
    CHECK(log::format_value("") == "\"\"");
    CHECK(log::format_value("command for another bot") == "\"command for another bot\"");
    CHECK(log::format_value("a=b") == "\"a=b\"");
    CHECK(log::format_value(R"(say "hi" \ bye)") == R"("say \"hi\" \\ bye")");
}

TEST_CASE("a value from a user cannot start a log line of its own") {
    const std::string forged = log::format_value("hei\nts=2026-01-01T00:00:00Z level=error event=forged\r\x01");
    CHECK(forged.find('\n') == std::string::npos);
    CHECK(forged.find('\r') == std::string::npos);
    CHECK(forged == "\"hei\\nts=2026-01-01T00:00:00Z level=error event=forged  \"");
}

TEST_CASE("the Bot API URL is HTTPS, with its port and path prefix") {
    auto telegram = parse_base_url("https://api.telegram.org");
    REQUIRE(telegram.has_value());
    CHECK(telegram->tls);
    CHECK(telegram->host == "api.telegram.org");
    CHECK(telegram->port == "443");
    CHECK(telegram->base_path.empty());

    auto own = parse_base_url("https://bots.example.org:8443/telegram/");
    REQUIRE(own.has_value());
    CHECK(own->host == "bots.example.org");
    CHECK(own->port == "8443");
    CHECK(own->base_path == "/telegram");

    auto six = parse_base_url("https://[2001:db8::1]:8443");
    REQUIRE(six.has_value());
    CHECK(six->host == "2001:db8::1");
    CHECK(six->port == "8443");
}

TEST_CASE("plain http is accepted for a Bot API on loopback only") {
    auto local = parse_base_url("http://127.0.0.1:8081");
    REQUIRE(local.has_value());
    CHECK_FALSE(local->tls);
    CHECK(local->host == "127.0.0.1");
    CHECK(local->port == "8081");
    CHECK(parse_base_url("http://localhost:8081").has_value());
    CHECK(parse_base_url("http://[::1]:8081").has_value());
    CHECK_FALSE(parse_base_url("http://api.telegram.org").has_value());
    CHECK_FALSE(parse_base_url("http://10.0.0.5:8081").has_value());
}

TEST_CASE("a Bot API URL without a scheme or host is refused") {
    CHECK_FALSE(parse_base_url("api.telegram.org").has_value());
    CHECK_FALSE(parse_base_url("ftp://api.telegram.org").has_value());
    CHECK_FALSE(parse_base_url("https://").has_value());
    CHECK_FALSE(parse_base_url("https://:443").has_value());
    CHECK_FALSE(parse_base_url("https://[::1").has_value());
}
