// See metrics.hpp.
#include "bot/metrics/metrics.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace planbot::bot {

namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// Seconds: a Bot API round trip is tens to hundreds of milliseconds; a group commit a
// few milliseconds, more on a slow disk.
const prometheus::Histogram::BucketBoundaries kSendBuckets = {0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
const prometheus::Histogram::BucketBoundaries kCommitBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                                0.05,   0.1,   0.25,   0.5,   1};

std::string label(std::string_view text) { return text.empty() ? std::string("unknown") : std::string(text); }

}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()), started_(std::chrono::steady_clock::now()) {
    prometheus::Registry& registry = *registry_;
    updates_received_ = &BuildCounter()
                             .Name("planbot_updates_received_total")
                             .Help("Updates from a chat platform that reached planbot's handler")
                             .Register(registry);
    updates_duplicate_ = &BuildCounter()
                              .Name("planbot_updates_duplicate_total")
                              .Help("Updates handled before (the same update id again); nothing changed")
                              .Register(registry);
    updates_refused_ = &BuildCounter()
                            .Name("planbot_updates_refused_total")
                            .Help("Updates refused: unauthorized (secret), invalid (not an update), not_stored")
                            .Register(registry);
    outbox_sent_ = &BuildCounter()
                        .Name("planbot_outbox_sent_total")
                        .Help("Outbox rows the platform accepted, by method")
                        .Register(registry);
    outbox_failed_ = &BuildCounter()
                          .Name("planbot_outbox_failed_total")
                          .Help("Outbox rows failed for good (refused, or the chat is gone), by method")
                          .Register(registry);
    outbox_refused_ = &BuildCounter()
                           .Name("planbot_outbox_refused_total")
                           .Help("Replies not queued because their chat already had its cap of unsent rows, by platform")
                           .Register(registry);
    outbox_pending_ = &BuildGauge()
                           .Name("planbot_outbox_pending")
                           .Help("Outbox rows waiting to be sent, by method")
                           .Register(registry);
    reminders_queued_ = &BuildCounter()
                             .Name("planbot_reminders_queued_total")
                             .Help("Reminders and digests the scheduler queued")
                             .Register(registry)
                             .Add({});
    reminders_late_ = &BuildCounter()
                           .Name("planbot_reminders_late_total")
                           .Help("Reminders queued late (after downtime, a pause or quiet hours)")
                           .Register(registry)
                           .Add({});
    reminders_sent_ = &BuildCounter()
                           .Name("planbot_reminders_sent_total")
                           .Help("Outbox rows of reminders the platform accepted")
                           .Register(registry)
                           .Add({});
    send_latency_ = &BuildHistogram()
                         .Name("planbot_send_latency_seconds")
                         .Help("From a platform request's start to its answer")
                         .Register(registry)
                         .Add({}, kSendBuckets);
    commit_latency_ = &BuildHistogram()
                           .Name("planbot_commit_latency_seconds")
                           .Help("From a group commit's transaction start to its commit")
                           .Register(registry)
                           .Add({}, kCommitBuckets);
    forum_posts_ = &BuildGauge()
                        .Name("planbot_forum_posts")
                        .Help("Forum posts stored (not deleted)")
                        .Register(registry)
                        .Add({});
    scheduler_lag_ = &BuildGauge()
                          .Name("planbot_scheduler_lag_seconds")
                          .Help("How far the bot's clock is past the end of the last window the scheduler planned")
                          .Register(registry)
                          .Add({});
    database_bytes_ = &BuildGauge()
                           .Name("planbot_database_bytes")
                           .Help("Size of the SQLite database file and its write-ahead log")
                           .Register(registry)
                           .Add({});
    resident_bytes_ = &BuildGauge()
                           .Name("planbot_process_resident_memory_bytes")
                           .Help("Resident set size of the planbot process")
                           .Register(registry)
                           .Add({});
    uptime_ = &BuildGauge()
                   .Name("planbot_process_uptime_seconds")
                   .Help("Seconds since planbot started")
                   .Register(registry)
                   .Add({});
}

Metrics::~Metrics() = default;

void Metrics::update_received(std::string_view platform) { updates_received_->Add({{"platform", label(platform)}}).Increment(); }

void Metrics::update_duplicate(std::string_view platform) {
    updates_duplicate_->Add({{"platform", label(platform)}}).Increment();
}

void Metrics::update_refused(std::string_view platform, std::string_view reason) {
    updates_refused_->Add({{"platform", label(platform)}, {"reason", label(reason)}}).Increment();
}

void Metrics::commit_latency(double seconds) { commit_latency_->Observe(seconds); }

void Metrics::outbox_sent(std::string_view method) { outbox_sent_->Add({{"method", label(method)}}).Increment(); }

void Metrics::outbox_failed(std::string_view method) { outbox_failed_->Add({{"method", label(method)}}).Increment(); }
void Metrics::outbox_refused(std::string_view platform) {
    outbox_refused_->Add({{"platform", label(platform)}}).Increment();
}

void Metrics::send_latency(double seconds) { send_latency_->Observe(seconds); }

void Metrics::reminders_queued(int64_t reminders, int64_t late) {
    reminders_queued_->Increment(static_cast<double>(reminders));
    reminders_late_->Increment(static_cast<double>(late));
}

void Metrics::reminder_sent() { reminders_sent_->Increment(); }

std::string Metrics::exposition(const StoredMetrics& stored) {
    // A method seen pending before and not now reads 0, not its last value.
    for (auto& [method, count] : pending_methods_) count = 0;
    for (const auto& [method, count] : stored.outbox_pending) pending_methods_[method] = count;
    for (const auto& [method, count] : pending_methods_)
        outbox_pending_->Add({{"method", label(method)}}).Set(static_cast<double>(count));
    forum_posts_->Set(static_cast<double>(stored.forum_posts));
    scheduler_lag_->Set(stored.scheduler_lag_seconds);
    database_bytes_->Set(static_cast<double>(stored.database_bytes));
    resident_bytes_->Set(static_cast<double>(resident_bytes()));
    uptime_->Set(std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, registry_->Collect());
    return out.str();
}

int64_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    int64_t size_pages = 0, resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages)) return 0;
    return resident_pages * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace planbot::bot
