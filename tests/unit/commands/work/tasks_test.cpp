// Tasks and their occurrences: the plan's schedules expanded over 2025–2028, per-unit
// tasks, the admins' edits laid over the plan, and who answers for what.
#include <catch2/catch.hpp>

#include <algorithm>

#include "commands/work/tasks.hpp"
#include "config/plan_loader.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot::commands;
using planbot::config::RoleRef;
using planbot::test::MemoryState;
using planbot::test::shipped_plan;
using date::year_month_day;

namespace {

using planbot::test::ymd;

Task plan_task(int number, const std::vector<ResponsibilityEdit>& edits = {}) {
    const auto* tiltak = shipped_plan().find_tiltak(number);
    REQUIRE(tiltak != nullptr);
    return task_of(shipped_plan(), *tiltak, edits);
}

std::vector<Occurrence> all_of(int number, const std::vector<DeadlineEdit>& edits = {}) {
    return all_occurrences(shipped_plan(), plan_task(number), edits);
}

std::vector<std::string> keys_of(const std::vector<Occurrence>& list) {
    std::vector<std::string> out;
    for (const Occurrence& o : list) out.push_back(o.id.unit.empty() ? o.id.key : o.id.unit + "/" + o.id.key);
    return out;
}

std::vector<year_month_day> dates_of(const std::vector<Occurrence>& list) {
    std::vector<year_month_day> out;
    for (const Occurrence& o : list) out.push_back(o.due);
    return out;
}

std::vector<int> years_of(const std::vector<Occurrence>& list) {
    std::vector<int> out;
    for (const Occurrence& o : list) out.push_back(static_cast<int>(o.due.year()));
    return out;
}

const Occurrence* find_key(const std::vector<Occurrence>& list, const std::string& key, const std::string& unit = "") {
    auto found = std::ranges::find_if(list, [&](const Occurrence& o) { return o.id.key == key && o.id.unit == unit; });
    return found == list.end() ? nullptr : &*found;
}

std::string label(int number, const Occurrence& occurrence) {
    return occurrence_label(shipped_plan(), plan_task(number), occurrence);
}

}  // namespace

TEST_CASE("fixed dates become one occurrence each, keyed by year and month", "[tasks]") {
    auto list = all_of(16);  // innen 1. juni 2025 og 2027
    CHECK(keys_of(list) == std::vector<std::string>{"2025-6", "2027-6"});
    CHECK(dates_of(list) == std::vector{ymd(2025, 6, 1), ymd(2027, 6, 1)});
    CHECK_FALSE(list[0].moved);
    CHECK(list[0].id.task == 16);
}

TEST_CASE("yearly tasks give one occurrence per day per year", "[tasks]") {
    auto once = all_of(10);  // 31 December every year
    CHECK(keys_of(once) == std::vector<std::string>{"2025-12", "2026-12", "2027-12", "2028-12"});
    CHECK(once[1].due == ymd(2026, 12, 31));

    auto three = all_of(15);  // 8 March, 1 May and 5 June
    CHECK(three.size() == 12);
    const Occurrence* may = find_key(three, "2026-5");
    REQUIRE(may != nullptr);
    CHECK(may->due == ymd(2026, 5, 1));
    CHECK(all_of(8).size() == 8);  // 30 June and 31 December
}

TEST_CASE("month, monthly and quarterly tasks fall on the last day of the month", "[tasks]") {
    auto board = all_of(6);  // ten meetings a year, not July or December
    CHECK(board.size() == 40);
    const Occurrence* august = find_key(board, "2026-8");
    REQUIRE(august != nullptr);
    CHECK(august->due == ymd(2026, 8, 31));
    CHECK(std::ranges::none_of(board, [](const Occurrence& o) { return o.due.month() == date::July; }));

    const auto annual_meetings = all_of(5);  // kept: find_key points into it
    auto feb = find_key(annual_meetings, "2028-2");  // årsmøte in February of a leap year
    REQUIRE(feb != nullptr);
    CHECK(feb->due == ymd(2028, 2, 29));

    CHECK(all_of(41).size() == 48);  // every month
    auto quarterly = all_of(9);
    CHECK(quarterly.size() == 16);
    CHECK(find_key(quarterly, "2026-6")->due == ymd(2026, 6, 30));
    CHECK(find_key(quarterly, "2026-12")->due == ymd(2026, 12, 31));
}

TEST_CASE("admin-dated and ongoing tasks have no occurrences until an admin adds a date", "[tasks]") {
    CHECK(all_of(7).empty());   // before each fylkesting meeting
    CHECK(all_of(22).empty());  // before each landsstyre meeting
    CHECK(all_of(25).empty());  // ongoing
    CHECK(all_of(40).empty());

    std::vector<DeadlineEdit> edits = {{{7, "", "+2026-05-12"}, ymd(2026, 5, 12)},
                                       {{7, "", "+2026-10-20"}, ymd(2026, 10, 20)}};
    auto list = all_of(7, edits);
    CHECK(keys_of(list) == std::vector<std::string>{"+2026-05-12", "+2026-10-20"});
    CHECK(list[0].moved);
    CHECK(label(7, list[0]) == "12. mai 2026");
}

TEST_CASE("election-year tasks only fall in 2025 and 2027", "[tasks]") {
    for (int number : {2, 17, 18, 21, 27}) {
        INFO("tiltak " << number);
        CHECK(years_of(all_of(number)) == std::vector<int>{2025, 2027});
    }
    CHECK(find_key(all_of(17), "2027-4")->due == ymd(2027, 4, 30));
    CHECK(find_key(all_of(27), "2027-9")->due == ymd(2027, 9, 13));
}

TEST_CASE("the range is clamped to the plan period and filters by date", "[tasks]") {
    const auto& plan = shipped_plan();
    CHECK(occurrences(plan, plan_task(10), {}, ymd(2020, 1, 1), ymd(2040, 1, 1)).size() == 4);
    auto june = occurrences(plan, plan_task(9), {}, ymd(2026, 6, 1), ymd(2026, 6, 30));
    CHECK(keys_of(june) == std::vector<std::string>{"2026-6"});
    CHECK(occurrences(plan, plan_task(9), {}, ymd(2026, 7, 1), ymd(2026, 6, 30)).empty());
    CHECK(occurrences(plan, plan_task(9), {}, ymd(2029, 1, 1), ymd(2029, 12, 31)).empty());
}

TEST_CASE("per-region, per-committee and per-chapter tasks get one occurrence per unit", "[tasks]") {
    const auto& plan = shipped_plan();
    auto regions = all_of(3);
    CHECK(regions.size() == 7 * 4);
    const Occurrence* innherred = find_key(regions, "2026-12", "innherred");
    REQUIRE(innherred != nullptr);
    CHECK(innherred->due == ymd(2026, 12, 31));
    CHECK(label(3, *innherred) == "Innherred 2026");
    // Same date: in the plan's order of units.
    CHECK(regions[0].id.unit == "fjellregionen");
    CHECK(regions[6].id.unit == "trondheim");

    auto committees = all_of(4);
    CHECK(committees.size() == 3 * 4);
    CHECK(label(4, committees[0]) == "Fagligpolitisk utvalg 2025");

    size_t municipalities = 0;
    for (const auto& region : plan.regions) municipalities += region.municipalities.size();
    CHECK(units_of(plan, planbot::config::Scope::lokallag).size() == municipalities);
    CHECK(all_of(12).size() == municipalities * 4);
    auto chapters = all_of(38);
    CHECK(chapters.size() == municipalities * 4);
    const Occurrence* gauldal = find_key(chapters, "2027-12", "Midtre Gauldal");
    REQUIRE(gauldal != nullptr);
    CHECK(label(38, *gauldal) == "Midtre Gauldal 2027");
    CHECK(units_of(plan, planbot::config::Scope::none).empty());
}

TEST_CASE("a per-unit occurrence is the unit's role's, together with the unscoped roles", "[tasks]") {
    const auto& plan = shipped_plan();
    CHECK(responsible_for(plan, plan_task(3), "innherred") ==
          std::vector<RoleRef>{{"regionleder", "innherred"}, {"fylkessekretaer", ""}});
    CHECK(responsible_for(plan, plan_task(4), "kvinnepolitisk") ==
          std::vector<RoleRef>{{"utvalgsleder", "kvinnepolitisk"}, {"fylkessekretaer", ""}});
    CHECK(responsible_for(plan, plan_task(38), "Oppdal") ==
          std::vector<RoleRef>{{"lokallagsstyre", "Oppdal"}, {"fylkessekretaer", ""}});
    // Tiltak 12 is per chapter but done by the county: nobody is narrowed.
    CHECK(responsible_for(plan, plan_task(12), "Oppdal") ==
          std::vector<RoleRef>{{"fylkesstyret", ""}, {"fylkessekretaer", ""}});
    // Not per unit: the roles as they are.
    CHECK(responsible_for(plan, plan_task(34), "") ==
          std::vector<RoleRef>{{"fylkesstyret", ""}, {"utvalgsleder", "fagligpolitisk"}});
}

TEST_CASE("a holder answers for the role, and a unit holder only for that unit", "[tasks]") {
    RoleRef innherred{"regionleder", "innherred"};
    CHECK(answers_for(innherred, {"regionleder", "innherred"}));
    CHECK(answers_for(innherred, {"regionleder", ""}));
    CHECK_FALSE(answers_for(innherred, {"regionleder", "namdalen"}));
    CHECK_FALSE(answers_for({"regionleder", ""}, innherred));
    CHECK_FALSE(answers_for({"kasserer", ""}, {"fylkesleder", ""}));
    CHECK(answers_for_any({{"kasserer", ""}, innherred}, {{"fylkessekretaer", ""}, {"regionleder", "innherred"}}));
    CHECK_FALSE(answers_for_any({{"kasserer", ""}}, {{"fylkessekretaer", ""}, {"regionleder", "innherred"}}));
    CHECK_FALSE(answers_for_any({}, {{"kasserer", ""}}));
}

TEST_CASE("weekly tasks use ISO weeks, also across a year boundary", "[tasks]") {
    const auto& plan = shipped_plan();
    // 28 December 2026 .. 3 January 2027 is week 53 of 2026.
    auto monday = occurrences(plan, plan_task(30), {}, ymd(2026, 12, 28), ymd(2027, 1, 3));
    REQUIRE(monday.size() == 1);
    CHECK(monday[0].id.key == "2026-W53");
    CHECK(monday[0].due == ymd(2026, 12, 28));
    CHECK(label(30, monday[0]) == "uke 53 2026");

    auto friday = occurrences(plan, plan_task(42), {}, ymd(2026, 12, 28), ymd(2027, 1, 3));
    REQUIRE(friday.size() == 1);
    CHECK(friday[0].id.key == "2026-W53");
    CHECK(friday[0].due == ymd(2027, 1, 1));

    auto next = occurrences(plan, plan_task(30), {}, ymd(2027, 1, 4), ymd(2027, 1, 10));
    CHECK(keys_of(next) == std::vector<std::string>{"2027-W01"});
    CHECK(label(30, next[0]) == "uke 1 2027");

    // The plan starts on a Wednesday: the first Friday is in week 1, the first Monday in week 2.
    CHECK(all_of(42).front().id.key == "2025-W01");
    CHECK(all_of(42).front().due == ymd(2025, 1, 3));
    CHECK(all_of(30).front().id.key == "2025-W02");
    CHECK(all_of(30).back().due == ymd(2028, 12, 25));
    CHECK(all_of(30).size() == 208);
}

TEST_CASE("a moved occurrence keeps its key and counts by its new date", "[tasks]") {
    const auto& plan = shipped_plan();
    std::vector<DeadlineEdit> edits = {{{9, "", "2026-6"}, ymd(2026, 7, 15)}};
    auto list = all_of(9, edits);
    CHECK(list.size() == 16);
    const Occurrence* moved = find_key(list, "2026-6");
    REQUIRE(moved != nullptr);
    CHECK(moved->due == ymd(2026, 7, 15));
    CHECK(moved->moved);
    CHECK(label(9, *moved) == "2. kvartal 2026");  // named by its key, not its new date
    CHECK_FALSE(find_key(list, "2026-9")->moved);
    CHECK(std::ranges::is_sorted(dates_of(list)));

    CHECK(occurrences(plan, plan_task(9), edits, ymd(2026, 6, 1), ymd(2026, 6, 30)).empty());
    CHECK(keys_of(occurrences(plan, plan_task(9), edits, ymd(2026, 7, 1), ymd(2026, 7, 31))) ==
          std::vector<std::string>{"2026-6"});
    // Moved into the range from another year.
    std::vector<DeadlineEdit> early = {{{10, "", "2027-12"}, ymd(2026, 3, 1)}};
    CHECK(keys_of(occurrences(plan, plan_task(10), early, ymd(2026, 1, 1), ymd(2026, 6, 30))) ==
          std::vector<std::string>{"2027-12"});
    CHECK(occurrences(plan, plan_task(10), early, ymd(2027, 1, 1), ymd(2027, 12, 31)).empty());
}

TEST_CASE("edits for occurrences that do not exist are ignored", "[tasks]") {
    std::vector<DeadlineEdit> edits = {
        {{9, "", "2026-5"}, ymd(2026, 7, 1)},             // no quarter ends in May
        {{9, "", "2031-1"}, ymd(2026, 7, 1)},             // outside the plan
        {{9, "innherred", "2026-3"}, ymd(2026, 7, 1)},    // not a per-unit task
        {{3, "", "2026-12"}, ymd(2026, 7, 1)},             // per-unit task without unit
        {{3, "atlantis", "2026-12"}, ymd(2026, 7, 1)},     // no such unit
        {{10, "", "2026-12"}, ymd(2026, 7, 1)},           // another task's edit
        {{9, "", "2026-W05"}, ymd(2026, 7, 1)},           // not weekly
    };
    CHECK(dates_of(all_of(9, edits)) == dates_of(all_of(9)));
    CHECK(dates_of(all_of(3, edits)) == dates_of(all_of(3)));
    CHECK(std::ranges::none_of(all_of(9, edits), [](const Occurrence& o) { return o.moved; }));

    std::vector<DeadlineEdit> weekly = {
        {{30, "", "2027-W53"}, ymd(2027, 7, 1)},            // 2027 has 52 weeks
        {{30, "", "2026-W5"}, ymd(2026, 7, 1)},             // keys are zero-padded
        {{30, "", "2026-W2147483647"}, ymd(2026, 7, 1)},
        {{30, "", "2026-1"}, ymd(2026, 7, 1)},              // a weekly task's keys are weeks
    };
    CHECK(dates_of(all_of(30, weekly)) == dates_of(all_of(30)));
}

TEST_CASE("a per-unit occurrence is moved or added for its unit alone", "[tasks]") {
    std::vector<DeadlineEdit> edits = {{{3, "innherred", "2026-12"}, ymd(2026, 9, 1)},
                                       {{3, "namdalen", "+2026-04-01"}, ymd(2026, 4, 1)}};
    auto list = all_of(3, edits);
    CHECK(list.size() == 7 * 4 + 1);
    CHECK(find_key(list, "2026-12", "innherred")->due == ymd(2026, 9, 1));
    CHECK(find_key(list, "2026-12", "namdalen")->due == ymd(2026, 12, 31));
    const Occurrence* added = find_key(list, "+2026-04-01", "namdalen");
    REQUIRE(added != nullptr);
    CHECK(label(3, *added) == "Namdalen 1. april 2026");
}

TEST_CASE("a weekly occurrence can be moved by its week", "[tasks]") {
    std::vector<DeadlineEdit> edits = {{{30, "", "2026-W53"}, ymd(2026, 12, 30)}};
    auto list = occurrences(shipped_plan(), plan_task(30), edits, ymd(2026, 12, 28), ymd(2027, 1, 3));
    REQUIRE(list.size() == 1);
    CHECK(list[0].due == ymd(2026, 12, 30));
    CHECK(list[0].moved);
}

TEST_CASE("a moved date survives a corrected plan file, and the other dates follow the file", "[tasks]") {
    auto text = planbot::config::read_text_file(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml", "plan");
    REQUIRE(text.has_value());
    // Tiltak 20: "innen 31. mars" corrected to 15 March, and a second date in September added.
    const std::string before = R"(days = ["03-31"], description = "hvert år, før valgkampen)";
    const size_t at = text->find(before);
    REQUIRE(at != std::string::npos);
    std::string corrected = *text;
    corrected.replace(at, before.size(), R"(days = ["03-15", "09-30"], description = "hvert år, før valgkampen)");
    auto plan = planbot::config::parse_plan(corrected, "corrected.toml");
    REQUIRE(plan.has_value());

    std::vector<DeadlineEdit> edits = {{{20, "", "2026-3"}, ymd(2026, 5, 20)}};
    const auto* tiltak = plan->find_tiltak(20);
    REQUIRE(tiltak != nullptr);
    auto list = all_occurrences(*plan, task_of(*plan, *tiltak, {}), edits);
    REQUIRE(list.size() == 8);
    CHECK(find_key(list, "2025-3")->due == ymd(2025, 3, 15));
    CHECK(find_key(list, "2025-9")->due == ymd(2025, 9, 30));
    const Occurrence* moved = find_key(list, "2026-3");
    REQUIRE(moved != nullptr);
    CHECK(moved->due == ymd(2026, 5, 20));
    CHECK(moved->moved);
    CHECK(find_key(list, "2027-3")->due == ymd(2027, 3, 15));
    CHECK_FALSE(find_key(list, "2027-3")->moved);
    // The shipped file still says 31 March for the years not moved.
    CHECK(all_of(20, edits)[0].due == ymd(2025, 3, 31));
}

TEST_CASE("tasks without ansvarlig fall back to the county board until someone is assigned", "[tasks]") {
    for (int number : {27, 28}) {
        Task task = plan_task(number);
        INFO("tiltak " << number);
        CHECK(task.ansvarlig_missing);
        CHECK(task.roles == std::vector<RoleRef>{{"fylkesstyret", ""}});
    }
    Task assigned = plan_task(28, {{28, {"kasserer", ""}}, {27, {"au", ""}}});
    CHECK_FALSE(assigned.ansvarlig_missing);
    CHECK(assigned.roles == std::vector<RoleRef>{{"kasserer", ""}});
}

TEST_CASE("an assigned role is added to the plan's roles once", "[tasks]") {
    Task task = plan_task(10, {{10, {"au", ""}}, {10, {"kasserer", ""}}, {10, {"au", ""}}, {11, {"su", ""}}});
    CHECK(task.roles == std::vector<RoleRef>{{"kasserer", ""}, {"au", ""}});
    CHECK_FALSE(task.ansvarlig_missing);
    CHECK(task.title == "Øke inntekter fra støttegiro");
    CHECK(task.number == 10);
    CHECK(task.tiltak != nullptr);
    CHECK(plan_task(3).per == planbot::config::Scope::region);
}

TEST_CASE("tasks are found by number: the plan's, and those added in the chat", "[tasks]") {
    const auto& plan = shipped_plan();
    MemoryState state;
    state.responsibility.push_back({27, {"au", ""}});
    state.added.push_back({101, {"kasserer", ""}, "Bestille kaffe 🙂", ymd(2026, 12, 3)});

    auto first = find_task(plan, state, 1);
    REQUIRE(first.has_value());
    CHECK(first->title == "Bygge organisasjon i valgkampen 2025");
    auto election_night = find_task(plan, state, 27);
    REQUIRE(election_night.has_value());
    CHECK(election_night->roles == std::vector<RoleRef>{{"au", ""}});
    CHECK(find_task(plan, state, 43).has_value());
    for (int missing : {0, -1, 44, 100, 102}) CHECK_FALSE(find_task(plan, state, missing).has_value());

    auto added = find_task(plan, state, 101);
    REQUIRE(added.has_value());
    CHECK(added->tiltak == nullptr);
    CHECK(added->title == "Bestille kaffe 🙂");
    CHECK(added->roles == std::vector<RoleRef>{{"kasserer", ""}});
    CHECK(added->per == planbot::config::Scope::none);
    CHECK(added->added_date == ymd(2026, 12, 3));
}

TEST_CASE("an added task has one occurrence at its date, or where an admin moved it", "[tasks]") {
    const auto& plan = shipped_plan();
    Task task = task_of(AddedTask{105, {"regionleder", "innherred"}, "Stand på torget", ymd(2026, 12, 3)});
    auto list = all_occurrences(plan, task, {});
    REQUIRE(list.size() == 1);
    CHECK(list[0].id == OccurrenceId{105, "", ""});
    CHECK(list[0].due == ymd(2026, 12, 3));
    CHECK_FALSE(list[0].moved);
    CHECK(occurrence_label(plan, task, list[0]) == "3. desember 2026");
    CHECK(occurrences(plan, task, {}, ymd(2027, 1, 1), ymd(2027, 12, 31)).empty());

    auto moved = all_occurrences(plan, task, {{{105, "", ""}, ymd(2027, 1, 8)}});
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].due == ymd(2027, 1, 8));
    CHECK(moved[0].moved);
    CHECK(responsible_for(plan, task, "") == std::vector<RoleRef>{{"regionleder", "innherred"}});
}

TEST_CASE("occurrences are named the way people say them", "[tasks]") {
    CHECK(label(9, *find_key(all_of(9), "2026-3")) == "1. kvartal 2026");
    CHECK(label(6, *find_key(all_of(6), "2026-3")) == "mars 2026");
    CHECK(label(41, *find_key(all_of(41), "2027-12")) == "desember 2027");
    CHECK(label(10, *find_key(all_of(10), "2026-12")) == "2026");
    CHECK(label(8, *find_key(all_of(8), "2026-6")) == "30. juni 2026");
    CHECK(label(16, *find_key(all_of(16), "2027-6")) == "1. juni 2027");
    CHECK(label(15, *find_key(all_of(15), "2026-3")) == "8. mars 2026");
}
