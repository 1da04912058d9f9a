// bot/slack/signature: Slack's published worked example, and each way a request is refused.
#include <catch2/catch.hpp>

#include <cctype>

#include "bot/slack/signature.hpp"

using namespace planbot::bot::slack;
using namespace std::chrono_literals;

namespace {

// "Verifying requests from Slack", the worked example.
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view kTimestamp = "1531420618";
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
    "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d"
    "10d2c447fce8b6703c";
constexpr std::string_view kSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

const std::chrono::sys_seconds kSent{std::chrono::seconds(1531420618)};

SignatureCheck check(std::string_view secret, std::string_view timestamp, std::string_view signature,
                     std::string_view body, std::chrono::sys_seconds now = kSent) {
    return verify_signature(secret, timestamp, signature, body, now);
}

}  // namespace

TEST_CASE("Slack's worked example is accepted") {
    CHECK(check(kSecret, kTimestamp, kSignature, kBody) == SignatureCheck::ok);
    // Within five minutes either way of planbot's clock.
    CHECK(check(kSecret, kTimestamp, kSignature, kBody, kSent + 300s) == SignatureCheck::ok);
    CHECK(check(kSecret, kTimestamp, kSignature, kBody, kSent - 300s) == SignatureCheck::ok);
}

TEST_CASE("a body changed by one byte is refused") {
    std::string body(kBody);
    body[body.find("roadrunner")] = 'R';
    CHECK(check(kSecret, kTimestamp, kSignature, body) == SignatureCheck::mismatch);
    CHECK(check(kSecret, kTimestamp, kSignature, std::string(kBody) + " ") == SignatureCheck::mismatch);
}

TEST_CASE("a signature made with another secret is refused") {
    CHECK(check("8f742231b10e8888abcd99yyyzzz85a6", kTimestamp, kSignature, kBody) == SignatureCheck::mismatch);
}

TEST_CASE("a request more than five minutes old or ahead of the clock is refused as stale") {
    CHECK(check(kSecret, kTimestamp, kSignature, kBody, kSent + 301s) == SignatureCheck::stale);
    CHECK(check(kSecret, kTimestamp, kSignature, kBody, kSent - 301s) == SignatureCheck::stale);
    // The extremes of a 64-bit number are stale, not an overflow.
    CHECK(check(kSecret, "-9223372036854775808", kSignature, kBody) == SignatureCheck::stale);
    CHECK(check(kSecret, "9223372036854775807", kSignature, kBody) == SignatureCheck::stale);
}

TEST_CASE("a missing header or an empty signing secret refuses the request") {
    CHECK(check(kSecret, "", kSignature, kBody) == SignatureCheck::missing);
    CHECK(check(kSecret, kTimestamp, "", kBody) == SignatureCheck::missing);
    CHECK(check("", kTimestamp, kSignature, kBody) == SignatureCheck::missing);
}

TEST_CASE("a signature of the wrong length, version or alphabet, or a timestamp that is no number, is malformed") {
    const std::string signature(kSignature);
    CHECK(check(kSecret, kTimestamp, signature.substr(0, signature.size() - 1), kBody) == SignatureCheck::malformed);
    CHECK(check(kSecret, kTimestamp, signature + "0", kBody) == SignatureCheck::malformed);
    CHECK(check(kSecret, kTimestamp, "v1=" + signature.substr(3), kBody) == SignatureCheck::malformed);
    std::string not_hex = signature;
    not_hex.back() = 'g';
    CHECK(check(kSecret, kTimestamp, not_hex, kBody) == SignatureCheck::malformed);
    CHECK(check(kSecret, "1531420618x", kSignature, kBody) == SignatureCheck::malformed);
    // Upper-case hex is the same digest.
    std::string upper = signature;
    for (size_t i = 3; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
    CHECK(check(kSecret, kTimestamp, upper, kBody) == SignatureCheck::ok);
}
