// storage/work_state: the SQLite commands::State on real SQLite. Each change kind is
// applied and read back in the orders state.hpp documents, with the semantics of
// tests/unit/memory_state.hpp (idempotent grants, first completion wins, …), its audit
// entry, free text that round-trips, and migration 2 over a version-1 database.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/work_state.hpp"
#include "tests/support/storage_test_support.hpp"
#include "tests/support/temporary_folder.hpp"

using namespace planbot;
using namespace planbot::storage;
using date::year;

namespace {

// 2026-11-28T09:00:00Z plus `offset` seconds; the tests never read the real clock.
std::chrono::sys_seconds change_time(int64_t offset = 0) {
    return std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(9) +
           std::chrono::seconds(offset);
}

constexpr const char* kActor = "9000";  // the actor of most changes
constexpr date::year_month_day kAnyDay = date::year(2026) / 1 / 1;  // no holding here has a term

const commands::Person kari{"telegram", "1001", "Kari Nordmann", "kari"};
const commands::Person ola{"telegram", "1002", "Ola Dunk", "ola"};
const commands::Person anne{"telegram", "1003", "Anne Berg", ""};

struct WorkStateFixture {
    Database database = Database::in_memory();
    Directory directory{database};
    WorkState state{database};

    WorkStateFixture() {
        migrate(database);
        directory.remember_user({"telegram", "1001", "Kari", "Nordmann", "kari"}, change_time());
        directory.remember_user({"telegram", "1002", "Ola", "Dunk", "ola"}, change_time());
        directory.remember_user({"telegram", "1003", "Anne", "Berg", ""}, change_time());
        directory.remember_user({"telegram", kActor, "Siri", "", "siri"}, change_time());
    }

    void apply(commands::Change change, std::string description = "endring", int64_t offset = 0,
               std::string actor = kActor) {
        state.apply({std::move(change), std::move(description)}, "telegram", actor, change_time(offset));
    }
};

std::vector<std::string> describe(const std::vector<commands::Holding>& holdings) {
    std::vector<std::string> out;
    for (const auto& h : holdings) out.push_back(h.role.role_id + "/" + h.role.unit + ": " + h.person.name);
    return out;
}

std::vector<std::string> describe(const std::vector<config::RoleRef>& roles) {
    std::vector<std::string> out;
    for (const auto& r : roles) out.push_back(r.role_id + "/" + r.unit);
    return out;
}

std::vector<std::string> describe(const std::vector<commands::Person>& people) {
    std::vector<std::string> out;
    for (const auto& p : people) out.push_back(p.user_id + " " + p.name);
    return out;
}

std::vector<int> numbers(const std::vector<commands::AddedTask>& tasks) {
    std::vector<int> out;
    for (const auto& t : tasks) out.push_back(t.number);
    return out;
}

std::vector<std::string> ids(const std::vector<commands::Completion>& completions) {
    std::vector<std::string> out;
    for (const auto& c : completions) out.push_back(std::to_string(c.id.task) + "/" + c.id.unit + "/" + c.id.key);
    return out;
}

commands::AddedTask added(int number, std::string role, std::string unit, date::year_month_day day,
                          std::string title = "Oppgave") {
    return {number, {std::move(role), std::move(unit)}, std::move(title), day};
}

}  // namespace

// ---- people ----

TEST_CASE_METHOD(WorkStateFixture, "people are read from the users the bot has seen, by id or by username in any case",
                 "[work_state]") {
    CHECK(state.person("telegram", "1001") == kari);
    CHECK(state.person("telegram", kActor)->name == "Siri");  // no last name: no trailing space
    CHECK_FALSE(state.person("telegram", "4242").has_value());
    CHECK_FALSE(state.person("slack", "1001").has_value());

    CHECK(state.person_by_username("telegram", "KARI") == kari);
    CHECK(state.person_by_username("telegram", "Ola")->user_id == "1002");
    CHECK_FALSE(state.person_by_username("slack", "kari").has_value());
    CHECK_FALSE(state.person_by_username("telegram", "").has_value());  // Anne has no username
    CHECK_FALSE(state.person_by_username("telegram", "kar").has_value());
}

TEST_CASE_METHOD(WorkStateFixture, "a username that moved to another account finds the account that used it last",
                 "[work_state]") {
    directory.remember_user({"telegram", "2001", "Gammel", "Konto", "leder"}, change_time(10));
    directory.remember_user({"telegram", "2002", "Ny", "Konto", "Leder"}, change_time(20));
    CHECK(state.person_by_username("telegram", "leder")->user_id == "2002");
}

TEST_CASE_METHOD(WorkStateFixture, "a role holder the bot has never seen is named by the user id", "[work_state]") {
    apply(commands::GrantRole{{"telegram", "777", "Ukjent", ""}, {"kasserer", ""}});
    auto holders = state.holders("kasserer", kAnyDay);
    REQUIRE(holders.size() == 1);
    CHECK(holders[0].person == commands::Person{"telegram", "777", "777", ""});
}

// ---- admins and roles ----

TEST_CASE_METHOD(WorkStateFixture, "admins granted in the chat are admins on their platform only, listed by name",
                 "[work_state]") {
    CHECK_FALSE(state.is_admin("telegram", "1002"));
    apply(commands::GrantAdmin{ola});
    apply(commands::GrantAdmin{kari});
    apply(commands::GrantAdmin{ola});  // again: still one
    CHECK(state.is_admin("telegram", "1002"));
    CHECK_FALSE(state.is_admin("slack", "1002"));
    CHECK(describe(state.admins()) == std::vector<std::string>{"1001 Kari Nordmann", "1002 Ola Dunk"});

    apply(commands::RevokeAdmin{ola});
    CHECK_FALSE(state.is_admin("telegram", "1002"));
    CHECK(describe(state.admins()) == std::vector<std::string>{"1001 Kari Nordmann"});
    CHECK(test::count_rows(database, "SELECT count(*) FROM audit_log") == 4);
}

TEST_CASE_METHOD(WorkStateFixture, "roles are read per person, per role and in all, each in its documented order",
                 "[work_state]") {
    apply(commands::GrantRole{ola, {"regionleder", "innherred"}});
    apply(commands::GrantRole{kari, {"regionleder", "namdal"}});
    apply(commands::GrantRole{ola, {"kasserer", ""}});
    apply(commands::GrantRole{anne, {"regionleder", "innherred"}});
    apply(commands::GrantRole{ola, {"au", ""}});

    CHECK(describe(state.roles_of("telegram", "1002", kAnyDay)) ==
          std::vector<std::string>{"au/", "kasserer/", "regionleder/innherred"});
    CHECK(state.roles_of("telegram", "4242", kAnyDay).empty());
    CHECK(describe(state.holders("regionleder", kAnyDay)) ==
          std::vector<std::string>{"regionleder/innherred: Anne Berg", "regionleder/innherred: Ola Dunk",
                                   "regionleder/namdal: Kari Nordmann"});
    CHECK(describe(state.all_holdings()) ==
          std::vector<std::string>{"au/: Ola Dunk", "kasserer/: Ola Dunk", "regionleder/innherred: Anne Berg",
                                   "regionleder/innherred: Ola Dunk", "regionleder/namdal: Kari Nordmann"});
}

TEST_CASE_METHOD(WorkStateFixture, "granting a held role changes nothing, and revoking removes only that role and unit",
                 "[work_state]") {
    apply(commands::GrantRole{kari, {"regionleder", "innherred"}});
    apply(commands::GrantRole{kari, {"regionleder", "innherred"}});
    apply(commands::GrantRole{kari, {"regionleder", "namdal"}});
    CHECK(state.holders("regionleder", kAnyDay).size() == 2);

    apply(commands::RevokeRole{kari, {"regionleder", "innherred"}});
    CHECK(describe(state.roles_of("telegram", "1001", kAnyDay)) == std::vector<std::string>{"regionleder/namdal"});
    apply(commands::RevokeRole{kari, {"regionleder", "innherred"}});  // not held: nothing happens
    CHECK(describe(state.roles_of("telegram", "1001", kAnyDay)) == std::vector<std::string>{"regionleder/namdal"});
}

// ---- channels ----

TEST_CASE_METHOD(WorkStateFixture, "binding a channel again replaces its thread and title, and unbinding removes that one only",
                 "[work_state]") {
    apply(commands::BindChannel{{"kasserer", "", "telegram", "-200", "", "Økonomi"}});
    apply(commands::BindChannel{{std::string(commands::kMainChannel), "", "telegram", "-100", "", "Styret"}});
    apply(commands::BindChannel{{"kasserer", "", "telegram", "-100", "", "Styret"}});
    apply(commands::BindChannel{{"kasserer", "", "telegram", "-200", "7", "Økonomi 2027"}});

    auto channels = state.channels();
    REQUIRE(channels.size() == 3);
    CHECK(channels[0] == commands::Channel{"@main", "", "telegram", "-100", "", "Styret"});
    CHECK(channels[1] == commands::Channel{"kasserer", "", "telegram", "-100", "", "Styret"});
    CHECK(channels[2] == commands::Channel{"kasserer", "", "telegram", "-200", "7", "Økonomi 2027"});

    apply(commands::UnbindChannel{{"kasserer", "", "telegram", "-100", "", ""}});
    channels = state.channels();
    REQUIRE(channels.size() == 2);
    CHECK(channels[0].target == "@main");
    CHECK(channels[1].chat_id == "-200");
}

// ---- the overlay on the plan ----

TEST_CASE_METHOD(WorkStateFixture, "a deadline set again keeps the latest date, and edits read by task, unit and key",
                 "[work_state]") {
    apply(commands::SetDeadline{{{16, "", "2027-1"}, year(2027) / 6 / 1}});
    apply(commands::SetDeadline{{{3, "namdal", "2026-1"}, year(2026) / 3 / 1}});
    apply(commands::SetDeadline{{{3, "innherred", "2026-1"}, year(2026) / 2 / 1}});
    apply(commands::SetDeadline{{{16, "", "2027-1"}, year(2027) / 5 / 20}});
    apply(commands::SetDeadline{{{16, "", "+2027-09-01"}, year(2027) / 9 / 1}});

    auto task16 = state.deadline_edits(16);
    REQUIRE(task16.size() == 2);
    CHECK(task16[0].id.key == "+2027-09-01");
    CHECK(task16[1].id == commands::OccurrenceId{16, "", "2027-1"});
    CHECK(task16[1].date == year(2027) / 5 / 20);
    CHECK(state.deadline_edits(17).empty());

    auto all = state.all_deadline_edits();
    REQUIRE(all.size() == 4);
    CHECK(all[0].id == commands::OccurrenceId{3, "innherred", "2026-1"});
    CHECK(all[0].date == year(2026) / 2 / 1);
    CHECK(all[1].id.unit == "namdal");
    CHECK(all[3].id.task == 16);
}

TEST_CASE_METHOD(WorkStateFixture, "a wheel date set again replaces the day and who set it, read by event and year",
                 "[work_state]") {
    CHECK(state.wheel_dates().empty());
    apply(commands::SetWheelDate{"landsmote", 2027, year(2027) / 3 / 5}, "Landsmøte 2027: dato satt til 5.3.2027");
    apply(commands::SetWheelDate{"fylkesarsmote", 2027, year(2027) / 2 / 13}, "satt", 10, "1003");
    apply(commands::SetWheelDate{"fylkesarsmote", 2027, year(2027) / 2 / 20}, "flyttet", 20, "1001");
    apply(commands::SetWheelDate{"fylkesarsmote", 2026, year(2026) / 2 / 14}, "satt", 30);

    const std::vector<commands::WheelDate> dates = state.wheel_dates();
    REQUIRE(dates.size() == 3);
    CHECK(dates[0].event == "fylkesarsmote");
    CHECK(dates[0].year == 2026);
    CHECK(dates[1].year == 2027);
    CHECK(dates[1].date == year(2027) / 2 / 20);
    CHECK(dates[1].set_by.name == "Kari Nordmann");
    CHECK(dates[1].set_at == change_time(20));
    CHECK(dates[2].event == "landsmote");
    const auto log = state.audit(10);
    REQUIRE(log.size() == 4);
    CHECK(log.back().action == "wheel_date_set");
    CHECK(log.back().description == "Landsmøte 2027: dato satt til 5.3.2027");
}

TEST_CASE_METHOD(WorkStateFixture, "a wheel date cleared is gone for its event and year only, and the log says so",
                 "[work_state]") {
    apply(commands::SetWheelDate{"fylkesarsmote", 2027, year(2027) / 2 / 13}, "satt");
    apply(commands::SetWheelDate{"fylkesarsmote", 2028, year(2028) / 2 / 12}, "satt");
    apply(commands::ClearWheelDate{"fylkesarsmote", 2027}, "Fylkesårsmøte 2027: dato fjernet (var 13.2.2027)");
    const std::vector<commands::WheelDate> dates = state.wheel_dates();
    REQUIRE(dates.size() == 1);
    CHECK(dates[0].year == 2028);
    CHECK(state.audit(1).front().action == "wheel_date_cleared");
    CHECK(state.audit(1).front().description == "Fylkesårsmøte 2027: dato fjernet (var 13.2.2027)");
}

TEST_CASE_METHOD(WorkStateFixture, "a responsibility assigned twice is stored once, in assignment order per task",
                 "[work_state]") {
    apply(commands::AssignResponsible{{28, {"sekretaer", ""}}});
    apply(commands::AssignResponsible{{27, {"kasserer", ""}}});
    apply(commands::AssignResponsible{{27, {"au", ""}}});
    apply(commands::AssignResponsible{{27, {"kasserer", ""}}});

    auto edits = state.responsibility_edits();
    REQUIRE(edits.size() == 3);
    CHECK(edits[0].task == 27);
    CHECK(edits[0].role == config::RoleRef{"kasserer", ""});
    CHECK(edits[1].role == config::RoleRef{"au", ""});
    CHECK(edits[2].task == 28);
    CHECK(test::count_rows(database, "SELECT count(*) FROM audit_log") == 4);
}

// ---- added tasks ----

TEST_CASE_METHOD(WorkStateFixture, "added tasks are numbered from 101 and read by number and between two days",
                 "[work_state]") {
    CHECK(state.next_added_task_number() == commands::kFirstAddedTask);
    CHECK_FALSE(state.added_task(101).has_value());

    apply(commands::AddTask{added(101, "kasserer", "", year(2027) / 3 / 1, "Send regnskapet")});
    apply(commands::AddTask{added(102, "au", "", year(2027) / 2 / 1)});
    apply(commands::AddTask{added(103, "sekretaer", "", year(2027) / 3 / 1)});
    apply(commands::AddTask{added(104, "au", "", year(2027) / 4 / 1)});
    CHECK(state.next_added_task_number() == 105);

    auto task = state.added_task(101);
    REQUIRE(task.has_value());
    CHECK(task->role == config::RoleRef{"kasserer", ""});
    CHECK(task->title == "Send regnskapet");
    CHECK(task->date == year(2027) / 3 / 1);

    CHECK(numbers(state.added_tasks_between(year(2027) / 2 / 1, year(2027) / 3 / 1)) ==
          std::vector<int>{102, 101, 103});
    CHECK(numbers(state.added_tasks_between(year(2027) / 3 / 2, year(2027) / 12 / 31)) == std::vector<int>{104});
    CHECK(state.added_tasks_between(year(2027) / 4 / 2, year(2027) / 4 / 1).empty());
}

TEST_CASE_METHOD(WorkStateFixture, "added tasks for held roles: same role, and the task's unit empty or the held one",
                 "[work_state]") {
    apply(commands::AddTask{added(101, "regionleder", "", year(2027) / 5 / 1)});
    apply(commands::AddTask{added(102, "regionleder", "innherred", year(2027) / 1 / 1)});
    apply(commands::AddTask{added(103, "regionleder", "namdal", year(2027) / 1 / 1)});
    apply(commands::AddTask{added(104, "kasserer", "", year(2026) / 12 / 1)});
    apply(commands::AddTask{added(105, "au", "", year(2026) / 12 / 1)});

    CHECK(numbers(state.added_tasks_for({{"regionleder", "innherred"}})) == std::vector<int>{102, 101});
    CHECK(numbers(state.added_tasks_for({{"regionleder", ""}})) == std::vector<int>{101});
    CHECK(numbers(state.added_tasks_for({{"regionleder", "innherred"}, {"kasserer", ""}, {"regionleder", ""}})) ==
          std::vector<int>{104, 102, 101});
    CHECK(state.added_tasks_for({}).empty());
    CHECK(state.added_tasks_for({{"leder", ""}}).empty());
}

TEST_CASE_METHOD(WorkStateFixture, "an added task whose number is taken is refused, and the update keeps nothing",
                 "[work_state]") {
    apply(commands::AddTask{added(101, "au", "", year(2027) / 2 / 1, "Først")});
    {
        Transaction transaction(database);
        apply(commands::GrantRole{kari, {"au", ""}});
        CHECK_THROWS_AS(apply(commands::AddTask{added(101, "au", "", year(2027) / 3 / 1, "Andre")}), StorageError);
    }  // not committed
    CHECK(state.added_task(101)->title == "Først");
    CHECK(state.holders("au", kAnyDay).empty());
    CHECK(test::count_rows(database, "SELECT count(*) FROM audit_log") == 1);
}

// ---- completions ----

TEST_CASE_METHOD(WorkStateFixture, "the first completion stands: confirming again changes nothing", "[work_state]") {
    apply(commands::Complete{{16, "", "2027-1"}, "Sendt til styret"}, "Fullført", 0, "1001");
    apply(commands::Complete{{16, "", "2027-1"}, "Jeg også"}, "Fullført", 60, "1002");

    auto done = state.completions(16);
    REQUIRE(done.size() == 1);
    CHECK(done[0].id == commands::OccurrenceId{16, "", "2027-1"});
    CHECK(done[0].by == kari);
    CHECK(done[0].at == change_time());
    CHECK(done[0].comment == "Sendt til styret");
    CHECK(test::count_rows(database, "SELECT count(*) FROM audit_log") == 2);
}

TEST_CASE_METHOD(WorkStateFixture, "completions are read per task, for several tasks and in all, by task, unit and key",
                 "[work_state]") {
    apply(commands::Complete{{3, "namdal", "2026-1"}, ""}, "", 0, "1001");
    apply(commands::Complete{{16, "", "2027-1"}, ""}, "", 0, "1001");
    apply(commands::Complete{{3, "innherred", "2026-2"}, ""}, "", 0, "1002");
    apply(commands::Complete{{3, "innherred", "2026-1"}, ""}, "", 0, "1002");
    apply(commands::Complete{{101, "", ""}, ""}, "", 0, "777");

    CHECK(ids(state.completions(3)) ==
          std::vector<std::string>{"3/innherred/2026-1", "3/innherred/2026-2", "3/namdal/2026-1"});
    CHECK(ids(state.completions_of({101, 3, 42, 3})) ==
          std::vector<std::string>{"3/innherred/2026-1", "3/innherred/2026-2", "3/namdal/2026-1", "101//"});
    CHECK(state.completions_of({}).empty());
    auto all = state.all_completions();
    CHECK(ids(all) == std::vector<std::string>{"3/innherred/2026-1", "3/innherred/2026-2", "3/namdal/2026-1",
                                               "16//2027-1", "101//"});
    CHECK(all[4].by == commands::Person{"telegram", "777", "777", ""});
}

TEST_CASE_METHOD(WorkStateFixture, "reopening deletes the completion, and the next confirmation is stored", "[work_state]") {
    apply(commands::Complete{{16, "", "2027-1"}, "første"}, "", 0, "1001");
    apply(commands::Complete{{16, "", "2026-1"}, ""}, "", 0, "1001");
    apply(commands::Reopen{{16, "", "2027-1"}}, "Gjenåpnet", 30, "1001");
    CHECK(ids(state.completions(16)) == std::vector<std::string>{"16//2026-1"});

    apply(commands::Complete{{16, "", "2027-1"}, "andre"}, "", 90, "1002");
    auto done = state.completions(16);
    REQUIRE(done.size() == 2);
    CHECK(done[1].by == ola);
    CHECK(done[1].comment == "andre");
    CHECK(done[1].at == change_time(90));
}

// ---- audit ----

TEST_CASE_METHOD(WorkStateFixture, "every change writes one audit entry with its actor, time, action and text, newest first",
                 "[work_state]") {
    apply(commands::GrantRole{kari, {"kasserer", ""}}, "Kasserer gitt til Kari Nordmann", 0);
    apply(commands::Complete{{16, "", "2027-1"}, ""}, "Tiltak 16 fullført", 60, "1001");
    apply(commands::Reopen{{16, "", "2027-1"}}, "Tiltak 16 gjenåpnet", 120, "1001");
    state.apply({commands::GrantAdmin{{"telegram", "555", "", ""}}, "Admin"}, "telegram", "555", change_time(180));

    auto log = state.audit(10);
    REQUIRE(log.size() == 4);
    CHECK(log[0].actor == commands::Person{"telegram", "555", "555", ""});
    CHECK(log[0].action == "admin_granted");
    CHECK(log[1].action == "reopened");
    CHECK(log[1].at == change_time(120));
    CHECK(log[1].actor == kari);
    CHECK(log[2].action == "completed");
    CHECK(log[2].description == "Tiltak 16 fullført");
    CHECK(log[3].action == "role_granted");
    CHECK(log[3].actor.name == "Siri");
    CHECK(log[3].at == change_time());
    CHECK(log[0].id > log[1].id);

    CHECK(state.audit(2).size() == 2);
    CHECK(state.audit(2)[1].action == "reopened");
    CHECK(state.audit(0).empty());
    CHECK(state.audit(-1).empty());
}

TEST_CASE_METHOD(WorkStateFixture, "changes applied in a transaction that is not committed leave no rows and no audit",
                 "[work_state]") {
    {
        Transaction transaction(database);
        apply(commands::GrantRole{kari, {"kasserer", ""}});
        apply(commands::Complete{{16, "", "2027-1"}, ""});
        CHECK(state.holders("kasserer", kAnyDay).size() == 1);  // visible inside
    }
    CHECK(state.holders("kasserer", kAnyDay).empty());
    CHECK(state.all_completions().empty());
    CHECK(state.audit(10).empty());
}

// ---- free text ----

TEST_CASE_METHOD(WorkStateFixture, "quotes, SQL metacharacters and emoji round-trip in names, titles, comments and keys",
                 "[work_state]") {
    const std::string nasty = "Robert'); DROP TABLE completions;-- \"%_\\ 🎉 Ærlig ØÅ";
    directory.remember_user({"telegram", "3001", nasty, "O'Brien 🚀", "bobby_tables"}, change_time());
    apply(commands::GrantRole{{"telegram", "3001", "", ""}, {"regionleder", nasty}}, nasty);
    apply(commands::AddTask{added(101, "au", "", year(2027) / 1 / 1, nasty)});
    apply(commands::Complete{{101, nasty, nasty}, nasty}, nasty, 0, "3001");
    apply(commands::BindChannel{{"kasserer", "", "telegram", "-1'; --", "", nasty}}, nasty);

    CHECK(state.person("telegram", "3001")->name == nasty + " O'Brien 🚀");
    CHECK(state.person_by_username("telegram", "BOBBY_TABLES")->user_id == "3001");
    CHECK(state.person_by_username("telegram", "bobby%").has_value() == false);
    CHECK(state.holders("regionleder", kAnyDay).at(0).role.unit == nasty);
    CHECK(state.added_task(101)->title == nasty);
    auto done = state.completions(101);
    REQUIRE(done.size() == 1);
    CHECK(done[0].id == commands::OccurrenceId{101, nasty, nasty});
    CHECK(done[0].comment == nasty);
    CHECK(done[0].by.name == nasty + " O'Brien 🚀");
    CHECK(state.channels().at(0).chat_id == "-1'; --");
    CHECK(state.channels().at(0).title == nasty);
    CHECK(state.audit(1).at(0).description == nasty);

    const std::string long_comment(4000, 'x');
    apply(commands::Complete{{102, "", ""}, long_comment});
    CHECK(state.completions(102).at(0).comment == long_comment);
}

// ---- tracking start ----

TEST_CASE_METHOD(WorkStateFixture, "tracking starts before any plan's first day until a start-up records its day, which stays",
                 "[work_state]") {
    // Storage knows no plan: the core clamps this to the plan's first day.
    CHECK(state.tracking_start() == year(1) / 1 / 1);
    state.ensure_tracking_start(year(2026) / 11 / 28);
    CHECK(state.tracking_start() == year(2026) / 11 / 28);
    state.ensure_tracking_start(year(2027) / 1 / 3);
    CHECK(state.tracking_start() == year(2026) / 11 / 28);
}

// ---- on disk and across versions ----

namespace {

using planbot::test::TemporaryFolder;

// Migration 1 as planbot 1 released it: a version-1 database is built from this, not
// from today's migrate().
constexpr std::string_view kVersion1Schema = R"sql(
CREATE TABLE processed_updates (
    platform TEXT NOT NULL, update_id INTEGER NOT NULL, processed_at INTEGER NOT NULL,
    PRIMARY KEY (platform, update_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE users (
    platform TEXT NOT NULL, user_id TEXT NOT NULL, first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '', username TEXT NOT NULL DEFAULT '', first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL, PRIMARY KEY (platform, user_id)
) STRICT;
CREATE TABLE chats (
    platform TEXT NOT NULL, chat_id TEXT NOT NULL, type TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)), first_seen INTEGER NULL, last_seen INTEGER NULL,
    PRIMARY KEY (platform, chat_id)
) STRICT;
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY, platform TEXT NOT NULL, chat_id TEXT NOT NULL, thread_id INTEGER NULL,
    text TEXT NOT NULL, parse_mode TEXT NOT NULL DEFAULT '', reply_markup TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')), attempts INTEGER NOT NULL DEFAULT 0,
    not_before INTEGER NOT NULL, created_at INTEGER NOT NULL, sent_at INTEGER NULL,
    platform_message_id TEXT NULL, last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_by_chat ON outbox (platform, chat_id, id);
CREATE INDEX outbox_pending_by_chat ON outbox (platform, chat_id, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_by_time ON outbox (not_before) WHERE status = 'pending';
PRAGMA user_version = 1;
)sql";

}  // namespace

TEST_CASE("a version-1 database with users and waiting messages migrates to version 2 and keeps them",
          "[work_state]") {
    TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    int64_t waiting = 0;
    {
        Database old(file);
        old.execute(kVersion1Schema);
        // Today's Directory and Outbox write columns of later migrations: the rows go in as planbot 1 wrote them.
        old.execute("INSERT INTO users (platform, user_id, first_name, last_name, username, first_seen, last_seen) "
                    "VALUES ('telegram', '1001', 'Kari', 'Nordmann', 'Kari_N', 1795856400, 1795856400)");
        old.execute("INSERT INTO outbox (platform, chat_id, text, status, not_before, created_at) "
                    "VALUES ('telegram', '-100', 'Hei 👋', 'pending', 1795856400, 1795856400)");
        waiting = old.last_insert_rowid();
    }
    Database database(file);
    REQUIRE(schema_version(database) == 1);
    migrate(database);
    CHECK(schema_version(database) == latest_schema_version());
    CHECK(latest_schema_version() >= 2);

    auto message = Outbox(database).find(waiting);
    REQUIRE(message.has_value());
    CHECK(message->text == "Hei 👋");
    CHECK(message->status == OutboxStatus::pending);

    WorkState state(database);
    CHECK(state.person_by_username("telegram", "kari_n")->name == "Kari Nordmann");
    Transaction transaction(database);
    state.apply({commands::GrantRole{*state.person("telegram", "1001"), {"kasserer", ""}}, "Kasserer"}, "telegram",
                "1001", change_time());
    transaction.commit();
    CHECK(describe(state.all_holdings()) == std::vector<std::string>{"kasserer/: Kari Nordmann"});
}

TEST_CASE("a database from a newer planbot is still refused, and gets no work-state tables", "[work_state]") {
    auto database = Database::in_memory();
    database.execute("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
    CHECK_THROWS_WITH(migrate(database),
                      Catch::Contains("knows only up to " + std::to_string(latest_schema_version())));
    auto query = database.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'completions'");
    REQUIRE(query.step());
    CHECK(query.column_int64(0) == 0);
}

TEST_CASE("the work state survives closing and reopening the database file", "[work_state]") {
    TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        migrate(database);
        WorkState state(database);
        Transaction transaction(database);
        state.ensure_tracking_start(year(2026) / 11 / 28);
        state.apply({commands::SetDeadline{{{16, "", "2027-1"}, year(2027) / 5 / 20}}, "Frist"}, "telegram", kActor,
                    change_time());
        state.apply({commands::Complete{{16, "", "2026-1"}, "ok"}, "Ferdig"}, "telegram", kActor, change_time());
        transaction.commit();
    }
    Database database(file);
    migrate(database);
    WorkState state(database);
    CHECK(state.tracking_start() == year(2026) / 11 / 28);
    CHECK(state.deadline_edits(16).at(0).date == year(2027) / 5 / 20);
    CHECK(state.completions(16).at(0).comment == "ok");
    CHECK(state.audit(5).size() == 2);
}

TEST_CASE("a role held for a term counts until the day it ends, and granting again sets the new term",
          "[work_state][terms]") {
    WorkStateFixture f;
    const date::year_month_day end = date::year(2027) / 2 / 28;
    f.apply(commands::GrantRole{kari, {"kasserer", ""}, end});
    CHECK(f.state.all_holdings().at(0).term_end == end);
    CHECK(f.state.holders("kasserer", date::year(2027) / 2 / 27).size() == 1);
    CHECK(f.state.holders("kasserer", end).empty());
    CHECK(f.state.roles_of("telegram", "1001", end).empty());
    CHECK(f.state.all_holdings().size() == 1);  // the ended term stays for the listings
    f.apply(commands::GrantRole{kari, {"kasserer", ""}, std::nullopt, true});
    CHECK_FALSE(f.state.all_holdings().at(0).term_end);
    CHECK(f.state.roles_of("telegram", "1001", end).size() == 1);
    CHECK(f.state.audit(1).at(0).action == "role_granted");
}

TEST_CASE("a skip is stored as a closed occurrence with its reason, and reopening removes it", "[work_state][hopp]") {
    WorkStateFixture f;
    const commands::OccurrenceId id{9, "", "2026-3"};
    f.apply(commands::Skip{id, "ikke relevant i år"}, "hoppet over", 0, "1001");
    const auto done = f.state.completions(9);
    REQUIRE(done.size() == 1);
    CHECK(done.at(0).skipped);
    CHECK(done.at(0).comment == "ikke relevant i år");
    CHECK(done.at(0).by.name == "Kari Nordmann");
    CHECK(f.state.audit(1).at(0).action == "skipped");
    f.apply(commands::Reopen{id});
    CHECK(f.state.completions(9).empty());
}

TEST_CASE("notes are stored with author and time, newest first, per task", "[work_state][notat]") {
    WorkStateFixture f;
    f.apply(commands::AddNote{9, "Husk kvitteringene"}, "notat", 0, "1001");
    f.apply(commands::AddNote{12, "Annet tiltak"}, "notat", 5, "1002");
    f.apply(commands::AddNote{9, "Purr Namdal"}, "notat", 10, "1002");
    const auto notes = f.state.notes({9});
    REQUIRE(notes.size() == 2);
    CHECK(notes.at(0).text == "Purr Namdal");
    CHECK(notes.at(0).by.name == "Ola Dunk");
    CHECK(notes.at(1).text == "Husk kvitteringene");
    CHECK(notes.at(1).at == change_time(0));
    CHECK(f.state.notes({9, 12}).size() == 3);
    CHECK(f.state.notes({}).empty());
}

TEST_CASE("a private chat is known once the person wrote to the bot privately", "[work_state][handover]") {
    WorkStateFixture f;
    CHECK_FALSE(f.state.knows_private_chat("telegram", "1001"));
    f.directory.remember_chat({"telegram", "1001", "private", ""}, change_time());
    f.directory.remember_chat({"telegram", "-100", "group", "Kasserere"}, change_time());
    CHECK(f.state.knows_private_chat("telegram", "1001"));
    CHECK_FALSE(f.state.knows_private_chat("telegram", "-100"));
}
