// Which planned reminders and digests were queued, and how far the scheduler has
// looked: the memory that makes a reminder exactly-once in effect. The scheduler
// records a PlannedMessage's key together with its outbox rows in one transaction;
// a key seen again is skipped. A confirmation (WorkState::apply of Complete) cancels
// the occurrence's reminders still waiting in the outbox, in the confirmation's
// transaction, through the links kept here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace planbot::storage {

struct ReminderRecord {
    std::string key;
    std::string kind;     // "before", "due", "overdue", "escalation", "no_recipient", "digest_month", …
    int task = 0;         // 0 for digests
    std::string unit{};
    std::string occurrence_key{};
    std::chrono::sys_seconds due_at{};
    bool late = false;
};

class ReminderLog {
public:
    explicit ReminderLog(Database& database) : database_(database) {}

    bool contains(std::string_view key);
    // Records the reminder (queued at `now`) and links its outbox rows. The caller holds
    // the Transaction in which it appended them.
    void record(const ReminderRecord& reminder, const std::vector<int64_t>& outbox_ids, std::chrono::sys_seconds now);

    // The end of the last window the scheduler planned; nullopt before the first tick.
    std::optional<std::chrono::sys_seconds> checked_until();
    void set_checked_until(std::chrono::sys_seconds until);

    // Pending outbox rows of an occurrence's reminders are marked failed with
    // "avlyst: <why>" (never sent); returns how many. Called by WorkState: "meldt
    // ferdig" for a confirmation, "fristen er flyttet" for a moved deadline.
    int cancel_pending(int task, std::string_view unit, std::string_view occurrence_key,
                       std::string_view why = "meldt ferdig");

    // Whether outbox row `outbox_id` is a reminder's (or a digest's); for /metrics.
    bool is_reminder_row(int64_t outbox_id);

    // The outbox row ids linked to a reminder (tests, the ✅ button's message lookups).
    std::vector<int64_t> outbox_ids(std::string_view key);

private:
    Database& database_;
};

}  // namespace planbot::storage
