// The organisation's working state in SQLite: admins made in the chat, role holders,
// role channels, the admins' deadline and responsibility edits, tasks added with /ny,
// completions, the audit log and the day tracking started (tables of migration 2).
// It is the core's commands::State, read on every command, and the one place that
// writes a commands::StateChange.
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

namespace planbot::storage {

class WorkState final : public commands::State {
public:
    explicit WorkState(Database& database) : database_(database) {}

    // ---- commands::State (orders as documented there) ----
    std::optional<commands::Person> person(std::string_view platform, std::string_view user_id) const override;
    std::optional<commands::Person> person_by_username(std::string_view platform,
                                                       std::string_view username) const override;
    bool is_admin(std::string_view platform, std::string_view user_id) const override;
    std::vector<commands::Person> admins() const override;
    std::vector<config::RoleRef> roles_of(std::string_view platform, std::string_view user_id) const override;
    std::vector<commands::Holding> holders(std::string_view role_id) const override;  // by unit, name
    std::vector<commands::Holding> all_holdings() const override;
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
    // 2025-01-01 (the plan's first day) until ensure_tracking_start has stored a day.
    date::year_month_day tracking_start() const override;
    std::optional<date::year_month_day> paused_until() const override;
    std::vector<commands::AuditEntry> audit(int limit) const override;

    // Writes `change` made by `actor_user_id` (on `platform`) at `now`, and its audit
    // entry. The caller holds the update's Transaction; WorkState never begins or
    // commits one. Granting what is held, assigning what is assigned and completing
    // what is complete change nothing but still write their audit entry (the first
    // completion stays). Throws StorageError if SQLite fails, e.g. an AddTask whose
    // number is taken (the caller's transaction then keeps nothing of the update).
    void apply(const commands::StateChange& change, std::string_view platform, std::string_view actor_user_id,
               std::chrono::sys_seconds now);

    // Records `today` as tracking_start() unless one is stored already (called at
    // every start-up by the bot). Inside or outside a transaction.
    void ensure_tracking_start(date::year_month_day today);

private:
    Database& database_;
};

}  // namespace planbot::storage
