// planbot's metrics for GET /metrics: one prometheus-cpp registry (the core library
// only: registry, counters, gauges, histograms, its text serializer) with the counters
// the flow moves as it goes (updates, outbox outcomes, reminders, latencies) and the
// gauges read at each scrape (outbox pending, forum posts, scheduler lag, database
// size, RSS, uptime). No sockets here: the route that serves the text is the
// platform's (bot/telegram/webhook_routes.cpp), and what is read from the database is
// in stored_metrics.hpp.
//
// Thread-safe (prometheus-cpp's own locks), though planbot calls it from its one
// io_context thread. Every component takes a Metrics* that may be null: then nothing
// is counted (the unit tests' components run without).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace prometheus {
class Registry;
class Counter;
class Gauge;
class Histogram;
template <typename T>
class Family;
}  // namespace prometheus

namespace planbot::bot {

// What is read at each scrape (stored_metrics.hpp fills it from the database).
struct StoredMetrics {
    std::map<std::string, int64_t> outbox_pending;  // by method ("sendMessage", "editMessageText", …)
    int64_t forum_posts = 0;                        // not deleted
    double scheduler_lag_seconds = 0;               // now − the end of the window last planned
    int64_t database_bytes = 0;                     // the file and its WAL
};

class Metrics {
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // An update (webhook body or polled update) reached the handler.
    void update_received(std::string_view platform);
    void update_duplicate(std::string_view platform);
    // Refused: "unauthorized" (wrong or no secret), "invalid" (not an update), or
    // "not_stored" (the database failed; the platform retries it).
    void update_refused(std::string_view platform, std::string_view reason);
    // One group commit: from its transaction's start to its commit, in seconds.
    void commit_latency(double seconds);

    // The outcome of one outbox row the platform was asked for, by the method as the
    // platform names it ("sendMessage").
    void outbox_sent(std::string_view method);
    void outbox_failed(std::string_view method);
    // A reply not queued because its chat's queue was full (reply_queue.hpp), by platform.
    void outbox_refused(std::string_view platform);
    // From a request's start to the platform's answer.
    void send_latency(double seconds);

    // The scheduler queued reminders (messages planned, of which late); a reminder's
    // row was delivered.
    void reminders_queued(int64_t reminders, int64_t late);
    void reminder_sent();

    // The text exposition of every metric, the gauges set from `stored` and the process
    // (RSS from /proc/self/statm, uptime since this object was made).
    std::string exposition(const StoredMetrics& stored);

private:
    std::shared_ptr<prometheus::Registry> registry_;
    prometheus::Family<prometheus::Counter>* updates_received_;
    prometheus::Family<prometheus::Counter>* updates_duplicate_;
    prometheus::Family<prometheus::Counter>* updates_refused_;
    prometheus::Family<prometheus::Counter>* outbox_sent_;
    prometheus::Family<prometheus::Counter>* outbox_failed_;
    prometheus::Family<prometheus::Counter>* outbox_refused_;
    prometheus::Family<prometheus::Gauge>* outbox_pending_;
    prometheus::Counter* reminders_queued_;
    prometheus::Counter* reminders_late_;
    prometheus::Counter* reminders_sent_;
    prometheus::Histogram* send_latency_;
    prometheus::Histogram* commit_latency_;
    prometheus::Gauge* forum_posts_;
    prometheus::Gauge* scheduler_lag_;
    prometheus::Gauge* database_bytes_;
    prometheus::Gauge* resident_bytes_;
    prometheus::Gauge* uptime_;
    std::map<std::string, int64_t> pending_methods_;  // every method seen pending since start
    std::chrono::steady_clock::time_point started_;
};

// The process's resident set in bytes (/proc/self/statm), 0 where it cannot be read.
int64_t resident_bytes();

}  // namespace planbot::bot
