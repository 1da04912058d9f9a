// See retention.hpp. Run once a day: processed_updates and outbox are scanned (no index
// is kept for these deletes on the path of every message); the outbox rows' reminder
// links are found by reminder_messages_by_outbox, the reminders' by the primary key.
#include "storage/retention.hpp"

#include "storage/state_rows.hpp"

namespace planbot::storage {

std::optional<std::chrono::sys_seconds> last_pruned(Database& database) {
    auto& query = database.cached("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'retention_ran_at'");
    return read_one<std::chrono::sys_seconds>(query, [](const Statement& row) { return time_at(row.column_int64(0)); });
}

void set_last_pruned(Database& database, std::chrono::sys_seconds at) {
    database
        .cached("INSERT INTO meta (key, value) VALUES ('retention_ran_at', ?1) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, std::to_string(seconds(at)))
        .step();
}

Pruned prune_older_than(Database& database, std::chrono::sys_seconds cutoff, std::chrono::sys_seconds planned_until) {
    Pruned pruned;
    database
        .cached("DELETE FROM processed_updates WHERE processed_at < ?1 AND update_id < "
                "(SELECT max(newest.update_id) FROM processed_updates AS newest "
                "WHERE newest.platform = processed_updates.platform)")
        .bind(1, seconds(cutoff))
        .step();
    pruned.updates = database.changes();
    // A sent row's time is when it went; a failed one's when it was made.
    database
        .cached("DELETE FROM reminder_messages WHERE outbox_id IN (SELECT id FROM outbox WHERE status != 'pending' "
                "AND coalesce(sent_at, created_at) < ?1)")
        .bind(1, seconds(cutoff))
        .step();
    database.cached("DELETE FROM outbox WHERE status != 'pending' AND coalesce(sent_at, created_at) < ?1")
        .bind(1, seconds(cutoff))
        .step();
    pruned.messages = database.changes();
    database
        .cached("DELETE FROM reminders WHERE queued_at < ?1 AND due_at < ?2 AND NOT EXISTS "
                "(SELECT 1 FROM reminder_messages AS link WHERE link.reminder_key = reminders.key)")
        .bind(1, seconds(cutoff))
        .bind(2, seconds(std::min(cutoff, planned_until)))
        .step();
    pruned.reminders = database.changes();
    return pruned;
}

}  // namespace planbot::storage
