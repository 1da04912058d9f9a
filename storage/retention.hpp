// The retention (setting database.retention_days): what planbot keeps only for its own
// running goes after that many days. Processed update ids (the newest per platform
// stays: polling resumes after it), sent and failed outbox rows (their text was for the
// chat, which has it), and the reminder log's rows whose messages are all gone. The
// organisation's record stays: confirmations, notes, forum posts, the audit log.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "storage/database.hpp"

namespace planbot::storage {

struct Pruned {
    int64_t updates = 0;    // processed update ids
    int64_t messages = 0;   // outbox rows
    int64_t reminders = 0;  // the reminder log's rows
};

// Deletes what is older than `cutoff` (see above), in the caller's transaction. A
// reminder whose due time is not before `planned_until` (the scheduler's window) stays:
// the scheduler may still meet its key.
// When the retention last ran (meta 'retention_ran_at'); nullopt: never.
std::optional<std::chrono::sys_seconds> last_pruned(Database& database);
void set_last_pruned(Database& database, std::chrono::sys_seconds at);

Pruned prune_older_than(Database& database, std::chrono::sys_seconds cutoff, std::chrono::sys_seconds planned_until);

}  // namespace planbot::storage
