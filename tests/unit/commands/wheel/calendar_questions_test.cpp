// Yes/no questions about a period («har vi noe i juni», «er det noe jeg må gjøre denne
// uka») and the calendar's own dates («når er påska»), routed like any message at fixed
// Oslo times around their edges: Easter week 2027, New Year's Eve, a Sunday.
#include "tests/support/chat_fixture.hpp"

#include "commands/router.hpp"
#include "commands/wheel/calendar_questions.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;

}  // namespace

TEST_CASE("har vi noe i juni is answered yes, with what is on in June") {
    test::ChatFixture f("2026-12-06T10:00");
    for (const char* asked : {"har vi noe i juni", "har vi noe i juni?", "har me noko i juni", "har dokker nokka i juni",
                              "har vi noe planlagt i juni", "har vi noe på gang i juni", "er det noe i juni",
                              "skjer det noe i juni", "e det nokka i juni 🤔", "hei, har vi noe i juni"}) {
        INFO(asked);
        const std::string answer = f.say(f.kari, asked);
        CHECK(answer.starts_with("Ja. Dette skjer i juni 2027 (valgår):"));
        CHECK(contains(answer, "Trøndelag SVs miljøpris"));
    }
}

TEST_CASE("a day with nothing dated is answered no, with the month's undated events") {
    test::ChatFixture f("2026-12-06T10:00");  // a Sunday
    const std::string answer = f.say(f.kari, "skjer det nokka på laurdag");
    CHECK(answer.starts_with("Nei, ingen datoer i årshjulet og ingen frister lørdag 12. desember 2026."));
    CHECK(contains(answer, "I løpet av desember (uten fast dag): Juleavslutning"));
    CHECK(f.say(f.kari, "skjer det noe på lørdag") == answer);
}

TEST_CASE("før in a yes/no question is before, not for") {
    test::ChatFixture f("2026-12-06T10:00");
    CHECK(f.say(f.kari, "har vi noe før jul")
              .starts_with("Nei, ingen datoer i årshjulet og ingen frister i tiden før jula (6.–23. desember 2026)."));
}

TEST_CASE("a Sunday asking about Sunday means the next one, not today") {
    test::ChatFixture f("2026-12-06T10:00");  // Sunday 6 December
    CHECK(contains(f.say(f.kari, "skjer det noe på søndag"), "søndag 13. desember 2026"));
    CHECK(contains(f.say(f.kari, "skjer det noe i dag"), "i dag, søndag 6. desember 2026"));
}

TEST_CASE("in Easter week 2027 the Easter asked about is this one until its last day") {
    test::ChatFixture f("2027-03-24T10:00");  // Wednesday in Easter week
    const std::string during = f.say(f.kari, "har vi noe i påska");
    CHECK(contains(during.substr(0, during.find('\n')), "påsken (21.–29. mars 2027)"));
    f.now("2027-03-29T23:30");  // 2. påskedag, late
    CHECK(f.say(f.kari, "når er påsken").starts_with("Påsken 2027: søndag 21. mars – mandag 29. mars"));
    f.now("2027-03-30T00:30");  // the day after
    CHECK(f.say(f.kari, "når er påsken").starts_with("Påsken 2028: søndag 9. april – mandag 17. april"));
}

TEST_CASE("når er påska, pinse and skjærtorsdag answer the calendar's dates, in the year asked") {
    test::ChatFixture f("2026-12-06T10:00");
    CHECK(f.say(f.kari, "når er påsken") ==
          "Påsken 2027: søndag 21. mars – mandag 29. mars (palmesøndag – 2. påskedag).\n"
          "Spør «hva skjer i påsken» for det som skjer i årshjulet da.");
    CHECK(f.say(f.kari, "når er påska neste år").starts_with("Påsken 2027:"));
    CHECK(f.say(f.kari, "når er påska i år").starts_with("Påsken 2026 var søndag 29. mars – mandag 6. april"));
    CHECK(f.say(f.kari, "når var påska i år").starts_with("Påsken 2026 var"));  // «var» is not spring here
    CHECK(f.say(f.kari, "når var påska").starts_with("Påsken 2026 var søndag 29. mars"));
    CHECK(f.say(f.kari, "når er påsken 2028").starts_with("Påsken 2028: søndag 9. april – mandag 17. april"));
    CHECK(f.say(f.kari, "når er pinse").starts_with("Pinsen 2027: lørdag 15. mai – mandag 17. mai"));
    CHECK(f.say(f.kari, "når er skjærtorsdag") == "Skjærtorsdag 2027 er torsdag 25. mars.");
    CHECK(f.say(f.kari, "kor tid e 17. mai") == "17. mai 2027 er en mandag.");
    CHECK(f.say(f.kari, "når er 31.12") == "31. desember 2026 er en torsdag.");
    CHECK(f.say(f.kari, "når er jul").starts_with("Jula 2026: torsdag 24. desember – fredag 1. januar 2027"));
}

TEST_CASE("on New Year's Eve its date is today's, and the day after it is next year's") {
    test::ChatFixture f("2026-12-31T18:00");
    CHECK(f.say(f.kari, "når er nyttårsaften") == "Nyttårsaften 2026 er torsdag 31. desember.");
    f.now("2027-01-01T09:00");
    CHECK(f.say(f.kari, "når er nyttårsaften") == "Nyttårsaften 2027 er fredag 31. desember.");
}

TEST_CASE("an event of the wheel named outright wins over the calendar") {
    test::ChatFixture f("2026-12-06T10:00");
    CHECK(f.say(f.kari, "når er fylkesårsmøtet").starts_with("• Fylkesårsmøte:"));
    CHECK(f.say(f.kari, "når er 1. mai").starts_with("• 1. mai: lørdag 1. mai 2027"));
}

TEST_CASE("er det noe jeg må gjøre answers from the asker's own tasks in the period") {
    test::ChatFixture f("2027-03-29T10:00");  // Kari is kasserer; nr. 9 is due 31 March
    const std::string kari = f.say(f.kari, "er det noe jeg må gjøre denne uka");
    CHECK(kari.starts_with("Ja, du som Kasserer har én oppgave med frist denne uka (uke 13"));
    CHECK(contains(kari, "9 Følge opp"));
    CHECK(f.say(f.kari, "e det nokka æ må gjøre denne veka") == kari);
    CHECK(f.say(f.kari, "er det noe jeg må gjøre i juli") == "Nei, du som Kasserer har ingen oppgaver med frist i juli 2027.");
    // Per holds no role: nothing in the plan is his, and the answer says so.
    CHECK(f.say(f.per, "er det noe jeg må gjøre denne uka").starts_with("Du har ingen roller ennå"));
}

TEST_CASE("a month typo in a yes/no question asks back, other words leave it to the other readers") {
    test::ChatFixture f("2026-12-06T10:00");
    CHECK(f.say(f.kari, "har vi noe i jui").starts_with("Mente du juni eller juli?"));
    const commands::Event meeting = test::private_message(f.kari, "har vi noe møte i juni");
    CHECK_FALSE(commands::answer_existence(meeting, f.context, {"har", "vi", "noe", "mote", "i", "juni"}));
    const commands::Event vague = test::private_message(f.kari, "har vi noe");
    CHECK_FALSE(commands::answer_existence(vague, f.context, {"har", "vi", "noe"}));
    CHECK_FALSE(commands::answer_calendar_date(f.context, "når er fylkesårsmøtet", {"nar", "er", "fylkesarsmotet"}));
}

TEST_CASE("yes/no questions unaddressed in a group stay silent") {
    test::ChatFixture f("2026-12-06T10:00");
    commands::Event event = test::private_message(f.kari, "har vi noe i juni");
    event.chat_id = "-100";
    event.chat_kind = commands::ChatKind::group;
    event.addressed_to_bot = false;
    CHECK(commands::handle(event, f.context).replies.empty());
}
