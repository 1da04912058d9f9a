// Outgoing messages, written in the same transaction as the change that caused them
// and drained by the dispatcher. A message is never deleted: it stays pending until
// the platform accepts it (sent), the platform refuses it for good, or it is cancelled
// (failed, with the reason: a confirmed reminder, a forum post deleted or hidden). Within a chat,
// messages go out in id order: a retrying message holds back the ones after it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace planbot::storage {

enum class OutboxStatus { pending, sent, failed };

struct OutboxMessage {
    int64_t id = 0;
    // The {} let a caller use designated initializers for some fields only without
    // -Wmissing-field-initializers.
    std::string platform{}, chat_id{};
    std::optional<int64_t> thread_id{};
    std::string text{}, parse_mode{}, reply_markup{};  // reply_markup: JSON text or ""
    // The platform call that delivers the row: "" is the platform's plain send
    // (Telegram's sendMessage); otherwise a method name such as "editMessageText" or
    // "answerCallbackQuery", with its own parameters as JSON text in `payload`
    // ({"message_id": 17}, {"callback_query_id": "…"}), "" when it has none.
    std::string method{}, payload{};
    // The forum thread the message shows (commands::SendMessage::forum_thread), so that a
    // reply to it finds the thread; nullopt for other messages.
    std::optional<int64_t> forum_thread{};
    // The forum post the message carries (commands::NewMessage::forum_post), so that the
    // copy is withdrawn or edited when the post is deleted or hidden; nullopt for others.
    std::optional<int64_t> forum_post{};
    OutboxStatus status = OutboxStatus::pending;
    int attempts = 0;  // delivery attempts made, successful or not
    std::chrono::sys_seconds not_before{}, created_at{};
    std::optional<std::chrono::sys_seconds> sent_at{};
    std::optional<std::string> platform_message_id{};
    std::string last_error{};
    // Personal data: mark_sent deletes the row instead of keeping it (migration 10).
    bool forget_when_sent = false;
};

// What Outbox::append_within did with one reply's rows.
struct Admission {
    std::vector<int64_t> ids;      // the rows stored, in order; empty: refused
    int64_t pending = 0;           // the chat's unsent rows before this reply
    bool flood_started = false;    // refused, and the first refusal of this flood
    int64_t refused_in_flood = 0;  // refused: the flood's refusals so far, this one included;
                                   // stored: those of a flood this reply ended (0: none)
};

class Outbox {
public:
    explicit Outbox(Database& database) : database_(database) {}

    // Stores the message as pending with not_before = max(message.not_before, now) (a
    // default not_before means now) and created_at = now; returns its id. The id,
    // status, attempts, sent_at, platform_message_id and last_error given are ignored.
    int64_t append(const OutboxMessage& message, std::chrono::sys_seconds now);
    // The rows of one reply, all to one chat, appended as append() does unless the chat
    // is flooded: it has `cap` unsent rows or more, or (once a flood started) still half
    // of `cap` or more. A refused reply stores nothing of its rows (all or none) and is
    // counted in the flood's row (migration 12); the caller logs it. `cap` <= 0: no cap.
    Admission append_within(const std::vector<OutboxMessage>& rows, std::chrono::sys_seconds now, int64_t cap);
    // The chat's unsent rows (outbox_pending_by_chat).
    int64_t pending_in_chat(std::string_view platform, std::string_view chat_id);
    // The oldest pending message of each chat, if its not_before <= now; oldest first,
    // at most `limit`. Every platform's (the local chat), or one platform's (its
    // dispatcher, when several platforms share the database).
    std::vector<OutboxMessage> ready(std::chrono::sys_seconds now, size_t limit);
    std::vector<OutboxMessage> ready(std::string_view platform, std::chrono::sys_seconds now, size_t limit);
    // The earliest not_before among the messages ready() may return (each chat's oldest
    // pending one): ready(t) is non-empty exactly when this is <= t. nullopt: none pending.
    std::optional<std::chrono::sys_seconds> next_not_before();
    std::optional<std::chrono::sys_seconds> next_not_before(std::string_view platform);

    // These throw StorageError for an unknown id. Each counts one attempt. A row to be
    // forgotten when sent is deleted by mark_sent (a crash before leaves it pending:
    // sent again, never lost).
    void mark_sent(int64_t id, std::string_view platform_message_id, std::chrono::sys_seconds now);
    void schedule_retry(int64_t id, std::chrono::sys_seconds not_before, std::string_view error);
    void mark_failed(int64_t id, std::string_view error);  // kept in the table
    // The row goes another way than its renderer chose (a Slack slash command's answer,
    // to the command's response_url): its method and payload replaced, and it is
    // forgotten when sent.
    void redirect(int64_t id, std::string_view method, std::string_view payload);

    // The bot was removed from the chat: its pending messages fail (no attempt counted).
    void fail_pending_for_chat(std::string_view platform, std::string_view chat_id, std::string_view error);
    int64_t pending_count();
    // Pending rows by method ("" is the platform's plain send); a scan of the pending
    // rows, for /metrics (scraped every few seconds, not per request).
    std::map<std::pair<std::string, std::string>, int64_t> pending_by_method();  // (platform, method) → rows
    std::optional<OutboxMessage> find(int64_t id);
    // Every message of a chat, id order; a scan of the table (for tests and tools only).
    std::vector<OutboxMessage> all_for_chat(std::string_view platform, std::string_view chat_id);

private:
    void expect_one_change(int64_t id) const;

    Database& database_;
};

}  // namespace planbot::storage
