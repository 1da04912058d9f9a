// See outbox.hpp. Indexes (migration 1): outbox_pending_by_time finds due messages,
// outbox_pending_by_chat finds each chat's oldest pending one, outbox_by_chat lists a
// chat. The SQL says status = 'pending' literally so the partial indexes apply. The
// method and payload columns come from migration 3, forum_thread from migration 5,
// forum_post from migration 13.
#include "storage/outbox.hpp"

#include <algorithm>
#include <limits>

#include "storage/time_columns.hpp"

namespace planbot::storage {

namespace {

using std::chrono::sys_seconds;

constexpr std::string_view columns =
    "id, platform, chat_id, thread_id, text, parse_mode, reply_markup, status, attempts, "
    "not_before, created_at, sent_at, platform_message_id, last_error, method, payload, forum_thread, forget_when_sent, forum_post";

// `message` is pending and the oldest pending message of its chat.
constexpr std::string_view chat_head =
    "message.status = 'pending' AND message.id = (SELECT min(id) FROM outbox WHERE status = 'pending' "
    "AND platform = message.platform AND chat_id = message.chat_id)";

OutboxStatus status_from(std::string_view text) {
    if (text == "sent") return OutboxStatus::sent;
    if (text == "failed") return OutboxStatus::failed;
    return OutboxStatus::pending;  // the table's CHECK allows nothing else
}

OutboxMessage read_message(const Statement& row) {
    OutboxMessage message;
    message.id = row.column_int64(0);
    message.platform = row.column_text(1);
    message.chat_id = row.column_text(2);
    if (!row.column_is_null(3)) message.thread_id = row.column_int64(3);
    message.text = row.column_text(4);
    message.parse_mode = row.column_text(5);
    message.reply_markup = row.column_text(6);
    message.status = status_from(row.column_text(7));
    message.attempts = static_cast<int>(row.column_int64(8));
    message.not_before = time_at(row.column_int64(9));
    message.created_at = time_at(row.column_int64(10));
    if (!row.column_is_null(11)) message.sent_at = time_at(row.column_int64(11));
    if (!row.column_is_null(12)) message.platform_message_id = row.column_text(12);
    message.last_error = row.column_text(13);
    message.method = row.column_text(14);
    message.payload = row.column_text(15);
    if (!row.column_is_null(16)) message.forum_thread = row.column_int64(16);
    message.forget_when_sent = row.column_int64(17) != 0;
    if (!row.column_is_null(18)) message.forum_post = row.column_int64(18);
    return message;
}

std::vector<OutboxMessage> read_all(Statement& query) {
    std::vector<OutboxMessage> messages;
    while (query.step()) messages.push_back(read_message(query));
    return messages;
}

}  // namespace

int64_t Outbox::append(const OutboxMessage& message, sys_seconds now) {
    auto& insert = database_.cached(
        "INSERT INTO outbox (platform, chat_id, thread_id, text, parse_mode, reply_markup, status, "
        "not_before, created_at, method, payload, forum_thread, forget_when_sent, forum_post) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, message.platform).bind(2, message.chat_id);
    if (message.thread_id)
        insert.bind(3, *message.thread_id);
    else
        insert.bind_null(3);
    insert.bind(4, message.text)
        .bind(5, message.parse_mode)
        .bind(6, message.reply_markup)
        .bind(7, seconds(std::max(message.not_before, now)))
        .bind(8, seconds(now))
        .bind(9, message.method)
        .bind(10, message.payload);
    if (message.forum_thread)
        insert.bind(11, *message.forum_thread);
    else
        insert.bind_null(11);
    insert.bind(12, int64_t{message.forget_when_sent ? 1 : 0});
    if (message.forum_post)
        insert.bind(13, *message.forum_post);
    else
        insert.bind_null(13);
    insert.step();
    return database_.last_insert_rowid();
}

int64_t Outbox::pending_in_chat(std::string_view platform, std::string_view chat_id) {
    // outbox_pending_by_chat: the chat's pending rows, no others.
    auto& query = database_.cached("SELECT count(*) FROM outbox WHERE platform = ?1 AND chat_id = ?2 AND status = 'pending'");
    query.bind(1, platform).bind(2, chat_id).step();
    const int64_t count = query.column_int64(0);
    query.reset();
    return count;
}

Admission Outbox::append_within(const std::vector<OutboxMessage>& rows, sys_seconds now, int64_t cap) {
    Admission admission;
    if (rows.empty()) return admission;
    const std::string& platform = rows.front().platform;
    const std::string& chat_id = rows.front().chat_id;
    std::optional<int64_t> flood;
    if (cap > 0) {
        admission.pending = pending_in_chat(platform, chat_id);
        // outbox_floods' primary key.
        auto& find = database_.cached("SELECT refused FROM outbox_floods WHERE platform = ?1 AND chat_id = ?2");
        if (find.bind(1, platform).bind(2, chat_id).step()) flood = find.column_int64(0);
        find.reset();
        // Once flooded, the chat takes replies again only when half its queue has gone,
        // so a queue at the cap does not start a new flood (and notice) per message sent.
        const int64_t limit = flood ? std::max<int64_t>(1, cap / 2) : cap;
        if (admission.pending >= limit) {
            admission.flood_started = !flood;
            admission.refused_in_flood = flood.value_or(0) + 1;
            database_
                .cached("INSERT INTO outbox_floods (platform, chat_id, started_at, refused) VALUES (?1, ?2, ?3, 1) "
                        "ON CONFLICT (platform, chat_id) DO UPDATE SET refused = refused + 1")
                .bind(1, platform)
                .bind(2, chat_id)
                .bind(3, seconds(now))
                .step();
            return admission;
        }
    }
    if (flood) {
        database_.cached("DELETE FROM outbox_floods WHERE platform = ?1 AND chat_id = ?2").bind(1, platform).bind(2, chat_id).step();
        admission.refused_in_flood = *flood;
    }
    for (const OutboxMessage& row : rows) admission.ids.push_back(append(row, now));
    return admission;
}

std::vector<OutboxMessage> Outbox::ready(sys_seconds now, size_t limit) {
    static const std::string sql = "SELECT " + std::string(columns) +
                                   " FROM outbox AS message WHERE message.not_before <= ?1 AND " +
                                   std::string(chat_head) + " ORDER BY message.id LIMIT ?2";
    auto clamped = static_cast<int64_t>(std::min<size_t>(limit, std::numeric_limits<int64_t>::max()));
    return read_all(database_.cached(sql).bind(1, seconds(now)).bind(2, clamped));
}

namespace {

// One platform's chat heads, found chat by chat: a skip-scan over the pending index
// (platform, chat_id, id) that jumps from each chat to the next and takes its oldest
// row, so the cost grows with the chats that have pending rows, not with the rows. A
// scan by due time with chat_head per row cost 60 ms with 29,000 rows pending in 220
// chats (the webhook benchmark's backlog), and the dispatcher asks after every commit.
constexpr std::string_view platform_heads =
    "WITH RECURSIVE chats(chat_id) AS ("
    " SELECT (SELECT min(chat_id) FROM outbox WHERE status = 'pending' AND platform = ?3)"
    " UNION ALL"
    " SELECT (SELECT min(chat_id) FROM outbox WHERE status = 'pending' AND platform = ?3"
    " AND chat_id > chats.chat_id) FROM chats WHERE chats.chat_id IS NOT NULL) ";
constexpr std::string_view platform_head_join =
    " FROM chats JOIN outbox AS message ON message.id = (SELECT min(id) FROM outbox WHERE status = 'pending'"
    " AND platform = ?3 AND chat_id = chats.chat_id) WHERE chats.chat_id IS NOT NULL";

// `columns`, each as message.<column> (the skip-scan's chats also have a chat_id).
std::string message_columns() {
    std::string qualified;
    std::string_view rest = columns;
    while (!rest.empty()) {
        const size_t comma = rest.find(", ");
        qualified += (qualified.empty() ? "message." : ", message.") + std::string(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    return qualified;
}

}  // namespace

std::vector<OutboxMessage> Outbox::ready(std::string_view platform, sys_seconds now, size_t limit) {
    static const std::string sql = std::string(platform_heads) + "SELECT " + message_columns() +
                                   std::string(platform_head_join) +
                                   " AND message.not_before <= ?1 ORDER BY message.id LIMIT ?2";
    auto clamped = static_cast<int64_t>(std::min<size_t>(limit, std::numeric_limits<int64_t>::max()));
    return read_all(database_.cached(sql).bind(1, seconds(now)).bind(2, clamped).bind(3, platform));
}

namespace {

std::optional<sys_seconds> earliest_of(Statement& query) {
    query.step();
    std::optional<sys_seconds> earliest;
    if (!query.column_is_null(0)) earliest = time_at(query.column_int64(0));
    query.reset();
    return earliest;
}

}  // namespace

std::optional<sys_seconds> Outbox::next_not_before() {
    static const std::string sql =
        "SELECT min(message.not_before) FROM outbox AS message WHERE " + std::string(chat_head);
    return earliest_of(database_.cached(sql));
}

std::optional<sys_seconds> Outbox::next_not_before(std::string_view platform) {
    static const std::string sql =
        std::string(platform_heads) + "SELECT min(message.not_before)" + std::string(platform_head_join);
    return earliest_of(database_.cached(sql).bind(3, platform));
}

void Outbox::expect_one_change(int64_t id) const {
    if (database_.changes() != 1) throw StorageError("no outbox message with id " + std::to_string(id));
}

void Outbox::mark_sent(int64_t id, std::string_view platform_message_id, sys_seconds now) {
    // A row of personal data leaves no copy (the reminder links go first: none point at
    // such a row, but the foreign key would refuse the delete if one did).
    database_.cached("DELETE FROM reminder_messages WHERE outbox_id = ?1 AND EXISTS "
                     "(SELECT 1 FROM outbox WHERE id = ?1 AND forget_when_sent = 1)")
        .bind(1, id)
        .step();
    database_.cached("DELETE FROM outbox WHERE id = ?1 AND forget_when_sent = 1").bind(1, id).step();
    if (database_.changes() == 1) return;
    database_
        .cached("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?2, "
                "platform_message_id = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, seconds(now))
        .bind(3, platform_message_id)
        .step();
    expect_one_change(id);
}

void Outbox::schedule_retry(int64_t id, sys_seconds not_before, std::string_view error) {
    // The status stays as it is: a message failed meanwhile (fail_pending_for_chat) stays failed.
    database_.cached("UPDATE outbox SET attempts = attempts + 1, not_before = ?2, last_error = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, seconds(not_before))
        .bind(3, error)
        .step();
    expect_one_change(id);
}

void Outbox::mark_failed(int64_t id, std::string_view error) {
    // A row the bot keeps no copy of once sent (personal data, a secret link) keeps none
    // when it cannot be sent either: only that it failed, and why.
    database_.cached("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?2, "
                     "text = iif(forget_when_sent = 1, '', text), payload = iif(forget_when_sent = 1, '', payload) "
                     "WHERE id = ?1")
        .bind(1, id)
        .bind(2, error)
        .step();
    expect_one_change(id);
}

void Outbox::redirect(int64_t id, std::string_view method, std::string_view payload) {
    database_.cached("UPDATE outbox SET method = ?2, payload = ?3, forget_when_sent = 1 WHERE id = ?1 AND status = 'pending'")
        .bind(1, id)
        .bind(2, method)
        .bind(3, payload)
        .step();
    expect_one_change(id);
}

void Outbox::fail_pending_for_chat(std::string_view platform, std::string_view chat_id, std::string_view error) {
    database_
        .cached("UPDATE outbox SET status = 'failed', last_error = ?3, "
                "text = iif(forget_when_sent = 1, '', text), payload = iif(forget_when_sent = 1, '', payload) "
                "WHERE platform = ?1 AND chat_id = ?2 AND status = 'pending'")
        .bind(1, platform)
        .bind(2, chat_id)
        .bind(3, error)
        .step();
}

int64_t Outbox::pending_count() {
    auto& query = database_.cached("SELECT count(*) FROM outbox WHERE status = 'pending'");
    query.step();
    int64_t count = query.column_int64(0);
    query.reset();
    return count;
}

std::map<std::pair<std::string, std::string>, int64_t> Outbox::pending_by_method() {
    // outbox_pending_by_platform_time: the pending rows only.
    auto& query = database_.cached(
        "SELECT platform, method, count(*) FROM outbox WHERE status = 'pending' GROUP BY platform, method");
    std::map<std::pair<std::string, std::string>, int64_t> counts;
    while (query.step()) counts[{query.column_text(0), query.column_text(1)}] = query.column_int64(2);
    return counts;
}

std::optional<OutboxMessage> Outbox::find(int64_t id) {
    static const std::string sql = "SELECT " + std::string(columns) + " FROM outbox WHERE id = ?1";
    auto& query = database_.cached(sql);
    std::optional<OutboxMessage> message;
    if (query.bind(1, id).step()) message = read_message(query);
    query.reset();
    return message;
}

std::vector<OutboxMessage> Outbox::all_for_chat(std::string_view platform, std::string_view chat_id) {
    static const std::string sql =
        "SELECT " + std::string(columns) + " FROM outbox WHERE platform = ?1 AND chat_id = ?2 ORDER BY id";
    return read_all(database_.cached(sql).bind(1, platform).bind(2, chat_id));
}

}  // namespace planbot::storage
