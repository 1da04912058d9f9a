// See database_file.hpp.
#include "storage/database_file.hpp"

#include <sqlite3.h>

#include <memory>

namespace planbot::storage {

namespace {

using Connection = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

// `file` opened with `flags`; throws StorageError naming the file.
Connection open(const std::filesystem::path& file, int flags) {
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    Connection connection(raw, &sqlite3_close);
    if (opened != SQLITE_OK)
        throw StorageError(file.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(opened)));
    sqlite3_busy_timeout(connection.get(), 5000);
    return connection;
}

// The rows of a one-column query as text; throws StorageError with SQLite's message.
std::vector<std::string> rows_of(sqlite3* connection, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(connection, sql, -1, &raw, nullptr) != SQLITE_OK) throw StorageError(sqlite3_errmsg(connection));
    const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> query(raw, &sqlite3_finalize);
    std::vector<std::string> rows;
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(query.get())) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(query.get(), 0);
        rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (stepped != SQLITE_DONE) throw StorageError(sqlite3_errmsg(connection));
    return rows;
}

}  // namespace

void vacuum_into(Database& source, const std::filesystem::path& target) {
    Statement vacuum = source.prepare("VACUUM INTO ?1");
    vacuum.bind(1, target.string());
    vacuum.step();
}

DatabaseFileReport inspect_database_file(const std::filesystem::path& file) {
    DatabaseFileReport report;
    try {
        // Read-only, and no -wal file is created for a file in rollback mode (a backup).
        const Connection connection = open(file, SQLITE_OPEN_READONLY);
        report.problems = rows_of(connection.get(), "PRAGMA integrity_check");
        if (report.problems.size() == 1 && report.problems.front() == "ok") report.problems.clear();
        report.schema_version = std::stoi(rows_of(connection.get(), "PRAGMA user_version").at(0));
        // sqlite_schema: SQLite's own table of what a file holds, no index to name.
        report.tables =
            std::stoi(rows_of(connection.get(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").at(0));
    } catch (const std::exception& error) {
        report.unreadable = error.what();  // e.g. "file is not a database"
    }
    return report;
}

void copy_database_file(const std::filesystem::path& source, const std::filesystem::path& target) {
    const Connection from = open(source, SQLITE_OPEN_READONLY);
    const Connection to = open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!backup) throw StorageError(target.string() + ": " + sqlite3_errmsg(to.get()));
    const int stepped = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE)
        throw StorageError(source.string() + " → " + target.string() + ": " + sqlite3_errstr(stepped));
}

}  // namespace planbot::storage
