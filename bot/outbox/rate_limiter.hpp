// When the next message may go out without tripping the platform's flood limits
// (Telegram: about 30 messages/s in total, 1 message/s into one chat, 20 messages
// per minute into one group). Pure bookkeeping over steady-clock times that the
// caller passes in, so its schedule is tested without waiting.
#pragma once

#include <chrono>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace planbot::bot {

class RateLimiter {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    struct Limits {
        int total_per_second = 30;
        std::chrono::milliseconds per_chat_gap{1000};
        int group_per_minute = 20;
    };

    RateLimiter() = default;
    explicit RateLimiter(Limits limits) : limits_(limits) {}

    // The earliest time a message to `chat_id` may be sent (`now` if at once).
    TimePoint earliest(std::string_view chat_id, bool is_group, TimePoint now);
    // When the total limit next allows any message (`now` if at once).
    TimePoint total_earliest(TimePoint now);
    // A message to `chat_id` was sent at `at`.
    void record(std::string_view chat_id, bool is_group, TimePoint at);
    // The platform said to wait: nothing goes to this chat before `until`.
    void hold(std::string_view chat_id, TimePoint until);

private:
    struct ChatHistory {
        TimePoint last{};
        TimePoint held_until{};
        std::deque<TimePoint> last_minute;
    };
    void forget_old(TimePoint now);

    Limits limits_;
    std::deque<TimePoint> last_second_;
    std::unordered_map<std::string, ChatHistory> chats_;
};

}  // namespace planbot::bot
