// The users and chats the bot has seen on each platform: their names, when they were
// first and last seen, and whether the bot may still write to a chat. Call the writing
// functions inside the update's Transaction, like every other state change.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace planbot::storage {

struct UserInfo {
    std::string platform{}, user_id{}, first_name{}, last_name{}, username{};  // {}: see OutboxMessage
};

struct ChatInfo {
    std::string platform{}, chat_id{}, type{}, title{};  // type: private|group|supergroup|channel
};

class Directory {
public:
    explicit Directory(Database& database) : database_(database) {}

    // Upsert: keeps first_seen, updates the names and last_seen. `wrote`: the user sent
    // the message (not only mentioned in it), and last_active, which picks the account a
    // person with linked accounts is reached on, is `now` too.
    void remember_user(const UserInfo& user, std::chrono::sys_seconds now, bool wrote = false);
    // Upsert: keeps first_seen, updates type, title and last_seen; a chat that writes
    // again is active again. An empty title keeps the one known (a Slack event names
    // no channel; a slash command does).
    void remember_chat(const ChatInfo& chat, std::chrono::sys_seconds now);
    // Also for a chat never remembered, so that being removed from it is not forgotten.
    void set_chat_active(std::string_view platform, std::string_view chat_id, bool active);
    bool chat_active(std::string_view platform, std::string_view chat_id);  // unknown chat: true
    // A Telegram group became a supergroup with a new id: the chat row (merged into the
    // new one if that chat has written already), its pending outbox messages and its
    // channel bindings move.
    void move_chat(std::string_view platform, std::string_view old_chat_id, std::string_view new_chat_id);
    std::optional<ChatInfo> find_chat(std::string_view platform, std::string_view chat_id);
    std::optional<UserInfo> find_user(std::string_view platform, std::string_view user_id);

private:
    Database& database_;
};

}  // namespace planbot::storage
