// Whether the platform may be sent to now, decided for the whole platform rather than
// per message: a platform in trouble gets one request at growing intervals, not one per
// message waiting. Pure bookkeeping over steady-clock times the caller passes in (like
// rate_limiter.hpp), so its schedule is tested without waiting.
//
// The states:
// - up: any number of requests may be in flight.
// - down: `failures_until_down` requests in a row failed (no answer, a 5xx, a timeout).
//   One probe at a time goes out, the first `first_probe` after the last failure, each
//   failed probe doubling the wait up to `longest_probe`. A probe answered ends it.
//   Requests already in flight when it went down fail too; they are no probes and do
//   not lengthen the wait.
// - paused: the platform answered 429 with retry_after. Nothing goes out before then
//   (for every chat: Telegram lengthens the ban of a bot that goes on sending), and
//   afterwards one request alone first, as a probe; its answer opens the way again.
// An answer of any other kind (delivered, refused, chat gone) means the platform is up.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace planbot::bot {

class PlatformHealth {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    using Duration = std::chrono::steady_clock::duration;

    struct Policy {
        int failures_until_down = 3;
        Duration first_probe = std::chrono::seconds(1);
        Duration longest_probe = std::chrono::seconds(60);
    };

    enum class State { up, down, paused };

    PlatformHealth() = default;
    explicit PlatformHealth(Policy policy) : policy_(policy) {}

    // When the next request may start while `in_flight` requests are waiting for their
    // answers: `now` if at once, TimePoint::max() only when one of those comes back.
    TimePoint next_start(TimePoint now, size_t in_flight) const;

    // The platform answered a request (anything but 429 and its own trouble) at `at`.
    void answered(TimePoint at);
    // A request started at `started` got no answer, or the platform's own trouble (5xx),
    // at `at`.
    void failed(TimePoint started, TimePoint at);
    // The platform answered 429 at `at`: nothing goes to it for `retry_after`.
    void rate_limited(TimePoint at, Duration retry_after);

    State state(TimePoint now) const;
    int consecutive_failures() const { return consecutive_failures_; }
    // The wait before the next probe once down (0 while up).
    Duration probe_interval() const;

private:
    Policy policy_;
    int consecutive_failures_ = 0;
    int failed_probes_ = 0;   // requests started while down that failed
    TimePoint down_since_{};
    TimePoint last_failure_{};
    TimePoint paused_until_{};
    bool probing_after_pause_ = false;  // after a 429's pause: one request until one is answered
};

std::string_view to_string(PlatformHealth::State state);

}  // namespace planbot::bot
