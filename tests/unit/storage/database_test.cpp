// storage/: the SQLite wrapper (pragmas, errors, statements, transactions), the schema
// migrations and the processed-updates repository, on real SQLite databases.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/processed_updates.hpp"
#include "tests/support/temporary_folder.hpp"
#include "tests/support/storage_test_support.hpp"

using namespace planbot::storage;

namespace {

// 2027-04-20T08:00:00Z plus `offset` seconds; the tests never read the real clock.
using planbot::test::instant;

using planbot::test::TemporaryFolder;

int64_t query_int(Database& database, std::string_view sql) {
    auto query = database.prepare(sql);
    REQUIRE(query.step());
    return query.column_int64(0);
}

std::string query_text(Database& database, std::string_view sql) {
    auto query = database.prepare(sql);
    REQUIRE(query.step());
    return query.column_text(0);
}

bool has_table(Database& database, std::string_view name) {
    auto query = database.prepare("SELECT strict FROM pragma_table_list WHERE name = ?1");
    return query.bind(1, name).step() && query.column_int64(0) == 1;
}

std::string error_of(auto&& action) {
    try {
        action();
    } catch (const StorageError& error) {
        return error.what();
    }
    return "(no StorageError)";
}

}  // namespace

// ---- migrations ----

TEST_CASE("migrating an empty database reaches the latest version and creates strict tables") {
    auto database = Database::in_memory();
    CHECK(schema_version(database) == 0);
    migrate(database);
    CHECK(schema_version(database) == latest_schema_version());
    CHECK(latest_schema_version() >= 1);
    for (auto table : {"processed_updates", "users", "chats", "outbox"}) {
        INFO(table);
        CHECK(has_table(database, table));
    }
}

TEST_CASE("migrating twice changes nothing") {
    auto database = Database::in_memory();
    migrate(database);
    database.execute("INSERT INTO processed_updates VALUES ('telegram', 1, 0)");
    migrate(database);
    CHECK(schema_version(database) == latest_schema_version());
    CHECK(query_int(database, "SELECT count(*) FROM processed_updates") == 1);
}

TEST_CASE("a database from a newer planbot is refused with a clear message and left alone") {
    TemporaryFolder folder;
    auto file = folder.path() / "planbot.sqlite";
    Database database(file);
    int newer = latest_schema_version() + 1;
    database.execute("PRAGMA user_version = " + std::to_string(newer));

    auto message = error_of([&] { migrate(database); });
    CHECK(message == file.string() + ": the database has schema version " + std::to_string(newer) +
                         ", but this planbot knows only up to " + std::to_string(latest_schema_version()) +
                         "; use a newer planbot or another database");
    CHECK(schema_version(database) == newer);
    CHECK_FALSE(has_table(database, "outbox"));
}

// ---- the connection ----

TEST_CASE("a file database is in WAL mode and keeps committed data after closing and reopening") {
    TemporaryFolder folder;
    auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        CHECK(database.path() == file);
        CHECK(query_text(database, "PRAGMA journal_mode") == "wal");
        CHECK(query_int(database, "PRAGMA synchronous") == 1);  // NORMAL
        CHECK(query_int(database, "PRAGMA foreign_keys") == 1);
        CHECK(query_int(database, "PRAGMA busy_timeout") == 5000);
        migrate(database);
        Transaction transaction(database);
        ProcessedUpdates(database).insert("telegram", 42, instant());
        transaction.commit();
    }
    Database reopened(file);
    CHECK(schema_version(reopened) == latest_schema_version());
    CHECK(ProcessedUpdates(reopened).contains("telegram", 42));
}

TEST_CASE("a committed transaction survives the process being killed right after the commit") {
    TemporaryFolder folder;
    auto file = folder.path() / "planbot.sqlite";
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        try {
            Database database(file);
            migrate(database);
            Transaction transaction(database);
            ProcessedUpdates(database).insert("telegram", 7, instant());
            transaction.commit();
            raise(SIGKILL);  // no destructor, no close, no checkpoint
        } catch (...) {
        }
        _exit(1);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    Database database(file);
    CHECK(ProcessedUpdates(database).contains("telegram", 7));
}

TEST_CASE("a database that cannot be opened is named in the error") {
    TemporaryFolder folder;
    auto missing = folder.path() / "no-such-folder" / "planbot.sqlite";
    auto message = error_of([&] { Database database(missing); });
    CHECK(message.starts_with(missing.string() + ": cannot open the database"));

    auto not_a_database = folder.path() / "notes.txt";
    std::ofstream(not_a_database) << std::string(4096, 'x');
    message = error_of([&] { Database database(not_a_database); });
    CHECK(message.starts_with(not_a_database.string() + ": cannot open the database"));
    CHECK_THAT(message, Catch::Contains("not a database"));
}

TEST_CASE("bad SQL throws a StorageError with SQLite's message and the SQL") {
    auto database = Database::in_memory();
    auto message = error_of([&] { database.prepare("SELEC 1"); });
    CHECK_THAT(message, Catch::Contains("syntax error") && Catch::Contains("SELEC 1"));
    message = error_of([&] { database.execute("CREATE TABLE t (x INTEGER) STRICT; SELECT missing FROM t"); });
    CHECK_THAT(message, Catch::Contains("no such column: missing"));
    CHECK_THAT(error_of([&] { database.prepare("SELECT 1; SELECT 2"); }), Catch::Contains("more than one"));
    CHECK_THAT(error_of([&] { database.prepare("  "); }), Catch::Contains("no SQL statement"));
}

TEST_CASE("a constraint broken while stepping throws with SQLite's message and the SQL") {
    auto database = Database::in_memory();
    database.execute("CREATE TABLE t (x INTEGER NOT NULL) STRICT");
    auto insert = database.prepare("INSERT INTO t (x) VALUES (?1)");
    insert.bind(1, "not a number");
    auto message = error_of([&] { insert.step(); });
    CHECK_THAT(message, Catch::Contains("cannot store TEXT value in INTEGER column t.x") &&
                            Catch::Contains("INSERT INTO t (x) VALUES (?1)"));
    CHECK_THAT(error_of([&] { insert.bind(2, int64_t{1}); }), Catch::Contains("parameter 2"));
}

TEST_CASE("statements bind and read integers, text, empty text and NULL") {
    auto database = Database::in_memory();
    auto query = database.prepare("SELECT ?1, ?2, ?3, ?4");
    query.bind(1, int64_t{-9'007'199'254'740'993}).bind(2, "blåbær").bind(3, std::string_view{}).bind_null(4);
    REQUIRE(query.step());
    CHECK(query.column_int64(0) == -9'007'199'254'740'993);
    CHECK(query.column_text(1) == "blåbær");
    CHECK(query.column_text(2).empty());
    CHECK_FALSE(query.column_is_null(2));
    CHECK(query.column_is_null(3));
    CHECK_THROWS_AS(query.column_int64(4), StorageError);
    CHECK_FALSE(query.step());
}

TEST_CASE("a cached statement is prepared once and comes back reset with its bindings cleared") {
    auto database = Database::in_memory();
    auto& first = database.cached("SELECT ?1");
    first.bind(1, int64_t{5});
    REQUIRE(first.step());
    auto& second = database.cached("SELECT ?1");
    CHECK(&first == &second);
    REQUIRE(second.step());
    CHECK(second.column_is_null(0));

    Database moved = std::move(database);
    CHECK(&moved.cached("SELECT ?1") == &first);
}

TEST_CASE("a transaction that is not committed leaves nothing behind") {
    auto database = Database::in_memory();
    database.execute("CREATE TABLE t (x INTEGER NOT NULL) STRICT");
    {
        Transaction transaction(database);
        database.execute("INSERT INTO t VALUES (1)");
        CHECK(database.changes() == 1);
    }
    CHECK(query_int(database, "SELECT count(*) FROM t") == 0);
    {
        Transaction transaction(database);
        database.execute("INSERT INTO t VALUES (2)");
        CHECK(database.last_insert_rowid() == 1);
        transaction.commit();
    }
    CHECK(query_int(database, "SELECT sum(x) FROM t") == 2);
}

// ---- processed updates ----

TEST_CASE("processed updates are remembered per platform, with the highest id of each") {
    auto database = Database::in_memory();
    migrate(database);
    ProcessedUpdates updates(database);
    CHECK_FALSE(updates.contains("telegram", 100));
    CHECK_FALSE(updates.highest("telegram").has_value());

    updates.insert("telegram", 100, instant());
    updates.insert("telegram", 99, instant(1));
    updates.insert("slack", 500, instant(2));
    CHECK(updates.contains("telegram", 100));
    CHECK(updates.contains("telegram", 99));
    CHECK_FALSE(updates.contains("telegram", 500));
    CHECK(updates.highest("telegram") == 100);
    CHECK(updates.highest("slack") == 500);
    CHECK(query_int(database, "SELECT processed_at FROM processed_updates WHERE update_id = 99") ==
          instant(1).time_since_epoch().count());
}

TEST_CASE("the same update inserted twice throws, so the caller checks contains first") {
    auto database = Database::in_memory();
    migrate(database);
    ProcessedUpdates updates(database);
    updates.insert("telegram", 1, instant());
    CHECK_THROWS_WITH(updates.insert("telegram", 1, instant(5)), Catch::Contains("UNIQUE constraint failed"));
    CHECK(updates.highest("telegram") == 1);
}
