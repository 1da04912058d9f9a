// The forum in SQLite (tables of migration 4, drafts as migration 7 has them): posts,
// their tags and search text,
// drafts of new threads and who chose the digest. WorkState serves the forum part of
// commands::State from here and writes the forum's StateChanges through it; nothing
// else should. The reads keep state.hpp's contract: lists hold visible posts of
// visible threads only, in the orders documented there.
//
// Like WorkState, Forum never begins or commits a transaction.
// REQUIRES: external synchronization, like the Database it uses.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/state.hpp"
#include "storage/database.hpp"

namespace planbot::storage {

class Forum {
public:
    explicit Forum(Database& database) : database_(database) {}

    // ---- reads: commands::State's forum_* (see there) ----
    std::optional<commands::ForumPost> post(int64_t number) const;
    std::vector<commands::ForumThread> threads(int limit, int offset) const;
    int thread_count() const;
    std::vector<commands::ForumPost> hidden_threads(int limit) const;
    std::vector<commands::ForumPost> thread_posts(int64_t thread) const;
    std::vector<commands::ForumThread> threads_tagged(std::string_view tag, int limit) const;
    std::vector<commands::ForumTag> tags() const;
    // Newest first by number: the core numbers posts in the order it writes them, so
    // number order is time order.
    std::vector<commands::ForumPost> search(const std::vector<std::string>& prefixes, int limit) const;
    std::vector<commands::ForumPost> posts_between(std::chrono::sys_seconds after,
                                                   std::chrono::sys_seconds until) const;
    std::optional<std::chrono::sys_seconds> last_post_by(std::string_view platform, std::string_view user_id) const;
    int64_t next_number() const;
    // Every post of the author, deleted ones included, by number (a scan: /mine data).
    std::vector<commands::ForumPost> posts_by(std::string_view platform, std::string_view user_id) const;
    // Posts stored with their words (not deleted), hidden ones included; for /metrics.
    int64_t stored_post_count() const;
    std::optional<commands::ForumDraft> draft(std::string_view platform, std::string_view user_id) const;
    bool muted(std::string_view platform, std::string_view user_id) const;
    std::optional<int64_t> thread_of_topic(std::string_view platform, std::string_view chat_id,
                                           std::string_view topic_id) const;
    // The forum_thread of the outbox row that became message `message_id` (migration 5).
    std::optional<int64_t> thread_of_message(std::string_view platform, std::string_view chat_id,
                                             std::string_view message_id) const;
    // The sent outbox rows on `platform` that carried post `number`, oldest first.
    std::vector<commands::ForumCopy> copies(std::string_view platform, int64_t number) const;
    std::optional<std::string> topic_of_thread(std::string_view platform, std::string_view chat_id,
                                               int64_t thread) const;
    // The dispatcher: Telegram created `topic_id` in the mirror `chat_id` for `thread`.
    void record_topic(std::string_view platform, std::string_view chat_id, int64_t thread, std::string_view topic_id);

    // ---- writes, for WorkState::apply; the author or actor is (platform, user_id) ----
    // Throws StorageError if the number is taken or the thread does not exist.
    void add(const commands::AddForumPost& post, std::string_view platform, std::string_view user_id,
             std::chrono::sys_seconds now);
    // Text, tags and search text replaced, edited_at = now. An unknown number: nothing.
    void edit(const commands::EditForumPost& edit, std::chrono::sys_seconds now);
    // Deleting a thread's first post deletes its replies. The deleted posts' copies not
    // sent yet are cancelled, and the sent ones keep no words in the outbox.
    void mark_deleted(int64_t number);
    // Hiding a post (a first post: its thread's visible posts) cancels its copies not sent yet.
    void set_hidden(int64_t number, bool hidden);
    void set_draft(std::string_view platform, std::string_view user_id,
                   const std::optional<commands::ForumDraft>& draft);
    void set_muted(std::string_view platform, std::string_view user_id, bool muted);

private:
    std::vector<commands::ForumPost> posts_of(Statement& query) const;
    std::vector<commands::ForumThread> threads_of(Statement& query) const;
    std::vector<std::string> tags_of(int64_t thread, int64_t number) const;
    void insert_tags(int64_t thread, int64_t number, const std::vector<std::string>& tags);
    std::optional<int64_t> thread_of(int64_t number) const;
    void refresh_thread(int64_t thread);
    void withdraw_copies(int64_t number, int64_t thread, std::string_view reason);

    Database& database_;
};

}  // namespace planbot::storage
