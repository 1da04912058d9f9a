// The nightly backups: which copies retention keeps, the copy itself (a database that
// holds what was committed), and the nightly step in a folder on disk.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "bot/operations/backups.hpp"
#include "storage/database.hpp"
#include "storage/database_file.hpp"
#include "storage/migrations.hpp"
#include "tests/support/temporary_folder.hpp"

using namespace planbot;
using namespace planbot::bot::operations;
using date::year_month_day;

namespace {

year_month_day day_of(int year, unsigned month, unsigned day) {
    return {date::year(year), date::month(month), date::day(day)};
}

// Every day from `first` to `last`, newest last.
std::vector<year_month_day> days_between(year_month_day first, year_month_day last) {
    std::vector<year_month_day> days;
    for (date::sys_days day = first; day <= date::sys_days(last); day += date::days(1)) days.emplace_back(day);
    return days;
}

bool contains(const std::vector<year_month_day>& days, year_month_day day) {
    return std::ranges::find(days, day) != days.end();
}

// A planbot database at `file` with one stored row in it.
void make_database(const std::filesystem::path& file) {
    storage::Database database(file);
    storage::migrate(database);
    database.execute("CREATE TABLE marker (note TEXT) STRICT; INSERT INTO marker VALUES ('committed')");
}

}  // namespace

TEST_CASE("retention keeps the newest days and the newest backup of each recent week") {
    // 100 nights, the newest Sunday 2026-12-06 (a Sunday): 14 daily and 8 weekly.
    const auto days = days_between(day_of(2026, 8, 29), day_of(2026, 12, 6));
    const auto deleted = backups_to_delete(days, 14, 8);
    std::vector<year_month_day> kept;
    for (const auto& day : days)
        if (!contains(deleted, day)) kept.push_back(day);
    std::ranges::sort(kept, std::greater<>());
    // The 14 newest days (2026-11-23 … 2026-12-06), then the Sundays of the 6 weeks before.
    REQUIRE(kept.size() == 14 + 6);
    CHECK(kept[0] == day_of(2026, 12, 6));
    CHECK(kept[13] == day_of(2026, 11, 23));
    CHECK(kept[14] == day_of(2026, 11, 22));
    CHECK(kept[19] == day_of(2026, 10, 18));
    CHECK(contains(deleted, day_of(2026, 11, 21)));  // a Saturday: its week's Sunday is kept
    CHECK(contains(deleted, day_of(2026, 10, 11)));  // a Sunday nine weeks back
    CHECK(deleted.size() == days.size() - kept.size());
}

TEST_CASE("retention counts weeks that have a backup, so gaps keep older copies") {
    // One backup a month: each is the newest of its week, and 8 weekly keep 8 of them.
    std::vector<year_month_day> days;
    for (unsigned month = 1; month <= 12; ++month) days.push_back(day_of(2026, month, 15));
    const auto deleted = backups_to_delete(days, 2, 8);
    CHECK(deleted == std::vector<year_month_day>{day_of(2026, 4, 15), day_of(2026, 3, 15), day_of(2026, 2, 15),
                                                 day_of(2026, 1, 15)});
}

TEST_CASE("retention with nothing to keep deletes every backup, and keeps all when they are few") {
    const auto days = days_between(day_of(2026, 12, 1), day_of(2026, 12, 6));
    CHECK(backups_to_delete(days, 0, 0).size() == days.size());
    CHECK(backups_to_delete(days, 14, 8).empty());
}

TEST_CASE("nightly backups are named by their day, and other files are not theirs") {
    CHECK(nightly_backup_name(day_of(2026, 11, 8)) == "planbot-2026-11-08.db");
    CHECK(nightly_backup_day("planbot-2026-11-08.db") == day_of(2026, 11, 8));
    CHECK_FALSE(nightly_backup_day("planbot-2026-11-8.db"));
    CHECK_FALSE(nightly_backup_day("planbot-2026-02-30.db"));
    CHECK_FALSE(nightly_backup_day("planbot-2026-11-08.db.partial"));
    CHECK_FALSE(nightly_backup_day("my-copy.db"));
}

TEST_CASE("a backup holds what was committed and passes the integrity check") {
    planbot::test::TemporaryFolder folder;
    const auto database = folder.path() / "planbot.db";
    make_database(database);
    storage::Database live(database);  // open, as a running planbot holds it
    const BackupMade made = make_backup(database, folder.path() / "copy.db");
    CHECK(made.bytes > 0);
    const storage::DatabaseFileReport report = storage::inspect_database_file(made.file);
    CHECK(report.unreadable.empty());
    CHECK(report.problems.empty());
    CHECK(report.schema_version == storage::latest_schema_version());
    storage::Database copy(made.file);
    auto query = copy.prepare("SELECT note FROM marker");
    REQUIRE(query.step());
    CHECK(query.column_text(0) == "committed");
    CHECK_FALSE(std::filesystem::exists(folder.path() / "copy.db.partial"));
    CHECK((std::filesystem::status(made.file).permissions() & std::filesystem::perms::others_read) ==
          std::filesystem::perms::none);
}

TEST_CASE("a backup never overwrites a file and needs a database") {
    planbot::test::TemporaryFolder folder;
    const auto database = folder.path() / "planbot.db";
    std::ofstream(folder.path() / "taken.db") << "mine";
    CHECK_THROWS_WITH(make_backup(database, folder.path() / "copy.db"), Catch::Contains("there is no database at"));
    make_database(database);
    CHECK_THROWS_WITH(make_backup(database, folder.path() / "taken.db"), Catch::Contains("exists already"));
    std::ifstream kept(folder.path() / "taken.db");
    std::string text;
    kept >> text;
    CHECK(text == "mine");
    CHECK_FALSE(std::filesystem::exists(database.string() + "-copy"));
}

TEST_CASE("the nightly step makes the day's backup once its time has passed, and prunes") {
    planbot::test::TemporaryFolder folder;
    const auto database = folder.path() / "planbot.db";
    make_database(database);
    const NightlyBackupSettings settings{database, 3 * 60 + 30, 2, 1};
    const auto backups = backups_folder(database);
    std::filesystem::create_directories(backups);
    for (const char* old : {"planbot-2026-12-01.db", "planbot-2026-12-02.db", "planbot-2026-12-03.db", "notes.txt",
                            "planbot-2026-12-03.db.partial"})
        std::ofstream(backups / old) << "old";
    const date::local_days december_4{date::year(2026) / 12 / 4};

    CHECK_FALSE(nightly_backup_step(settings, december_4 + std::chrono::hours(3)).has_value());  // before 03:30
    CHECK_FALSE(std::filesystem::exists(backups / "planbot-2026-12-04.db"));

    const auto made = nightly_backup_step(settings, december_4 + std::chrono::hours(4));
    REQUIRE(made.has_value());
    CHECK(made->file == backups / "planbot-2026-12-04.db");
    CHECK(storage::inspect_database_file(made->file).problems.empty());
    // Two days kept (4th, 3rd); the week of Monday 30 November has them as its newest.
    CHECK(std::filesystem::exists(backups / "planbot-2026-12-03.db"));
    CHECK_FALSE(std::filesystem::exists(backups / "planbot-2026-12-02.db"));
    CHECK_FALSE(std::filesystem::exists(backups / "planbot-2026-12-01.db"));
    CHECK_FALSE(std::filesystem::exists(backups / "planbot-2026-12-03.db.partial"));
    CHECK(std::filesystem::exists(backups / "notes.txt"));  // not a backup: left alone

    // Later the same day: there is one already.
    CHECK_FALSE(nightly_backup_step(settings, december_4 + std::chrono::hours(20)).has_value());
}
