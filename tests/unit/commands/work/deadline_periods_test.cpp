// /frister's period: the periods the questions understand, one day as /frist reads a
// date, the user's own words quoted back when neither fits, and its pages.
#include <catch2/catch.hpp>

#include "commands/command_line.hpp"
#include "commands/work/work_commands.hpp"
#include "tests/support/kasserer_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

// Sunday 6 December 2026 (see KassererFixture for the people).
struct DeadlinePeriodsFixture : test::KassererFixture {
    DeadlinePeriodsFixture() : KassererFixture("2026-12-06T10:00") {}

    std::string say(const std::string& text) const {
        const Event event = test::private_message(per, text);
        std::optional<Command> command = read_command(text);
        REQUIRE(command);
        std::optional<Outcome> outcome = handle_work_command(event, context, *command);
        REQUIRE(outcome);
        REQUIRE(outcome->replies.size() == 1);
        return outcome->replies.front().text;
    }
};

}  // namespace

TEST_CASE("/frister takes one day written as /frist takes a date", "[frister]") {
    DeadlinePeriodsFixture f;
    for (const char* typed : {"/frister 1.6.2027", "/frister 1.6.27", "/frister 1. juni", "/frister 1.6.",
                              "/frister 2027-06-01", "/frister 1 juni 2027"}) {
        INFO(typed);
        const std::string text = f.say(typed);
        CHECK(text.starts_with("Frister for tirsdag 1. juni 2027:"));
        CHECK(contains(text, "\n16 Valgkampmateriell klart — 1. juni 2027"));
        CHECK_FALSE(contains(text, "30. juni"));
    }
    CHECK(f.say("/frister 31.12").starts_with("Frister for torsdag 31. desember 2026:"));
    CHECK(contains(f.say("/frister 31.12"), "9 Følge opp partiskatt — 31. desember"));
}

TEST_CASE("/frister takes a weekday, with or without «neste», as /frist does", "[frister]") {
    DeadlinePeriodsFixture f;
    for (const char* typed : {"/frister neste fredag", "/frister fredag", "/frister på fredag", "/frister Fredag"}) {
        INFO(typed);
        CHECK(contains(f.say(typed), "fredag 11. desember 2026"));
    }
    CHECK(contains(f.say("/frister i morgen"), "mandag 7. desember 2026"));
}

TEST_CASE("/frister quotes what was typed when it understands no period in it", "[frister]") {
    DeadlinePeriodsFixture f;
    const std::string extra = f.say("/frister 1.6.2027 blåbær");
    CHECK(contains(extra, "«1.6.2027 blåbær»"));
    CHECK(contains(f.say("/frister Blåbær-tid!"), "«Blåbær-tid!»"));
    CHECK(contains(f.say("/frister 31.2.2027"), "31.2.2027 finnes ikke: februar 2027 har 28 dager."));
    CHECK(contains(f.say("/frister 1.13.2027"), "det er bare 12 måneder"));
    CHECK(contains(f.say("/frister 30. februar"), "finnes ikke"));
    CHECK(contains(f.say("/frister 2027 Blåbær"), "Jeg skjønte ikke perioden «2027 Blåbær»"));
}
