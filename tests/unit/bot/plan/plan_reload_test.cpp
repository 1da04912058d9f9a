// Reading the plan file again while planbot runs: a file that moves tiltak 9's deadline
// stops the reminder queued for the old date and the new date gets its own; a file
// with an error is refused whole and the plan in force stays; the next period's plan
// is loaded beside the current one and takes over in its first year.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "bot/plan/live_plan.hpp"
#include "bot/plan/plan_cli.hpp"
#include "bot/plan/plan_reload.hpp"
#include "bot/schedule/scheduler.hpp"
#include "bot/telegram/adapter.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/plan_record.hpp"
#include "storage/work_state.hpp"
#include "tests/support/bot_test_support.hpp"
#include "tests/support/temporary_folder.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;

namespace {

using test::kAdmin;
using test::kKari;
constexpr const char* kShipped = PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml";
// Tiltak 9's schedule in the shipped plan: the end of each quarter.
constexpr std::string_view kQuarterly = R"(schedule = { kind = "quarterly", description = "hvert kvartal" })";

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const std::filesystem::path& file, const std::string& text) { std::ofstream(file) << text; }

// The shipped plan with tiltak 9's schedule replaced by `schedule`.
std::string with_tiltak_9(std::string_view schedule) {
    std::string text = read(kShipped);
    const size_t at = text.find(kQuarterly, text.find("\nnumber = 9\n"));
    REQUIRE(at != std::string::npos);
    text.replace(at, kQuarterly.size(), schedule);
    return text;
}


// The shipped plan copied to a file the test edits; Kari holds kasserer, so tiltak 9
// (partiskatt, due 31 March 2026) is reminded to her 14 days before, on 17 March 09:00.
struct PlanReloadFixture {
    test::TemporaryFolder folder;
    config::Settings settings;
    storage::Database database = storage::Database::in_memory();
    test::TestClock clock{test::oslo_time("2026-03-17T08:00")};
    const bot::telegram::TelegramPlatform platform;
    std::shared_ptr<bot::LivePlan> plans;
    std::optional<bot::Scheduler> scheduler;

    PlanReloadFixture() {
        settings.plan = folder.path() / "plan.toml";
        write(settings.plan, read(kShipped));
        auto loaded = bot::LivePlan::load(settings);
        REQUIRE(loaded);
        plans = std::move(*loaded);
        storage::migrate(database);
        storage::WorkState state(database);
        storage::Transaction transaction(database);
        state.ensure_tracking_start(date::year(2026) / 3 / 1);
        state.apply({commands::GrantRole{{"telegram", kKari, "Kari Nordmann", "kari"}, {"kasserer", ""}}, "test"},
                    "telegram", kAdmin, clock.now());
        bot::record_plan_in_force(*plans, database, test::oslo(), clock.now());
        transaction.commit();
        scheduler.emplace(database, plans, clock, test::oslo(), settings.reminders, platform,
                          std::vector<std::string>{kAdmin});
        scheduler->tick();  // a new database: planning starts here
    }

    void set(const char* local) { clock.advance(test::oslo_time(local) - clock.now()); }

    commands::PlanReload reload() {
        storage::Transaction transaction(database);
        commands::PlanReload result = bot::reload_plan(*plans, database, test::oslo(), clock.now());
        transaction.commit();
        return result;
    }

    std::vector<storage::OutboxMessage> partiskatt() {
        std::vector<storage::OutboxMessage> out;
        for (storage::OutboxMessage& message : storage::Outbox(database).all_for_chat("telegram", kKari))
            if (message.text.find("Følge opp partiskatt") != std::string::npos) out.push_back(std::move(message));
        return out;
    }
};

}  // namespace

TEST_CASE("a reloaded plan that moves tiltak 9's deadline stops the queued reminder and plans the new date's") {
    PlanReloadFixture f;
    f.set("2026-03-17T09:00");
    f.scheduler->tick();
    REQUIRE(f.partiskatt().size() == 1);
    CHECK(f.partiskatt()[0].status == storage::OutboxStatus::pending);
    CHECK(f.partiskatt()[0].text.find("31. mars") != std::string::npos);

    // The secretary moves the first quarter's deadline to 24 March (and the rest with it).
    write(f.settings.plan, with_tiltak_9(R"(schedule = { kind = "yearly", days = ["03-24", "06-30", "09-30", "12-31"], description = "hvert kvartal" })"));
    f.set("2026-03-17T10:00");
    const commands::PlanReload reload = f.reload();
    REQUIRE(reload.loaded);
    REQUIRE(reload.changes.deadlines.size() == 3);  // 31 March 2026, 2027 and 2028
    const commands::DeadlineChange& moved = reload.changes.deadlines.front();
    CHECK(moved.task == 9);
    CHECK(moved.kind == commands::ChangeKind::moved);
    CHECK(*moved.before == date::year(2026) / 3 / 31);
    CHECK(*moved.after == date::year(2026) / 3 / 24);
    CHECK(reload.reminders_cancelled == 1);
    const std::string text = commands::plan_reload_text(reload);
    CHECK(text.find("Tiltak 9 Følge opp partiskatt: frist 31.3.2026 → 24.3.2026") != std::string::npos);

    // The reminder of the old date never goes out; the new date's does, on its day.
    REQUIRE(f.partiskatt().size() == 1);
    CHECK(f.partiskatt()[0].status == storage::OutboxStatus::failed);
    CHECK(f.partiskatt()[0].last_error == "avlyst: planen er endret");
    f.set("2026-03-24T09:00");
    f.scheduler->tick();
    const auto after = f.partiskatt();
    REQUIRE(after.size() == 2);
    CHECK(after[1].status == storage::OutboxStatus::pending);
    CHECK(after[1].text.find("24. mars") != std::string::npos);
    CHECK(after[1].text.find("31. mars") == std::string::npos);
}

TEST_CASE("a plan file with an error is refused whole and the plan in force stays") {
    PlanReloadFixture f;
    const auto before = f.plans->current();
    write(f.settings.plan, with_tiltak_9(R"(schedule = { kind = "quarterly", description = "hvert kvartal" )"));
    const commands::PlanReload reload = f.reload();
    CHECK_FALSE(reload.loaded);
    CHECK(reload.error.find(f.settings.plan.string() + ":") == 0);  // file:line:column
    CHECK(f.plans->current() == before);
    const std::string text = commands::plan_reload_text(reload);
    CHECK(text.find("den gamle planen gjelder fortsatt") != std::string::npos);
    CHECK(text.find(reload.error) != std::string::npos);
    // The recorded text is still the plan in force, not the broken file.
    CHECK(storage::PlanRecord(f.database).text_in_force() == read(kShipped));

    // Nothing was cancelled: the reminder goes out as planned.
    f.set("2026-03-17T09:00");
    f.scheduler->tick();
    REQUIRE(f.partiskatt().size() == 1);
    CHECK(f.partiskatt()[0].status == storage::OutboxStatus::pending);
}

TEST_CASE("a reload that changes nothing says so and cancels nothing") {
    PlanReloadFixture f;
    f.set("2026-03-17T09:00");
    f.scheduler->tick();
    const commands::PlanReload reload = f.reload();
    REQUIRE(reload.loaded);
    CHECK(reload.changes.empty());
    CHECK(reload.reminders_cancelled == 0);
    CHECK(commands::plan_reload_text(reload).find("Ingen hendelser eller frister er endret") != std::string::npos);
    CHECK(f.partiskatt()[0].status == storage::OutboxStatus::pending);
}

TEST_CASE("the next period's plan is loaded beside the current one and is in force from its first year") {
    test::TemporaryFolder folder;
    config::Settings settings;
    settings.plan = kShipped;
    settings.next_plan = folder.path() / "next.toml";
    // The same plan four years on: every year of 2025–2028 in the file moved to 2029–2032.
    std::string next = read(kShipped);
    for (size_t at = next.find("202"); at != std::string::npos; at = next.find("202", at + 4))
        if (at + 3 < next.size() && next[at + 3] == '5') {
            next[at + 3] = '9';
        } else if (at + 3 < next.size() && next[at + 3] >= '6' && next[at + 3] <= '8') {
            next[at + 2] = '3';
            next[at + 3] = static_cast<char>(next[at + 3] - 6);
        }
    write(settings.next_plan, next);
    auto loaded = bot::LivePlan::load(settings);
    REQUIRE(loaded);
    CHECK((*loaded)->in(2028)->plan.first_year == 2025);
    CHECK((*loaded)->in(2029)->plan.first_year == 2029);
    CHECK((*loaded)->in(2032)->plan.last_year == 2032);

    // A "next" plan that overlaps the current one is refused, naming the setting.
    write(settings.next_plan, read(kShipped));
    auto overlapping = bot::LivePlan::load(settings);
    REQUIRE_FALSE(overlapping);
    CHECK(overlapping.error().find("bot.next_plan") != std::string::npos);
}

TEST_CASE("planbot plan check names the line of an error, and lists what an edit would change") {
    test::TemporaryFolder folder;
    config::Settings settings;
    settings.plan = kShipped;
    settings.database_path = folder.path() / "none.db";  // planbot never ran: the configured file is in force
    const auto now = test::oslo_time("2026-01-10T12:00");
    const std::filesystem::path edited = folder.path() / "edited.toml";

    write(edited, with_tiltak_9(R"(schedule = { kind = "quaterly", description = "hvert kvartal" })"));
    std::ostringstream out, err;
    CHECK(bot::run_plan_cli({"check", edited.string()}, settings, test::oslo(), now, out, err) == 1);
    CHECK(err.str().find(edited.string() + ":") == 0);
    CHECK(err.str().find("quaterly") != std::string::npos);

    write(edited, with_tiltak_9(R"(schedule = { kind = "months", months = [4, 7, 10, 12], description = "hvert kvartal" })"));
    std::ostringstream out2, err2;
    CHECK(bot::run_plan_cli({"check", edited.string()}, settings, test::oslo(), now, out2, err2) == 0);
    INFO(out2.str() << err2.str());
    CHECK(out2.str().find("OK") != std::string::npos);
    CHECK(out2.str().find("tiltak 9 'Følge opp partiskatt': deadline 2026-03-31 removed") != std::string::npos);
    CHECK(out2.str().find("tiltak 9 'Følge opp partiskatt': new deadline 2026-04-30") != std::string::npos);
    CHECK(!std::filesystem::exists(settings.database_path));  // checking creates no database
}
