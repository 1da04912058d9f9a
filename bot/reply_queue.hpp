// Puts a reply's rows in the outbox within the per-chat cap on unsent rows
// (outbox.max_pending_per_chat), for every path that answers or reminds: the message
// pipeline and the scheduler. Under a flood the outbox stays bounded: a reply to a chat
// whose queue is full is not queued (Outbox::append_within: all its rows or none), and
// never silently: each refusal is a log line naming the chat and its count and a
// metric, and the admins are told once per flood, in the same transaction.
// Must run inside the caller's transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "bot/platform.hpp"
#include "commands/event.hpp"
#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

class Metrics;

class ReplyQueue {
public:
    static constexpr int64_t kDefaultCap = 500;  // config::Settings' default

    // `admins`: the platform's user ids told of a flood.
    ReplyQueue(storage::Database& database, const Platform& platform, std::vector<std::string> admins);

    // 0: no cap.
    void set_cap(int64_t cap) { cap_ = cap; }
    void set_metrics(Metrics* metrics) { metrics_ = metrics; }

    // The ids of the rows stored, in order; none for an empty reply, or when refused.
    std::vector<int64_t> queue(const commands::Reply& reply, std::chrono::sys_seconds now);

private:
    void tell_admins(const std::string& chat_id, int64_t unsent, std::chrono::sys_seconds now);

    storage::Database& database_;
    storage::Outbox outbox_;
    const Platform& platform_;
    std::vector<std::string> admins_;
    int64_t cap_ = kDefaultCap;
    Metrics* metrics_ = nullptr;
};

}  // namespace planbot::bot
