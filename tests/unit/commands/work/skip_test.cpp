// /hopp: an occurrence closed as skipped with a reason, as a member sees it: the reply,
// /oppgaver without it, /angre opening it again, and the year report's «hoppet over».
#include <catch2/catch.hpp>

#include "commands/report/report.hpp"
#include "tests/support/chat_fixture.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using test::contains;

}  // namespace

TEST_CASE("/hopp closes the current deadline with its reason, and /oppgaver no longer shows it", "[hopp]") {
    test::ChatFixture f("2026-03-20T10:00");
    CHECK(contains(f.say(f.kari, "/oppgaver"), "9 Følge opp partiskatt"));
    const std::string reply = f.say(f.kari, "/hopp 9 ingen inntekter dette kvartalet");
    CHECK(contains(reply, "hoppet over: ingen inntekter dette kvartalet."));
    REQUIRE(f.state.done.size() == 1);
    CHECK(f.state.done.front().skipped);
    CHECK(f.state.done.front().comment == "ingen inntekter dette kvartalet");
    CHECK(f.state.log.back().action == "skipped");
    CHECK_FALSE(contains(f.say(f.kari, "/oppgaver"), "9 Følge opp partiskatt — 31. mars"));
    CHECK(contains(f.say(f.kari, "/hopp 9 likevel"), "er allerede hoppet over av Kari Nordmann"));
}

TEST_CASE("/hopp without a reason asks for one and stores nothing", "[hopp]") {
    test::ChatFixture f("2026-03-20T10:00");
    const std::string reply = f.say(f.kari, "/hopp 9");
    CHECK(contains(reply, "Hvorfor skal"));
    CHECK(contains(reply, "«/hopp 9 ikke relevant i år»"));
    CHECK(f.state.done.empty());
    CHECK(contains(f.say(f.kari, "/hopp"), "Skriv nummeret på oppgaven og hvorfor"));
}

TEST_CASE("/hopp needs the same right as /ferdig", "[hopp]") {
    test::ChatFixture f("2026-03-20T10:00");
    CHECK(contains(f.say(f.per, "/hopp 9 ikke relevant"), "kan bare hoppes over av Kasserer (Kari Nordmann)"));
    CHECK(f.state.done.empty());
    CHECK(contains(f.say(f.anne, "/hopp 9 ikke relevant"), "hoppet over"));  // an admin may
}

TEST_CASE("/angre after /hopp opens the deadline again", "[hopp]") {
    test::ChatFixture f("2026-03-20T10:00");
    f.say(f.kari, "/hopp 9 ikke relevant i år");
    CHECK(contains(f.say(f.kari, "/angre 9"), "er åpen igjen"));
    CHECK(f.state.done.empty());
    CHECK(contains(f.state.log.back().description, "var hoppet over av Kari Nordmann"));
    CHECK(contains(f.say(f.kari, "/oppgaver"), "9 Følge opp partiskatt"));
}

TEST_CASE("the year report lists a skipped deadline as «hoppet over» with its reason, apart from done", "[hopp]") {
    test::ChatFixture f("2026-03-20T10:00");
    f.say(f.kari, "/hopp 9 ingen inntekter");
    f.now("2026-06-29T10:00");
    f.say(f.kari, "/ferdig 9 betalt inn");
    const std::string report =
        year_report(f.context.plan, f.state, 2026, date::year(2026) / 7 / 1, test::oslo(), ReportFormat::chat);
    CHECK(contains(report, "1 hoppet over"));
    CHECK(contains(report, "• Hoppet over: frist 31.3. (20.3. av Kari Nordmann – «ingen inntekter»)"));
    CHECK(contains(report, "• Ferdig: frist 30.6. (29.6. av Kari Nordmann – «betalt inn»)"));
    const std::string csv =
        year_report(f.context.plan, f.state, 2026, date::year(2026) / 7 / 1, test::oslo(), ReportFormat::csv);
    CHECK(contains(csv, "2026-03-31,hoppet over,Kari Nordmann"));
}
