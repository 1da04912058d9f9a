// The organisation's working state as the core sees it: who holds which role, which
// group is a role's channel, the admins' edits to deadlines and responsibilities, the
// one-off tasks added in the chat, and who confirmed what. The core reads it through
// the narrow `State` interface (storage/ implements it over SQLite; tests in memory)
// and never writes it: a handler returns `StateChange`s, and the caller applies them
// in the same transaction as the update's dedupe mark and replies.
//
// Plain values only: no SQL, no sockets, no clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <date/date.h>

#include "config/plan.hpp"

namespace planbot::commands {

// A chat user on one platform.
struct Person {
    std::string platform;
    std::string user_id;
    std::string name;      // "Kari Nordmann" (first and last name as the platform gives them)
    std::string username;  // without '@'; "" when the user has none
    friend bool operator==(const Person&, const Person&) = default;
};

// One person holding one role; role.unit is set for scoped roles ("regionleder/innherred").
struct Holding {
    config::RoleRef role;
    Person person;
};

// Where a target's messages go. target: a role id, or kMainChannel (the organisation's
// main group), or kForumChannel (the forum's mirror). unit narrows a scoped role.
inline constexpr std::string_view kMainChannel = "@main";
inline constexpr std::string_view kForumChannel = "@forum";
struct Channel {
    std::string target;
    std::string unit;
    std::string platform;
    std::string chat_id;
    std::string thread_id;  // "" for the whole group
    std::string title;      // the group's title when known (for listings)
    friend bool operator==(const Channel&, const Channel&) = default;
};

// One occurrence of a task: task number, unit ("" unless the task is per unit) and a
// key that stays the same when the plan's dates are corrected:
//   "2026-3", "2026-12", … the task's scheduled date in that month of 2026 (a second
//                          date in the same month: "2026-103"), so a corrected plan
//                          that adds or drops other months keeps the key
//   "2026-W05"             a weekly task's ISO week
//   "+2026-05-12"          a date an admin added (admin_dates and ongoing tasks)
//   ""                     the single occurrence of a one-off task added with /ny
struct OccurrenceId {
    int task = 0;
    std::string unit;
    std::string key;
    friend auto operator<=>(const OccurrenceId&, const OccurrenceId&) = default;
};

// An admin's date for an occurrence: a scheduled one moved, or an added one.
struct DeadlineEdit {
    OccurrenceId id;
    date::year_month_day date;
};

// An admin's /ansvar: `role` is responsible for `task` too (for rows 27–28: instead of
// the county board, which stands in while the plan names nobody).
struct ResponsibilityEdit {
    int task = 0;
    config::RoleRef role;
};

// Numbers of tasks added with /ny start here, so they never collide with the plan's.
inline constexpr int kFirstAddedTask = 101;

// A one-off task added with /ny.
struct AddedTask {
    int number = 0;
    config::RoleRef role;
    std::string title;
    date::year_month_day date;
};

struct Completion {
    OccurrenceId id;
    Person by;
    std::chrono::sys_seconds at{};
    std::string comment;
};

struct AuditEntry {
    int64_t id = 0;
    std::chrono::sys_seconds at{};
    Person actor;
    std::string action;       // "role_granted", "deadline_set", "completed", … (see StateChange)
    std::string description;  // Norwegian, as /logg shows it
};

// Read access to the state. Every list is in a stable order (documented per call).
class State {
public:
    virtual ~State() = default;

    // People the bot has seen (they wrote in a chat the bot is in, or were mentioned).
    virtual std::optional<Person> person(std::string_view platform, std::string_view user_id) const = 0;
    // Case-insensitive, without '@'.
    virtual std::optional<Person> person_by_username(std::string_view platform, std::string_view username) const = 0;

    // Admins made in the chat (the config's bootstrap admins are in Context).
    virtual bool is_admin(std::string_view platform, std::string_view user_id) const = 0;
    virtual std::vector<Person> admins() const = 0;  // by name

    // Roles. holdings_of: the person's roles (role id, unit order); holders: everyone
    // holding `role_id` in any unit; all_holdings: every holding (role id, unit, name).
    virtual std::vector<config::RoleRef> roles_of(std::string_view platform, std::string_view user_id) const = 0;
    virtual std::vector<Holding> holders(std::string_view role_id) const = 0;
    virtual std::vector<Holding> all_holdings() const = 0;

    // Every binding (a handful), in target, unit, chat order.
    virtual std::vector<Channel> channels() const = 0;

    // The admins' edits (a few per task), by task, unit, key.
    virtual std::vector<DeadlineEdit> deadline_edits(int task) const = 0;
    virtual std::vector<DeadlineEdit> all_deadline_edits() const = 0;
    virtual std::vector<ResponsibilityEdit> responsibility_edits() const = 0;

    // Added tasks. added_task: by number. added_tasks_between: due in [first, last], by
    // date then number. added_tasks_for: assigned to a role the holder of `held` answers
    // for (same role id, and the task's unit empty or equal to the held unit), by date.
    // next_added_task_number: the number /ny gives the next one (>= kFirstAddedTask).
    virtual std::optional<AddedTask> added_task(int number) const = 0;
    virtual std::vector<AddedTask> added_tasks_between(date::year_month_day first,
                                                       date::year_month_day last) const = 0;
    virtual std::vector<AddedTask> added_tasks_for(const std::vector<config::RoleRef>& held) const = 0;
    virtual int next_added_task_number() const = 0;

    // Completions: of one task (by unit, key); of several tasks; of all.
    virtual std::vector<Completion> completions(int task) const = 0;
    virtual std::vector<Completion> completions_of(const std::vector<int>& tasks) const = 0;
    virtual std::vector<Completion> all_completions() const = 0;

    // The first day planbot followed the plan (Oslo date of the database's first start).
    // Occurrences due before it are history, not overdue work: /oppgaver, /ferdig without
    // a selector and the reminders skip them; /rapport shows them as not followed up.
    virtual date::year_month_day tracking_start() const = 0;

    // Until when an admin paused all reminders (/pause); nullopt when not paused.
    virtual std::optional<date::year_month_day> paused_until() const = 0;

    // The newest `limit` audit entries, newest first.
    virtual std::vector<AuditEntry> audit(int limit) const = 0;
};

// What a handler asks the caller to change. The actor (the event's user) and the time
// are the caller's; the caller writes each change and its audit entry atomically.
struct GrantRole { Person person; config::RoleRef role; };
struct RevokeRole { Person person; config::RoleRef role; };
struct GrantAdmin { Person person; };
struct RevokeAdmin { Person person; };
struct BindChannel { Channel channel; };
struct UnbindChannel { Channel channel; };      // matched on target, unit, platform, chat_id
struct SetDeadline { DeadlineEdit edit; };      // insert or replace
struct AddTask { AddedTask task; };
struct AssignResponsible { ResponsibilityEdit edit; };
struct Complete { OccurrenceId id; std::string comment; };  // by the actor, now
struct Reopen { OccurrenceId id; };
struct PauseReminders { std::optional<date::year_month_day> until; };  // nullopt: resume now

using Change = std::variant<GrantRole, RevokeRole, GrantAdmin, RevokeAdmin, BindChannel, UnbindChannel, SetDeadline,
                            AddTask, AssignResponsible, Complete, Reopen, PauseReminders>;

// The audit action name of a change: "role_granted", "role_revoked", "admin_granted",
// "admin_revoked", "channel_bound", "channel_unbound", "deadline_set", "task_added",
// "responsible_assigned", "completed", "reopened", "reminders_paused".
std::string_view action_name(const Change& change);

struct StateChange {
    Change change;
    std::string description;  // Norwegian, for the audit log: "Kasserer gitt til Kari Nordmann"
};

// Limits on free text, so a pasted essay is refused instead of stored.
inline constexpr size_t kMaxComment = 500;     // characters of a /ferdig comment
inline constexpr size_t kMaxTaskTitle = 200;   // characters of a /ny title

}  // namespace planbot::commands
