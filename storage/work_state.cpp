// See work_state.hpp. The tables and their indexes are migration 2's (the forum's are
// in forum.cpp); each seek below names the index it runs on, and only the full
// listings (admins, all_holdings, channels, all_*) read their table whole. A person's
// name is computed from users in SQL (first and last name, trimmed; the user id for
// someone never seen or nameless), so lists can be ordered by it.
#include "storage/work_state.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iterator>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>

#include "storage/personal_data.hpp"
#include "storage/reminder_log.hpp"
#include "storage/state_rows.hpp"

namespace planbot::storage {

namespace {

using std::chrono::sys_seconds;

constexpr std::string_view kTrackingStartKey = "tracking_start";
constexpr std::string_view kPausedUntilKey = "reminders_paused_until";
// No day stored: every occurrence counts (the core clamps this to the plan's first day).
constexpr date::year_month_day kNoStart = date::year(1) / 1 / 1;

date::year_month_day date_from(const std::string& text) {
    int year = 0;
    unsigned month = 0, day = 0;
    auto number = [&](size_t at, size_t length, auto& value) {
        const char* first = text.data() + at;
        auto [end, error] = std::from_chars(first, first + length, value);
        return error == std::errc() && end == first + length;
    };
    if (text.size() == 10 && text[4] == '-' && text[7] == '-' && number(0, 4, year) && number(5, 2, month) &&
        number(8, 2, day)) {
        date::year_month_day date{date::year(year), date::month(month), date::day(day)};
        if (date.ok()) return date;
    }
    throw StorageError("not a date in the database: \"" + text + "\"");
}

int task_at(const Statement& row, int column) { return static_cast<int>(row.column_int64(column)); }

commands::AddedTask added_task_at(const Statement& row) {
    return {task_at(row, 0), {row.column_text(1), row.column_text(2)}, row.column_text(3),
            date_from(row.column_text(4))};
}

// Completion columns: task, unit, key, the person (4), completed_at, comment, skipped.
commands::Completion completion_at(const Statement& row) {
    return {{task_at(row, 0), row.column_text(1), row.column_text(2)},
            person_at(row, 3),
            time_at(row.column_int64(7)),
            row.column_text(8),
            row.column_int64(9) != 0};
}

commands::DeadlineEdit deadline_edit_at(const Statement& row) {
    return {{task_at(row, 0), row.column_text(1), row.column_text(2)}, date_from(row.column_text(3))};
}

// Holding columns: role_id, unit, the person (4), term_end.
commands::Holding holding_at(const Statement& row) {
    commands::Holding holding{{row.column_text(0), row.column_text(1)}, person_at(row, 2)};
    if (!row.column_is_null(6)) holding.term_end = date_from(row.column_text(6));
    return holding;
}

// Who a change names: a Person from the core carries its platform; "" means the event's.
std::string_view platform_of(const commands::Person& person, std::string_view event_platform) {
    return person.platform.empty() ? event_platform : std::string_view(person.platform);
}

// PLANBOT_PERSON_COLUMNS (state_rows.hpp) read from users itself.
#define PLANBOT_USER_COLUMNS \
    "platform, user_id, coalesce(nullif(trim(first_name || ' ' || last_name), ''), user_id), username"

}  // namespace

// ---- people ----

std::optional<commands::Person> WorkState::person(std::string_view platform, std::string_view user_id) const {
    // users' primary key.
    auto& query = database_.cached("SELECT " PLANBOT_USER_COLUMNS " FROM users WHERE platform = ?1 AND user_id = ?2");
    return read_one<commands::Person>(query.bind(1, platform).bind(2, user_id),
                                      [](const Statement& row) { return person_at(row, 0); });
}

std::optional<commands::Person> WorkState::person_by_username(std::string_view platform,
                                                              std::string_view username) const {
    if (username.empty()) return std::nullopt;  // '' is "no username", never a match
    // users_by_username. Two accounts may have held the name; the one seen last has it.
    auto& query = database_.cached("SELECT " PLANBOT_USER_COLUMNS " FROM users WHERE platform = ?1 "
                                   "AND username = ?2 COLLATE NOCASE ORDER BY last_seen DESC LIMIT 1");
    return read_one<commands::Person>(query.bind(1, platform).bind(2, username),
                                      [](const Statement& row) { return person_at(row, 0); });
}

bool WorkState::stored_admin(std::string_view platform, std::string_view user_id) const {
    auto& query = database_.cached("SELECT 1 FROM admins WHERE platform = ?1 AND user_id = ?2");  // primary key
    bool found = query.bind(1, platform).bind(2, user_id).step();
    query.reset();
    return found;
}

std::vector<commands::Person> WorkState::stored_admins() const {
    auto& query = database_.cached("SELECT " PLANBOT_PERSON_COLUMNS " FROM admins AS x" PLANBOT_JOIN_USERS
                                   "ORDER BY name, x.platform, x.user_id");
    return read_all<commands::Person>(query, [](const Statement& row) { return person_at(row, 0); });
}

// ---- roles and channels ----

std::vector<config::RoleRef> WorkState::stored_roles_of(std::string_view platform, std::string_view user_id,
                                                        date::year_month_day on) const {
    auto& query = database_.cached(  // role_holders_by_person, which is also the order
        "SELECT role_id, unit FROM role_holders WHERE platform = ?1 AND user_id = ?2 "
        "AND (term_end IS NULL OR term_end > ?3) ORDER BY role_id, unit");
    return read_all<config::RoleRef>(query.bind(1, platform).bind(2, user_id).bind(3, date_text(on)),
                                     [](const Statement& row) {
                                         return config::RoleRef{row.column_text(0), row.column_text(1)};
                                     });
}

std::vector<commands::Holding> WorkState::stored_holders(std::string_view role_id, date::year_month_day on) const {
    auto& query = database_.cached(  // the primary key's prefix
        "SELECT x.role_id, x.unit, " PLANBOT_PERSON_COLUMNS ", x.term_end FROM role_holders AS x" PLANBOT_JOIN_USERS
        "WHERE x.role_id = ?1 AND (x.term_end IS NULL OR x.term_end > ?2) ORDER BY x.unit, name, x.platform, x.user_id");
    return read_all<commands::Holding>(query.bind(1, role_id).bind(2, date_text(on)), holding_at);
}

std::vector<commands::Holding> WorkState::stored_holdings() const {
    auto& query = database_.cached("SELECT x.role_id, x.unit, " PLANBOT_PERSON_COLUMNS ", x.term_end FROM role_holders AS x"
                                   PLANBOT_JOIN_USERS "ORDER BY x.role_id, x.unit, name, x.platform, x.user_id");
    return read_all<commands::Holding>(query, holding_at);
}

bool WorkState::knows_private_chat(std::string_view platform, std::string_view user_id) const {
    // chats' primary key: a private chat's id is its user's id.
    auto& query = database_.cached(
        "SELECT 1 FROM chats WHERE platform = ?1 AND chat_id = ?2 AND type = 'private' AND active = 1");
    const bool found = query.bind(1, platform).bind(2, user_id).step();
    query.reset();
    return found;
}

std::vector<commands::TaskNote> WorkState::notes(const std::vector<int>& tasks) const {
    if (tasks.empty()) return {};
    std::string numbers = "[";
    for (int task : tasks) numbers += std::to_string(task) + ",";
    numbers.back() = ']';
    auto& query = database_.cached(  // task_notes_by_task, one seek per task
        "SELECT x.task, " PLANBOT_PERSON_COLUMNS ", x.written_at, x.text FROM task_notes AS x" PLANBOT_JOIN_USERS
        "WHERE x.task IN (SELECT value FROM json_each(?1)) ORDER BY x.id DESC");
    return read_all<commands::TaskNote>(query.bind(1, numbers), [](const Statement& row) {
        return commands::TaskNote{task_at(row, 0), person_at(row, 1), time_at(row.column_int64(5)),
                                  row.column_text(6)};
    });
}

std::vector<commands::Channel> WorkState::channels() const {
    auto& query = database_.cached(  // the primary key's order
        "SELECT target, unit, platform, chat_id, thread_id, title FROM channels "
        "ORDER BY target, unit, platform, chat_id");
    return read_all<commands::Channel>(query, [](const Statement& row) {
        return commands::Channel{row.column_text(0), row.column_text(1), row.column_text(2),
                                 row.column_text(3), row.column_text(4), row.column_text(5)};
    });
}

// ---- the admins' overlay on the plan ----

std::vector<commands::DeadlineEdit> WorkState::deadline_edits(int task) const {
    auto& query = database_.cached(
        "SELECT task, unit, key, date FROM deadline_edits WHERE task = ?1 ORDER BY unit, key");  // primary key
    return read_all<commands::DeadlineEdit>(query.bind(1, int64_t{task}), deadline_edit_at);
}

std::vector<commands::DeadlineEdit> WorkState::all_deadline_edits() const {
    auto& query = database_.cached("SELECT task, unit, key, date FROM deadline_edits ORDER BY task, unit, key");
    return read_all<commands::DeadlineEdit>(query, deadline_edit_at);
}

std::vector<commands::ResponsibilityEdit> WorkState::responsibility_edits() const {
    auto& query = database_.cached(  // responsibility_edits_by_task
        "SELECT task, role_id, unit FROM responsibility_edits ORDER BY task, id");
    return read_all<commands::ResponsibilityEdit>(query, [](const Statement& row) {
        return commands::ResponsibilityEdit{task_at(row, 0), {row.column_text(1), row.column_text(2)}};
    });
}

// ---- added tasks ----

std::optional<commands::AddedTask> WorkState::added_task(int number) const {
    auto& query = database_.cached("SELECT number, role_id, unit, title, date FROM added_tasks WHERE number = ?1");
    return read_one<commands::AddedTask>(query.bind(1, int64_t{number}), added_task_at);
}

std::vector<commands::AddedTask> WorkState::added_tasks_between(date::year_month_day first,
                                                                date::year_month_day last) const {
    auto& query = database_.cached(  // added_tasks_by_date, which is also the order
        "SELECT number, role_id, unit, title, date FROM added_tasks WHERE date BETWEEN ?1 AND ?2 "
        "ORDER BY date, number");
    return read_all<commands::AddedTask>(query.bind(1, date_text(first)).bind(2, date_text(last)), added_task_at);
}

std::vector<commands::AddedTask> WorkState::added_tasks_for(const std::vector<config::RoleRef>& held) const {
    // added_tasks_by_role: two seeks per held role (its unit, and the role as a whole).
    std::vector<commands::AddedTask> tasks;
    for (const config::RoleRef& role : held) {
        auto& query = database_.cached(
            "SELECT number, role_id, unit, title, date FROM added_tasks WHERE role_id = ?1 AND unit IN ('', ?2)");
        std::ranges::move(read_all<commands::AddedTask>(query.bind(1, role.role_id).bind(2, role.unit), added_task_at),
                          std::back_inserter(tasks));
    }
    // Holding a role both as a whole and for a unit finds the whole role's tasks twice.
    auto order = [](const commands::AddedTask& task) { return std::tie(task.date, task.number); };
    std::ranges::sort(tasks, {}, order);
    auto [first, last] = std::ranges::unique(tasks, {}, &commands::AddedTask::number);
    tasks.erase(first, last);
    return tasks;
}

int WorkState::next_added_task_number() const {
    auto& query = database_.cached("SELECT max(number) FROM added_tasks");  // the rowid's end
    query.step();
    int next = query.column_is_null(0) ? commands::kFirstAddedTask : task_at(query, 0) + 1;
    query.reset();
    return std::max(next, commands::kFirstAddedTask);
}

// ---- completions ----

std::vector<commands::Completion> WorkState::completions(int task) const {
    auto& query = database_.cached(  // the primary key's prefix
        "SELECT x.task, x.unit, x.key, " PLANBOT_PERSON_COLUMNS ", x.completed_at, x.comment, x.skipped FROM completions AS x"
        PLANBOT_JOIN_USERS "WHERE x.task = ?1 ORDER BY x.unit, x.key");
    return read_all<commands::Completion>(query.bind(1, int64_t{task}), completion_at);
}

std::vector<commands::Completion> WorkState::completions_of(const std::vector<int>& tasks) const {
    if (tasks.empty()) return {};
    // One query for the lot: the numbers go in as one JSON array parameter, and each
    // becomes a seek on the primary key.
    std::string numbers = "[";
    for (int task : tasks) numbers += std::to_string(task) + ",";
    numbers.back() = ']';
    auto& query = database_.cached(
        "SELECT x.task, x.unit, x.key, " PLANBOT_PERSON_COLUMNS ", x.completed_at, x.comment, x.skipped FROM completions AS x"
        PLANBOT_JOIN_USERS "WHERE x.task IN (SELECT value FROM json_each(?1)) ORDER BY x.task, x.unit, x.key");
    return read_all<commands::Completion>(query.bind(1, numbers), completion_at);
}

std::vector<commands::Completion> WorkState::all_completions() const {
    auto& query = database_.cached(
        "SELECT x.task, x.unit, x.key, " PLANBOT_PERSON_COLUMNS ", x.completed_at, x.comment, x.skipped FROM completions AS x"
        PLANBOT_JOIN_USERS "ORDER BY x.task, x.unit, x.key");
    return read_all<commands::Completion>(query, completion_at);
}

// ---- tracking start and the audit log ----

date::year_month_day WorkState::tracking_start() const {
    auto& query = database_.cached("SELECT value FROM meta WHERE key = ?1");
    auto stored = read_one<std::string>(query.bind(1, kTrackingStartKey),
                                        [](const Statement& row) { return row.column_text(0); });
    return stored ? date_from(*stored) : kNoStart;
}

std::optional<date::year_month_day> WorkState::paused_until() const {
    auto& query = database_.cached("SELECT value FROM meta WHERE key = ?1");
    auto stored = read_one<std::string>(query.bind(1, kPausedUntilKey),
                                        [](const Statement& row) { return row.column_text(0); });
    if (!stored) return std::nullopt;
    return date_from(*stored);
}

std::vector<commands::WheelDate> WorkState::wheel_dates() const {
    auto& query = database_.cached(
        "SELECT w.event, w.year, w.date, w.platform, w.user_id, "
        "coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), w.user_id), coalesce(u.username, ''), "
        "w.set_at FROM wheel_dates w LEFT JOIN users u ON u.platform = w.platform AND u.user_id = w.user_id "
        "ORDER BY w.event, w.year");  // wheel_dates' primary key; users' primary key
    return read_all<commands::WheelDate>(query, [](const Statement& row) {
        return commands::WheelDate{row.column_text(0), static_cast<int>(row.column_int64(1)),
                                   date_from(row.column_text(2)), person_at(row, 3), time_at(row.column_int64(7))};
    });
}

bool WorkState::reminder_queued(std::string_view key) const { return ReminderLog(database_).contains(key); }

void WorkState::ensure_tracking_start(date::year_month_day today) {
    database_.cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING")
        .bind(1, kTrackingStartKey)
        .bind(2, date_text(today))
        .step();
}

std::vector<commands::AuditEntry> WorkState::audit(int limit) const {
    if (limit <= 0) return {};  // SQLite reads LIMIT -1 as "no limit"
    auto& query = database_.cached("SELECT x.id, x.at, " PLANBOT_PERSON_COLUMNS ", x.action, x.description "
                                   "FROM audit_log AS x" PLANBOT_JOIN_USERS "ORDER BY x.id DESC LIMIT ?1");
    return read_all<commands::AuditEntry>(query.bind(1, int64_t{limit}), [](const Statement& row) {
        return commands::AuditEntry{row.column_int64(0), time_at(row.column_int64(1)), person_at(row, 2),
                                    row.column_text(6), row.column_text(7)};
    });
}

// ---- a person's own data ----

std::optional<commands::SeenTimes> WorkState::seen(std::string_view platform, std::string_view user_id) const {
    auto& query = database_.cached("SELECT first_seen, last_seen FROM users WHERE platform = ?1 AND user_id = ?2");
    return read_one<commands::SeenTimes>(query.bind(1, platform).bind(2, user_id), [](const Statement& row) {
        return commands::SeenTimes{time_at(row.column_int64(0)), time_at(row.column_int64(1))};
    });
}

std::vector<commands::AuditEntry> WorkState::audit_by(std::string_view platform, std::string_view user_id) const {
    // A scan of audit_log: /mine data only.
    auto& query = database_.cached("SELECT x.id, x.at, " PLANBOT_PERSON_COLUMNS ", x.action, x.description "
                                   "FROM audit_log AS x" PLANBOT_JOIN_USERS
                                   "WHERE x.platform = ?1 AND x.user_id = ?2 ORDER BY x.id");
    return read_all<commands::AuditEntry>(query.bind(1, platform).bind(2, user_id), [](const Statement& row) {
        return commands::AuditEntry{row.column_int64(0), time_at(row.column_int64(1)), person_at(row, 2),
                                    row.column_text(6), row.column_text(7)};
    });
}

std::vector<commands::TaskNote> WorkState::notes_by(std::string_view platform, std::string_view user_id) const {
    // A scan of task_notes: /mine data only.
    auto& query = database_.cached(
        "SELECT x.task, " PLANBOT_PERSON_COLUMNS ", x.written_at, x.text FROM task_notes AS x" PLANBOT_JOIN_USERS
        "WHERE x.platform = ?1 AND x.user_id = ?2 ORDER BY x.id");
    return read_all<commands::TaskNote>(query.bind(1, platform).bind(2, user_id), [](const Statement& row) {
        return commands::TaskNote{task_at(row, 0), person_at(row, 1), time_at(row.column_int64(5)),
                                  row.column_text(6)};
    });
}

std::optional<std::chrono::sys_seconds> WorkState::erasure_requested(std::string_view platform,
                                                                     std::string_view user_id) const {
    auto& query = database_.cached("SELECT requested_at FROM erasure_requests WHERE platform = ?1 AND user_id = ?2");
    return read_one<sys_seconds>(query.bind(1, platform).bind(2, user_id),
                                 [](const Statement& row) { return time_at(row.column_int64(0)); });
}

// ---- writing ----

void WorkState::apply(const commands::StateChange& change, std::string_view platform, std::string_view actor_user_id,
                      sys_seconds now) {
    using namespace commands;
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, GrantRole>) {
                if (grant_to_linked(c, platform_of(c.person, platform))) return;
                // Granting a role held (or held before, its term over) sets the new term.
                auto& statement = database_.cached(
                    "INSERT INTO role_holders (role_id, unit, platform, user_id, term_end) VALUES (?1, ?2, ?3, ?4, ?5) "
                    "ON CONFLICT DO UPDATE SET term_end = excluded.term_end");
                statement.bind(1, c.role.role_id).bind(2, c.role.unit).bind(3, platform_of(c.person, platform));
                statement.bind(4, c.person.user_id);
                if (c.until) statement.bind(5, date_text(*c.until));
                else statement.bind_null(5);
                statement.step();
            } else if constexpr (std::is_same_v<T, RevokeRole>) {
                // The person's role goes, whichever of their accounts held it.
                for (const Account& account : links_.accounts(platform_of(c.person, platform), c.person.user_id))
                    database_
                        .cached("DELETE FROM role_holders WHERE role_id = ?1 AND unit = ?2 AND platform = ?3 AND user_id = ?4")
                        .bind(1, c.role.role_id)
                        .bind(2, c.role.unit)
                        .bind(3, account.platform)
                        .bind(4, account.user_id)
                        .step();
            } else if constexpr (std::is_same_v<T, GrantAdmin>) {
                if (is_admin(platform_of(c.person, platform), c.person.user_id)) return;  // through a linked account too
                database_.cached("INSERT INTO admins (platform, user_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .bind(1, platform_of(c.person, platform))
                    .bind(2, c.person.user_id)
                    .step();
            } else if constexpr (std::is_same_v<T, RevokeAdmin>) {
                for (const Account& account : links_.accounts(platform_of(c.person, platform), c.person.user_id))
                    database_.cached("DELETE FROM admins WHERE platform = ?1 AND user_id = ?2")
                        .bind(1, account.platform)
                        .bind(2, account.user_id)
                        .step();
            } else if constexpr (std::is_same_v<T, BindChannel>) {
                database_
                    .cached("INSERT INTO channels (target, unit, platform, chat_id, thread_id, title) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (target, unit, platform, chat_id) "
                            "DO UPDATE SET thread_id = excluded.thread_id, title = excluded.title")
                    .bind(1, c.channel.target)
                    .bind(2, c.channel.unit)
                    .bind(3, c.channel.platform.empty() ? platform : std::string_view(c.channel.platform))
                    .bind(4, c.channel.chat_id)
                    .bind(5, c.channel.thread_id)
                    .bind(6, c.channel.title)
                    .step();
            } else if constexpr (std::is_same_v<T, UnbindChannel>) {
                database_
                    .cached("DELETE FROM channels WHERE target = ?1 AND unit = ?2 AND platform = ?3 AND chat_id = ?4")
                    .bind(1, c.channel.target)
                    .bind(2, c.channel.unit)
                    .bind(3, c.channel.platform.empty() ? platform : std::string_view(c.channel.platform))
                    .bind(4, c.channel.chat_id)
                    .step();
            } else if constexpr (std::is_same_v<T, SetDeadline>) {
                database_
                    .cached("INSERT INTO deadline_edits (task, unit, key, date) VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (task, unit, key) DO UPDATE SET date = excluded.date")
                    .bind(1, int64_t{c.edit.id.task})
                    .bind(2, c.edit.id.unit)
                    .bind(3, c.edit.id.key)
                    .bind(4, date_text(c.edit.date))
                    .step();
                // Reminders of the old date still waiting in the outbox would announce a
                // deadline that no longer holds; the planner plans the new date's.
                ReminderLog(database_).cancel_pending(c.edit.id.task, c.edit.id.unit, c.edit.id.key, "fristen er flyttet");
            } else if constexpr (std::is_same_v<T, SetWheelDate>) {
                database_
                    .cached("INSERT INTO wheel_dates (event, year, date, platform, user_id, set_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event, year) DO UPDATE SET "
                            "date = excluded.date, platform = excluded.platform, user_id = excluded.user_id, "
                            "set_at = excluded.set_at")
                    .bind(1, c.event)
                    .bind(2, int64_t{c.year})
                    .bind(3, date_text(c.date))
                    .bind(4, platform)
                    .bind(5, actor_user_id)
                    .bind(6, seconds(now))
                    .step();
            } else if constexpr (std::is_same_v<T, ClearWheelDate>) {
                database_.cached("DELETE FROM wheel_dates WHERE event = ?1 AND year = ?2")  // wheel_dates' primary key
                    .bind(1, c.event)
                    .bind(2, int64_t{c.year})
                    .step();
            } else if constexpr (std::is_same_v<T, AddTask>) {
                // A number taken already throws: the core numbers from next_added_task_number().
                database_
                    .cached("INSERT INTO added_tasks (number, role_id, unit, title, date) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .bind(1, int64_t{c.task.number})
                    .bind(2, c.task.role.role_id)
                    .bind(3, c.task.role.unit)
                    .bind(4, c.task.title)
                    .bind(5, date_text(c.task.date))
                    .step();
            } else if constexpr (std::is_same_v<T, AssignResponsible>) {
                database_
                    .cached("INSERT INTO responsibility_edits (task, role_id, unit) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT DO NOTHING")
                    .bind(1, int64_t{c.edit.task})
                    .bind(2, c.edit.role.role_id)
                    .bind(3, c.edit.role.unit)
                    .step();
            } else if constexpr (std::is_same_v<T, Complete> || std::is_same_v<T, Skip>) {
                // The first confirmation (or skip) stands; a second one changes nothing.
                constexpr bool skip = std::is_same_v<T, Skip>;
                const std::string& text = [&]() -> const std::string& {
                    if constexpr (skip) return c.reason;
                    else return c.comment;
                }();
                database_
                    .cached("INSERT INTO completions (task, unit, key, platform, user_id, completed_at, comment, "
                            "skipped) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING")
                    .bind(1, int64_t{c.id.task})
                    .bind(2, c.id.unit)
                    .bind(3, c.id.key)
                    .bind(4, platform)
                    .bind(5, actor_user_id)
                    .bind(6, seconds(now))
                    .bind(7, text)
                    .bind(8, int64_t{skip ? 1 : 0})
                    .step();
                // Its reminders still waiting in the outbox must not go out after the
                // confirmation: cancelled here, so both commit together or not at all.
                ReminderLog(database_).cancel_pending(c.id.task, c.id.unit, c.id.key);
            } else if constexpr (std::is_same_v<T, Reopen>) {
                database_.cached("DELETE FROM completions WHERE task = ?1 AND unit = ?2 AND key = ?3")
                    .bind(1, int64_t{c.id.task})
                    .bind(2, c.id.unit)
                    .bind(3, c.id.key)
                    .step();
            } else if constexpr (std::is_same_v<T, AddNote>) {
                database_
                    .cached("INSERT INTO task_notes (task, platform, user_id, written_at, text) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)")
                    .bind(1, int64_t{c.task})
                    .bind(2, platform)
                    .bind(3, actor_user_id)
                    .bind(4, seconds(now))
                    .bind(5, c.text)
                    .step();
            } else if constexpr (std::is_same_v<T, PauseReminders>) {
                if (c.until)
                    database_.cached("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                        .bind(1, kPausedUntilKey)
                        .bind(2, date_text(*c.until))
                        .step();
                else
                    database_.cached("DELETE FROM meta WHERE key = ?1").bind(1, kPausedUntilKey).step();
            } else if constexpr (std::is_same_v<T, AddForumPost>) {
                forum_.add(c, platform, actor_user_id, now);
            } else if constexpr (std::is_same_v<T, EditForumPost>) {
                forum_.edit(c, now);
            } else if constexpr (std::is_same_v<T, DeleteForumPost>) {
                forum_.mark_deleted(c.number);
            } else if constexpr (std::is_same_v<T, HideForumPost>) {
                forum_.set_hidden(c.number, c.hidden);
            } else if constexpr (std::is_same_v<T, SetForumDraft>) {
                forum_.set_draft(platform, actor_user_id, c.draft);
            } else if constexpr (std::is_same_v<T, SetForumMuted>) {
                forum_.set_muted(platform, actor_user_id, c.muted);
            } else if constexpr (std::is_same_v<T, RecordDataExport>) {
                // Only the audit entry below: the data went to the person, not here.
            } else if constexpr (std::is_same_v<T, RequestErasure>) {
                if (c.requested)
                    database_.cached("INSERT INTO erasure_requests (platform, user_id, requested_at) VALUES (?1, ?2, ?3) "
                                     "ON CONFLICT DO UPDATE SET requested_at = excluded.requested_at")
                        .bind(1, platform)
                        .bind(2, actor_user_id)
                        .bind(3, seconds(now))
                        .step();
                else
                    database_.cached("DELETE FROM erasure_requests WHERE platform = ?1 AND user_id = ?2")
                        .bind(1, platform)
                        .bind(2, actor_user_id)
                        .step();
            } else if constexpr (std::is_same_v<T, ForgetPerson>) {
                links_.unlink(platform, actor_user_id, false);  // the person's other accounts keep theirs
                forget_person(database_, platform, actor_user_id);
            } else if constexpr (std::is_same_v<T, StartLink>) {
                links_.start(platform, actor_user_id, c.digest, c.expires, now);
            } else if constexpr (std::is_same_v<T, LinkAccounts>) {
                links_.link(c.digest, platform, actor_user_id, now);
            } else if constexpr (std::is_same_v<T, UnlinkAccount>) {
                links_.unlink(platform, actor_user_id, true);
            } else if constexpr (std::is_same_v<T, FailLink>) {
                links_.fail(platform, actor_user_id, now);
            } else if constexpr (std::is_same_v<T, IssueAccessToken>) {
                tokens_.issue(platform, actor_user_id, c.kind, c.digest, now);
            } else {
                static_assert(!sizeof(T), "a change kind WorkState does not write");
            }
        },
        change.change);
    if (!commands::audited(change.change)) return;  // forum text stays out of /logg
    database_
        .cached("INSERT INTO audit_log (at, platform, user_id, action, description) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, seconds(now))
        .bind(2, platform)
        // Forgetting someone leaves no trace of who it was, not even here.
        .bind(3, std::holds_alternative<commands::ForgetPerson>(change.change) ? commands::kFormerMember
                                                                                : actor_user_id)
        .bind(4, action_name(change.change))
        .bind(5, change.description)
        .step();
}

#undef PLANBOT_USER_COLUMNS

}  // namespace planbot::storage
