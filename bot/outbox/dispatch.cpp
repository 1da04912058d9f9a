// See dispatch.hpp.
#include "bot/outbox/dispatch.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

#include <boost/asio/as_tuple.hpp>

#include "bot/log.hpp"
#include "bot/telegram/adapter.hpp"
#include "commands/notices.hpp"
#include "storage/forum.hpp"

namespace planbot::bot {

namespace net = boost::asio;
using Kind = telegram::ApiAnswer::Kind;

namespace {
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr size_t kBatch = 100;
constexpr auto kLongestSleep = std::chrono::seconds(5);
constexpr auto kRequeryPause = std::chrono::milliseconds(20);

bool is_group_chat(const std::string& chat_id) { return chat_id.starts_with('-'); }

// Telegram's per-chat limits are about messages that appear in the chat: an answer to
// a button press or an edit of a message counts only against the total rate.
bool counts_in_chat(const storage::OutboxMessage& message) {
    return message.method.empty() || message.method == "sendMessage";
}
// The rate limiter's key for calls that count only in the total (no chat id is "").
constexpr std::string_view kNoChat = "";

bool says(const telegram::ApiAnswer& answer, std::string_view text) {
    return answer.description.find(text) != std::string::npos;
}

// The rate limiter keeps the per-chat and per-group limits; the dispatcher keeps the
// total itself, counting requests in flight.
RateLimiter::Limits without_total(RateLimiter::Limits limits) {
    limits.total_per_second = std::numeric_limits<int>::max();
    return limits;
}
}  // namespace

Dispatcher::Dispatcher(net::io_context& io, storage::Database& database, const Clock& clock, telegram::BotApi& api,
                       std::vector<int64_t> admins, RateLimiter::Limits limits)
    : Dispatcher(io, database, clock, std::vector<telegram::BotApi*>{&api}, std::move(admins), limits) {}

Dispatcher::Dispatcher(net::io_context& io, storage::Database& database, const Clock& clock,
                       std::vector<telegram::BotApi*> lanes, std::vector<int64_t> admins, RateLimiter::Limits limits)
    : io_(io),
      database_(database),
      outbox_(database),
      directory_(database),
      clock_(clock),
      lanes_(std::move(lanes)),
      lane_busy_(lanes_.size(), false),
      admins_(std::move(admins)),
      limiter_(without_total(limits)),
      total_per_second_(std::max(1, limits.total_per_second)),
      wake_(io),
      pause_(io) {
    if (lanes_.empty() || std::ranges::find(lanes_, nullptr) != lanes_.end())
        throw std::invalid_argument("Dispatcher: at least one Bot API, none null");
}

std::chrono::seconds Dispatcher::backoff(int attempt, double jitter) {
    const int exponent = std::clamp(attempt - 1, 0, 10);
    const auto base = std::min<std::int64_t>(std::int64_t{1} << exponent, 600);
    return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(static_cast<double>(base) * jitter)));
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
        auto limits_at = TimePoint::max();
        freed_ = false;
        if (requery || batch.empty()) {
            notified_ = false;
            requery = false;
            batch.clear();
            try {
                std::vector<storage::OutboxMessage> ready = outbox_.ready(clock_.now(), kBatch);
                // A chat with a request in flight waits for its answer (its head is that row).
                for (storage::OutboxMessage& message : ready)
                    if (!chats_in_flight_.contains(message.chat_id)) batch.push_back(std::move(message));
                if (auto next = outbox_.next_not_before(); next && ready.empty())
                    look_at = std::min(look_at, std::chrono::steady_clock::now() +
                                                    std::max(std::chrono::seconds(0), *next - clock_.now()));
            } catch (const std::exception& error) {
                log::error("outbox_read_failed", {{"error", error.what()}});
                storage_trouble_ = true;
                continue;
            }
        }
        // Start what may go now, oldest first, while a lane is free.
        for (auto message = batch.begin(); message != batch.end() && !stopping_;) {
            const auto lane = std::ranges::find(lane_busy_, false);
            if (lane == lane_busy_.end()) break;  // an answer frees one and wakes us
            const auto now = std::chrono::steady_clock::now();
            if (const auto free_at = total_free_at(now); free_at > now) {
                limits_at = std::min(limits_at, free_at);
                break;
            }
            if (counts_in_chat(*message)) {
                const auto at = limiter_.earliest(message->chat_id, is_group_chat(message->chat_id), now);
                if (at > now) {
                    limits_at = std::min(limits_at, at);
                    ++message;
                    continue;
                }
            }
            start_sending(static_cast<size_t>(lane - lane_busy_.begin()), std::move(*message));
            message = batch.erase(message);
        }
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
    const bool in_chat = counts_in_chat(message);
    limiter_.record(in_chat ? std::string_view(message.chat_id) : kNoChat, in_chat && is_group_chat(message.chat_id), at);
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

net::awaitable<void> Dispatcher::deliver(telegram::BotApi& api, const storage::OutboxMessage& read,
                                         bool& answered) {
    // The row as it is now: it may have been cancelled (a confirmed reminder) since it was read.
    std::optional<storage::OutboxMessage> current = outbox_.find(read.id);
    if (!current || current->status != storage::OutboxStatus::pending) co_return;
    storage::OutboxMessage& message = *current;
    const std::optional<int64_t> forum_thread = telegram::forum_thread_of(message);
    const bool opens_topic = message.method == telegram::kCreateForumTopic && forum_thread.has_value();
    // Accepted by the platform, but recording that failed: record it, never resend.
    if (auto sent = sent_unrecorded_.find(message.id); sent != sent_unrecorded_.end()) {
        record_sent(message, sent->second, opens_topic ? forum_thread : std::nullopt, clock_.now());
        sent_unrecorded_.erase(sent);
        log::info("message_sent_recorded", {{"id", message.id}});
        co_return;
    }
    if (!directory_.chat_active(message.platform, message.chat_id)) {
        outbox_.mark_failed(message.id, "chat inactive: the bot was removed or blocked");
        log::warn("message_failed", {{"id", message.id}, {"chat", message.chat_id}, {"reason", "chat inactive"}});
        co_return;
    }
    // A forum post mirrored into a forum supergroup goes into its thread's topic, once
    // Telegram has made one (the createForumTopic row before it in this chat's queue).
    if (forum_thread && !opens_topic && !message.thread_id)
        if (auto topic = storage::Forum(database_).topic_of_thread(message.platform, message.chat_id, *forum_thread))
            message.thread_id = std::stoll(*topic);
    const telegram::ApiRequest request = telegram::api_request(message);
    telegram::ApiAnswer answer = co_await api.call(request.method, request.body);
    // Counted from the answer: the platform counted it at some moment before.
    count_request(message, std::chrono::steady_clock::now());
    answered = true;
    platform_reachable_ = answer.http_status != 0;
    const auto now = clock_.now();
    if (answer.kind == Kind::rejected && request.method == telegram::kEditMessageText &&
        says(answer, "message is not modified")) {
        // The message already says this (the edit went through before, or a second
        // press): the edit has its effect, so it counts as sent.
        answer.kind = Kind::ok;
        answer.result = request.body.value("message_id", nlohmann::json());
    }
    if (answer.kind == Kind::rejected && request.method == telegram::kAnswerCallbackQuery &&
        (says(answer, "query is too old") || says(answer, "query ID is invalid"))) {
        // Too late: the button stopped spinning by itself, and the press itself was
        // handled; a warning, nothing to tell an admin, never retried.
        outbox_.mark_failed(message.id, answer.description);
        log::warn("button_answer_failed", {{"id", message.id}, {"chat", message.chat_id}, {"reason", answer.description}});
        co_return;
    }
    switch (answer.kind) {
        case Kind::ok: {
            // sendMessage and editMessageText give the Message; answerCallbackQuery gives true.
            std::string platform_id;
            if (answer.result.is_object() && answer.result.contains("message_id") &&
                answer.result["message_id"].is_number_integer())
                platform_id = std::to_string(answer.result["message_id"].get<int64_t>());
            else if (answer.result.is_number_integer())
                platform_id = std::to_string(answer.result.get<int64_t>());
            // createForumTopic gives the topic: kept as the row's platform id.
            if (opens_topic && answer.result.is_object() && answer.result.contains("message_thread_id") &&
                answer.result["message_thread_id"].is_number_integer())
                platform_id = std::to_string(answer.result["message_thread_id"].get<int64_t>());
            sent_unrecorded_[message.id] = platform_id;
            record_sent(message, platform_id, opens_topic && !platform_id.empty() ? forum_thread : std::nullopt, now);
            sent_unrecorded_.erase(message.id);
            log::info("message_sent", {{"id", message.id}, {"chat", message.chat_id}, {"method", request.method},
                                       {"attempt", message.attempts + 1}});
            break;
        }
        case Kind::rate_limited:
            limiter_.hold(message.chat_id, std::chrono::steady_clock::now() + std::chrono::seconds(answer.retry_after));
            outbox_.schedule_retry(message.id, now + std::chrono::seconds(answer.retry_after), answer.description);
            log::warn("message_rate_limited", {{"id", message.id}, {"chat", message.chat_id}, {"retry_after", answer.retry_after}});
            break;
        case Kind::migrated: {
            storage::Transaction transaction(database_);
            directory_.move_chat(message.platform, message.chat_id, answer.migrate_to);
            transaction.commit();
            log::info("chat_migrated", {{"from", message.chat_id}, {"to", answer.migrate_to}});
            break;
        }
        case Kind::gone:
            handle_gone(message, answer.description);
            break;
        case Kind::rejected:
            outbox_.mark_failed(message.id, answer.description);
            log::error("message_failed", {{"id", message.id}, {"chat", message.chat_id}, {"status", answer.http_status},
                                          {"reason", answer.description}});
            break;
        case Kind::temporary: {
            std::uniform_real_distribution<double> jitter(0.5, 1.0);
            const auto wait = backoff(message.attempts + 1, jitter(random_));
            outbox_.schedule_retry(message.id, now + wait, answer.description);
            log::warn("message_retry", {{"id", message.id}, {"chat", message.chat_id}, {"status", answer.http_status},
                                        {"reason", answer.description}, {"retry_in_s", wait.count()}});
            break;
        }
    }
}

// Marks the row sent; for a createForumTopic row of a forum thread, records the topic
// (`platform_id`) for the thread too, in the same transaction: both are kept, or neither.
void Dispatcher::record_sent(const storage::OutboxMessage& message, const std::string& platform_id,
                             std::optional<int64_t> topic_of_thread, std::chrono::sys_seconds now) {
    if (!topic_of_thread) return outbox_.mark_sent(message.id, platform_id, now);
    storage::Transaction transaction(database_);
    storage::Forum(database_).record_topic(message.platform, message.chat_id, *topic_of_thread, platform_id);
    outbox_.mark_sent(message.id, platform_id, now);
    transaction.commit();
}

void Dispatcher::handle_gone(const storage::OutboxMessage& message, const std::string& reason) {
    auto chat = directory_.find_chat(message.platform, message.chat_id);
    const std::string name = chat && !chat->title.empty() ? chat->title : message.chat_id;
    storage::Transaction transaction(database_);
    outbox_.mark_failed(message.id, reason);
    directory_.set_chat_active(message.platform, message.chat_id, false);
    outbox_.fail_pending_for_chat(message.platform, message.chat_id, "chat inactive: " + reason);
    for (int64_t admin : admins_) {
        const std::string admin_chat = std::to_string(admin);
        if (admin_chat == message.chat_id) continue;
        commands::Reply notice{admin_chat, commands::lost_chat_notice(name, reason), ""};
        for (const storage::OutboxMessage& row : telegram::outbox_messages(notice)) outbox_.append(row, clock_.now());
    }
    transaction.commit();
    log::warn("chat_gone", {{"chat", message.chat_id}, {"reason", reason}, {"admins_told", admins_.size()}});
}

}  // namespace planbot::bot
