// The organisation's working state in SQLite: admins made in the chat, role holders,
// role channels, the admins' deadline and responsibility edits, tasks added with /ny,
// completions, the audit log and the day tracking started (tables of migration 2), and
// the forum through storage::Forum (migration 4). It is the core's commands::State,
// read on every command, and the one place that writes a commands::StateChange.
//
// People are read from the users table the Directory keeps; a user id the bot has
// never seen reads as a Person named by the id. WorkState never begins or commits a
// transaction: the caller applies an update's changes inside the update's own.
//
// REQUIRES: external synchronization, like the Database it uses.
#pragma once

#include <chrono>
#include <string_view>

#include "commands/state.hpp"
#include "storage/database.hpp"
#include "storage/access_tokens.hpp"
#include "storage/forum.hpp"
#include "storage/person_links.hpp"

namespace planbot::storage {

class WorkState final : public commands::State {
public:
    explicit WorkState(Database& database) : database_(database), forum_(database), links_(database), tokens_(database) {}

    // ---- commands::State (orders as documented there) ----
    std::optional<commands::Person> person(std::string_view platform, std::string_view user_id) const override;
    std::optional<commands::Person> person_by_username(std::string_view platform,
                                                       std::string_view username) const override;
    bool is_admin(std::string_view platform, std::string_view user_id) const override;
    std::vector<commands::Person> admins() const override;
    std::vector<config::RoleRef> roles_of(std::string_view platform, std::string_view user_id,
                                          date::year_month_day on) const override;
    std::vector<commands::Holding> holders(std::string_view role_id,
                                           date::year_month_day on) const override;  // by unit, name
    std::vector<commands::Holding> all_holdings() const override;
    bool knows_private_chat(std::string_view platform, std::string_view user_id) const override;
    std::vector<commands::TaskNote> notes(const std::vector<int>& tasks) const override;
    std::vector<commands::Channel> channels() const override;
    std::vector<commands::DeadlineEdit> deadline_edits(int task) const override;
    std::vector<commands::DeadlineEdit> all_deadline_edits() const override;
    // By task, then in the order the roles were assigned.
    std::vector<commands::ResponsibilityEdit> responsibility_edits() const override;
    std::optional<commands::AddedTask> added_task(int number) const override;
    std::vector<commands::AddedTask> added_tasks_between(date::year_month_day first,
                                                         date::year_month_day last) const override;
    std::vector<commands::AddedTask> added_tasks_for(const std::vector<config::RoleRef>& held) const override;
    int next_added_task_number() const override;
    std::vector<commands::Completion> completions(int task) const override;
    std::vector<commands::Completion> completions_of(const std::vector<int>& tasks) const override;
    std::vector<commands::Completion> all_completions() const override;
    // 0001-01-01 (before any plan's first day) until ensure_tracking_start has stored a day.
    date::year_month_day tracking_start() const override;
    std::optional<date::year_month_day> paused_until() const override;
    std::vector<commands::WheelDate> wheel_dates() const override;
    bool reminder_queued(std::string_view key) const override;
    std::vector<commands::AuditEntry> audit(int limit) const override;
    // A person's own data (personal_data.cpp).
    std::optional<commands::SeenTimes> seen(std::string_view platform, std::string_view user_id) const override;
    std::vector<commands::AuditEntry> audit_by(std::string_view platform, std::string_view user_id) const override;
    std::vector<commands::ForumPost> forum_posts_by(std::string_view platform,
                                                    std::string_view user_id) const override {
        return forum_.posts_by(platform, user_id);
    }
    std::vector<commands::TaskNote> notes_by(std::string_view platform, std::string_view user_id) const override;
    std::optional<std::chrono::sys_seconds> erasure_requested(std::string_view platform,
                                                              std::string_view user_id) const override;
    // Linked accounts (linked_state.cpp, through PersonLinks).
    std::vector<commands::Person> linked_accounts(std::string_view platform, std::string_view user_id) const override;
    std::optional<commands::LinkCode> link_code(std::string_view digest) const override { return links_.code(digest); }
    std::optional<std::chrono::sys_seconds> access_token_made(std::string_view platform, std::string_view user_id,
                                                              commands::AccessKind kind) const override {
        return tokens_.made(platform, user_id, kind);
    }
    int link_failures(std::string_view platform, std::string_view user_id,
                      std::chrono::sys_seconds since) const override {
        return links_.failures(platform, user_id, since);
    }

    // ---- commands::State's forum, served by Forum (see forum.hpp) ----
    std::optional<commands::ForumPost> forum_post(int64_t number) const override { return forum_.post(number); }
    std::vector<commands::ForumThread> forum_threads(int limit, int offset) const override {
        return forum_.threads(limit, offset);
    }
    int forum_thread_count() const override { return forum_.thread_count(); }
    std::vector<commands::ForumPost> forum_hidden_threads(int limit) const override {
        return forum_.hidden_threads(limit);
    }
    std::vector<commands::ForumPost> forum_thread_posts(int64_t thread) const override {
        return forum_.thread_posts(thread);
    }
    std::vector<commands::ForumThread> forum_threads_tagged(std::string_view tag, int limit) const override {
        return forum_.threads_tagged(tag, limit);
    }
    std::vector<commands::ForumTag> forum_tags() const override { return forum_.tags(); }
    std::vector<commands::ForumPost> forum_search(const std::vector<std::string>& prefixes, int limit) const override {
        return forum_.search(prefixes, limit);
    }
    std::vector<commands::ForumPost> forum_posts_between(std::chrono::sys_seconds after,
                                                         std::chrono::sys_seconds until) const override {
        return forum_.posts_between(after, until);
    }
    // The latest of the person's linked accounts.
    std::optional<std::chrono::sys_seconds> forum_last_post_by(std::string_view platform,
                                                               std::string_view user_id) const override;
    int64_t next_forum_post_number() const override { return forum_.next_number(); }
    std::optional<commands::ForumDraft> forum_draft(std::string_view platform,
                                                    std::string_view user_id) const override {
        return forum_.draft(platform, user_id);
    }
    bool forum_muted(std::string_view platform, std::string_view user_id) const override;  // any linked account
    std::optional<int64_t> forum_thread_of_topic(std::string_view platform, std::string_view chat_id,
                                                 std::string_view topic_id) const override {
        return forum_.thread_of_topic(platform, chat_id, topic_id);
    }
    std::optional<int64_t> forum_thread_of_message(std::string_view platform, std::string_view chat_id,
                                                   std::string_view message_id) const override {
        return forum_.thread_of_message(platform, chat_id, message_id);
    }
    std::vector<commands::ForumCopy> forum_copies(std::string_view platform, int64_t number) const override {
        return forum_.copies(platform, number);
    }
    std::optional<std::string> forum_topic_of_thread(std::string_view platform, std::string_view chat_id,
                                                     int64_t thread) const override {
        return forum_.topic_of_thread(platform, chat_id, thread);
    }

    // Writes `change` made by `actor_user_id` (on `platform`) at `now`, and its audit
    // entry if commands::audited(change) (forum posts, edits, drafts and the digest
    // choice have none). The caller holds the update's Transaction; WorkState never
    // begins or commits one. Granting what is held, assigning what is assigned and
    // completing what is complete change nothing but still write their audit entry (the
    // first completion stays). Throws StorageError if SQLite fails, e.g. an AddTask or
    // AddForumPost whose number is taken (the caller's transaction then keeps nothing of
    // the update).
    void apply(const commands::StateChange& change, std::string_view platform, std::string_view actor_user_id,
               std::chrono::sys_seconds now);

    // Records `today` as tracking_start() unless one is stored already (called at
    // every start-up by the bot). Inside or outside a transaction.
    void ensure_tracking_start(date::year_month_day today);

private:
    // The rows as stored, each under the account that got it (work_state.cpp); the
    // overrides above answer for the person (linked_state.cpp).
    bool stored_admin(std::string_view platform, std::string_view user_id) const;
    std::vector<commands::Person> stored_admins() const;
    std::vector<config::RoleRef> stored_roles_of(std::string_view platform, std::string_view user_id,
                                                 date::year_month_day on) const;
    std::vector<commands::Holding> stored_holders(std::string_view role_id, date::year_month_day on) const;
    std::vector<commands::Holding> stored_holdings() const;
    // Each holding under its person's account that wrote last, each person once per role.
    std::vector<commands::Holding> by_person(std::vector<commands::Holding> holdings) const;
    // A grant to a person whose linked account holds the role already: that row's term
    // is set, and true; false when the grant is the caller's to insert.
    bool grant_to_linked(const commands::GrantRole& grant, std::string_view platform);

    Database& database_;
    Forum forum_;
    PersonLinks links_;
    AccessTokens tokens_;
};

}  // namespace planbot::storage
