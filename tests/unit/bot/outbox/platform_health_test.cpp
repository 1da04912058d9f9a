// bot/outbox/platform_health: the platform-wide back-off as a pure state machine, with
// the times passed in (no waiting, no sockets).
#include <catch2/catch.hpp>

#include "bot/outbox/platform_health.hpp"

using namespace planbot::bot;
using namespace std::chrono_literals;
using State = PlatformHealth::State;
using TimePoint = PlatformHealth::TimePoint;

namespace {
const TimePoint t0 = TimePoint{} + 1000h;
}  // namespace

TEST_CASE("a platform that answers lets any number of requests go at once") {
    PlatformHealth health;
    CHECK(health.state(t0) == State::up);
    CHECK(health.next_start(t0, 0) == t0);
    CHECK(health.next_start(t0, 7) == t0);
    health.answered(t0);
    CHECK(health.next_start(t0 + 1ms, 3) == t0 + 1ms);
}

TEST_CASE("fewer failures in a row than the threshold leave the platform up") {
    PlatformHealth health;
    health.failed(t0, t0);
    health.failed(t0 + 10ms, t0 + 10ms);
    CHECK(health.state(t0 + 20ms) == State::up);
    CHECK(health.next_start(t0 + 20ms, 2) == t0 + 20ms);
    // An answer in between starts the count again.
    health.answered(t0 + 30ms);
    health.failed(t0 + 40ms, t0 + 40ms);
    health.failed(t0 + 50ms, t0 + 50ms);
    CHECK(health.state(t0 + 60ms) == State::up);
    CHECK(health.consecutive_failures() == 2);
}

TEST_CASE("after three failures in a row the platform is down and one probe waits a second") {
    PlatformHealth health;
    for (int i = 0; i < 3; ++i) health.failed(t0 + i * 10ms, t0 + i * 10ms);
    const TimePoint last = t0 + 20ms;
    CHECK(health.state(last) == State::down);
    CHECK(health.probe_interval() == 1s);
    CHECK(health.next_start(last, 0) == last + 1s);
    // Only one request at a time while down: with one in flight, the next waits for its answer.
    CHECK(health.next_start(last + 5s, 1) == TimePoint::max());
    CHECK(health.next_start(last + 5s, 0) == last + 5s);
}

TEST_CASE("each failed probe doubles the wait up to sixty seconds") {
    PlatformHealth health;
    TimePoint now = t0;
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
    for (int i = 0; i < 6; ++i) health.failed(t0, t0);
    CHECK(health.state(t0) == State::down);
    health.answered(t0 + 8s);
    CHECK(health.state(t0 + 8s) == State::up);
    CHECK(health.consecutive_failures() == 0);
    CHECK(health.probe_interval() == 0s);
    CHECK(health.next_start(t0 + 8s, 3) == t0 + 8s);
    // A new outage starts the probes again from one second.
    for (int i = 0; i < 3; ++i) health.failed(t0 + 9s, t0 + 9s);
    CHECK(health.next_start(t0 + 9s, 0) == t0 + 10s);
}

TEST_CASE("a 429 pauses every request for retry_after, then one goes alone until it is answered") {
    PlatformHealth health;
    health.rate_limited(t0, 5s);
    CHECK(health.state(t0 + 1s) == State::paused);
    CHECK(health.next_start(t0 + 1s, 0) == t0 + 5s);
    CHECK(health.state(t0 + 5s) == State::up);
    CHECK(health.next_start(t0 + 5s, 0) == t0 + 5s);
    // The first request after the pause goes alone.
    CHECK(health.next_start(t0 + 5s, 1) == TimePoint::max());
    health.answered(t0 + 5s + 100ms);
    CHECK(health.next_start(t0 + 6s, 4) == t0 + 6s);
}

TEST_CASE("an answer to a request sent before a pause ended does not cut the pause short") {
    PlatformHealth health;
    health.rate_limited(t0, 3s);
    health.answered(t0 + 1s);  // a request that was in flight when the 429 came
    CHECK(health.next_start(t0 + 2s, 0) == t0 + 3s);
    CHECK(health.next_start(t0 + 4s, 1) == TimePoint::max());
}

TEST_CASE("a longer retry_after extends a pause and a shorter one does not shorten it") {
    PlatformHealth health;
    health.rate_limited(t0, 10s);
    health.rate_limited(t0 + 1s, 2s);
    CHECK(health.next_start(t0 + 4s, 0) == t0 + 10s);
    health.rate_limited(t0 + 5s, 20s);
    CHECK(health.next_start(t0 + 11s, 0) == t0 + 25s);
}

TEST_CASE("a 429 is an answer: failures before it no longer count") {
    PlatformHealth health;
    for (int i = 0; i < 5; ++i) health.failed(t0, t0);
    health.rate_limited(t0 + 1s, 2s);
    CHECK(health.consecutive_failures() == 0);
    CHECK(health.state(t0 + 4s) == State::up);
    CHECK(health.next_start(t0 + 4s, 0) == t0 + 4s);
}

TEST_CASE("a shorter policy, as for a faster clock, keeps the same shape") {
    PlatformHealth health(PlatformHealth::Policy{.failures_until_down = 2, .first_probe = 100ms, .longest_probe = 6s});
    TimePoint now = t0;
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
    for (int i = 0; i < 3; ++i) health.failed(t0, t0 + 10ms);
    CHECK(health.state(t0 + 10ms) == State::down);
    // Three more sent at t0 come back failed later: no probes, the wait stays a second.
    for (int i = 0; i < 3; ++i) health.failed(t0, t0 + 20ms);
    CHECK(health.probe_interval() == 1s);
    CHECK(health.next_start(t0 + 20ms, 0) == t0 + 20ms + 1s);
    // The probe, sent after that, fails: now it doubles.
    health.failed(t0 + 1020ms, t0 + 1030ms);
    CHECK(health.probe_interval() == 2s);
}
