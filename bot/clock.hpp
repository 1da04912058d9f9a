// The one clock of the process. Everything that needs "now" is handed a Clock, so a
// demo or a test can start time at a chosen instant (--now) without touching code
// that reads it.
#pragma once

#include <chrono>
#include <optional>

namespace planbot::bot {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::sys_seconds now() const = 0;
};

// Real time, or real time shifted so that it started at `start` when constructed.
class ProcessClock final : public Clock {
public:
    explicit ProcessClock(std::optional<std::chrono::sys_seconds> start = std::nullopt)
        : offset_(start ? *start - std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
                        : std::chrono::seconds(0)) {}

    std::chrono::sys_seconds now() const override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + offset_;
    }

private:
    std::chrono::seconds offset_;
};

}  // namespace planbot::bot
