// The same question however it is typed, help and fallbacks, and when the bot
// speaks in a group at all.
#include "tests/support/test_support.hpp"

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
                                  "hvem har ansvar for zzz", "hvem har ansvar for " + std::string(100000, 'x'),
                                  "hva skjer med mat", "mai 28"};
    for (const std::string& input : inputs) {
        INFO(input.substr(0, 40));
        std::string reply = commands::answer(input, context);
        CHECK(reply.size() < 300);
        // Says what it did not understand, and shows at least two examples to copy.
        size_t examples = 0;
        for (size_t at = reply.find("«"); at != std::string::npos; at = reply.find("«", at + 1)) ++examples;
        CHECK(examples >= 2);
        CHECK(reply.find("xxxxxxxx") == std::string::npos);  // never echoes the input back
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

TEST_CASE("a year in the question is used, not ignored") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hva skjer i mai 2028", context).starts_with("Dette skjer i mai 2028"));
    CHECK(commands::answer("hva skjer i mai 1900", context) ==
          "Planen gjelder 2025–2028, så jeg vet ikke hva som skjer i mai 1900.");
}

TEST_CASE("a numbered week is that week, the next one not yet over or in the year given") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hva skjer i uke 12", context).starts_with("Uke 12 (22.–28. mars 2027):"));
    CHECK(commands::answer("hva skjer i uke 49", context).starts_with("Uke 49 (30. november – 6. desember 2026):"));
    CHECK(commands::answer("hva skjer i uke 2 2028", context).starts_with("Uke 2 (10.–16. januar 2028):"));
}

TEST_CASE("christmas is julaften to nyttårsdag, and ordinary words are not read as months") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hva skjer til jul", context).starts_with("Jula (24. desember 2026 – 1. januar 2027):"));
    CHECK(commands::answer("ka skjer i jula", context).starts_with("Jula (24. desember 2026 – 1. januar 2027):"));
    CHECK_FALSE(commands::answer("hva skjer med mat", context).starts_with("Dette skjer"));
}

TEST_CASE("years and spans in words: i år, neste år, i fjor, om en uke") {
    const commands::Context context = at("2026-03-10T10:00");
    CHECK(commands::answer("hva skjer i år", context).starts_with("Årshjulet 2026:"));
    CHECK(commands::answer("hva skjer neste år", context).starts_with("Årshjulet 2027 (valgår):"));
    CHECK(commands::answer("hva skjer i mai neste år", context).starts_with("Dette skjer i mai 2027"));
    CHECK(commands::answer("hva skjedde i mars i fjor", context).starts_with("Dette skjedde i mars 2025"));
    CHECK(commands::answer("hva skjer om en uke", context).starts_with("Om én uke (uke 12,"));
    CHECK(commands::answer("kva skjer komande veke", context).starts_with("Neste uke (uke 12,"));
}

TEST_CASE("a day word is today only with i: arbeidernes dag is 1. mai") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hva skjer på arbeidernes dag", context) ==
          "• 1. mai: lørdag 1. mai 2027 (deretter mandag 1. mai 2028).");
    CHECK(commands::answer("hva skjer idag", context).starts_with("I dag, lørdag 28. november 2026:"));
}

TEST_CASE("a number that is not a time makes the bot ask instead of guessing") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hva skjer i mai 28", context).starts_with("Jeg skjønte ikke hvilken tid du mener."));
    CHECK(commands::answer("hva skjer 45.5", context).starts_with("Jeg skjønte ikke hvilken tid du mener."));
}

TEST_CASE("når is understood anywhere in the question, and a bare event name works") {
    const commands::Context context = at("2026-11-28T10:00");
    const std::string expected = "• Landsmøte: i mars 2027. Planen setter ingen dag.";
    for (const char* question : {"hei! når er landsmøtet?", "vet du når landsmøtet er", "kan du si når landsmøtet er?",
                                 "dato for landsmøtet", "landsmøtet?"}) {
        INFO(question);
        CHECK(commands::answer(question, context) == expected);
    }
}

TEST_CASE("in a group a greeting or a question for someone else gets no answer") {
    const commands::Context context = at("2026-11-28T10:00");
    commands::Event event;
    event.chat_id = "-100";
    event.chat_kind = commands::ChatKind::group;
    for (const char* text : {"ka skjer?", "hva skjer med deg", "ka skjer'a?", "@kari hva skjer i mai"}) {
        INFO(text);
        event.text = text;
        CHECK(commands::handle(event, context).replies.empty());
    }
    event.text = "@planbot hva skjer i mai";  // the adapter marks this addressed; the text alone also qualifies
    CHECK(commands::handle(event, context).replies.size() == 1);
}
