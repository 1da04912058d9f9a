// The one clock of the process. Everything that needs "now" is handed a Clock, so a
// demo or a test can start time at a chosen instant (--now) and run it faster
// (--clock-rate) without touching code that reads it.
#pragma once

#include <chrono>
#include <optional>

namespace planbot::bot {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::sys_seconds now() const = 0;
    // How many clock seconds pass per real second (1 in production).
    virtual double rate() const { return 1.0; }
};

// Real time; or time that started at `start` when constructed and runs `rate` times
// faster than real time (measured on the steady clock, so a change of the system
// time does not make it jump).
class ProcessClock final : public Clock {
public:
    explicit ProcessClock(std::optional<std::chrono::sys_seconds> start = std::nullopt, double rate = 1.0)
        : start_(start.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()))),
          real_start_(std::chrono::steady_clock::now()),
          rate_(rate),
          follows_system_(!start && rate == 1.0) {}

    std::chrono::sys_seconds now() const override {
        if (follows_system_) return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        const std::chrono::duration<double> real = std::chrono::steady_clock::now() - real_start_;
        return start_ + std::chrono::seconds(static_cast<int64_t>(real.count() * rate_));
    }
    double rate() const override { return rate_; }

private:
    std::chrono::sys_seconds start_;
    std::chrono::steady_clock::time_point real_start_;
    double rate_;
    bool follows_system_;  // production: the system clock itself (it may be corrected by NTP)
};

}  // namespace planbot::bot
