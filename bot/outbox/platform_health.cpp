// See platform_health.hpp.
#include "bot/outbox/platform_health.hpp"

#include <algorithm>

namespace planbot::bot {

PlatformHealth::Duration PlatformHealth::probe_interval() const {
    if (consecutive_failures_ < policy_.failures_until_down) return Duration::zero();
    // Doubling from first_probe, by steps, so no shift can overflow.
    Duration interval = policy_.first_probe;
    for (int i = 0; i < failed_probes_ && interval < policy_.longest_probe; ++i) interval *= 2;
    return std::min(interval, policy_.longest_probe);
}

PlatformHealth::State PlatformHealth::state(TimePoint now) const {
    if (now < paused_until_) return State::paused;
    if (consecutive_failures_ >= policy_.failures_until_down) return State::down;
    return State::up;
}

PlatformHealth::TimePoint PlatformHealth::next_start(TimePoint now, size_t in_flight) const {
    const bool one_at_a_time = probing_after_pause_ || consecutive_failures_ >= policy_.failures_until_down;
    if (one_at_a_time && in_flight > 0) return TimePoint::max();
    TimePoint at = std::max(now, paused_until_);
    if (consecutive_failures_ >= policy_.failures_until_down) at = std::max(at, last_failure_ + probe_interval());
    return at;
}

void PlatformHealth::answered(TimePoint at) {
    consecutive_failures_ = 0;
    failed_probes_ = 0;
    // An answer to a request sent before the pause ended does not open the way.
    if (at >= paused_until_) probing_after_pause_ = false;
}

void PlatformHealth::failed(TimePoint started, TimePoint at) {
    ++consecutive_failures_;
    last_failure_ = std::max(last_failure_, at);
    if (consecutive_failures_ == policy_.failures_until_down) {
        down_since_ = at;
        failed_probes_ = 0;
    } else if (consecutive_failures_ > policy_.failures_until_down && started >= down_since_) {
        ++failed_probes_;
    }
}

void PlatformHealth::rate_limited(TimePoint at, Duration retry_after) {
    // An answer: whatever failed before, the platform is there.
    consecutive_failures_ = 0;
    failed_probes_ = 0;
    paused_until_ = std::max(paused_until_, at + retry_after);
    probing_after_pause_ = true;
}

std::string_view to_string(PlatformHealth::State state) {
    switch (state) {
        case PlatformHealth::State::up: return "up";
        case PlatformHealth::State::down: return "down";
        case PlatformHealth::State::paused: return "paused";
    }
    return "up";
}

}  // namespace planbot::bot
