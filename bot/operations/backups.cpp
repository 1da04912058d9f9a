// See backups.hpp.
#include "bot/operations/backups.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <stdexcept>

#include "bot/log.hpp"
#include "storage/database_file.hpp"

namespace planbot::bot::operations {

namespace {

// fsync(2) of a file or a folder (for a rename in it to last).
void sync(const std::filesystem::path& path, bool folder) {
    const int descriptor = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (descriptor < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
    const int synced = ::fsync(descriptor);
    const int error = errno;
    ::close(descriptor);
    if (synced != 0) throw std::runtime_error("cannot flush " + path.string() + " to disk: " + std::strerror(error));
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

date::sys_days monday_of(date::sys_days day) {
    return day - (date::weekday(day) - date::Monday);
}

}  // namespace

BackupMade make_backup(const std::filesystem::path& database, const std::filesystem::path& target) {
    std::error_code error;
    if (!std::filesystem::exists(database, error))
        throw std::runtime_error("there is no database at " + database.string() + " (check database.path and --config)");
    if (std::filesystem::exists(target, error))
        throw std::runtime_error(target.string() + " exists already; name a new file");
    if (!std::filesystem::is_directory(folder_of(target), error))
        throw std::runtime_error("the folder " + folder_of(target).string() + " of " + target.string() + " does not exist");
    const auto started = std::chrono::steady_clock::now();
    std::filesystem::path partial = target;
    partial += ".partial";
    std::filesystem::remove(partial, error);
    try {
        storage::Database source(database);  // a connection of its own: the live one's writers go on
        storage::vacuum_into(source, partial);
    } catch (const std::exception& failure) {
        std::filesystem::remove(partial, error);
        throw std::runtime_error("cannot copy " + database.string() + " to " + partial.string() + ": " + failure.what());
    }
    std::filesystem::permissions(partial, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, error);
    sync(partial, false);
    std::filesystem::rename(partial, target);
    sync(folder_of(target), true);
    BackupMade made{target, std::filesystem::file_size(target), {}};
    made.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return made;
}

std::filesystem::path backups_folder(const std::filesystem::path& database) { return folder_of(database) / "backups"; }

std::string nightly_backup_name(date::year_month_day day) {
    char name[32];
    std::snprintf(name, sizeof name, "planbot-%04d-%02u-%02u.db", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return name;
}

std::optional<date::year_month_day> nightly_backup_day(const std::string& file_name) {
    int year = 0;
    unsigned month = 0, day = 0;
    int length = 0;
    if (file_name.size() != std::string_view("planbot-2026-11-28.db").size() ||
        std::sscanf(file_name.c_str(), "planbot-%4d-%2u-%2u.db%n", &year, &month, &day, &length) != 3 ||
        length != static_cast<int>(file_name.size()))
        return std::nullopt;
    const date::year_month_day parsed{date::year(year), date::month(month), date::day(day)};
    if (!parsed.ok() || nightly_backup_name(parsed) != file_name) return std::nullopt;
    return parsed;
}

std::vector<date::year_month_day> backups_to_delete(std::vector<date::year_month_day> days, int daily, int weekly) {
    std::ranges::sort(days, std::greater<>());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    std::vector<date::year_month_day> deleted;
    std::set<date::sys_days> weeks;  // the weeks whose newest backup is kept
    for (size_t i = 0; i < days.size(); ++i) {
        const date::sys_days week = monday_of(date::sys_days(days[i]));
        bool keep = static_cast<int>(i) < daily;
        if (!weeks.contains(week) && static_cast<int>(weeks.size()) < weekly) {
            weeks.insert(week);  // newest first: the first of its week is the week's newest
            keep = true;
        }
        if (!keep) deleted.push_back(days[i]);
    }
    return deleted;
}

std::optional<BackupMade> nightly_backup_step(const NightlyBackupSettings& settings, date::local_seconds now) {
    const date::local_days today = date::floor<date::days>(now);
    if (now - today < std::chrono::minutes(settings.minute_of_day)) return std::nullopt;
    const std::filesystem::path folder = backups_folder(settings.database);
    std::filesystem::create_directories(folder);
    const std::filesystem::path target = folder / nightly_backup_name(date::year_month_day(today));
    std::optional<BackupMade> made;
    std::error_code error;
    if (!std::filesystem::exists(target, error)) made = make_backup(settings.database, target);
    std::vector<date::year_month_day> days;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (auto day = nightly_backup_day(name)) days.push_back(*day);
        // A nightly backup cut off (planbot killed while it copied) is never a backup.
        if (entry.path().extension() == ".partial" && nightly_backup_day(entry.path().stem().string()))
            std::filesystem::remove(entry.path(), error);
    }
    for (const date::year_month_day& day : backups_to_delete(days, settings.daily, settings.weekly)) {
        std::filesystem::remove(folder / nightly_backup_name(day));
        log::info("backup_deleted", {{"file", (folder / nightly_backup_name(day)).string()}});
    }
    return made;
}

NightlyBackups::NightlyBackups(NightlyBackupSettings settings, const Clock& clock, const date::time_zone* zone,
                               std::chrono::milliseconds check_interval)
    : settings_(std::move(settings)), clock_(clock), zone_(zone), interval_(check_interval) {
    thread_ = std::thread([this] { run(); });
}

NightlyBackups::~NightlyBackups() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void NightlyBackups::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
        }
        const date::local_seconds now = date::make_zoned(zone_, clock_.now()).get_local_time();
        const date::sys_days day(date::floor<date::days>(now).time_since_epoch());
        if (last_attempt_ == day) continue;
        try {
            if (auto made = nightly_backup_step(settings_, now)) {
                last_attempt_ = day;
                log::info("backup_made", {{"file", made->file.string()}, {"bytes", made->bytes},
                                          {"ms", static_cast<int64_t>(made->took.count())}});
            } else if (now - date::floor<date::days>(now) >= std::chrono::minutes(settings_.minute_of_day)) {
                last_attempt_ = day;  // the day's backup was there already
            }
        } catch (const std::exception& failure) {
            last_attempt_ = day;
            log::error("backup_failed", {{"database", settings_.database.string()}, {"error", failure.what()}});
        }
    }
}

}  // namespace planbot::bot::operations
