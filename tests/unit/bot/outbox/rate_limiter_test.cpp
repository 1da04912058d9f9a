// bot/rate_limiter: when the next message may go out under Telegram's flood limits
// (1 per second into a chat, 20 per minute into a group, 30 per second in total, and
// nothing into a chat while a 429 holds it). Synthetic steady-clock times: no waiting.
#include <catch2/catch.hpp>

#include <string>

#include "bot/outbox/rate_limiter.hpp"

using planbot::bot::RateLimiter;
using namespace std::chrono_literals;

namespace {
// An arbitrary steady-clock instant; the limiter only compares differences.
const RateLimiter::TimePoint t0 = RateLimiter::TimePoint{} + 1000h;

constexpr bool kGroup = true;
constexpr bool kPrivate = false;
}  // namespace

TEST_CASE("the first message to a chat may go out at once") {
    RateLimiter limiter;
    CHECK(limiter.earliest("111222333", kPrivate, t0) == t0);
    CHECK(limiter.earliest("-4012345678", kGroup, t0) == t0);
}

TEST_CASE("a chat gets at most one message per second") {
    RateLimiter limiter;
    limiter.record("111222333", kPrivate, t0);
    CHECK(limiter.earliest("111222333", kPrivate, t0) == t0 + 1s);
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 400ms) == t0 + 1s);
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 1s) == t0 + 1s);
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 3s) == t0 + 3s);
}

TEST_CASE("different chats do not wait for each other") {
    RateLimiter limiter;
    limiter.record("111222333", kPrivate, t0);
    limiter.record("-4012345678", kGroup, t0);
    CHECK(limiter.earliest("444555666", kPrivate, t0) == t0);
    CHECK(limiter.earliest("-1001234567890", kGroup, t0) == t0);
}

TEST_CASE("a group gets at most 20 messages per minute") {
    RateLimiter limiter;
    for (int i = 0; i < 20; ++i) limiter.record("-4012345678", kGroup, t0 + i * 1s);
    // The 21st waits until the first of the 20 is a minute old.
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 20s) == t0 + 60s);
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 59s) == t0 + 60s);
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 60s) == t0 + 60s);
    limiter.record("-4012345678", kGroup, t0 + 60s);
    // Now the window starts at the second message (t0 + 1 s).
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 60s) == t0 + 61s);
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 62s) == t0 + 62s);
}

TEST_CASE("a private chat is not held to the group limit of 20 per minute") {
    RateLimiter limiter;
    for (int i = 0; i < 30; ++i) limiter.record("111222333", kPrivate, t0 + i * 1s);
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 30s) == t0 + 30s);
}

TEST_CASE("at most 30 messages per second go out in total") {
    RateLimiter limiter;
    for (int i = 0; i < 30; ++i) limiter.record("chat" + std::to_string(i), kPrivate, t0 + i * 10ms);
    // A 31st chat waits until the oldest of the 30 is a second old.
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 300ms) == t0 + 1s);
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 999ms) == t0 + 1s);
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 1s) == t0 + 1s);
    limiter.record("111222333", kPrivate, t0 + 1s);
    CHECK(limiter.earliest("444555666", kPrivate, t0 + 1s) == t0 + 1s + 10ms);
}

TEST_CASE("29 messages in a second leave room for one more at once") {
    RateLimiter limiter;
    for (int i = 0; i < 29; ++i) limiter.record("chat" + std::to_string(i), kPrivate, t0);
    CHECK(limiter.earliest("111222333", kPrivate, t0) == t0);
}

TEST_CASE("after a 429 nothing goes to that chat until the hold ends") {
    RateLimiter limiter;
    limiter.record("-4012345678", kGroup, t0);
    limiter.hold("-4012345678", t0 + 17s);
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 1s) == t0 + 17s);
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 17s) == t0 + 17s);
    // Other chats are not held.
    CHECK(limiter.earliest("111222333", kPrivate, t0 + 1s) == t0 + 1s);
}

TEST_CASE("a shorter hold never shortens a longer one") {
    RateLimiter limiter;
    limiter.hold("111222333", t0 + 30s);
    limiter.hold("111222333", t0 + 5s);
    CHECK(limiter.earliest("111222333", kPrivate, t0) == t0 + 30s);
}

TEST_CASE("a hold on a chat never written to applies too") {
    RateLimiter limiter;
    limiter.hold("111222333", t0 + 2s);
    CHECK(limiter.earliest("111222333", kPrivate, t0) == t0 + 2s);
}

TEST_CASE("the limits can be configured") {
    RateLimiter limiter(RateLimiter::Limits{.total_per_second = 2, .per_chat_gap = 100ms, .group_per_minute = 3});
    limiter.record("111222333", kPrivate, t0);
    CHECK(limiter.earliest("111222333", kPrivate, t0) == t0 + 100ms);
    limiter.record("444555666", kPrivate, t0);
    CHECK(limiter.earliest("777888999", kPrivate, t0) == t0 + 1s);
    for (int i = 0; i < 3; ++i) limiter.record("-4012345678", kGroup, t0 + 2s + i * 1s);
    CHECK(limiter.earliest("-4012345678", kGroup, t0 + 5s) == t0 + 62s);
}
