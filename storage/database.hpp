// A thin RAII wrapper over the sqlite3 C API: one connection (Database), its prepared
// statements (Statement) and write transactions (Transaction). Every failure becomes a
// StorageError carrying SQLite's message. No schema and no domain knowledge here: the
// schema lives in migrations.cpp, the queries in the repositories.
//
// REQUIRES: external synchronization. A Database and its statements belong to one
// thread at a time; give each thread its own Database on the same file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace planbot::storage {

struct StorageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One prepared statement. Move-only; finalized in the destructor.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based. Text is copied (SQLITE_TRANSIENT); an empty view binds
    // '' (never NULL).
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_null(int index);

    // true: a row is ready to read; false: the statement is done. Throws StorageError
    // with SQLite's message and the SQL on any error (constraint, busy, I/O).
    bool step();

    // Columns are 0-based. NULL reads as 0 or "".
    int64_t column_int64(int column) const;
    std::string column_text(int column) const;
    bool column_is_null(int column) const;

    // Back to the start, bindings cleared. A SELECT stopped after a row keeps its read
    // snapshot open until it is reset or stepped to the end: reset it when done.
    void reset();

private:
    friend class Database;
    explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
    void check_bind(int result, int index) const;
    void check_column(int column) const;

    sqlite3_stmt* statement_ = nullptr;
};

// One connection. Move-only; closed in the destructor.
class Database {
public:
    // Opens or creates `file` (its folder must exist) with journal_mode=WAL,
    // synchronous=NORMAL (a process crash or kill -9 loses no committed transaction;
    // only a power loss may lose the latest ones), foreign_keys=ON, busy_timeout=5000.
    // Throws StorageError naming the file if it cannot be opened or is not a database.
    explicit Database(const std::filesystem::path& file);
    static Database in_memory();  // ":memory:", for tests

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // A fresh statement owned by the caller. Exactly one SQL statement.
    Statement prepare(std::string_view sql);
    // Prepared once per Database, then reused: returned reset, bindings cleared. The
    // reference stays valid as long as the Database (also across moves). Do not hold
    // it across another call that may use the same SQL.
    Statement& cached(std::string_view sql);
    // Runs SQL without parameters, possibly several statements (migrations, pragmas).
    void execute(std::string_view sql);

    int64_t last_insert_rowid() const;
    int changes() const;  // rows changed by the latest INSERT, UPDATE or DELETE
    const std::filesystem::path& path() const { return path_; }

private:
    friend class Transaction;
    friend class Savepoint;
    bool in_transaction() const;
    void close() noexcept;

    sqlite3* connection_ = nullptr;
    std::filesystem::path path_;
    std::map<std::string, Statement, std::less<>> cache_;  // node-based: references stay valid
};

// A savepoint inside a Transaction: undoes only its own changes unless released,
// so one failing update does not take the others of its batch with it.
class Savepoint {
public:
    explicit Savepoint(Database& database);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();

private:
    Database& database_;
    bool released_ = false;
};

// BEGIN IMMEDIATE (takes the write lock now, so a busy database fails or waits here,
// not halfway through); rolled back in the destructor unless committed. Not nestable.
class Transaction {
public:
    explicit Transaction(Database& database);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();

private:
    Database& database_;
    bool committed_ = false;
};

}  // namespace planbot::storage
