// The questions ("hva skjer …", "hvem har ansvar for …", "når er …") read the same
// state as the commands: the plan with every admin's /frist and /ansvar laid over it and
// the tasks added with /ny. Asked through the router on a fresh database's first day.
#include <catch2/catch.hpp>

#include "tests/support/chat_fixture.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;

}  // namespace

TEST_CASE("a period question and når er show a moved deadline at its new date with its new ansvarlig",
          "[questions]") {
    test::ChatFixture f("2026-12-06T10:00");
    f.say(f.anne, "/frist 28 15.10.2027");
    f.say(f.anne, "/ansvar 28 kasserer");
    const std::string october = f.say(f.per, "hva skjer i oktober 2027");
    INFO(october);
    CHECK(contains(october, "Fredag 15. oktober\n  • nr. 28 Ringeaksjon til medlemmer som ikke har betalt (Kasserer)"));
    CHECK_FALSE(contains(october, "Søndag 31. oktober\n  • nr. 28"));
    CHECK_FALSE(contains(october, "nr. 28 Ringeaksjon til medlemmer som ikke har betalt (ansvarlig mangler"));
    CHECK(contains(f.say(f.per, "når er ringeaksjonen"), "neste frist fredag 15. oktober 2027"));
    // /frister and the question agree.
    CHECK(contains(f.say(f.per, "/frister oktober 2027"), "28 Ringeaksjon til medlemmer som ikke har betalt — 15. oktober 2027"));
}

TEST_CASE("a moved date and an assigned role reach hvem har ansvar", "[questions]") {
    test::ChatFixture f("2026-12-06T10:00");
    f.say(f.anne, "/frist 27 1.9.2027");
    f.say(f.anne, "/ansvar 27 au");
    const std::string who = f.say(f.per, "hvem har ansvar for nr. 27");
    INFO(who);
    CHECK(contains(who, "Ansvarlig: AU\n"));
    CHECK(contains(who, "neste frist onsdag 1. september 2027"));
    CHECK_FALSE(contains(who, "mangler i planen"));
    const std::string september = f.say(f.per, "hva skjer i september 2027");
    CHECK(contains(september, "Onsdag 1. september\n  • nr. 27 Valgvaker rundt om i fylket (AU)"));
    CHECK_FALSE(contains(september, "Mandag 13. september\n  • nr. 27"));
}

TEST_CASE("a task added with /ny is in the questions' answers as in /frister", "[questions]") {
    test::ChatFixture f("2026-12-06T10:00");
    f.say(f.anne, "/ny kasserer 9.12.2026 Bestille revisor");
    const std::string week = f.say(f.per, "hva skjer neste uke");
    INFO(week);
    CHECK(contains(week, "Onsdag 9. desember\n  • nr. 101 Bestille revisor (Kasserer)"));
    CHECK_FALSE(contains(week, "Ingen frister"));
    const std::string who = f.say(f.per, "hvem har ansvar for nr. 101");
    CHECK(contains(who, "Nr. 101 Bestille revisor\nAnsvarlig: Kasserer"));
    CHECK(contains(who, "onsdag 9. desember 2026"));
}

TEST_CASE("a task number that does not exist is said to, not guessed", "[questions]") {
    test::ChatFixture f("2026-12-06T10:00");
    const std::string reply = f.say(f.per, "hvem har ansvar for nr. 77");
    INFO(reply);
    CHECK(contains(reply, "Det finnes ikke noe tiltak nr. 77 i planen (1–43)"));
    CHECK_FALSE(contains(reply, "nr. 9"));
    // Without a database, the plan alone answers the same.
    f.context.state = nullptr;
    CHECK(contains(commands::answer("hvem har ansvar for tiltak 50", f.context),
                   "Det finnes ikke noe tiltak nr. 50 i planen (1–43)"));
}
