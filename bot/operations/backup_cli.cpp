// See backup_cli.hpp. The restore, top to bottom: lock, check the file, stage the copy
// beside the database, set the old one aside, rename the copy into place.
#include "bot/operations/backup_cli.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <ostream>
#include <sstream>

#include "bot/operations/backups.hpp"
#include "bot/operations/instance_lock.hpp"
#include "storage/database_file.hpp"
#include "storage/migrations.hpp"

namespace planbot::bot::operations {

namespace {

constexpr std::string_view kUsage =
    "Usage: planbot backup FILE [--config FILE]\n"
    "       planbot restore FILE [--config FILE]\n"
    "\n"
    "  backup FILE   write a consistent copy of the database (database.path) to FILE,\n"
    "                a new file; safe while planbot runs\n"
    "  restore FILE  put the copy in FILE in the database's place; planbot must be\n"
    "                stopped. FILE must pass PRAGMA integrity_check and hold a schema\n"
    "                this planbot knows (a cut-off copy, FILE.partial, is refused);\n"
    "                the old database is kept beside it as <database>.before-restore-<time>\n";

void sync_folder(const std::filesystem::path& folder) {
    const int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (descriptor < 0) return;
    ::fsync(descriptor);
    ::close(descriptor);
}

void sync_file(const std::filesystem::path& file) {
    const int descriptor = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
    if (descriptor < 0) throw std::runtime_error("cannot open " + file.string() + ": " + std::strerror(errno));
    const int synced = ::fsync(descriptor);
    ::close(descriptor);
    if (synced != 0) throw std::runtime_error("cannot flush " + file.string() + " to disk");
}

std::filesystem::path with_suffix(const std::filesystem::path& file, std::string_view suffix) {
    std::filesystem::path result = file;
    result += std::string(suffix);
    return result;
}

// "20261207T043000Z": now, in UTC, for the name of the database set aside.
std::string utc_stamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return stamp;
}

// What is wrong with `file` as a database to restore; empty when nothing is.
std::string problem_with(const std::filesystem::path& file, int& schema_version) {
    const storage::DatabaseFileReport report = storage::inspect_database_file(file);
    schema_version = report.schema_version;
    if (!report.unreadable.empty()) return file.string() + " cannot be read as a database: " + report.unreadable;
    if (!report.problems.empty()) {
        std::string text = file.string() + " fails SQLite's integrity check (PRAGMA integrity_check):";
        for (const std::string& row : report.problems) {
            std::istringstream lines(row);
            for (std::string line; std::getline(lines, line);)
                if (!line.empty()) text += "\n  " + line;
        }
        return text;
    }
    if (report.tables == 0 || report.schema_version == 0)
        return file.string() + " is not a planbot database (it has no planbot tables; schema version " +
               std::to_string(report.schema_version) + ")";
    if (report.schema_version > storage::latest_schema_version())
        return file.string() + " has schema version " + std::to_string(report.schema_version) +
               ", but this planbot knows only up to " + std::to_string(storage::latest_schema_version()) +
               "; restore it with the newer planbot that wrote it";
    return {};
}

// Renames `from` to `to` if `from` exists; true if it did.
bool move_if_there(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code error;
    if (!std::filesystem::exists(from, error)) return false;
    std::filesystem::rename(from, to);
    return true;
}

int run_backup(const std::filesystem::path& database, const std::filesystem::path& file, std::ostream& out,
               std::ostream& err) {
    try {
        const BackupMade made = make_backup(database, file);
        out << "planbot backup: copied " << database.string() << " to " << made.file.string() << " (" << made.bytes
            << " bytes, " << made.took.count() << " ms)\n";
        return 0;
    } catch (const std::exception& failure) {
        err << "planbot backup: " << failure.what() << "\n";
        return 1;
    }
}

}  // namespace

bool is_database_command(std::string_view word) { return word == "backup" || word == "restore"; }

std::string_view database_command_usage() { return kUsage; }

int run_database_command(std::string_view command, const std::vector<std::string>& args,
                         const config::Settings& settings, std::ostream& out, std::ostream& err) {
    const std::string name = "planbot " + std::string(command) + ": ";
    if (args.size() != 1 || args.front().starts_with("-")) {
        if (args.empty()) err << name << "name the file\n";
        else err << name << "unexpected '" << (args.size() > 1 ? args[1] : args[0]) << "'\n";
        err << kUsage;
        return 2;
    }
    if (command == "backup") return run_backup(settings.database_path, args.front(), out, err);
    return restore_database(settings.database_path, args.front(), out, err);
}

int restore_database(const std::filesystem::path& database, const std::filesystem::path& file, std::ostream& out,
                     std::ostream& err) {
    constexpr std::string_view name = "planbot restore: ";
    const auto started = std::chrono::steady_clock::now();
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        err << name << file.string() << ": no such file\n";
        return 1;
    }
    if (file.extension() == ".partial") {
        // make_backup's copy under way, or cut off by a crash: whole or not, it is no
        // backup until it has its own name (its integrity check may even pass).
        err << name << "refused: " << file.string()
            << " is a backup copy that was never finished (planbot backup and the nightly backups write to "
               "<name>.partial and rename it when the copy is whole); name a finished backup\n"
            << name << database.string() << " is unchanged\n";
        return 1;
    }
    if (std::filesystem::exists(database, error) && std::filesystem::equivalent(file, database, error)) {
        err << name << file.string() << " is the database itself; name a backup\n";
        return 1;
    }
    auto lock = InstanceLock::take(database, InstanceLock::Mode::exclusive);
    if (!lock) {
        err << name << "refused: " << lock.error() << "\n";
        return 1;
    }
    int version = 0;
    if (const std::string problem = problem_with(file, version); !problem.empty()) {
        err << name << "refused: " << problem << "\n" << name << database.string() << " is unchanged\n";
        return 1;
    }
    const std::filesystem::path staged = with_suffix(database, ".restoring");
    const std::filesystem::path aside = with_suffix(database, ".before-restore-" + utc_stamp());
    try {
        std::filesystem::remove(staged, error);
        storage::copy_database_file(file, staged);
        struct stat old {};
        if (::stat(database.c_str(), &old) == 0) {
            // The copy gets the old database's owner (when run as root) and mode, so the
            // service's user can open it.
            if (::geteuid() == 0 && ::chown(staged.c_str(), old.st_uid, old.st_gid) != 0)
                throw std::runtime_error("cannot give " + staged.string() + " the database's owner");
            ::chmod(staged.c_str(), old.st_mode & 07777);
            // Whatever the old database's write-ahead log holds goes into it before it
            // is set aside (nothing else has it open: we hold the lock).
            // A database too damaged to open keeps its log beside it, aside as well.
            try {
                storage::Database(database).execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (const std::exception&) {
            }
        } else if (::stat(database.has_parent_path() ? database.parent_path().c_str() : ".", &old) == 0 &&
                   ::geteuid() == 0 && ::chown(staged.c_str(), old.st_uid, old.st_gid) != 0) {
            // No database yet (a new machine): the copy gets its folder's owner.
            throw std::runtime_error("cannot give " + staged.string() + " the owner of its folder");
        }
        sync_file(staged);
        const bool had_database = move_if_there(database, aside);
        move_if_there(with_suffix(database, "-wal"), with_suffix(aside, "-wal"));
        std::filesystem::remove(with_suffix(database, "-shm"), error);
        std::filesystem::rename(staged, database);
        sync_folder(database.has_parent_path() ? database.parent_path() : std::filesystem::path("."));
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        out << name << "restored " << database.string() << " from " << file.string() << " (schema version "
            << version << ", " << std::filesystem::file_size(database) << " bytes, " << took.count() << " ms)\n";
        if (had_database) out << name << "the database before is kept as " << aside.string() << "\n";
        if (version < storage::latest_schema_version())
            out << name << "planbot brings it to schema version " << storage::latest_schema_version()
                << " when it starts\n";
        out << name << "start planbot again, e.g. systemctl start planbot\n";
        return 0;
    } catch (const std::exception& failure) {
        std::filesystem::remove(staged, error);
        err << name << "failed: " << failure.what() << "\n";
        if (!std::filesystem::exists(database, error) && std::filesystem::exists(aside, error))
            err << name << "the database before is at " << aside.string() << "; rename it back to "
                << database.string() << "\n";
        else
            err << name << database.string() << " is unchanged\n";
        return 1;
    }
}

}  // namespace planbot::bot::operations
