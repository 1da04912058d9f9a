// storage/reminder_log: reminder keys recorded once with their outbox rows, the
// scheduler's checked_until, cancelling a confirmed occurrence's unsent reminders
// (directly and through WorkState::apply of Complete), and migration 3 over a
// version-2 database.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/reminder_log.hpp"
#include "storage/work_state.hpp"
#include "tests/support/released_migrations.hpp"
#include "tests/support/temporary_folder.hpp"

using namespace planbot;
using namespace planbot::storage;

namespace {

// 2026-11-28T08:00:00Z plus `offset` seconds; the tests never read the real clock.
std::chrono::sys_seconds log_time(int64_t offset = 0) {
    return std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(8) +
           std::chrono::seconds(offset);
}

OutboxMessage html_message_to(std::string chat_id, std::string text) {
    OutboxMessage message;
    message.platform = "telegram";
    message.chat_id = std::move(chat_id);
    message.text = std::move(text);
    message.parse_mode = "HTML";
    return message;
}

ReminderRecord reminder(std::string key, int task, std::string unit, std::string occurrence_key,
                        std::string kind = "before") {
    return ReminderRecord{std::move(key), std::move(kind), task, std::move(unit), std::move(occurrence_key),
                          log_time(), false};
}

struct ReminderLogFixture {
    Database database = Database::in_memory();
    Outbox outbox{database};
    ReminderLog log{database};
    ReminderLogFixture() { migrate(database); }

    // Queues one outbox row per text for `record`, as the scheduler does, in one transaction.
    std::vector<int64_t> queue(const ReminderRecord& record, std::string chat_id, std::vector<std::string> texts) {
        Transaction transaction(database);
        std::vector<int64_t> ids;
        for (auto& text : texts) ids.push_back(outbox.append(html_message_to(chat_id, std::move(text)), log_time()));
        log.record(record, ids, log_time());
        transaction.commit();
        return ids;
    }

    OutboxMessage row(int64_t id) {
        auto found = outbox.find(id);
        REQUIRE(found.has_value());
        return *found;
    }
};

using planbot::test::released_migrations;
using planbot::test::TemporaryFolder;

}  // namespace

TEST_CASE_METHOD(ReminderLogFixture, "a recorded reminder is known by its key, with its outbox rows") {
    CHECK_FALSE(log.contains("16||2026-12|before14|2026-11-28T08:00"));
    auto ids = queue(reminder("16||2026-12|before14|2026-11-28T08:00", 16, "", "2026-12"), "-100",
                     {"Påminnelse, del 1", "del 2"});
    CHECK(log.contains("16||2026-12|before14|2026-11-28T08:00"));
    CHECK_FALSE(log.contains("16||2026-12|before3|2026-12-11T08:00"));
    CHECK(log.outbox_ids("16||2026-12|before14|2026-11-28T08:00") == ids);
    CHECK(log.outbox_ids("ukjent").empty());
}

TEST_CASE_METHOD(ReminderLogFixture, "a digest is recorded without an occurrence or outbox rows") {
    Transaction transaction(database);
    log.record(reminder("digest_month|2026-12", 0, "", "", "digest_month"), {}, log_time());
    transaction.commit();
    CHECK(log.contains("digest_month|2026-12"));
    CHECK(log.outbox_ids("digest_month|2026-12").empty());
}

TEST_CASE_METHOD(ReminderLogFixture, "recording a key twice is refused and the transaction keeps nothing of the second") {
    queue(reminder("3|namdal|2026-3|due", 3, "namdal", "2026-3"), "-100", {"Første"});
    {
        Transaction transaction(database);
        const int64_t extra = outbox.append(html_message_to("-100", "Andre"), log_time());
        CHECK_THROWS_AS(log.record(reminder("3|namdal|2026-3|due", 3, "namdal", "2026-3"), {extra}, log_time()),
                        StorageError);
    }
    CHECK(log.outbox_ids("3|namdal|2026-3|due").size() == 1);
    CHECK(outbox.pending_count() == 1);
}

TEST_CASE_METHOD(ReminderLogFixture, "checked_until is empty at first and reads back what was set last") {
    CHECK_FALSE(log.checked_until().has_value());
    log.set_checked_until(log_time());
    CHECK(log.checked_until() == log_time());
    log.set_checked_until(log_time(86400 * 7));
    CHECK(log.checked_until() == log_time(86400 * 7));
}

TEST_CASE_METHOD(ReminderLogFixture, "cancelling an occurrence fails only its pending rows and says why") {
    auto due = queue(reminder("16||2026-12|due", 16, "", "2026-12"), "-100", {"Frist i dag"});
    auto before = queue(reminder("16||2026-12|before3", 16, "", "2026-12"), "-100", {"Frist om 3 dager"});
    auto sent = queue(reminder("16||2026-12|before14", 16, "", "2026-12"), "-100", {"Frist om 14 dager"});
    outbox.mark_sent(sent[0], "5001", log_time(1));
    auto other_key = queue(reminder("16||2027-1|before14", 16, "", "2027-1"), "-100", {"Neste måned"});
    auto other_unit = queue(reminder("16|namdal|2026-12|due", 16, "namdal", "2026-12"), "-200", {"Namdal"});
    auto other_task = queue(reminder("17||2026-12|due", 17, "", "2026-12"), "-100", {"Oppgave 17"});
    const int64_t unrelated = outbox.append(html_message_to("-100", "Svar på et spørsmål"), log_time());

    CHECK(log.cancel_pending(16, "", "2026-12") == 2);
    for (int64_t id : {due[0], before[0]}) {
        CHECK(row(id).status == OutboxStatus::failed);
        CHECK(row(id).last_error == "avlyst: meldt ferdig");
        CHECK(row(id).attempts == 0);
    }
    CHECK(row(sent[0]).status == OutboxStatus::sent);
    for (int64_t id : {other_key[0], other_unit[0], other_task[0], unrelated})
        CHECK(row(id).status == OutboxStatus::pending);
    CHECK(log.cancel_pending(16, "", "2026-12") == 0);  // nothing left to cancel
}

TEST_CASE_METHOD(ReminderLogFixture, "confirming an occurrence cancels its queued reminders in the same change") {
    auto queued = queue(reminder("16||2026-12|before3", 16, "", "2026-12"), "-100", {"Frist om 3 dager"});
    auto other = queue(reminder("16||2027-1|before14", 16, "", "2027-1"), "-100", {"Neste måned"});
    WorkState state(database);
    {
        Transaction transaction(database);
        state.apply({commands::Complete{{16, "", "2026-12"}, ""}, "Fullført"}, "telegram", "1001", log_time(60));
        // Not committed: the cancellation goes with the confirmation.
    }
    CHECK(row(queued[0]).status == OutboxStatus::pending);
    {
        Transaction transaction(database);
        state.apply({commands::Complete{{16, "", "2026-12"}, ""}, "Fullført"}, "telegram", "1001", log_time(60));
        transaction.commit();
    }
    CHECK(row(queued[0]).status == OutboxStatus::failed);
    CHECK(row(queued[0]).last_error == "avlyst: meldt ferdig");
    CHECK(row(other[0]).status == OutboxStatus::pending);
}

TEST_CASE_METHOD(ReminderLogFixture, "moving a deadline cancels the queued reminders of the old date") {
    auto queued = queue(reminder("11||2027-1|before3", 11, "", "2027-1"), "-100", {"Frist om 3 dager"});
    auto other = queue(reminder("5||2027-2|before14", 5, "", "2027-2"), "-100", {"Årsmøtet"});
    WorkState state(database);
    {
        Transaction transaction(database);
        state.apply({commands::SetDeadline{{{11, "", "2027-1"}, date::year(2027) / 2 / 12}}, "Flyttet"},
                    "telegram", "1001", log_time(60));
        transaction.commit();
    }
    CHECK(row(queued[0]).status == OutboxStatus::failed);
    CHECK(row(queued[0]).last_error == "avlyst: fristen er flyttet");
    CHECK(row(other[0]).status == OutboxStatus::pending);
}

TEST_CASE("a version-2 database with messages and settings migrates to version 3 and keeps them") {
    const auto released = released_migrations();
    REQUIRE(released.size() >= 2);
    TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        database.execute(released[0]);
        database.execute(released[1]);
        database.execute("PRAGMA user_version = 2");
        database.execute(
            "INSERT INTO outbox (platform, chat_id, text, parse_mode, reply_markup, status, not_before, created_at) "
            "VALUES ('telegram', '-100', 'Venter', 'HTML', '', 'pending', 1795852800, 1795852800);"
            "INSERT INTO meta (key, value) VALUES ('tracking_start', '2026-01-05');"
            "INSERT INTO completions (task, unit, key, platform, user_id, completed_at) "
            "VALUES (16, '', '2026-12', 'telegram', '1001', 1795852800);");
    }
    Database database(file);
    migrate(database);
    CHECK(schema_version(database) == latest_schema_version());
    CHECK(latest_schema_version() >= 3);

    Outbox outbox(database);
    auto waiting = outbox.find(1);
    REQUIRE(waiting.has_value());
    CHECK(waiting->text == "Venter");
    CHECK(waiting->status == OutboxStatus::pending);
    CHECK(waiting->method.empty());  // as sendMessage
    CHECK(waiting->payload.empty());
    WorkState state(database);
    CHECK(state.tracking_start() == date::year(2026) / 1 / 5);
    CHECK(state.completions(16).size() == 1);

    ReminderLog log(database);
    CHECK_FALSE(log.checked_until().has_value());
    Transaction transaction(database);
    log.record(reminder("16||2027-1|before14", 16, "", "2027-1"), {1}, log_time());
    transaction.commit();
    CHECK(log.outbox_ids("16||2027-1|before14") == std::vector<int64_t>{1});
}
