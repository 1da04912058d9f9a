// See dispatch.hpp.
#include "bot/dispatch.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>

#include "bot/log.hpp"
#include "bot/telegram/adapter.hpp"
#include "commands/notices.hpp"

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
}  // namespace

Dispatcher::Dispatcher(net::io_context& io, storage::Database& database, const Clock& clock, telegram::BotApi& api,
                       std::vector<int64_t> admins, RateLimiter::Limits limits)
    : io_(io),
      database_(database),
      outbox_(database),
      directory_(database),
      clock_(clock),
      api_(api),
      admins_(std::move(admins)),
      limiter_(limits),
      wake_(io),
      pause_(io) {}

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
    while (!stopping_) {
        // While the total flood budget is spent nothing can go: do not even look.
        if (const auto free_at = limiter_.total_earliest(std::chrono::steady_clock::now());
            free_at > std::chrono::steady_clock::now()) {
            pause_.expires_at(free_at);
            co_await pause_.async_wait(use_tuple);
            continue;
        }
        notified_ = false;
        const auto now = std::chrono::steady_clock::now();
        auto sleep_until = now + kLongestSleep;
        bool delivered_any = false;
        bool storage_trouble = false;  // the database refused a read or write: pause, do not spin
        std::vector<storage::OutboxMessage> ready;
        try {
            ready = outbox_.ready(clock_.now(), kBatch);
            if (auto next = outbox_.next_not_before(); next && ready.empty())
                sleep_until = std::min(sleep_until, now + std::max(std::chrono::seconds(0), *next - clock_.now()));
        } catch (const std::exception& error) {
            log::error("outbox_read_failed", {{"error", error.what()}});
            storage_trouble = true;
        }
        for (const storage::OutboxMessage& message : ready) {
            if (stopping_) break;
            const bool in_chat = counts_in_chat(message);
            const bool group = in_chat && is_group_chat(message.chat_id);
            const auto at = in_chat ? limiter_.earliest(message.chat_id, group, std::chrono::steady_clock::now())
                                    : limiter_.total_earliest(std::chrono::steady_clock::now());
            if (at > std::chrono::steady_clock::now()) {
                sleep_until = std::min(sleep_until, at);
                continue;
            }
            limiter_.record(in_chat ? std::string_view(message.chat_id) : kNoChat, group, std::chrono::steady_clock::now());
            sending_ = true;
            try {
                co_await deliver(message);
            } catch (const std::exception& error) {
                log::error("outbox_update_failed", {{"id", message.id}, {"error", error.what()}});
                storage_trouble = true;
            }
            sending_ = false;
            delivered_any = true;
        }
        if (storage_trouble && !stopping_) {
            pause_.expires_after(std::chrono::seconds(1));
            co_await pause_.async_wait(use_tuple);
            continue;
        }
        if (stopping_ || delivered_any) continue;
        if (notified_) {
            // New messages came while none could go (every ready chat is held by its
            // limit): look again soon, but not once per incoming update.
            pause_.expires_after(kRequeryPause);
            co_await pause_.async_wait(use_tuple);
            continue;
        }
        wake_.expires_at(sleep_until);
        co_await wake_.async_wait(use_tuple);
    }
}

net::awaitable<void> Dispatcher::deliver(const storage::OutboxMessage& message) {
    // Accepted by the platform, but recording that failed: record it, never resend.
    if (auto sent = sent_unrecorded_.find(message.id); sent != sent_unrecorded_.end()) {
        outbox_.mark_sent(message.id, sent->second, clock_.now());
        sent_unrecorded_.erase(sent);
        log::info("message_sent_recorded", {{"id", message.id}});
        co_return;
    }
    if (!directory_.chat_active(message.platform, message.chat_id)) {
        outbox_.mark_failed(message.id, "chat inactive: the bot was removed or blocked");
        log::warn("message_failed", {{"id", message.id}, {"chat", message.chat_id}, {"reason", "chat inactive"}});
        co_return;
    }
    const telegram::ApiRequest request = telegram::api_request(message);
    telegram::ApiAnswer answer = co_await api_.call(request.method, request.body);
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
            sent_unrecorded_[message.id] = platform_id;
            outbox_.mark_sent(message.id, platform_id, now);
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
