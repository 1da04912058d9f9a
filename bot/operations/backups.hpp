// Copies of the live database: one on demand (`planbot backup FILE`) and the nightly
// ones planbot makes itself into backups/ beside the database, with their retention.
// A copy is written beside its target as "<target>.partial", flushed to disk, and only
// then renamed into place, so a file with a backup's name is always a whole backup.
#pragma once

#include <date/tz.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/schedule/clock.hpp"

namespace planbot::bot::operations {

struct BackupMade {
    std::filesystem::path file;
    std::uintmax_t bytes = 0;
    std::chrono::milliseconds took{0};
};

// Writes a consistent copy of the database `database` (which must exist; planbot may
// be running on it: the copy is one read transaction on a connection of its own, and
// writers go on) into `target`, which must not exist. The copy has mode 0600 (it holds
// personal data). Throws std::runtime_error with an operator's message.
BackupMade make_backup(const std::filesystem::path& database, const std::filesystem::path& target);

// The nightly backups' folder: backups/ beside the database.
std::filesystem::path backups_folder(const std::filesystem::path& database);
// "planbot-2026-11-28.db": the nightly backup of that day; and back (nullopt for any
// other name, which retention leaves alone).
std::string nightly_backup_name(date::year_month_day day);
std::optional<date::year_month_day> nightly_backup_day(const std::string& file_name);

// Which of the nightly backups of `days` to delete: kept are the newest `daily` days'
// and, besides, the newest backup of each of the newest `weekly` weeks (Monday to
// Sunday) that have one. Returned newest first.
std::vector<date::year_month_day> backups_to_delete(std::vector<date::year_month_day> days, int daily, int weekly);

struct NightlyBackupSettings {
    std::filesystem::path database;
    int minute_of_day = 3 * 60 + 30;  // local time
    int daily = 14;
    int weekly = 8;
};

// The nightly backup's step at local time `now`: if the time of day has passed and the
// day has no backup yet, makes it (and deletes a ".partial" left by an interrupted
// one); then deletes what retention does not keep. Returns the backup made, if any.
// Throws std::runtime_error.
std::optional<BackupMade> nightly_backup_step(const NightlyBackupSettings& settings, date::local_seconds now);

// Makes the day's backup from a thread of its own, with its own connection, so the io
// thread that answers webhooks never waits for it. Once the bot's clock has passed the
// time of day in `zone` and the day has no backup yet, it makes it (so a night when
// planbot was stopped is made up at the next start), then deletes what retention
// does not keep. A failure is logged and tried again the next day.
class NightlyBackups {
public:
    NightlyBackups(NightlyBackupSettings settings, const Clock& clock, const date::time_zone* zone,
                   std::chrono::milliseconds check_interval = std::chrono::seconds(1));
    ~NightlyBackups();  // waits for a backup under way, then stops the thread

    NightlyBackups(const NightlyBackups&) = delete;
    NightlyBackups& operator=(const NightlyBackups&) = delete;

private:
    void run();

    NightlyBackupSettings settings_;
    const Clock& clock_;
    const date::time_zone* zone_;
    std::chrono::milliseconds interval_;
    std::optional<date::sys_days> last_attempt_;  // the local day last tried (made or failed)
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace planbot::bot::operations
