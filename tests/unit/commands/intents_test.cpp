// The small intents (intents.hpp): greetings and thanks, help, a tiltak by number, who
// holds a role, what a role does; each only when the whole message is one.
#include <catch2/catch.hpp>

#include "tests/support/chat_fixture.hpp"

using namespace planbot;
using planbot::test::at;
using planbot::test::contains;

TEST_CASE("greetings and thanks get a short friendly answer, in private a greeting says what the bot can do") {
    const commands::Context context = at("2026-12-06T10:00");
    for (const char* text : {"hei", "Heisann!", "god morgen", "hallo 👋", "hei hei planbot"}) {
        INFO(text);
        const std::string reply = commands::answer(text, context);
        CHECK(reply.starts_with("Hei! Jeg er planbot"));
        CHECK(contains(reply, "«hva skjer i mai»"));
    }
    for (const char* text : {"takk", "tusen takk", "takk for hjelpa", "tusen takk skal du ha", "takker 🙏"}) {
        INFO(text);
        CHECK(commands::answer(text, context) == "Bare hyggelig! Spør igjen når du lurer på noe.");
    }
}

TEST_CASE("in a group a greeting is answered only when the bot is addressed, and shortly") {
    const commands::Context context = at("2026-12-06T10:00");
    commands::Event event;
    event.chat_id = "-100";
    event.chat_kind = commands::ChatKind::group;
    event.text = "hei alle sammen";
    CHECK(commands::handle(event, context).replies.empty());
    event.text = "@planbot hei";
    event.addressed_to_bot = true;
    const commands::Outcome outcome = commands::handle(event, context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(outcome.replies[0].text.starts_with("Hei! Spør meg om arbeidsplanen"));
}

TEST_CASE("a greeting with a question is the question") {
    const commands::Context context = at("2026-12-06T10:00");
    CHECK(commands::answer("hei, når er landsmøtet?", context) == "• Landsmøte: i mars 2027. Planen setter ingen dag.");
    CHECK(commands::answer("takk, og hva skjer i mai", context).starts_with("Dette skjer i mai 2027"));
}

TEST_CASE("help is understood in bokmål, nynorsk and dialect") {
    const commands::Context context = at("2026-12-06T10:00");
    for (const char* text : {"hva kan du?", "ka kan du", "kva kan du hjelpe meg med", "hvordan bruker jeg deg",
                             "hjelp", "hjlep"}) {
        INFO(text);
        CHECK(commands::answer(text, context) == commands::help_text(context));
    }
    CHECK(commands::answer("kan du ikke svare?", context).starts_with("Det skjønte jeg ikke helt."));
}

TEST_CASE("a tiltak by its number, however it is asked, is what it is, its ansvarlig and next deadline") {
    const commands::Context context = at("2026-11-28T10:00");
    const std::string expected = "Nr. 9 Følge opp innbetaling av partiskatt\nAnsvarlig: Kasserer og gruppeledere\n"
                                 "Når: hvert kvartal, neste frist torsdag 31. desember 2026";
    for (const char* text : {"9", "nr 9", "nr. 9", "nummer 9", "9?", "tiltak 9", "hva er 9", "fortell om tiltak 9",
                             "ka e nr 9", "kva er tiltak nr 9", "hva går tiltak 9 ut på", "#9"}) {
        INFO(text);
        CHECK(commands::answer(text, context) == expected);
    }
    CHECK(commands::answer("tiltak 77", context).starts_with("Det finnes ikke noe tiltak nr. 77 i planen (1–43)"));
    // Numbers that are part of something else are not a tiltak.
    CHECK_FALSE(commands::answer("hva skjer i uke 9", context).starts_with("Nr. 9"));
    CHECK_FALSE(commands::answer("9 og 10", context).starts_with("Nr. 9"));
    CHECK_FALSE(commands::answer("2027", context).starts_with("Nr."));
}

TEST_CASE("who holds a role is read from the state, or said to need it") {
    test::ChatFixture f("2026-12-06T10:00");
    f.state.holdings.push_back({{"regionleder", "innherred"}, f.per});
    CHECK(f.say(f.per, "hvem er kasserer") == "Kasserer: Kari Nordmann.");
    CHECK(f.say(f.per, "kem e kassereren?") == "Kasserer: Kari Nordmann.");
    CHECK(f.say(f.per, "hvem er leder for Innherred") == "Regionleder Innherred: Per.");
    CHECK(f.say(f.per, "hvem er regionleder") == "Regionleder Innherred: Per.");
    CHECK(f.say(f.per, "hvem sitter i AU").starts_with("Ingen har rollen AU ennå."));
    CHECK(f.say(f.per, "hvem er fylkessekretær").starts_with("Ingen har rollen Fylkessekretær ennå."));
    f.context.state = nullptr;
    CHECK(commands::answer("hvem er kasserer", f.context).starts_with("Dette trenger databasen"));
}

TEST_CASE("what a role does lists the tiltak it answers for, with the admins' /ansvar") {
    test::ChatFixture f("2026-12-06T10:00");
    std::string reply = f.say(f.per, "hva gjør kassereren");
    INFO(reply);
    CHECK(reply.starts_with("Kasserer har ansvar for 2 tiltak i planen:\n• nr. 9 Følge opp partiskatt – hvert kvartal"));
    CHECK(contains(reply, "\n• nr. 10 "));
    f.say(f.anne, "/ansvar 28 kasserer");
    CHECK(f.say(f.per, "hva gjør kassereren").starts_with("Kasserer har ansvar for 3 tiltak i planen:"));
    CHECK(f.say(f.per, "kva gjer au").starts_with("AU har ansvar for "));
    f.context.state = nullptr;
    CHECK(commands::answer("hva skal kassereren gjøre", f.context).starts_with("Kasserer har ansvar for 2 tiltak"));
}
