// What the plan's secretary sees when the plan file changes: the comparison of two
// plans (wheel events, deadlines, who is responsible, from today on) and /plan, which
// only an admin may use to have the file read again.
#include "tests/support/chat_fixture.hpp"

#include "commands/work/plan_changes.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;
using date::year_month_day;

using planbot::test::ymd;

config::Tiltak& tiltak(config::Plan& plan, int number) {
    auto found = std::ranges::find(plan.tiltak, number, &config::Tiltak::number);
    REQUIRE(found != plan.tiltak.end());
    return *found;
}

config::WheelEvent& event(config::Plan& plan, std::string_view id) {
    auto found = std::ranges::find(plan.wheel, id, &config::WheelEvent::id);
    REQUIRE(found != plan.wheel.end());
    return *found;
}

}  // namespace

TEST_CASE("the same plan twice changes nothing") {
    const config::Plan& plan = test::shipped_plan();
    const commands::PlanChanges changes = commands::compare_plans(plan, plan, nullptr, ymd(2026, 1, 1));
    CHECK(changes.empty());
}

TEST_CASE("a moved wheel event, a moved deadline and a new responsible role are each listed once") {
    const config::Plan& before = test::shipped_plan();
    config::Plan after = before;
    event(after, "fylkesarsmote").month = 3;
    config::Tiltak& partiskatt = tiltak(after, 9);
    partiskatt.schedule.kind = config::ScheduleKind::yearly;
    partiskatt.schedule.days = {{3, 24}, {6, 30}, {9, 30}, {12, 31}};
    config::Tiltak& stottegiro = tiltak(after, 10);
    stottegiro.ansvarlig = {{"fylkessekretaer", ""}};
    stottegiro.ansvarlig_text = "Fylkessekretær";

    // From 1 June 2027: of tiltak 9, only 31 March 2028 is still ahead.
    const commands::PlanChanges changes = commands::compare_plans(before, after, nullptr, ymd(2027, 6, 1));
    REQUIRE(changes.wheel.size() == 1);
    CHECK(changes.wheel[0].title == "Fylkesårsmøte");
    CHECK(changes.wheel[0].month_before == 2);
    CHECK(changes.wheel[0].month_after == 3);
    REQUIRE(changes.deadlines.size() == 1);
    CHECK(changes.deadlines[0].task == 9);
    CHECK(*changes.deadlines[0].before == ymd(2028, 3, 31));
    CHECK(*changes.deadlines[0].after == ymd(2028, 3, 24));
    REQUIRE(changes.responsible.size() == 1);
    CHECK(changes.responsible[0].task == 10);
    CHECK(changes.responsible[0].after == "Fylkessekretær");

    commands::PlanReload reload;
    reload.loaded = true;
    reload.changes = changes;
    const std::string text = commands::plan_reload_text(reload);
    CHECK(contains(text, "• Fylkesårsmøte: februar → mars"));
    CHECK(contains(text, "• Tiltak 9 Følge opp partiskatt: frist 31.3.2028 → 24.3.2028"));
    CHECK(contains(text, "ansvarlig «Kasserer» → «Fylkessekretær»"));
}

TEST_CASE("a per-lokallag deadline that moves for every chapter is one line that counts them") {
    const config::Plan& before = test::shipped_plan();
    config::Plan after = before;
    auto per_unit = std::ranges::find_if(after.tiltak, [](const config::Tiltak& t) {
        return t.per != config::Scope::none && t.schedule.kind == config::ScheduleKind::yearly;
    });
    REQUIRE(per_unit != after.tiltak.end());
    for (config::MonthDay& day : per_unit->schedule.days) day.day = std::max(1, day.day - 1);
    const commands::PlanChanges changes = commands::compare_plans(before, after, nullptr, ymd(2025, 1, 1));
    REQUIRE_FALSE(changes.deadlines.empty());
    for (const commands::DeadlineChange& change : changes.deadlines) {
        CHECK(change.task == per_unit->number);
        CHECK(change.units > 1);
        CHECK(change.occurrences.size() == static_cast<size_t>(change.units));
    }
}

TEST_CASE("a wheel event added to the plan and one taken off are named") {
    const config::Plan& before = test::shipped_plan();
    config::Plan after = before;
    after.wheel.push_back({"sommerfest", "Sommerfest", 6, 20, {2027, 2028}, {}, ""});
    const std::string removed = after.wheel.front().title;
    after.wheel.erase(after.wheel.begin());
    commands::PlanReload reload{true, "", commands::compare_plans(before, after, nullptr, ymd(2027, 1, 1)), 0};
    const std::string text = commands::plan_reload_text(reload);
    CHECK(contains(text, "• Nytt i årshjulet: Sommerfest (20. juni, 2027 og 2028)"));
    CHECK(contains(text, "• Fjernet fra årshjulet: " + removed));
}

TEST_CASE("/plan last inn is an admin's: a member is refused, an admin's asks the bot to read the file") {
    test::ChatFixture chat("2026-12-06T10:00");
    CHECK(contains(chat.say(chat.per, "/plan last inn"), "bare en admin kan laste inn planen på nytt"));

    const commands::Event event = test::private_message(chat.anne, "/plan last inn");
    const commands::Outcome outcome = commands::handle(event, chat.context);
    CHECK(outcome.reload_plan);
    CHECK(outcome.changes.empty());
    for (const char* wording : {"/plan les inn", "/planen last inn", "/plan oppdater", "/plan last inn på nytt"})
        CHECK(commands::handle(test::private_message(chat.anne, wording), chat.context).reload_plan);

    const std::string about = chat.say(chat.anne, "/plan");
    CHECK(contains(about, "2025–2028"));
    CHECK(contains(about, "/plan last inn"));
    CHECK_FALSE(commands::handle(test::private_message(chat.anne, "/plan slett"), chat.context).reload_plan);
    CHECK(contains(chat.say(chat.anne, "/plan slett"), "Jeg skjønte ikke «slett»"));
}
