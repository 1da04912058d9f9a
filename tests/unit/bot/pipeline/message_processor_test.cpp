// bot/pipeline/message_processor: the one path every platform's messages take. A
// platform of the test's own (its rows marked so the test can see they went through
// its render) shows that nothing in the path is Telegram's. Real SQLite in memory, the
// shipped plan, 2026-04-20 10:00 in Oslo.
#include <catch2/catch.hpp>

#include "bot/pipeline/message_processor.hpp"
#include "bot/pipeline/valid_utf8.hpp"
#include "bot/metrics/metrics.hpp"
#include "commands/notices.hpp"
#include "storage/migrations.hpp"
#include "tests/support/bot_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::bot;
using planbot::test::count_rows;

namespace {

// A second platform: plain rows whose text says which platform rendered them.
class ChatRoom final : public Platform {
public:
    std::string_view name() const override { return "chatroom"; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        storage::OutboxMessage row;
        row.platform = "chatroom";
        row.chat_id = reply.chat_id;
        row.text = "[chatroom] " + reply.text;
        return {row};
    }
    bool has_buttons() const override { return false; }
};

Incoming message(std::optional<int64_t> update_id, std::string text, std::string user = "u1") {
    Incoming incoming;
    incoming.update_id = update_id;
    incoming.user = storage::UserInfo{"chatroom", user, "Kari", "Nordmann", "kari"};
    incoming.chat = storage::ChatInfo{"chatroom", "c1", "private", ""};
    commands::Event& event = incoming.event.emplace();
    event.platform = "chatroom";
    event.chat_id = "c1";
    event.user_id = user;
    event.user_name = "Kari";
    event.text = std::move(text);
    return incoming;
}

struct ProcessorFixture {
    storage::Database database = storage::Database::in_memory();
    ChatRoom platform;
    MessageProcessor processor{database, test::shipped_plan(), test::oslo(), platform, "planbot", {"u1"}};
    storage::Outbox outbox{database};

    ProcessorFixture() { storage::migrate(database); }

    MessageProcessor::Processed process(const Incoming& incoming) {
        storage::Transaction transaction(database);
        auto processed = processor.process(incoming, test::test_start());
        transaction.commit();
        return processed;
    }
};

}  // namespace

TEST_CASE_METHOD(ProcessorFixture, "a question on any platform is answered through that platform's rendering") {
    const auto processed = process(message(1, "når er fylkesårsmøtet?"));
    CHECK(processed.result == MessageProcessor::Result::handled);
    REQUIRE(processed.outbox_ids.size() == 1);
    const auto row = outbox.find(processed.outbox_ids[0]);
    REQUIRE(row);
    CHECK(row->platform == "chatroom");
    CHECK(row->chat_id == "c1");
    CHECK(row->text.starts_with("[chatroom] • Fylkesårsmøte: i februar"));
    CHECK(count_rows(database, "SELECT count(*) FROM users WHERE platform = 'chatroom' AND user_id = 'u1'") == 1);
}

TEST_CASE_METHOD(ProcessorFixture, "a delivery repeated by its platform is handled once") {
    REQUIRE(process(message(7, "/ferdig 9")).result == MessageProcessor::Result::handled);
    const auto again = process(message(7, "/ferdig 9"));
    CHECK(again.result == MessageProcessor::Result::duplicate);
    CHECK(again.outbox_ids.empty());
    CHECK(count_rows(database, "SELECT count(*) FROM completions") == 1);
}

TEST_CASE_METHOD(ProcessorFixture, "a source without delivery ids has every message handled") {
    // The local chat: the same words typed twice are two messages.
    CHECK(process(message(std::nullopt, "hva skjer i mai")).outbox_ids.size() == 1);
    CHECK(process(message(std::nullopt, "hva skjer i mai")).outbox_ids.size() == 1);
    CHECK(count_rows(database, "SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE_METHOD(ProcessorFixture, "the settings' admins are admins on the platform they were named for") {
    // u1 is an admin by the settings: the admins' /logg answers them, and refuses u2.
    const auto as_admin = process(message(std::nullopt, "/logg", "u1"));
    REQUIRE(as_admin.outbox_ids.size() == 1);
    CHECK_FALSE(outbox.find(as_admin.outbox_ids[0])->text.starts_with("[chatroom] Beklager"));
    const auto as_member = process(message(std::nullopt, "/logg", "u2"));
    REQUIRE(as_member.outbox_ids.size() == 1);
    CHECK(outbox.find(as_member.outbox_ids[0])->text.starts_with("[chatroom] Beklager, "));
}

namespace {

// Every TEXT cell of every table that is not well-formed UTF-8, as "table.column: text".
std::vector<std::string> invalid_utf8_cells(storage::Database& database) {
    std::vector<std::string> found;
    storage::Statement tables = database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'");
    while (tables.step()) {
        const std::string table = tables.column_text(0);
        storage::Statement columns = database.prepare("SELECT name FROM pragma_table_info(?1) WHERE type = 'TEXT'");
        columns.bind(1, table);
        while (columns.step()) {
            const std::string column = columns.column_text(0);
            storage::Statement cells =
                database.prepare("SELECT \"" + column + "\" FROM \"" + table + "\" WHERE \"" + column + "\" IS NOT NULL");
            while (cells.step())
                if (const std::string text = cells.column_text(0); !is_valid_utf8(text))
                    found.push_back(table + "." + column + ": " + text);
        }
    }
    return found;
}

}  // namespace

TEST_CASE_METHOD(ProcessorFixture, "bytes that are not UTF-8 reach neither the core nor the database") {
    // A terminal in Latin-1 sends "å" as the one byte E5; "\xC3\x28" is a cut-off "é".
    Incoming incoming = message(std::nullopt, "/ny kasserer 1.6.2027 bad \xC3\x28 text");
    incoming.user->first_name = "K\xE5ri";
    incoming.event->user_name = "K\xE5ri";
    const auto processed = process(incoming);

    // Repaired the way browsers decode: each bad part becomes one U+FFFD, the rest is kept.
    storage::Statement title = database.prepare("SELECT title FROM added_tasks");
    REQUIRE(title.step());
    CHECK(title.column_text(0) == "bad \uFFFD( text");
    storage::Statement name = database.prepare("SELECT first_name FROM users WHERE user_id = 'u1'");
    REQUIRE(name.step());
    CHECK(name.column_text(0) == "K\uFFFDri");
    // The user sees in the answer where the bytes were.
    REQUIRE(processed.outbox_ids.size() == 1);
    CHECK(outbox.find(processed.outbox_ids[0])->text.find("bad \uFFFD( text") != std::string::npos);
    CHECK(invalid_utf8_cells(database).empty());
}

TEST_CASE("text that is not well-formed UTF-8 is found and repaired, valid text is left alone") {
    for (const std::string valid : {"", "plain", "æøå ÆØÅ", "€ 🎉", "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBD"}) {
        CHECK(is_valid_utf8(valid));
        CHECK(repair_utf8(valid) == valid);
    }
    const std::pair<std::string, std::string> repairs[] = {
        {"M\xE6te", "M\uFFFDte"},                  // Latin-1 æ
        {"bad \xC3\x28 text", "bad \uFFFD( text"},  // a lead byte without its continuation
        {"\x80\xBF", "\uFFFD\uFFFD"},               // continuation bytes alone
        {"\xC0\xAF", "\uFFFD\uFFFD"},               // an overlong "/"
        {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},     // a surrogate
        {"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},  // above U+10FFFF
        {"cut \xE2\x82", "cut \uFFFD"},            // "€" cut short at the end
        {"\xE2\x82x\xFF", "\uFFFDx\uFFFD"},
    };
    for (const auto& [bad, repaired] : repairs) {
        INFO(bad);
        CHECK_FALSE(is_valid_utf8(bad));
        CHECK(repair_utf8(bad) == repaired);
    }
}

TEST_CASE_METHOD(ProcessorFixture, "a flooded chat's replies stop at the cap, each counted, and the admins hear of it once") {
    Metrics metrics;
    processor.set_metrics(&metrics);
    processor.set_outbox_cap(3);
    auto from_ola = [](int64_t update_id) {
        Incoming incoming = message(update_id, "tiltak 3", "u2");
        incoming.user = storage::UserInfo{"chatroom", "u2", "Ola", "", "ola"};
        incoming.chat = storage::ChatInfo{"chatroom", "c2", "private", ""};
        incoming.event->chat_id = "c2";
        incoming.event->user_name = "Ola";
        return incoming;
    };
    for (int64_t update = 100; update < 106; ++update) {
        const auto processed = process(from_ola(update));
        // Every message is handled (and not handled again), answered or not.
        CHECK(processed.result == MessageProcessor::Result::handled);
        CHECK(processed.outbox_ids.size() == (update < 103 ? 1u : 0u));
    }
    CHECK(process(from_ola(105)).result == MessageProcessor::Result::duplicate);
    CHECK(outbox.pending_in_chat("chatroom", "c2") == 3);
    const auto to_admin = outbox.all_for_chat("chatroom", "u1");
    REQUIRE(to_admin.size() == 1);
    CHECK(to_admin[0].text == "[chatroom] " + commands::flooded_chat_notice("c2", 3));
    CHECK(metrics.exposition({}).find("planbot_outbox_refused_total{platform=\"chatroom\"} 3") != std::string::npos);
}
