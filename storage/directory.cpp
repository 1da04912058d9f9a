// See directory.hpp. Chats and users are found by their primary keys; the outbox rows
// of a chat by outbox_pending_by_chat.
#include "storage/directory.hpp"

#include "storage/time_columns.hpp"

namespace planbot::storage {

void Directory::remember_user(const UserInfo& user, std::chrono::sys_seconds now, bool wrote) {
    database_
        .cached(R"sql(
INSERT INTO users (platform, user_id, first_name, last_name, username, first_seen, last_seen, last_active)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, CASE WHEN ?7 THEN ?6 END)
ON CONFLICT (platform, user_id) DO UPDATE SET
    first_name = excluded.first_name, last_name = excluded.last_name,
    username = excluded.username, last_seen = excluded.last_seen,
    last_active = coalesce(excluded.last_active, last_active))sql")
        .bind(1, user.platform)
        .bind(2, user.user_id)
        .bind(3, user.first_name)
        .bind(4, user.last_name)
        .bind(5, user.username)
        .bind(6, seconds(now))
        .bind(7, int64_t{wrote ? 1 : 0})
        .step();
}

void Directory::remember_chat(const ChatInfo& chat, std::chrono::sys_seconds now) {
    database_
        .cached(R"sql(
INSERT INTO chats (platform, chat_id, type, title, active, first_seen, last_seen)
VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)
ON CONFLICT (platform, chat_id) DO UPDATE SET
    type = excluded.type, title = CASE WHEN excluded.title = '' THEN title ELSE excluded.title END, active = 1,
    first_seen = coalesce(first_seen, excluded.first_seen), last_seen = excluded.last_seen)sql")
        .bind(1, chat.platform)
        .bind(2, chat.chat_id)
        .bind(3, chat.type)
        .bind(4, chat.title)
        .bind(5, seconds(now))
        .step();
}

void Directory::set_chat_active(std::string_view platform, std::string_view chat_id, bool active) {
    database_
        .cached(R"sql(
INSERT INTO chats (platform, chat_id, active) VALUES (?1, ?2, ?3)
ON CONFLICT (platform, chat_id) DO UPDATE SET active = excluded.active)sql")
        .bind(1, platform)
        .bind(2, chat_id)
        .bind(3, active ? 1 : 0)
        .step();
}

bool Directory::chat_active(std::string_view platform, std::string_view chat_id) {
    auto& query = database_.cached("SELECT active FROM chats WHERE platform = ?1 AND chat_id = ?2");
    bool active = !query.bind(1, platform).bind(2, chat_id).step() || query.column_int64(0) != 0;
    query.reset();
    return active;
}

void Directory::move_chat(std::string_view platform, std::string_view old_chat_id, std::string_view new_chat_id) {
    if (old_chat_id == new_chat_id) return;
    // Copy the row to the new id; if the new chat is known already, keep its row and
    // only take the earlier first_seen.
    database_
        .cached(R"sql(
INSERT INTO chats (platform, chat_id, type, title, active, first_seen, last_seen)
SELECT platform, ?3, type, title, active, first_seen, last_seen
FROM chats WHERE platform = ?1 AND chat_id = ?2
ON CONFLICT (platform, chat_id) DO UPDATE SET
    first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen, excluded.first_seen))sql")
        .bind(1, platform)
        .bind(2, old_chat_id)
        .bind(3, new_chat_id)
        .step();
    database_.cached("DELETE FROM chats WHERE platform = ?1 AND chat_id = ?2")
        .bind(1, platform)
        .bind(2, old_chat_id)
        .step();
    database_.cached("UPDATE outbox SET chat_id = ?3 WHERE platform = ?1 AND chat_id = ?2 AND status = 'pending'")
        .bind(1, platform)
        .bind(2, old_chat_id)
        .bind(3, new_chat_id)
        .step();
    // The group's role and main-channel bindings follow it (a binding the new id has
    // already is kept as it is).
    database_
        .cached("UPDATE OR IGNORE channels SET chat_id = ?3 WHERE platform = ?1 AND chat_id = ?2")
        .bind(1, platform)
        .bind(2, old_chat_id)
        .bind(3, new_chat_id)
        .step();
    database_.cached("DELETE FROM channels WHERE platform = ?1 AND chat_id = ?2")
        .bind(1, platform)
        .bind(2, old_chat_id)
        .step();
}

std::optional<ChatInfo> Directory::find_chat(std::string_view platform, std::string_view chat_id) {
    auto& query = database_.cached("SELECT type, title FROM chats WHERE platform = ?1 AND chat_id = ?2");
    std::optional<ChatInfo> chat;
    if (query.bind(1, platform).bind(2, chat_id).step())
        chat = ChatInfo{std::string(platform), std::string(chat_id), query.column_text(0), query.column_text(1)};
    query.reset();
    return chat;
}

std::optional<UserInfo> Directory::find_user(std::string_view platform, std::string_view user_id) {
    auto& query =
        database_.cached("SELECT first_name, last_name, username FROM users WHERE platform = ?1 AND user_id = ?2");
    std::optional<UserInfo> user;
    if (query.bind(1, platform).bind(2, user_id).step())
        user = UserInfo{std::string(platform), std::string(user_id), query.column_text(0), query.column_text(1),
                        query.column_text(2)};
    query.reset();
    return user;
}

}  // namespace planbot::storage

