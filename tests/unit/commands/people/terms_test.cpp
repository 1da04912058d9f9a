// Role terms, handovers and notes as members see them: /rolle gi … til <dato> and its
// default (the next county annual meeting), /roller showing terms, the handover a new
// holder gets, /notat and /overlevering.
#include <catch2/catch.hpp>

#include "commands/router.hpp"
#include "tests/support/chat_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using test::contains;

using planbot::test::ymd;

const Holding* holding_of(const test::MemoryState& state, const Person& person, std::string_view role) {
    for (const Holding& holding : state.holdings)
        if (holding.person.user_id == person.user_id && holding.role.role_id == role) return &holding;
    return nullptr;
}

}  // namespace

TEST_CASE("/rolle gi … til <dato> gives the role for a term, shown in /roller and /mineroller", "[terms]") {
    test::ChatFixture f("2027-01-10T10:00");
    const std::string reply = f.say(f.anne, "/rolle gi au @kari til 15.3.2027");
    CHECK(contains(reply, "Kari Nordmann har fått rollen AU til 15. mars 2027."));
    const Holding* au = holding_of(f.state, f.kari, "au");
    REQUIRE(au);
    CHECK(au->term_end == ymd(2027, 3, 15));
    CHECK(contains(f.say(f.per, "/roller"), "AU: Kari Nordmann (til 15. mars 2027)"));
    CHECK(contains(f.say(f.kari, "/mineroller"), "AU til 15. mars 2027"));
}

TEST_CASE("without a date a county role lasts until the next fylkesårsmøte, and the reply says the day is a guess",
          "[terms]") {
    test::ChatFixture f("2027-01-10T10:00");
    const std::string reply = f.say(f.anne, "/rolle gi fylkesleder @kari");
    CHECK(contains(reply, "har fått rollen Fylkesleder til 28. februar 2027"));
    CHECK(contains(reply, "årshjulet har ikke dagen, så jeg har satt siste dag i måneden"));
    CHECK(holding_of(f.state, f.kari, "fylkesleder")->term_end == ymd(2027, 2, 28));
    // A chapter's role ends at the chapters' annual meetings (January).
    f.say(f.anne, "/rolle gi lokallagsleder Oppdal @kari");
    CHECK(holding_of(f.state, f.kari, "lokallagsleder")->term_end == ymd(2027, 1, 31));
    // A role the plan names no meeting for has no end; «til videre» ends none either.
    f.say(f.anne, "/rolle gi stortingsrepresentant @kari");
    CHECK_FALSE(holding_of(f.state, f.kari, "stortingsrepresentant")->term_end);
    CHECK(contains(f.say(f.anne, "/rolle gi fylkesleder @kari til videre"), "har nå rollen Fylkesleder."));
    CHECK_FALSE(holding_of(f.state, f.kari, "fylkesleder")->term_end);
}

TEST_CASE("without a date a county role lasts until the fylkesårsmøte's day set with /dato", "[terms][dato]") {
    test::ChatFixture f("2027-01-10T10:00");
    f.say(f.anne, "/dato fylkesårsmøte 13.2.2027");
    const std::string reply = f.say(f.anne, "/rolle gi fylkesleder @kari");
    CHECK(contains(reply, "har fått rollen Fylkesleder til 13. februar 2027."));
    CHECK_FALSE(contains(reply, "siste dag i måneden"));
    CHECK(holding_of(f.state, f.kari, "fylkesleder")->term_end == ymd(2027, 2, 13));
    // After that day the next year's meeting, known only by month, is the default again.
    f.now("2027-02-14T10:00");
    f.say(f.anne, "/rolle gi au @kari");
    CHECK(holding_of(f.state, f.kari, "au")->term_end == ymd(2028, 2, 29));
}

TEST_CASE("a term's date that cannot be read or has passed is refused, nothing stored", "[terms]") {
    test::ChatFixture f("2027-01-10T10:00");
    CHECK(contains(f.say(f.anne, "/rolle gi au @kari til 31.2.2027"), "finnes ikke"));
    CHECK(contains(f.say(f.anne, "/rolle gi au @kari til 1.1.2027"), "er passert. Ingenting er endret."));
    CHECK(contains(f.say(f.anne, "/rolle gi au @kari til"), "Til når?"));
    CHECK_FALSE(holding_of(f.state, f.kari, "au"));
}

TEST_CASE("a term that has ended no longer counts: /roller says so and the person loses the role's rights",
          "[terms]") {
    test::ChatFixture f("2027-01-10T10:00");
    f.say(f.anne, "/rolle gi kasserer @kari til 20.1.2027");
    CHECK(contains(f.say(f.kari, "/ferdig 9 2027"), "er ferdig"));
    f.now("2027-01-20T10:00");  // the day the term ends
    CHECK(contains(f.say(f.per, "/roller"), "Kasserer: Kari Nordmann (perioden endte 20. januar 2027)"));
    CHECK(contains(f.say(f.kari, "/hopp 9 2027 test"), "kan bare hoppes over av Kasserer (ingen har rollen ennå)"));
}

TEST_CASE("a new holder gets the handover privately: tiltak, open tasks, last year's comments and notes",
          "[terms][handover]") {
    test::ChatFixture f("2026-12-10T10:00");
    f.say(f.kari, "/ferdig 9 betalt inn, men Namdal betalte sent");
    f.say(f.kari, "/notat 9 Purr Namdal i god tid før fristen");
    const Person ola = f.state.add_person("4", "Ola Hansen", "ola");
    f.state.private_chats.emplace_back("telegram", ola.user_id);

    const Event event = test::private_message(f.anne, "/rolle gi kasserer @ola");
    Outcome outcome = handle(event, f.context);
    REQUIRE(outcome.replies.size() == 2);
    CHECK(contains(outcome.replies.front().text, "Overleveringen for Kasserer er sendt til Ola Hansen privat."));
    const Reply& handover = outcome.replies.back();
    CHECK(handover.chat_id == ola.user_id);
    CHECK(contains(handover.text, "📋 Overlevering: Kasserer"));
    CHECK(contains(handover.text, "• 9 Følge opp partiskatt (hvert kvartal)"));
    CHECK(contains(handover.text, "Åpne oppgaver og neste frister:"));
    CHECK(contains(handover.text, "«betalt inn, men Namdal betalte sent»"));
    CHECK(contains(handover.text, "Kari Nordmann 10.12.2026: «Purr Namdal i god tid før fristen»"));
}

TEST_CASE("without a private chat the handover is shown to the giver in private, or explained in a group",
          "[terms][handover]") {
    test::ChatFixture f("2026-12-10T10:00");
    f.state.add_person("4", "Ola Hansen", "ola");
    Outcome in_private = handle(test::private_message(f.anne, "/rolle gi au @ola"), f.context);
    REQUIRE(in_private.replies.size() == 2);
    CHECK(in_private.replies.back().chat_id == test::private_message(f.anne, "").chat_id);
    CHECK(contains(in_private.replies.back().text, "📋 Overlevering: AU"));

    Event in_group = test::private_message(f.anne, "/rolle gi fylkesleder @ola");
    in_group.chat_id = "-500";
    in_group.chat_kind = ChatKind::group;
    in_group.addressed_to_bot = true;
    Outcome group = handle(in_group, f.context);
    REQUIRE(group.replies.size() == 1);
    CHECK(contains(group.replies.front().text, "Ola Hansen har ikke skrevet til meg privat ennå"));
    CHECK(contains(group.replies.front().text, "«/overlevering fylkesleder»"));
}

TEST_CASE("/notat stores and shows notes for holders and admins, refuses others, and explains bad input",
          "[terms][notat]") {
    test::ChatFixture f("2026-12-10T10:00");
    CHECK(contains(f.say(f.kari, "/notat 9 Husk kvitteringene"), "Notatet på nr. 9 Følge opp partiskatt er lagret"));
    REQUIRE(f.state.note_list.size() == 1);
    CHECK(f.state.note_list.front().text == "Husk kvitteringene");
    CHECK(f.state.note_list.front().by.user_id == f.kari.user_id);
    CHECK(contains(f.say(f.per, "/notat 9 hei"), "kan bare skrives av Kasserer (Kari Nordmann)"));
    CHECK(contains(f.say(f.anne, "/notat 9 Fra admin"), "er lagret"));
    // The notes are the handover's, and as private as it is.
    CHECK(contains(f.say(f.kari, "/notat 9"), "Kari Nordmann 10.12.2026: «Husk kvitteringene»"));
    const std::string refused = f.say(f.per, "/notat 9");
    CHECK(contains(refused, "notatene på nr. 9 Følge opp partiskatt kan bare ses av Kasserer (Kari Nordmann)"));
    CHECK_FALSE(contains(refused, "kvitteringene"));
    CHECK(contains(f.say(f.kari, "/notat"), "Skriv nummeret på tiltaket og notatet"));
    CHECK(contains(f.say(f.kari, "/notat 999 tekst"), "999"));
    CHECK(contains(f.say(f.kari, "/notat 9 " + std::string(1001, 'x')), "Notatet er for langt (1001 tegn)"));
    CHECK(f.state.note_list.size() == 2);
}

TEST_CASE("/overlevering shows a role's handover to its holders and admins only", "[terms][handover]") {
    test::ChatFixture f("2026-12-10T10:00");
    CHECK(contains(f.say(f.kari, "/overlevering kasserer"), "📋 Overlevering: Kasserer"));
    CHECK(contains(f.say(f.anne, "/overlevering kassereren"), "📋 Overlevering: Kasserer"));
    CHECK(contains(f.say(f.per, "/overlevering kasserer"), "kan bare ses av den som har rollen, eller en admin"));
    CHECK(contains(f.say(f.kari, "/overlevering"), "Hvilken rolle?"));
    CHECK(contains(f.say(f.anne, "/overlevering regionleder"), "Hvilken?"));
}
