// See reminder_log.hpp. Tables of migration 3: reminders (one row per key, indexed by
// occurrence for cancel_pending) and reminder_messages (key → outbox row). The end of
// the planned window is the meta row kCheckedUntilKey, in unix seconds.
#include "storage/reminder_log.hpp"

#include <string>

#include "storage/time_columns.hpp"

namespace planbot::storage {

namespace {

using std::chrono::sys_seconds;

constexpr std::string_view kCheckedUntilKey = "reminders_checked_until";

}  // namespace

bool ReminderLog::contains(std::string_view key) {
    auto& query = database_.cached("SELECT 1 FROM reminders WHERE key = ?1");
    const bool found = query.bind(1, key).step();
    query.reset();
    return found;
}

void ReminderLog::record(const ReminderRecord& reminder, const std::vector<int64_t>& outbox_ids, sys_seconds now) {
    // A key recorded already throws (primary key): the scheduler checks contains()
    // first, so a second record means a bug, and the caller's transaction keeps nothing.
    database_
        .cached("INSERT INTO reminders (key, kind, task, unit, occurrence_key, due_at, late, queued_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, reminder.key)
        .bind(2, reminder.kind)
        .bind(3, int64_t{reminder.task})
        .bind(4, reminder.unit)
        .bind(5, reminder.occurrence_key)
        .bind(6, seconds(reminder.due_at))
        .bind(7, int64_t{reminder.late ? 1 : 0})
        .bind(8, seconds(now))
        .step();
    for (int64_t id : outbox_ids)
        database_.cached("INSERT INTO reminder_messages (reminder_key, outbox_id) VALUES (?1, ?2)")
            .bind(1, reminder.key)
            .bind(2, id)
            .step();
}

std::optional<sys_seconds> ReminderLog::checked_until() {
    auto& query = database_.cached("SELECT value FROM meta WHERE key = ?1");
    std::optional<sys_seconds> until;
    if (query.bind(1, kCheckedUntilKey).step()) {
        try {
            until = sys_seconds(std::chrono::seconds(std::stoll(query.column_text(0))));
        } catch (const std::exception&) {
            query.reset();
            throw StorageError("meta " + std::string(kCheckedUntilKey) + " is not a number of seconds");
        }
    }
    query.reset();
    return until;
}

void ReminderLog::set_checked_until(sys_seconds until) {
    database_
        .cached("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, kCheckedUntilKey)
        .bind(2, std::to_string(seconds(until)))
        .step();
}

int ReminderLog::cancel_pending(int task, std::string_view unit, std::string_view occurrence_key,
                                std::string_view why) {
    // No attempt is counted: the row was never tried for this reason. Rows sent or
    // failed already stay as they are.
    database_
        .cached("UPDATE outbox SET status = 'failed', last_error = ?4 WHERE status = 'pending' AND id IN ("
                "SELECT link.outbox_id FROM reminders AS reminder "
                "JOIN reminder_messages AS link ON link.reminder_key = reminder.key "
                "WHERE reminder.task = ?1 AND reminder.unit = ?2 AND reminder.occurrence_key = ?3)")
        .bind(1, int64_t{task})
        .bind(2, unit)
        .bind(3, occurrence_key)
        .bind(4, "avlyst: " + std::string(why))  // instead of a platform error
        .step();
    return database_.changes();
}

std::vector<int64_t> ReminderLog::outbox_ids(std::string_view key) {
    auto& query = database_.cached("SELECT outbox_id FROM reminder_messages WHERE reminder_key = ?1 ORDER BY outbox_id");
    query.bind(1, key);
    std::vector<int64_t> ids;
    while (query.step()) ids.push_back(query.column_int64(0));
    return ids;
}

bool ReminderLog::is_reminder_row(int64_t outbox_id) {
    // reminder_messages_by_outbox (migration 10).
    auto& query = database_.cached("SELECT 1 FROM reminder_messages WHERE outbox_id = ?1 LIMIT 1");
    const bool found = query.bind(1, outbox_id).step();
    query.reset();
    return found;
}

}  // namespace planbot::storage
