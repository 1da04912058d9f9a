// The same question however it is typed, help and fallbacks, and when the bot
// speaks in a group at all.
#include "test_support.hpp"

#include "commands/router.hpp"

using namespace planbot;
using planbot::test::at;
using planbot::test::contains;

TEST_CASE("hva skjer i mai is understood however it is typed") {
    const commands::Context context = at("2026-11-28T10:00");
    const std::string expected = commands::answer("hva skjer i mai", context);
    REQUIRE(expected.starts_with("Dette skjer i mai 2027"));
    for (const char* variant : {"Hva skjer i mai?", "HVA SKJER I MAI", "hva skjer i Mai ?", "/hva skjer i mai",
                                "@planbot hva skjer i mai", "hva skjer i mai @planbot", "kva skjer i mai",
                                "ka skjer i mai", "Ka skjer i mai?", "hva skjer i mai 2027", "hva skjer i mia",
                                "hva skjer i maj", "hva er det som skjer i mai", "ka som skjer i mai",
                                "  hva   skjer  i  mai  ", "mai"}) {
        INFO(variant);
        CHECK(commands::answer(variant, context) == expected);
    }
}

TEST_CASE("month abbreviations are understood") {
    const commands::Context context = at("2026-11-28T10:00");
    const std::pair<const char*, const char*> cases[] = {
        {"hva skjer i jan", "januar 2027"}, {"hva skjer i feb", "februar 2027"}, {"hva skjer i mars", "mars 2027"},
        {"hva skjer i apr", "april 2027"},  {"hva skjer i aug", "august 2027"},  {"hva skjer i sep", "september 2027"},
        {"hva skjer i sept", "september 2027"}, {"hva skjer i okt", "oktober 2027"},
        {"hva skjer i nov", "november 2026"},   {"hva skjer i des", "desember 2026"},
    };
    for (const auto& [question, month] : cases) {
        INFO(question);
        CHECK(commands::answer(question, context).starts_with(std::string("Dette skjer i ") + month));
    }
}

TEST_CASE("relative periods are understood in bokmål, nynorsk and dialect") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hva skjer neste måned", context).starts_with("Dette skjer i desember 2026"));
    CHECK(commands::answer("kva skjer denne månaden", context).starts_with("Dette skjer i november 2026"));
    CHECK(commands::answer("hva skjer i dag", context).starts_with("I dag, lørdag 28. november 2026:"));
    CHECK(commands::answer("hva skjer i morgen", context).starts_with("I morgen, søndag 29. november 2026:"));
    CHECK(commands::answer("ka skjer denne uka", context).starts_with("Denne uka (uke 48"));
    CHECK(commands::answer("hva skjer denne uken", context).starts_with("Denne uka (uke 48"));
    CHECK(commands::answer("ka skjer neste uke", context).starts_with("Neste uke (uke 49"));
    CHECK(commands::answer("kva skjer i helga", context).starts_with("Helga (28.–29. november 2026)"));
}

TEST_CASE("a typo that fits two months gets a question back") {
    CHECK(commands::answer("hva skjer i jui", at("2026-11-28T10:00")) ==
          "Mente du juni eller juli? Skriv for eksempel «hva skjer i juni».");
}

TEST_CASE("hjelp lists what the bot understands with examples") {
    const commands::Context context = at("2026-11-28T10:00");
    for (const char* question : {"/hjelp", "hjelp", "Hjelp!", "/hjelp@planbot", "/start", "hva kan du?"}) {
        INFO(question);
        std::string reply = commands::answer(question, context);
        CHECK(contains(reply, "hva skjer i mai"));
        CHECK(contains(reply, "når er fylkesårsmøtet?"));
        CHECK(contains(reply, "hvem har ansvar for partiskatt?"));
    }
}

TEST_CASE("anything not understood gets a short reply with two examples, never silence") {
    const commands::Context context = at("2026-11-28T10:00");
    const std::string inputs[] = {"bla bla", "hei", "?", "🙂🙂", "\xff\xfe\xc3", "når er", "hvem har ansvar",
                                  std::string(5000, 'a'), "hva skjer i qwertyuiop", "når er zzz", "1. 2. 3.",
                                  "hvem har ansvar for zzz"};
    for (const std::string& input : inputs) {
        INFO(input.substr(0, 40));
        std::string reply = commands::answer(input, context);
        CHECK_FALSE(reply.empty());
        CHECK(reply.size() < 400);
    }
    CHECK(commands::answer("bla bla", context) ==
          "Det skjønte jeg ikke helt. Prøv for eksempel «hva skjer i mai» eller «når er fylkesårsmøtet?». "
          "Skriv «hjelp» for flere eksempler.");
}

TEST_CASE("in a group the bot answers only when spoken to or asked what is happening") {
    const commands::Context context = at("2026-11-28T10:00");
    commands::Event event;
    event.chat_id = "-100";
    event.chat_kind = commands::ChatKind::group;
    event.text = "hei alle, når er fylkesårsmøtet?";
    CHECK(commands::handle(event, context).replies.empty());
    event.text = "kaffe i mai?";
    CHECK(commands::handle(event, context).replies.empty());
    event.text = "ka skjer i mai";
    REQUIRE(commands::handle(event, context).replies.size() == 1);
    CHECK(commands::handle(event, context).replies[0].chat_id == "-100");
    event.text = "når er fylkesårsmøtet?";
    event.addressed_to_bot = true;
    CHECK(commands::handle(event, context).replies.size() == 1);
}

TEST_CASE("in a private chat the bot answers everything") {
    commands::Event event;
    event.chat_id = "42";
    event.text = "hei";
    auto outcome = commands::handle(event, at("2026-11-28T10:00"));
    REQUIRE(outcome.replies.size() == 1);
    CHECK(outcome.replies[0].chat_id == "42");
}
