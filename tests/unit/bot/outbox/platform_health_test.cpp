// bot/outbox/platform_health: the platform-wide back-off as a pure state machine, with
// the times passed in (no waiting, no sockets).
#include <catch2/catch.hpp>

#include "bot/outbox/platform_health.hpp"

using namespace planbot::bot;
using namespace std::chrono_literals;
using State = PlatformHealth::State;
using TimePoint = PlatformHealth::TimePoint;

namespace {
const TimePoint start = TimePoint{} + 1000h;
}  // namespace

TEST_CASE("a platform that answers lets any number of requests go at once") {
    PlatformHealth health;
    CHECK(health.state(start) == State::up);
    CHECK(health.next_start(start, 0) == start);
    CHECK(health.next_start(start, 7) == start);
    health.answered(start);
    CHECK(health.next_start(start + 1ms, 3) == start + 1ms);
}

TEST_CASE("fewer failures in a row than the threshold leave the platform up") {
    PlatformHealth health;
    health.failed(start, start);
    health.failed(start + 10ms, start + 10ms);
    CHECK(health.state(start + 20ms) == State::up);
    CHECK(health.next_start(start + 20ms, 2) == start + 20ms);
    // An answer in between starts the count again.
    health.answered(start + 30ms);
    health.failed(start + 40ms, start + 40ms);
    health.failed(start + 50ms, start + 50ms);
    CHECK(health.state(start + 60ms) == State::up);
    CHECK(health.consecutive_failures() == 2);
}

TEST_CASE("after three failures in a row the platform is down and one probe waits a second") {
    PlatformHealth health;
    for (int i = 0; i < 3; ++i) health.failed(start + i * 10ms, start + i * 10ms);
    const TimePoint last = start + 20ms;
    CHECK(health.state(last) == State::down);
    CHECK(health.probe_interval() == 1s);
    CHECK(health.next_start(last, 0) == last + 1s);
    // Only one request at a time while down: with one in flight, the next waits for its answer.
    CHECK(health.next_start(last + 5s, 1) == TimePoint::max());
    CHECK(health.next_start(last + 5s, 0) == last + 5s);
}

TEST_CASE("each failed probe doubles the wait up to sixty seconds") {
    PlatformHealth health;
    TimePoint now = start;
    for (int i = 0; i < 3; ++i) health.failed(now, now);
    std::vector<std::chrono::seconds> waits;
    for (int probe = 0; probe < 10; ++probe) {
        const TimePoint next = health.next_start(now, 0);
        waits.push_back(std::chrono::duration_cast<std::chrono::seconds>(next - now));
        now = next;
        health.failed(now, now);  // the probe failed too
    }
    CHECK(waits == std::vector<std::chrono::seconds>{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s, 60s, 60s});
    CHECK(health.state(now) == State::down);
}

TEST_CASE("a probe that is answered brings the platform up again at once") {
    PlatformHealth health;
    for (int i = 0; i < 6; ++i) health.failed(start, start);
    CHECK(health.state(start) == State::down);
    health.answered(start + 8s);
    CHECK(health.state(start + 8s) == State::up);
    CHECK(health.consecutive_failures() == 0);
    CHECK(health.probe_interval() == 0s);
    CHECK(health.next_start(start + 8s, 3) == start + 8s);
    // A new outage starts the probes again from one second.
    for (int i = 0; i < 3; ++i) health.failed(start + 9s, start + 9s);
    CHECK(health.next_start(start + 9s, 0) == start + 10s);
}

TEST_CASE("a 429 pauses every request for retry_after, then one goes alone until it is answered") {
    PlatformHealth health;
    health.rate_limited(start, 5s);
    CHECK(health.state(start + 1s) == State::paused);
    CHECK(health.next_start(start + 1s, 0) == start + 5s);
    CHECK(health.state(start + 5s) == State::up);
    CHECK(health.next_start(start + 5s, 0) == start + 5s);
    // The first request after the pause goes alone.
    CHECK(health.next_start(start + 5s, 1) == TimePoint::max());
    health.answered(start + 5s + 100ms);
    CHECK(health.next_start(start + 6s, 4) == start + 6s);
}

TEST_CASE("an answer to a request sent before a pause ended does not cut the pause short") {
    PlatformHealth health;
    health.rate_limited(start, 3s);
    health.answered(start + 1s);  // a request that was in flight when the 429 came
    CHECK(health.next_start(start + 2s, 0) == start + 3s);
    CHECK(health.next_start(start + 4s, 1) == TimePoint::max());
}

TEST_CASE("a longer retry_after extends a pause and a shorter one does not shorten it") {
    PlatformHealth health;
    health.rate_limited(start, 10s);
    health.rate_limited(start + 1s, 2s);
    CHECK(health.next_start(start + 4s, 0) == start + 10s);
    health.rate_limited(start + 5s, 20s);
    CHECK(health.next_start(start + 11s, 0) == start + 25s);
}

TEST_CASE("a 429 is an answer: failures before it no longer count") {
    PlatformHealth health;
    for (int i = 0; i < 5; ++i) health.failed(start, start);
    health.rate_limited(start + 1s, 2s);
    CHECK(health.consecutive_failures() == 0);
    CHECK(health.state(start + 4s) == State::up);
    CHECK(health.next_start(start + 4s, 0) == start + 4s);
}

TEST_CASE("a shorter policy, as for a faster clock, keeps the same shape") {
    PlatformHealth health(PlatformHealth::Policy{.failures_until_down = 2, .first_probe = 100ms, .longest_probe = 6s});
    TimePoint now = start;
    health.failed(now, now);
    CHECK(health.state(now) == State::up);
    health.failed(now, now);
    CHECK(health.state(now) == State::down);
    std::vector<std::chrono::milliseconds> waits;
    for (int probe = 0; probe < 8; ++probe) {
        const TimePoint next = health.next_start(now, 0);
        waits.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(next - now));
        now = next;
        health.failed(now, now);
    }
    CHECK(waits == std::vector<std::chrono::milliseconds>{100ms, 200ms, 400ms, 800ms, 1600ms, 3200ms, 6s, 6s});
}

TEST_CASE("requests in flight when the platform went down do not lengthen the first probe's wait") {
    PlatformHealth health;
    for (int i = 0; i < 3; ++i) health.failed(start, start + 10ms);
    CHECK(health.state(start + 10ms) == State::down);
    // Three more sent at start come back failed later: no probes, the wait stays a second.
    for (int i = 0; i < 3; ++i) health.failed(start, start + 20ms);
    CHECK(health.probe_interval() == 1s);
    CHECK(health.next_start(start + 20ms, 0) == start + 20ms + 1s);
    // The probe, sent after that, fails: now it doubles.
    health.failed(start + 1020ms, start + 1030ms);
    CHECK(health.probe_interval() == 2s);
}
