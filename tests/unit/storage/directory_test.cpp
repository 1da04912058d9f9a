// storage/directory: users and chats remembered across updates, a chat's active flag,
// and a Telegram group that becomes a supergroup.
#include <catch2/catch.hpp>

#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "tests/support/storage_test_support.hpp"

using namespace planbot::storage;

namespace {

// 2027-04-20T08:00:00Z plus `offset` seconds; the tests never read the real clock.
using planbot::test::instant;

int64_t unix_seconds(std::chrono::sys_seconds time) { return time.time_since_epoch().count(); }

struct DirectoryFixture {
    Database database = Database::in_memory();
    Directory directory{database};
    Outbox outbox{database};
    DirectoryFixture() { migrate(database); }
};

}  // namespace

TEST_CASE_METHOD(DirectoryFixture, "remembering a user again keeps first_seen and updates the names and last_seen") {
    directory.remember_user({"telegram", "1001", "Kari", "", "kari"}, instant());
    directory.remember_user({"telegram", "1001", "Kari", "Nordmann", "kari_n"}, instant(60));
    directory.remember_user({"slack", "1001", "Other", "", ""}, instant(90));

    auto row = database.prepare(
        "SELECT first_name, last_name, username, first_seen, last_seen FROM users "
        "WHERE platform = 'telegram' AND user_id = '1001'");
    REQUIRE(row.step());
    CHECK(row.column_text(0) == "Kari");
    CHECK(row.column_text(1) == "Nordmann");
    CHECK(row.column_text(2) == "kari_n");
    CHECK(row.column_int64(3) == unix_seconds(instant()));
    CHECK(row.column_int64(4) == unix_seconds(instant(60)));
    CHECK_FALSE(row.step());
}

TEST_CASE_METHOD(DirectoryFixture, "remembering a chat again keeps first_seen and updates its type and title") {
    CHECK_FALSE(directory.find_chat("telegram", "-100").has_value());
    directory.remember_chat({"telegram", "-100", "group", "Styret"}, instant());
    directory.remember_chat({"telegram", "-100", "group", "Styret 2027"}, instant(30));

    auto chat = directory.find_chat("telegram", "-100");
    REQUIRE(chat.has_value());
    CHECK(chat->platform == "telegram");
    CHECK(chat->chat_id == "-100");
    CHECK(chat->type == "group");
    CHECK(chat->title == "Styret 2027");
    auto row = database.prepare("SELECT first_seen, last_seen FROM chats WHERE chat_id = '-100'");
    REQUIRE(row.step());
    CHECK(row.column_int64(0) == unix_seconds(instant()));
    CHECK(row.column_int64(1) == unix_seconds(instant(30)));
}

TEST_CASE_METHOD(DirectoryFixture, "an unknown chat counts as active, and an inactive chat that writes again is active") {
    CHECK(directory.chat_active("telegram", "-100"));
    directory.remember_chat({"telegram", "-100", "group", "Styret"}, instant());
    directory.set_chat_active("telegram", "-100", false);
    CHECK_FALSE(directory.chat_active("telegram", "-100"));
    CHECK(directory.chat_active("slack", "-100"));

    directory.remember_chat({"telegram", "-100", "group", "Styret"}, instant(10));
    CHECK(directory.chat_active("telegram", "-100"));
}

TEST_CASE_METHOD(DirectoryFixture, "a chat marked inactive before it was ever remembered stays inactive") {
    directory.set_chat_active("telegram", "-200", false);
    CHECK_FALSE(directory.chat_active("telegram", "-200"));
    auto chat = directory.find_chat("telegram", "-200");
    REQUIRE(chat.has_value());
    CHECK(chat->type.empty());

    directory.remember_chat({"telegram", "-200", "supergroup", "Valgkomiteen"}, instant());
    CHECK(directory.chat_active("telegram", "-200"));
    auto row = database.prepare("SELECT first_seen FROM chats WHERE chat_id = '-200'");
    REQUIRE(row.step());
    CHECK(row.column_int64(0) == unix_seconds(instant()));
}

TEST_CASE_METHOD(DirectoryFixture, "moving a chat moves its row and its pending outbox messages, not its sent ones") {
    directory.remember_chat({"telegram", "-100", "group", "Styret"}, instant());
    auto sent = outbox.append({.platform = "telegram", .chat_id = "-100", .text = "sendt"}, instant());
    outbox.mark_sent(sent, "1", instant(1));
    auto pending = outbox.append({.platform = "telegram", .chat_id = "-100", .text = "venter"}, instant(2));
    auto other = outbox.append({.platform = "telegram", .chat_id = "-300", .text = "annen"}, instant(2));

    directory.move_chat("telegram", "-100", "-1001234");

    CHECK_FALSE(directory.find_chat("telegram", "-100").has_value());
    auto moved = directory.find_chat("telegram", "-1001234");
    REQUIRE(moved.has_value());
    CHECK(moved->title == "Styret");
    CHECK(outbox.find(pending)->chat_id == "-1001234");
    CHECK(outbox.find(sent)->chat_id == "-100");
    CHECK(outbox.find(other)->chat_id == "-300");
}

TEST_CASE_METHOD(DirectoryFixture, "moving a chat onto one that has written already merges them") {
    directory.remember_chat({"telegram", "-100", "group", "Styret"}, instant());
    directory.remember_chat({"telegram", "-1001234", "supergroup", "Styret"}, instant(50));

    directory.move_chat("telegram", "-100", "-1001234");

    CHECK_FALSE(directory.find_chat("telegram", "-100").has_value());
    CHECK(directory.find_chat("telegram", "-1001234")->type == "supergroup");
    auto row = database.prepare("SELECT first_seen, last_seen FROM chats WHERE chat_id = '-1001234'");
    REQUIRE(row.step());
    CHECK(row.column_int64(0) == unix_seconds(instant()));
    CHECK(row.column_int64(1) == unix_seconds(instant(50)));
}

TEST_CASE_METHOD(DirectoryFixture, "a group that becomes a supergroup keeps its role channels under the new id") {
    database.execute("INSERT INTO channels (target, unit, platform, chat_id, title) VALUES "
                     "('kasserer', '', 'telegram', '-100', 'Økonomi'), ('@main', '', 'telegram', '-100', 'Økonomi'), "
                     "('au', '', 'telegram', '-1001234', 'Økonomi')");
    directory.move_chat("telegram", "-100", "-1001234");
    auto count = [&](const char* sql) {
        auto query = database.prepare(sql);
        query.step();
        return query.column_int64(0);
    };
    CHECK(count("SELECT count(*) FROM channels WHERE chat_id = '-100'") == 0);
    CHECK(count("SELECT count(*) FROM channels WHERE chat_id = '-1001234'") == 3);
}
