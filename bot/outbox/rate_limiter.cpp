// See rate_limiter.hpp.
#include "bot/outbox/rate_limiter.hpp"

#include <algorithm>

namespace planbot::bot {

void RateLimiter::forget_old(TimePoint now) {
    while (!last_second_.empty() && now - last_second_.front() >= std::chrono::seconds(1)) last_second_.pop_front();
    if (chats_.size() > 10000)  // bound memory: chats idle for over a minute carry no limit
        std::erase_if(chats_, [&](const auto& entry) {
            return now - entry.second.last > std::chrono::minutes(1) && entry.second.held_until <= now;
        });
}

RateLimiter::TimePoint RateLimiter::earliest(std::string_view chat_id, bool is_group, TimePoint now) {
    forget_old(now);
    TimePoint at = now;
    if (static_cast<int>(last_second_.size()) >= limits_.total_per_second)
        at = std::max(at, last_second_[last_second_.size() - static_cast<size_t>(limits_.total_per_second)] +
                              std::chrono::seconds(1));
    auto found = chats_.find(std::string(chat_id));
    if (found == chats_.end()) return at;
    ChatHistory& chat = found->second;
    at = std::max({at, chat.held_until, chat.last + limits_.per_chat_gap});
    if (is_group) {
        while (!chat.last_minute.empty() && now - chat.last_minute.front() >= std::chrono::minutes(1))
            chat.last_minute.pop_front();
        if (static_cast<int>(chat.last_minute.size()) >= limits_.group_per_minute)
            at = std::max(at, chat.last_minute[chat.last_minute.size() - static_cast<size_t>(limits_.group_per_minute)] +
                                  std::chrono::minutes(1));
    }
    return at;
}

RateLimiter::TimePoint RateLimiter::total_earliest(TimePoint now) {
    forget_old(now);
    if (static_cast<int>(last_second_.size()) < limits_.total_per_second) return now;
    return last_second_[last_second_.size() - static_cast<size_t>(limits_.total_per_second)] + std::chrono::seconds(1);
}

void RateLimiter::record(std::string_view chat_id, bool is_group, TimePoint at) {
    last_second_.push_back(at);
    ChatHistory& chat = chats_[std::string(chat_id)];
    chat.last = at;
    if (is_group) chat.last_minute.push_back(at);
}

void RateLimiter::hold(std::string_view chat_id, TimePoint until) {
    ChatHistory& chat = chats_[std::string(chat_id)];
    chat.held_until = std::max(chat.held_until, until);
}

}  // namespace planbot::bot
