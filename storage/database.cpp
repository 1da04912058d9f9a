// See database.hpp.
#include "storage/database.hpp"

#include <sqlite3.h>

#include <cctype>
#include <utility>

namespace planbot::storage {

namespace {

std::string sql_of(sqlite3_stmt* statement) {
    const char* sql = sqlite3_sql(statement);
    return sql ? sql : "";
}

[[noreturn]] void fail(sqlite3* connection, std::string_view sql) {
    throw StorageError(std::string(sqlite3_errmsg(connection)) + " (SQL: " + std::string(sql) + ")");
}

bool only_whitespace(std::string_view text) {
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != ';') return false;
    return true;
}

}  // namespace

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept : statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        statement_ = std::exchange(other.statement_, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::check_bind(int result, int index) const {
    if (result != SQLITE_OK)
        throw StorageError("cannot bind parameter " + std::to_string(index) + ": " +
                           sqlite3_errstr(result) + " (SQL: " + sql_of(statement_) + ")");
}

Statement& Statement::bind(int index, int64_t value) {
    check_bind(sqlite3_bind_int64(statement_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    // A default string_view has data() == nullptr, which SQLite would bind as NULL.
    const char* data = text.data() ? text.data() : "";
    check_bind(sqlite3_bind_text64(statement_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
    return *this;
}

Statement& Statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(statement_, index), index);
    return *this;
}

bool Statement::step() {
    int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    fail(sqlite3_db_handle(statement_), sql_of(statement_));
}

void Statement::check_column(int column) const {
    if (column < 0 || column >= sqlite3_column_count(statement_))
        throw StorageError("no column " + std::to_string(column) + " (SQL: " + sql_of(statement_) + ")");
}

int64_t Statement::column_int64(int column) const {
    check_column(column);
    return sqlite3_column_int64(statement_, column);
}

std::string Statement::column_text(int column) const {
    check_column(column);
    const unsigned char* text = sqlite3_column_text(statement_, column);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

bool Statement::column_is_null(int column) const {
    check_column(column);
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

void Statement::reset() {
    // sqlite3_reset repeats the error of a failed step; step() has reported it already.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

// ---- Database ----

Database::Database(const std::filesystem::path& file) : path_(file) {
    int result = sqlite3_open_v2(file.c_str(), &connection_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (result != SQLITE_OK) {
        std::string message = connection_ ? sqlite3_errmsg(connection_) : sqlite3_errstr(result);
        close();
        throw StorageError(file.string() + ": cannot open the database: " + message);
    }
    try {
        // busy_timeout first: switching to WAL needs a lock another process may hold.
        execute("PRAGMA busy_timeout = 5000");
        execute("PRAGMA journal_mode = WAL");
        execute("PRAGMA synchronous = NORMAL");
        execute("PRAGMA foreign_keys = ON");
    } catch (const StorageError& error) {
        close();
        throw StorageError(file.string() + ": cannot open the database: " + error.what());
    }
}

Database Database::in_memory() { return Database(":memory:"); }

Database::Database(Database&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        connection_ = std::exchange(other.connection_, nullptr);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Database::~Database() { close(); }

void Database::close() noexcept {
    cache_.clear();  // finalize before closing
    // _v2: if a caller still holds a Statement, the connection closes when it is finalized.
    sqlite3_close_v2(connection_);
    connection_ = nullptr;
}

Statement Database::prepare(std::string_view sql) {
    if (only_whitespace(sql)) throw StorageError("no SQL statement in \"" + std::string(sql) + "\"");
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(connection_, sql.data(), static_cast<int>(sql.size()), &statement, &tail) != SQLITE_OK)
        fail(connection_, sql);
    Statement result(statement);
    if (!statement) throw StorageError("no SQL statement in \"" + std::string(sql) + "\"");  // only a comment
    if (!only_whitespace(sql.substr(static_cast<size_t>(tail - sql.data()))))
        throw StorageError("more than one SQL statement; use execute() (SQL: " + std::string(sql) + ")");
    return result;
}

Statement& Database::cached(std::string_view sql) {
    auto found = cache_.find(sql);
    if (found == cache_.end()) return cache_.emplace(std::string(sql), prepare(sql)).first->second;
    found->second.reset();
    return found->second;
}

void Database::execute(std::string_view sql) {
    std::string text(sql);  // sqlite3_exec wants a terminated string
    char* message = nullptr;
    if (sqlite3_exec(connection_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string error = message ? message : sqlite3_errmsg(connection_);
        sqlite3_free(message);
        throw StorageError(error + " (SQL: " + text + ")");
    }
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(connection_); }

int Database::changes() const { return sqlite3_changes(connection_); }

bool Database::in_transaction() const { return connection_ && sqlite3_get_autocommit(connection_) == 0; }

// ---- Transaction ----

// BEGIN and COMMIT run once per handled update: prepared once, not parsed each time.
Transaction::Transaction(Database& database) : database_(database) { database_.cached("BEGIN IMMEDIATE").step(); }

Transaction::~Transaction() {
    // Some errors (disk full, I/O) roll the transaction back by themselves.
    if (committed_ || !database_.in_transaction()) return;
    try {
        database_.execute("ROLLBACK");
    } catch (const StorageError&) {
        // Nothing more to do: SQLite rolls back on close, and a destructor must not throw.
    }
}

void Transaction::commit() {
    database_.cached("COMMIT").step();
    committed_ = true;
}

// ---- Savepoint ----

Savepoint::Savepoint(Database& database) : database_(database) { database_.cached("SAVEPOINT one_update").step(); }

Savepoint::~Savepoint() {
    if (released_ || !database_.in_transaction()) return;
    try {
        database_.cached("ROLLBACK TO one_update").step();
        database_.cached("RELEASE one_update").step();
    } catch (const StorageError&) {
        // The enclosing transaction is then rolled back by its owner.
    }
}

void Savepoint::release() {
    database_.cached("RELEASE one_update").step();
    released_ = true;
}

}  // namespace planbot::storage
