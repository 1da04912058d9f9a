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

namespace {

// A second platform as the scheduler sees one: its own rows, no buttons.
class OtherPlatform final : public bot::Platform {
public:
    std::string_view name() const override { return "other"; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        storage::OutboxMessage row;
        row.platform = "other";
        row.chat_id = reply.chat_id;
        row.text = reply.text;
        return {row};
    }
    bool has_buttons() const override { return false; }
};

}  // namespace

TEST_CASE("one scheduler reminds on two platforms in the same tick, each on its own platform, each once") {
    SchedulerFixture f;
    const OtherPlatform other;
    // Ola holds kasserer for the county on the other platform too (a second treasurer).
    {
        storage::Transaction transaction(f.database);
        storage::WorkState(f.database)
            .apply({commands::GrantRole{{"other", "o-ola", "Ola Nordmann", ""}, {"kasserer", ""}}, "test"}, "other",
                   "o-admin", f.clock.now());
        transaction.commit();
    }
    std::vector<bot::ScheduledPlatform> platforms;
    platforms.push_back({f.platform, {kAdmin}});
    platforms.push_back({other, {"o-admin"}});
    bot::Scheduler both(f.database, std::make_shared<const bot::LivePlan>(test::shipped_plan()), f.clock, test::oslo(),
                        f.settings, std::move(platforms));
    both.tick();
    f.set("2026-03-17T09:00:00");
    both.tick();
    auto partiskatt_for = [&](const char* platform, const char* chat) {
        size_t count = 0;
        for (const storage::OutboxMessage& message : storage::Outbox(f.database).all_for_chat(platform, chat))
            count += message.text.find("Følge opp partiskatt") != std::string::npos ? 1 : 0;
        return count;
    };
    CHECK(partiskatt_for("telegram", kKari) == 1);
    CHECK(partiskatt_for("other", "o-ola") == 1);
    // Without buttons the reminder names the command to type instead.
    for (const storage::OutboxMessage& message : storage::Outbox(f.database).all_for_chat("other", "o-ola"))
        CHECK(message.reply_markup.empty());
    f.set("2026-03-17T09:05:00");
    both.tick();
    CHECK(partiskatt_for("telegram", kKari) == 1);
    CHECK(partiskatt_for("other", "o-ola") == 1);
}
