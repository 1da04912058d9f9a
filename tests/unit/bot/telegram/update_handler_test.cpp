// bot/telegram/update_handler: one Update is one transaction: the dedupe mark, who
// wrote from where, and the replies in the outbox, all or nothing. Real SQLite in
// memory, the shipped plan, a clock standing at 2026-04-20 10:00 in Oslo.
#include <catch2/catch.hpp>

#include "bot/telegram/update_handler.hpp"
#include "tests/support/bot_test_support.hpp"
#include "storage/migrations.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::bot::telegram;
using planbot::test::count_rows;
using planbot::test::telegram_fixture;
using Result = UpdateHandler::Result;

namespace {

struct HandlerFixture {
    storage::Database database = storage::Database::in_memory();
    test::TestClock clock;
    BotIdentity identity = test::test_bot();
    UpdateHandler handler{database, test::shipped_plan(), clock, test::oslo(), identity};
    storage::Outbox outbox{database};
    storage::Directory directory{database};

    HandlerFixture() { storage::migrate(database); }

    Result handle(std::string_view fixture) { return handler.handle(telegram_fixture(fixture)); }
    int64_t rows(std::string_view sql) { return count_rows(database, sql); }
};

}  // namespace

TEST_CASE_METHOD(HandlerFixture, "a question in a private chat is stored with its answer in the outbox") {
    REQUIRE(handle("private_text.json") == Result::handled);
    CHECK(rows("SELECT count(*) FROM processed_updates WHERE platform = 'telegram' AND update_id = 815000101") == 1);
    auto messages = outbox.all_for_chat("telegram", "111222333");
    REQUIRE(messages.size() >= 1);
    CHECK(messages[0].status == storage::OutboxStatus::pending);
    CHECK(messages[0].parse_mode == "HTML");
    CHECK(messages[0].text.starts_with("Dette skjer i mai 2026"));
    CHECK_FALSE(messages[0].thread_id.has_value());
    CHECK(messages[0].created_at == test::test_start());
}

TEST_CASE_METHOD(HandlerFixture, "the sender and the chat of a message are remembered") {
    REQUIRE(handle("private_text.json") == Result::handled);
    storage::Statement user = database.prepare(
        "SELECT first_name, last_name, username, first_seen FROM users WHERE platform = 'telegram' AND user_id = '111222333'");
    REQUIRE(user.step());
    CHECK(user.column_text(0) == "Kari");
    CHECK(user.column_text(1) == "Nordmann");
    CHECK(user.column_text(2) == "kari_n");
    CHECK(user.column_int64(3) == test::test_start().time_since_epoch().count());
    auto chat = directory.find_chat("telegram", "111222333");
    REQUIRE(chat.has_value());
    CHECK(chat->type == "private");
    CHECK(chat->title == "Kari");
}

TEST_CASE_METHOD(HandlerFixture, "a question to the bot in a forum topic is answered in that topic") {
    REQUIRE(handle("forum_topic_question.json") == Result::handled);
    auto messages = outbox.all_for_chat("telegram", "-1001234567890");
    REQUIRE(messages.size() >= 1);
    for (const auto& message : messages) CHECK(message.thread_id == 845);
}

TEST_CASE_METHOD(HandlerFixture, "chatter in a topic the bot opened gets no answer") {
    REQUIRE(handle("forum_topic_message.json") == Result::handled);
    CHECK(rows("SELECT count(*) FROM outbox") == 0);
    CHECK(rows("SELECT count(*) FROM processed_updates") == 1);
}

TEST_CASE_METHOD(HandlerFixture, "a command for another bot is stored as handled and not answered") {
    REQUIRE(handle("command_for_other_bot.json") == Result::handled);
    CHECK(rows("SELECT count(*) FROM outbox") == 0);
    CHECK(directory.find_chat("telegram", "-4012345678").has_value());
}

TEST_CASE_METHOD(HandlerFixture, "the same update delivered twice is handled once") {
    REQUIRE(handle("group_mention.json") == Result::handled);
    const int64_t replies = rows("SELECT count(*) FROM outbox");
    CHECK(replies >= 1);
    CHECK(handle("group_mention.json") == Result::duplicate);
    CHECK(rows("SELECT count(*) FROM outbox") == replies);
    CHECK(rows("SELECT count(*) FROM processed_updates") == 1);
}

TEST_CASE_METHOD(HandlerFixture, "an edited message is remembered and not answered") {
    REQUIRE(handle("edited_message.json") == Result::handled);
    CHECK(rows("SELECT count(*) FROM outbox") == 0);
    CHECK(rows("SELECT count(*) FROM users WHERE user_id = '111222333'") == 1);
    CHECK(rows("SELECT count(*) FROM processed_updates") == 1);
}

TEST_CASE_METHOD(HandlerFixture, "an update of an unknown kind is marked handled and changes nothing else") {
    REQUIRE(handle("message_reaction.json") == Result::handled);
    CHECK(rows("SELECT count(*) FROM processed_updates") == 1);
    CHECK(rows("SELECT count(*) FROM outbox") == 0);
    CHECK(rows("SELECT count(*) FROM users") == 0);
    CHECK(rows("SELECT count(*) FROM chats") == 0);
}

TEST_CASE_METHOD(HandlerFixture, "a body that is not an Update stores nothing") {
    CHECK(handler.handle("{\"update_id\": 5, \"message\": ") == Result::invalid);
    CHECK(handler.handle(R"({"message": {"text": "hei"}})") == Result::invalid);
    CHECK(rows("SELECT count(*) FROM processed_updates") == 0);
    CHECK(rows("SELECT count(*) FROM outbox") == 0);
}

TEST_CASE_METHOD(HandlerFixture, "being kicked from a group marks the chat inactive") {
    REQUIRE(handle("forum_topic_question.json") == Result::handled);
    CHECK(directory.chat_active("telegram", "-1001234567890"));
    REQUIRE(handle("bot_kicked.json") == Result::handled);
    CHECK_FALSE(directory.chat_active("telegram", "-1001234567890"));
    // The kicker is remembered; the chat keeps its name for the admins' notice.
    CHECK(rows("SELECT count(*) FROM users WHERE user_id = '111222333'") == 1);
    auto chat = directory.find_chat("telegram", "-1001234567890");
    REQUIRE(chat.has_value());
    CHECK(chat->title == "SV Trøndelag");
}

TEST_CASE_METHOD(HandlerFixture, "a chat that writes again after a kick is active again") {
    REQUIRE(handle("bot_kicked.json") == Result::handled);
    CHECK_FALSE(directory.chat_active("telegram", "-1001234567890"));
    REQUIRE(handle("forum_topic_question.json") == Result::handled);
    CHECK(directory.chat_active("telegram", "-1001234567890"));
}

TEST_CASE_METHOD(HandlerFixture, "a group that became a supergroup keeps its chat and pending answers under the new id") {
    REQUIRE(handle("group_mention.json") == Result::handled);
    const int64_t pending = rows("SELECT count(*) FROM outbox WHERE chat_id = '-4012345678'");
    REQUIRE(pending >= 1);
    REQUIRE(handle("migrate_to_supergroup.json") == Result::handled);
    CHECK_FALSE(directory.find_chat("telegram", "-4012345678").has_value());
    auto moved = directory.find_chat("telegram", "-1009876543210");
    REQUIRE(moved.has_value());
    CHECK(moved->title == "SV Trondheim");
    CHECK(rows("SELECT count(*) FROM outbox WHERE chat_id = '-4012345678'") == 0);
    CHECK(rows("SELECT count(*) FROM outbox WHERE chat_id = '-1009876543210' AND status = 'pending'") == pending);
}

TEST_CASE("being kicked fails the chat's waiting replies and tells the admins at once") {
    storage::Database database = storage::Database::in_memory();
    storage::migrate(database);
    test::TestClock clock;
    BotIdentity identity = test::test_bot();
    UpdateHandler handler{database, test::shipped_plan(), clock, test::oslo(), identity, {"555000111"}};
    storage::Outbox outbox{database};
    REQUIRE(handler.handle(telegram_fixture("forum_topic_question.json")) == Result::handled);
    REQUIRE_FALSE(outbox.all_for_chat("telegram", "-1001234567890").empty());  // the answer is waiting
    REQUIRE(handler.handle(telegram_fixture("bot_kicked.json")) == Result::handled);
    for (const storage::OutboxMessage& message : outbox.all_for_chat("telegram", "-1001234567890")) {
        CHECK(message.status == storage::OutboxStatus::failed);
        CHECK(message.last_error.find("fjernet eller blokkert") != std::string::npos);
    }
    auto notices = outbox.all_for_chat("telegram", "555000111");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].status == storage::OutboxStatus::pending);
    CHECK(notices[0].text == "Jeg kan ikke lenger skrive i «SV Trøndelag» (boten ble fjernet eller blokkert). "
                             "Meldinger dit er stoppet til noen skriver til meg derfra igjen.");
    // A second kick notice (Telegram may resend membership changes) tells no one twice.
    REQUIRE(handler.handle(telegram_fixture("bot_kicked.json")) == Result::duplicate);
}

// --- Roles, channels and confirmations: state changes commit with the update -----

namespace {

constexpr int64_t kAdminId = 555000111;
constexpr int64_t kKariId = 555000222;
constexpr int64_t kGroup = -1005550001;

nlohmann::json user_json(int64_t id, const char* first, const char* username) {
    nlohmann::json user = {{"id", id}, {"is_bot", false}, {"first_name", first}};
    if (*username) user["username"] = username;
    return user;
}

// A message from `from` in the group (chat < 0) or privately, as a command when it starts with '/'.
std::string message_json(int64_t update_id, const nlohmann::json& from, int64_t chat, const std::string& text,
                         const nlohmann::json* reply_to = nullptr) {
    nlohmann::json chat_json = chat < 0 ? nlohmann::json{{"id", chat}, {"type", "supergroup"}, {"title", "Økonomi"}}
                                        : nlohmann::json{{"id", chat}, {"type", "private"}, {"first_name", "X"}};
    nlohmann::json message = {{"message_id", update_id}, {"date", 1776000000}, {"from", from}, {"chat", chat_json},
                              {"text", text}};
    if (text.starts_with('/')) {
        const size_t length = text.find(' ') == std::string::npos ? text.size() : text.find(' ');
        message["entities"] = nlohmann::json::array({{{"type", "bot_command"}, {"offset", 0}, {"length", length}}});
    }
    if (reply_to) message["reply_to_message"] = *reply_to;
    return nlohmann::json{{"update_id", update_id}, {"message", message}}.dump();
}

struct RolesFixture {
    storage::Database database = storage::Database::in_memory();
    test::TestClock clock;
    BotIdentity identity = test::test_bot();
    UpdateHandler handler{database, test::shipped_plan(), clock, test::oslo(), identity, {std::to_string(kAdminId)}};
    storage::Outbox outbox{database};
    nlohmann::json admin = user_json(kAdminId, "Anne", "anne");
    nlohmann::json kari = user_json(kKariId, "Kari", "");

    RolesFixture() { storage::migrate(database); }
    int64_t rows(std::string_view sql) { return count_rows(database, sql); }
    std::string last_text(int64_t chat) {
        auto messages = outbox.all_for_chat("telegram", std::to_string(chat));
        return messages.empty() ? std::string() : messages.back().text;
    }
};

}  // namespace

TEST_CASE_METHOD(RolesFixture, "an admin names a person by replying to her: role, audit entry and answer commit together") {
    // Kari has no username; the admin replies to her message with the command.
    const nlohmann::json karis_message = {{"message_id", 7}, {"date", 1776000000}, {"from", kari},
                                          {"chat", {{"id", kGroup}, {"type", "supergroup"}, {"title", "Økonomi"}}},
                                          {"text", "hei"}};
    REQUIRE(handler.handle(message_json(1, admin, kGroup, "/rolle gi kasserer", &karis_message)) == Result::handled);
    CHECK(rows("SELECT count(*) FROM users WHERE user_id = '555000222'") == 1);  // remembered from the reply
    CHECK(rows("SELECT count(*) FROM role_holders WHERE user_id = '555000222' AND role_id = 'kasserer'") == 1);
    CHECK(rows("SELECT count(*) FROM audit_log WHERE user_id = '555000111'") == 1);
    CHECK(last_text(kGroup).find("Kari") != std::string::npos);
}

TEST_CASE_METHOD(RolesFixture, "a confirmation is stored and posted to the role's channel in the same transaction") {
    const nlohmann::json karis_message = {{"message_id", 7}, {"date", 1776000000}, {"from", kari},
                                          {"chat", {{"id", kGroup}, {"type", "supergroup"}, {"title", "Økonomi"}}},
                                          {"text", "hei"}};
    REQUIRE(handler.handle(message_json(1, admin, kGroup, "/rolle gi kasserer", &karis_message)) == Result::handled);
    REQUIRE(handler.handle(message_json(2, admin, kGroup, "/kanal kasserer")) == Result::handled);
    const auto group_before = outbox.all_for_chat("telegram", std::to_string(kGroup)).size();
    REQUIRE(handler.handle(message_json(3, kari, kKariId, "/ferdig 9 betalt inn")) == Result::handled);
    CHECK(rows("SELECT count(*) FROM completions WHERE task = 9 AND user_id = '555000222'") == 1);
    CHECK(last_text(kKariId).find("9") != std::string::npos);
    auto group = outbox.all_for_chat("telegram", std::to_string(kGroup));
    REQUIRE(group.size() == group_before + 1);
    CHECK(group.back().text.find("betalt inn") != std::string::npos);
}

TEST_CASE_METHOD(RolesFixture, "when storing a change fails, nothing of the update is kept and Telegram may retry") {
    const nlohmann::json karis_message = {{"message_id", 7}, {"date", 1776000000}, {"from", kari},
                                          {"chat", {{"id", kGroup}, {"type", "supergroup"}, {"title", "Økonomi"}}},
                                          {"text", "hei"}};
    database.execute("DROP TABLE audit_log");  // the audit entry, written after the role, will fail
    CHECK(handler.handle(message_json(1, admin, kGroup, "/rolle gi kasserer", &karis_message)) ==
          Result::storage_failed);
    CHECK(rows("SELECT count(*) FROM role_holders") == 0);
    CHECK(rows("SELECT count(*) FROM outbox") == 0);
    CHECK(rows("SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE_METHOD(RolesFixture, "someone who is not an admin cannot give roles, and nothing changes") {
    REQUIRE(handler.handle(message_json(1, kari, kKariId, "/rolle gi kasserer @anne")) == Result::handled);
    CHECK(rows("SELECT count(*) FROM role_holders") == 0);
    CHECK(rows("SELECT count(*) FROM audit_log") == 0);
    CHECK(last_text(kKariId).starts_with("Beklager, bare en admin kan gi og fjerne roller."));
}

TEST_CASE_METHOD(RolesFixture, "a forum post, its search row and its relays commit with the update, or none of them") {
    const nlohmann::json karis_message = {{"message_id", 7}, {"date", 1776000000}, {"from", kari},
                                          {"chat", {{"id", kGroup}, {"type", "supergroup"}, {"title", "Økonomi"}}},
                                          {"text", "hei"}};
    REQUIRE(handler.handle(message_json(1, admin, kGroup, "/rolle gi enpersonsgruppe Oppdal", &karis_message)) ==
            Result::handled);
    const int64_t audit_before = rows("SELECT count(*) FROM audit_log");

    // Shown to Kari first, with the ✅ Publiser button; nothing else happens yet.
    REQUIRE(handler.handle(message_json(2, kari, kKariId, "/forum ny Budsjett: Hvordan gikk det?")) == Result::handled);
    CHECK(last_text(kKariId).starts_with("Slik blir tråden «Budsjett»:"));
    CHECK(rows("SELECT count(*) FROM outbox WHERE chat_id = '" + std::to_string(kKariId) +
               "' AND reply_markup LIKE '%Publiser%'") == 1);
    CHECK(rows("SELECT count(*) FROM forum_posts") == 0);
    CHECK(last_text(kAdminId).empty());

    SECTION("stored and relayed to the admin (a mentor) privately") {
        REQUIRE(handler.handle(message_json(3, kari, kKariId, "send")) == Result::handled);
        CHECK(rows("SELECT count(*) FROM forum_posts WHERE user_id = '555000222'") == 1);
        CHECK(rows("SELECT count(*) FROM forum_search WHERE forum_search MATCH 'hvord*'") == 1);
        CHECK(last_text(kAdminId).find("Hvordan gikk det?") != std::string::npos);
        CHECK(last_text(kKariId).find("Tråd 1") != std::string::npos);
        CHECK(last_text(kGroup).find("Hvordan") == std::string::npos);
        CHECK(rows("SELECT count(*) FROM audit_log") == audit_before);  // posts stay out of /logg
    }
    SECTION("a storage failure keeps nothing: no post, no relay, no answer") {
        database.execute("DROP TABLE forum_search");
        CHECK(handler.handle(message_json(3, kari, kKariId, "send")) == Result::storage_failed);
        CHECK(rows("SELECT count(*) FROM forum_posts") == 0);
        CHECK(rows("SELECT count(*) FROM forum_drafts") == 1);  // still waiting, to be sent again
        CHECK(last_text(kAdminId).empty());
        CHECK(last_text(kKariId).starts_with("Slik blir"));
    }
}
