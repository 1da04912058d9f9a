// The scheduler against a real SQLite database: each reminder is queued once, in the
// tick that plans it; after downtime that ends in quiet hours, the missed reminder
// waits for the morning and is then queued once, marked late.
#include <catch2/catch.hpp>

#include <string>

#include "bot/schedule/scheduler.hpp"
#include "bot/telegram/adapter.hpp"
#include "tests/support/bot_test_support.hpp"
#include "tests/support/test_support.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

using namespace planbot;

namespace {

using test::kAdmin;
using test::kKari;


// Kari holds kasserer and no group is bound, so her reminders come to her privately.
// Nr. 9 (partiskatt, first quarter) is due Tuesday 31 March 2026; 14 days before is
// Tuesday 17 March at 09:00.
struct SchedulerFixture {
    storage::Database database = storage::Database::in_memory();
    config::ReminderSettings settings;
    test::TestClock clock{test::oslo_time("2026-03-17T08:00")};
    const bot::telegram::TelegramPlatform platform;
    std::optional<bot::Scheduler> scheduler;

    SchedulerFixture() {
        storage::migrate(database);
        storage::WorkState state(database);
        storage::Transaction transaction(database);
        state.ensure_tracking_start(date::year(2026) / 3 / 1);
        state.apply({commands::GrantRole{{"telegram", kKari, "Kari Nordmann", "kari"}, {"kasserer", ""}}, "test"},
                    "telegram", kAdmin, clock.now());
        transaction.commit();
        scheduler.emplace(database, test::shipped_plan(), clock, test::oslo(), settings, platform,
                          std::vector<std::string>{kAdmin});
    }

    void set(const char* local) {
        const auto to = test::oslo_time(local);
        clock.advance(to - clock.now());
    }
    // Kari's reminders about nr. 9 in the outbox.
    std::vector<storage::OutboxMessage> partiskatt() {
        std::vector<storage::OutboxMessage> out;
        for (storage::OutboxMessage& message : storage::Outbox(database).all_for_chat("telegram", kKari))
            if (message.text.find("Følge opp partiskatt") != std::string::npos) out.push_back(std::move(message));
        return out;
    }
};

}  // namespace

TEST_CASE("the scheduler queues a reminder once, in the tick whose window holds its time") {
    SchedulerFixture f;
    CHECK(f.scheduler->tick() == 0);  // a new database: planning starts here
    f.set("2026-03-17T08:59:59");
    f.scheduler->tick();
    CHECK(f.partiskatt().empty());
    f.set("2026-03-17T09:00:00");
    f.scheduler->tick();
    REQUIRE(f.partiskatt().size() == 1);
    CHECK(f.partiskatt()[0].text.find("(om 14 dager)") != std::string::npos);
    CHECK(f.partiskatt()[0].reply_markup.find("Ferdig") != std::string::npos);  // the ✅ button
    f.set("2026-03-17T09:00:01");
    CHECK(f.scheduler->tick() == 0);
    CHECK(f.partiskatt().size() == 1);
}

TEST_CASE("after downtime that ends in quiet hours the missed reminder waits for the morning, once") {
    SchedulerFixture f;
    f.scheduler->tick();
    // planbot was down from 08:00 and comes back at 22:00: the 09:00 reminder was missed,
    // and 22:00 is in the quiet hours (21:00-08:00).
    f.set("2026-03-17T22:00");
    CHECK(f.scheduler->tick() == 0);
    f.set("2026-03-18T03:00");
    CHECK(f.scheduler->tick() == 0);
    CHECK(f.partiskatt().empty());
    f.set("2026-03-18T08:00:00");
    f.scheduler->tick();
    REQUIRE(f.partiskatt().size() == 1);
    CHECK(f.partiskatt()[0].text.find("for sent") != std::string::npos);  // marked late
    f.set("2026-03-18T08:00:01");
    f.scheduler->tick();
    CHECK(f.partiskatt().size() == 1);
}
