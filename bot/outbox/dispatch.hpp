// Drains the outbox to the platform: in order per chat, within the flood limits,
// obeying 429's retry_after for the whole platform, backing off per platform when it
// fails (platform_health.hpp: after a few failures in a row one probe at growing
// intervals, not one retry per message), and never dropping a message silently. A chat the bot was
// removed from is marked inactive, its pending messages failed (kept, with the
// reason) and the admins told. Runs as coroutines on the io_context: one loop that
// picks what may go, and one per request in flight.
//
// The platform is given as bot/platform.hpp's two halves: the Platform (which chats
// are groups, which rows count in a chat, how an admin's notice is rendered) and one
// Sender per connection, which delivers a row and classifies the answer. Nothing here
// knows a platform's methods, error strings or chat ids.
//
// Several requests may be in flight at once, one per Sender given (each over its own
// connection), but never two to the same chat: a chat's next row goes out only after
// the platform answered the one before, so each chat gets its rows in outbox order. A
// row is marked sent only after the platform accepted it (a crash before that sends it
// again: at least once).
//
// Flood limits: the platform counts a message at some moment between our request's
// start and its answer, and we cannot know which. So a request counts against the
// limits from its start (while in flight it takes a place in the total, and its chat
// waits) until one window after its answer (RateLimiter::record with the answer's
// time). That never exceeds the limits whatever the platform's moment is; the price is
// the round trip: at most total_per_second / (1 s + round trip) requests a second.
//
// A request has a deadline (the Sender's), and one that hangs holds only its own lane
// and its own chat: the other chats go on over the other lanes, and the webhook, on the
// same io_context, never waits for the platform.
//
// Rows that appear in their chat go within the per-chat and per-group limits; edits
// and answers to button presses within the total rate only. A refusal the platform
// calls expected (a button answered too late) fails the row with a warning only.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <boost/asio.hpp>

#include "bot/metrics/metrics.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/outbox/platform_health.hpp"
#include "bot/outbox/rate_limiter.hpp"
#include "bot/platform.hpp"
#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

class Dispatcher {
public:
    // `limits`: the platform's flood limits (Telegram's by default; tests pass
    // shorter ones so they need not wait whole seconds between messages). `admins`:
    // the platform's user ids told when a chat is gone.
    // One connection: one request in flight at a time.
    Dispatcher(boost::asio::io_context& io, storage::Database& database, const Clock& clock, const Platform& platform,
               Sender& sender, std::vector<std::string> admins, RateLimiter::Limits limits = {});
    // One Sender per request that may be in flight at once, each over its own
    // connection. At least one; not owned.
    Dispatcher(boost::asio::io_context& io, storage::Database& database, const Clock& clock, const Platform& platform,
               std::vector<Sender*> lanes, std::vector<std::string> admins, RateLimiter::Limits limits = {});

    void start();
    // New messages are in the outbox: look now rather than at the next timer.
    void notify();
    // Finish the messages in flight, then stop.
    void stop();

    const Platform& platform() const { return platform_; }
    // Whether the last exchange with the platform got an answer (for /healthz).
    bool platform_reachable() const { return platform_reachable_; }
    // Another caller (start-up, polling) got an answer from the platform, or none.
    void note_platform_answer(bool answered);
    // When the platform last answered anyone (steady clock); nullopt: not yet.
    std::optional<std::chrono::steady_clock::time_point> last_platform_answer() const { return last_answer_; }
    // Counts what it sends (outcomes, latency, reminders sent); null: nothing counted.
    void set_metrics(Metrics* metrics) { metrics_ = metrics; }
    // No message is being sent right now.
    bool idle() const { return messages_in_flight_ == 0; }

    // Whether the platform counts as up, down (probed) or paused by a 429, for the log and tests.
    PlatformHealth::State platform_state() const { return health_.state(std::chrono::steady_clock::now()); }

    // The platform-wide back-off for a clock running `clock_rate` times real time: its
    // waits are clock time, like a message's not_before (a 429's retry_after is not:
    // it is the platform's real seconds).
    static PlatformHealth::Policy health_policy(double clock_rate);

    // Back-off before retry number `attempt` (1-based): 1 s, 2 s, 4 s … capped at
    // 10 minutes, times a random factor in [0.5, 1].
    static std::chrono::seconds backoff(int attempt, double jitter);

private:
    using TimePoint = std::chrono::steady_clock::time_point;

    boost::asio::awaitable<void> run();
    // Sends `message` over lanes_[lane] and frees the lane and the chat afterwards.
    // The due chat heads into `batch` (none of a chat with a request in flight), and
    // `look_at` moved up to when the next one is due; false when the database failed.
    bool read_heads(std::vector<storage::OutboxMessage>& batch, TimePoint& look_at);
    // Starts the rows of `batch` the limits let go now, oldest first, while a lane is
    // free, and takes them out; returns when the limits let the next one go.
    TimePoint start_due(std::vector<storage::OutboxMessage>& batch);
    void start_sending(size_t lane, storage::OutboxMessage message);
    boost::asio::awaitable<void> send_on(size_t lane, storage::OutboxMessage message);
    // `answered`: set once the platform answered (or the request failed), when the
    // request has been counted against the limits.
    boost::asio::awaitable<void> deliver(Sender& sender, const storage::OutboxMessage& message, bool& answered);
    // What the platform said of a row it was asked to deliver, stored.
    void store_outcome(const storage::OutboxMessage& message, const Delivery& delivery);
    // The request for `message` came back (answer or failure) at `at`.
    void count_request(const storage::OutboxMessage& message, TimePoint at);
    // When the total limit lets one more request start (TimePoint::max(): only when one
    // in flight comes back).
    TimePoint total_free_at(TimePoint now);
    // What the answer (or its absence) says of the platform, told to health_.
    void note_health(const Delivery& delivery, TimePoint asked, TimePoint at);
    void record_sent(const storage::OutboxMessage& message, const Delivery& delivery, std::chrono::sys_seconds now);
    void handle_gone(const storage::OutboxMessage& message, const std::string& reason);

    boost::asio::io_context& io_;
    storage::Database& database_;
    storage::Outbox outbox_;
    storage::Directory directory_;
    const Clock& clock_;
    const Platform& platform_;
    std::vector<Sender*> lanes_;
    std::vector<bool> lane_busy_;
    std::vector<std::string> admins_;
    // The per-chat and per-group limits and 429 holds; its own total is not used (it
    // cannot count requests in flight): the total is answered_ plus requests_in_flight_.
    RateLimiter limiter_;
    int total_per_second_;
    PlatformHealth health_;
    std::deque<TimePoint> answered_;  // when requests of the last second came back, oldest first
    size_t requests_in_flight_ = 0;   // started, not yet come back
    size_t messages_in_flight_ = 0;   // started, their outcome not yet stored
    std::set<std::string> chats_in_flight_;
    boost::asio::steady_timer wake_;   // sleep until the next due message; notify() and answers cut it short
    boost::asio::steady_timer pause_;  // waits that new messages cannot cut short
    std::mt19937 random_{std::random_device{}()};
    bool notified_ = false;
    bool freed_ = false;            // a request finished: a lane and its chat are free again
    bool storage_trouble_ = false;  // the database refused a write while storing an outcome
    bool stopping_ = false;
    bool platform_reachable_ = false;
    bool credentials_refused_ = false;  // the last answer refused the bot's credentials (logged once)
    std::optional<std::chrono::steady_clock::time_point> last_answer_;
    Metrics* metrics_ = nullptr;
    // Messages the platform accepted whose "sent" mark could not be stored yet
    // (id → the delivery): the mark is retried, the message is not resent.
    std::map<int64_t, Delivery> sent_unrecorded_;
};

}  // namespace planbot::bot
