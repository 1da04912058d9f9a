// Whole database files: a consistent copy of a live database, a file read without
// changing it (its integrity and schema version), and a file copied into a new one.
// What the backup and restore commands need of SQLite; naming, syncing and renaming
// the files is bot/operations' part.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace planbot::storage {

// Writes a consistent snapshot of `source`'s database into `target`, a file that must
// not exist yet (VACUUM INTO: one read transaction, so in WAL mode the writers on
// other connections go on meanwhile, and the copy is compacted). SQLite does not
// fsync the new file: the caller does. Throws StorageError.
void vacuum_into(Database& source, const std::filesystem::path& target);

// What a database file holds, read read-only (the file is never changed or created).
struct DatabaseFileReport {
    std::string unreadable;            // why it could not be opened or read; empty when it could
    std::vector<std::string> problems;  // PRAGMA integrity_check's findings; empty when "ok"
    int schema_version = 0;             // PRAGMA user_version: the migrations applied
    int tables = 0;                     // tables in it (0: an empty file or an empty database)
};
DatabaseFileReport inspect_database_file(const std::filesystem::path& file);

// Copies the database in `source` (opened read-only) into `target`, which must not
// exist, with SQLite's online backup API: the copy is a database page for page,
// whatever the source's journal mode. Throws StorageError.
void copy_database_file(const std::filesystem::path& source, const std::filesystem::path& target);

}  // namespace planbot::storage
