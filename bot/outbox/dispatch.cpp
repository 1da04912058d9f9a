// See dispatch.hpp.
#include "bot/outbox/dispatch.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

#include "bot/awaitable.hpp"
#include "bot/log.hpp"
#include "commands/forum/forum.hpp"
#include "commands/notices.hpp"
#include "storage/forum.hpp"
#include "storage/reminder_log.hpp"

namespace planbot::bot {

namespace net = boost::asio;
using Kind = Delivery::Kind;

namespace {
constexpr size_t kBatch = 100;
constexpr auto kLongestSleep = std::chrono::seconds(5);
// While rows wait anyway (held by a limit or behind a request in flight), new messages
// are looked for at most this often: at most 30 go out a second, and each look reads
// every chat's head (7% of the process under the webhook benchmark at 20 ms).
constexpr auto kRequeryPause = std::chrono::milliseconds(50);

// The rate limiter's key for calls that count only in the total (no chat id is "").
constexpr std::string_view kNoChat = "";

// The rate limiter keeps the per-chat and per-group limits; the dispatcher keeps the
// total itself, counting requests in flight.
RateLimiter::Limits without_total(RateLimiter::Limits limits) {
    limits.total_per_second = std::numeric_limits<int>::max();
    return limits;
}
}  // namespace

Dispatcher::Dispatcher(net::io_context& io, storage::Database& database, const Clock& clock, const Platform& platform,
                       Sender& sender, std::vector<std::string> admins, RateLimiter::Limits limits)
    : Dispatcher(io, database, clock, platform, std::vector<Sender*>{&sender}, std::move(admins), limits) {}

Dispatcher::Dispatcher(net::io_context& io, storage::Database& database, const Clock& clock, const Platform& platform,
                       std::vector<Sender*> lanes, std::vector<std::string> admins, RateLimiter::Limits limits)
    : io_(io),
      database_(database),
      outbox_(database),
      directory_(database),
      clock_(clock),
      platform_(platform),
      lanes_(std::move(lanes)),
      lane_busy_(lanes_.size(), false),
      admins_(std::move(admins)),
      limiter_(without_total(limits)),
      total_per_second_(std::max(1, limits.total_per_second)),
      health_(health_policy(clock.rate())),
      wake_(io),
      pause_(io) {
    if (lanes_.empty() || std::ranges::find(lanes_, nullptr) != lanes_.end())
        throw std::invalid_argument("Dispatcher: at least one Sender, none null");
}

std::chrono::seconds Dispatcher::backoff(int attempt, double jitter) {
    const int exponent = std::clamp(attempt - 1, 0, 10);
    const auto base = std::min<std::int64_t>(std::int64_t{1} << exponent, 600);
    return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(static_cast<double>(base) * jitter)));
}

PlatformHealth::Policy Dispatcher::health_policy(double clock_rate) {
    PlatformHealth::Policy policy;
    const double rate = std::max(1.0, clock_rate);
    const auto scaled = [rate](std::chrono::seconds clock_time) {
        return std::chrono::duration_cast<PlatformHealth::Duration>(std::chrono::duration<double>(clock_time) / rate);
    };
    policy.first_probe = scaled(std::chrono::seconds(1));
    policy.longest_probe = scaled(std::chrono::seconds(60));
    return policy;
}

void Dispatcher::note_platform_answer(bool answered) {
    platform_reachable_ = answered;
    if (answered) last_answer_ = std::chrono::steady_clock::now();
}

void Dispatcher::start() { net::co_spawn(io_, run(), net::detached); }

void Dispatcher::notify() {
    notified_ = true;
    wake_.cancel();
}

void Dispatcher::stop() {
    stopping_ = true;
    wake_.cancel();
    pause_.cancel();
}

net::awaitable<void> Dispatcher::run() {
    // The due chat heads read last and not started yet, oldest first. Read again when
    // it is used up, when new messages came (notify), when the database had trouble,
    // and when a wait not set by the limits ran out.
    std::vector<storage::OutboxMessage> batch;
    bool requery = true;
    while (!stopping_) {
        if (storage_trouble_) {  // the database refused a read or write: pause, do not spin
            storage_trouble_ = false;
            batch.clear();
            requery = true;
            pause_.expires_after(std::chrono::seconds(1));
            co_await pause_.async_wait(use_tuple);
            continue;
        }
        // When to look at the outbox again, and when the limits let a row read go.
        auto look_at = std::chrono::steady_clock::now() + kLongestSleep;
        freed_ = false;
        if (requery || batch.empty()) {
            notified_ = false;
            requery = false;
            if (!read_heads(batch, look_at)) continue;
        }
        const auto limits_at = start_due(batch);
        if (stopping_) break;
        if (freed_ || storage_trouble_) {  // a request finished while we looked (no wait between)
            requery = batch.empty();
            continue;
        }
        const bool limits_first = limits_at < look_at;
        wake_.expires_at(std::min(look_at, limits_at));
        const auto [error] = co_await wake_.async_wait(use_tuple);
        if (stopping_) break;
        if (notified_) {
            // New messages came. When some are waiting anyway (held by a limit or behind
            // a request in flight), look a little later, not once per incoming update.
            if (!batch.empty() || messages_in_flight_ > 0) {
                pause_.expires_after(kRequeryPause);
                co_await pause_.async_wait(use_tuple);
            }
            requery = true;
        } else if (!error) {
            // The wait ran out: a limit let go (the rows read are still the heads), or
            // it was time to look again.
            requery = !limits_first;
        }
        // Else an answer came back: the rows read are still the due heads of their chats.
    }
}

bool Dispatcher::read_heads(std::vector<storage::OutboxMessage>& batch, TimePoint& look_at) {
    batch.clear();
    try {
        std::vector<storage::OutboxMessage> ready = outbox_.ready(platform_.name(), clock_.now(), kBatch);
        // A chat with a request in flight waits for its answer (its head is that row).
        for (storage::OutboxMessage& message : ready)
            if (!chats_in_flight_.contains(message.chat_id)) batch.push_back(std::move(message));
        if (auto next = outbox_.next_not_before(platform_.name()); next && ready.empty())
            look_at = std::min(look_at, std::chrono::steady_clock::now() +
                                            std::max(std::chrono::seconds(0), *next - clock_.now()));
        return true;
    } catch (const std::exception& error) {
        log::error("outbox_read_failed", {{"error", error.what()}});
        storage_trouble_ = true;
        return false;
    }
}

Dispatcher::TimePoint Dispatcher::start_due(std::vector<storage::OutboxMessage>& batch) {
    auto limits_at = TimePoint::max();
    for (auto message = batch.begin(); message != batch.end() && !stopping_;) {
        const auto lane = std::ranges::find(lane_busy_, false);
        if (lane == lane_busy_.end()) break;  // an answer frees one and wakes us
        const auto now = std::chrono::steady_clock::now();
        // The platform as a whole first: down (one probe at a time) or paused by a 429.
        if (const auto platform_at = health_.next_start(now, requests_in_flight_); platform_at > now) {
            limits_at = std::min(limits_at, platform_at);
            break;
        }
        if (const auto free_at = total_free_at(now); free_at > now) {
            limits_at = std::min(limits_at, free_at);
            break;
        }
        if (platform_.counts_in_chat(*message)) {
            const auto at = limiter_.earliest(message->chat_id, platform_.is_group(message->chat_id), now);
            if (at > now) {
                limits_at = std::min(limits_at, at);
                ++message;
                continue;
            }
        }
        start_sending(static_cast<size_t>(lane - lane_busy_.begin()), std::move(*message));
        message = batch.erase(message);
    }
    return limits_at;
}

void Dispatcher::start_sending(size_t lane, storage::OutboxMessage message) {
    lane_busy_[lane] = true;
    ++requests_in_flight_;
    ++messages_in_flight_;
    chats_in_flight_.insert(message.chat_id);
    net::co_spawn(io_, send_on(lane, std::move(message)), net::detached);
}

net::awaitable<void> Dispatcher::send_on(size_t lane, storage::OutboxMessage message) {
    bool answered = false;
    try {
        co_await deliver(*lanes_[lane], message, answered);
    } catch (const std::exception& error) {
        log::error("outbox_update_failed", {{"id", message.id}, {"error", error.what()}});
        storage_trouble_ = true;
    }
    if (!answered) --requests_in_flight_;  // no request went out (or it threw first): nothing to count
    lane_busy_[lane] = false;
    --messages_in_flight_;
    chats_in_flight_.erase(message.chat_id);
    freed_ = true;
    wake_.cancel();
}

void Dispatcher::count_request(const storage::OutboxMessage& message, TimePoint at) {
    const bool in_chat = platform_.counts_in_chat(message);
    limiter_.record(in_chat ? std::string_view(message.chat_id) : kNoChat, in_chat && platform_.is_group(message.chat_id),
                    at);
    answered_.push_back(at);
    --requests_in_flight_;
}

Dispatcher::TimePoint Dispatcher::total_free_at(TimePoint now) {
    while (!answered_.empty() && now - answered_.front() >= std::chrono::seconds(1)) answered_.pop_front();
    const auto limit = static_cast<size_t>(total_per_second_);
    if (answered_.size() + requests_in_flight_ < limit) return now;
    if (requests_in_flight_ >= limit) return TimePoint::max();
    // One more may start once all but (limit - in flight - 1) of the answered have aged out.
    return answered_[answered_.size() - (limit - requests_in_flight_)] + std::chrono::seconds(1);
}

net::awaitable<void> Dispatcher::deliver(Sender& sender, const storage::OutboxMessage& read, bool& answered) {
    // The row as it is now: it may have been cancelled (a confirmed reminder) since it was read.
    std::optional<storage::OutboxMessage> current = outbox_.find(read.id);
    if (!current || current->status != storage::OutboxStatus::pending) co_return;
    const storage::OutboxMessage& message = *current;
    // Accepted by the platform, but recording that failed: record it, never resend.
    if (auto sent = sent_unrecorded_.find(message.id); sent != sent_unrecorded_.end()) {
        record_sent(message, sent->second, clock_.now());
        sent_unrecorded_.erase(sent);
        log::info("message_sent_recorded", {{"id", message.id}});
        co_return;
    }
    if (!directory_.chat_active(message.platform, message.chat_id)) {
        outbox_.mark_failed(message.id, "chat inactive: the bot was removed or blocked");
        log::warn("message_failed", {{"id", message.id}, {"chat", message.chat_id}, {"reason", "chat inactive"}});
        co_return;
    }
    const auto asked = std::chrono::steady_clock::now();
    const Delivery delivery = co_await sender.send(message);
    // Counted from the answer: the platform counted it at some moment before.
    const auto answer_at = std::chrono::steady_clock::now();
    count_request(message, answer_at);
    answered = true;
    note_platform_answer(delivery.answered);
    note_health(delivery, asked, answer_at);
    if (metrics_ && delivery.answered) metrics_->send_latency(std::chrono::duration<double>(answer_at - asked).count());
    store_outcome(message, delivery);
}

void Dispatcher::store_outcome(const storage::OutboxMessage& message, const Delivery& delivery) {
    const auto now = clock_.now();
    switch (delivery.kind) {
        case Kind::delivered:
            sent_unrecorded_[message.id] = delivery;
            record_sent(message, delivery, now);
            sent_unrecorded_.erase(message.id);
            if (metrics_) {
                metrics_->outbox_sent(delivery.method);
                if (storage::ReminderLog(database_).is_reminder_row(message.id)) metrics_->reminder_sent();
            }
            log::info("message_sent", {{"id", message.id}, {"chat", message.chat_id}, {"method", delivery.method},
                                       {"attempt", message.attempts + 1}});
            break;
        case Kind::retry_after:
            limiter_.hold(message.chat_id, std::chrono::steady_clock::now() + delivery.retry_after);
            outbox_.schedule_retry(message.id, now + delivery.retry_after, delivery.reason);
            log::warn("message_rate_limited",
                      {{"id", message.id}, {"chat", message.chat_id}, {"retry_after", delivery.retry_after.count()}});
            break;
        case Kind::moved: {
            storage::Transaction transaction(database_);
            directory_.move_chat(message.platform, message.chat_id, delivery.moved_to);
            transaction.commit();
            log::info("chat_migrated", {{"from", message.chat_id}, {"to", delivery.moved_to}});
            break;
        }
        case Kind::chat_gone:
            handle_gone(message, delivery.reason);
            if (metrics_) metrics_->outbox_failed(delivery.method);
            break;
        case Kind::refused:
            outbox_.mark_failed(message.id, delivery.reason);
            if (metrics_) metrics_->outbox_failed(delivery.method);
            if (delivery.expected)
                log::warn("button_answer_failed", {{"id", message.id}, {"chat", message.chat_id}, {"reason", delivery.reason}});
            else
                log::error("message_failed", {{"id", message.id}, {"chat", message.chat_id}, {"status", delivery.status},
                                              {"reason", delivery.reason}});
            break;
        case Kind::temporary: {
            // While the platform is down, the platform's back-off spaces the attempts (one
            // probe at a time): the row stays due. A failure of one row while the platform
            // is up backs off that row (a message the platform chokes on must not be the
            // probe every time), no longer than the platform's longest probe interval.
            std::chrono::seconds wait{0};
            if (health_.state(std::chrono::steady_clock::now()) == PlatformHealth::State::up) {
                std::uniform_real_distribution<double> jitter(0.5, 1.0);
                wait = std::min(backoff(message.attempts + 1, jitter(random_)), std::chrono::seconds(60));
            }
            outbox_.schedule_retry(message.id, now + wait, delivery.reason);
            log::warn("message_retry", {{"id", message.id}, {"chat", message.chat_id}, {"status", delivery.status},
                                        {"reason", delivery.reason}, {"retry_in_s", wait.count()}});
            break;
        }
    }
}

void Dispatcher::note_health(const Delivery& delivery, TimePoint asked, TimePoint at) {
    const auto before = health_.state(at);
    if (delivery.kind == Kind::temporary) health_.failed(asked, at);
    else if (delivery.kind == Kind::retry_after) health_.rate_limited(at, delivery.retry_after);
    else health_.answered(at);
    // A refused token (revoked while running) stays refused until an operator acts: said
    // once as an error, not once per row; the platform's back-off spaces the attempts.
    if (delivery.credentials_refused && !credentials_refused_)
        log::error("platform_credentials_refused", {{"status", delivery.status}, {"reason", delivery.reason},
                                                    {"outbox", "replies wait, none is dropped"}});
    if (delivery.answered) credentials_refused_ = delivery.credentials_refused;
    const auto after = health_.state(at);
    if (after == before) return;
    if (after == PlatformHealth::State::down)
        log::warn("platform_down", {{"failures", health_.consecutive_failures()},
                                    {"probe_in_ms", std::chrono::duration_cast<std::chrono::milliseconds>(health_.probe_interval()).count()}});
    else if (after == PlatformHealth::State::paused)
        log::warn("platform_paused", {{"retry_after", delivery.retry_after.count()}});
    else if (before == PlatformHealth::State::down)
        log::info("platform_up");
}

// Marks the row sent; for a row that opened a forum thread's topic, records the topic
// (the delivery's platform id) for the thread too, in the same transaction: both are
// kept, or neither. A crash between the platform's answer and this commit sends the row
// again after the restart, and the platform makes the topic once more: Telegram's
// createForumTopic takes no request key and no call lists a group's topics, so there is
// no telling whether the first one was made. At most once more per crash, then: the
// first topic stays empty, the thread's posts go into the one recorded (README, "The
// forum").
//
// A copy of a forum post whose post was deleted or hidden while the request was on its
// way: the withdrawal found it pending and cancelled it, but the platform has it now, so
// it is edited as the copies sent before were (commands::withdrawn_copy_text).
void Dispatcher::record_sent(const storage::OutboxMessage& message, const Delivery& delivery,
                             std::chrono::sys_seconds now) {
    const bool forum_copy = message.forum_post && message.method.empty() && !delivery.platform_message_id.empty();
    if (!delivery.opened_forum_thread && !forum_copy)
        return outbox_.mark_sent(message.id, delivery.platform_message_id, now);
    storage::Transaction transaction(database_);
    storage::Forum forum(database_);
    if (delivery.opened_forum_thread)
        forum.record_topic(message.platform, message.chat_id, *delivery.opened_forum_thread,
                           delivery.platform_message_id);
    const std::optional<storage::OutboxMessage> now_row = forum_copy ? outbox_.find(message.id) : std::nullopt;
    outbox_.mark_sent(message.id, delivery.platform_message_id, now);
    if (now_row && now_row->status == storage::OutboxStatus::failed)
        if (const std::optional<commands::ForumPost> post = forum.post(*message.forum_post);
            post && (post->deleted || post->hidden)) {
            const commands::Reply edit{message.chat_id, commands::withdrawn_copy_text(*post, post->deleted),
                                       commands::EditMessage{delivery.platform_message_id}};
            for (const storage::OutboxMessage& row : platform_.render(edit)) outbox_.append(row, now);
            log::info("forum_copy_withdrawn_late", {{"id", message.id}, {"chat", message.chat_id}});
        }
    transaction.commit();
}

void Dispatcher::handle_gone(const storage::OutboxMessage& message, const std::string& reason) {
    auto chat = directory_.find_chat(message.platform, message.chat_id);
    const std::string name = chat && !chat->title.empty() ? chat->title : message.chat_id;
    storage::Transaction transaction(database_);
    outbox_.mark_failed(message.id, reason);
    directory_.set_chat_active(message.platform, message.chat_id, false);
    outbox_.fail_pending_for_chat(message.platform, message.chat_id, "chat inactive: " + reason);
    for (const std::string& admin : admins_) {
        if (admin == message.chat_id) continue;  // a private chat's id is its user's id
        const commands::Reply notice = commands::message_to(admin, commands::lost_chat_notice(name, reason));
        for (const storage::OutboxMessage& row : platform_.render(notice)) outbox_.append(row, clock_.now());
    }
    transaction.commit();
    log::warn("chat_gone", {{"chat", message.chat_id}, {"reason", reason}, {"admins_told", admins_.size()}});
}

}  // namespace planbot::bot
