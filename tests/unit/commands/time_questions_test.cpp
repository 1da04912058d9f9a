// Time expressions as users meet them: the question or /frister, routed like any
// message, answered with the days the words mean (time_expressions.hpp).
#include "tests/support/kasserer_fixture.hpp"
#include "tests/support/test_support.hpp"

#include "commands/router.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;

// A private chat with the bot, with the plan's deadlines, at a local time in Oslo.
struct Chat : test::KassererFixture {
    explicit Chat(const std::string& local_time) : KassererFixture(local_time) {}

    std::string say(const std::string& text, commands::ChatKind kind = commands::ChatKind::private_chat) const {
        commands::Event event;
        event.platform = "telegram";
        event.chat_id = kind == commands::ChatKind::group ? "-100" : per.user_id;
        event.chat_kind = kind;
        event.user_id = per.user_id;
        event.user_name = per.name;
        event.text = text;
        commands::Outcome outcome = commands::handle(event, context);
        return outcome.replies.empty() ? "" : outcome.replies.front().text;
    }
};

}  // namespace

TEST_CASE("easter week is answered with the wheel and deadlines of those days, however it is written") {
    const Chat chat("2027-03-01T10:00");
    const std::string answer = chat.say("ka skjer i påska");
    CHECK(answer.starts_with("Påsken (21.–29. mars 2027):"));
    CHECK(contains(answer, "Landsmøte – i løpet av mars"));
    CHECK_FALSE(contains(answer, "Kvinnedagen"));  // 8 March is before Easter week
    for (const char* variant : {"hva skjer i påsken?", "kva skjer i påskå", "Hva skjer i PÅSKA", "påskeuka"}) {
        INFO(variant);
        CHECK(chat.say(variant) == answer);
    }
    CHECK(chat.say("/frister i påska").starts_with("Frister for påsken (21.–29. mars 2027):"));
}

TEST_CASE("a question without a time is answered for the next two weeks") {
    const Chat chat("2027-03-01T10:00");
    const std::string answer = chat.say("hva skjer?");
    CHECK(answer.starts_with("De neste 14 dagene (1.–14. mars 2027):"));
    CHECK(contains(answer, "mandag 8. mars: Kvinnedagen"));
    CHECK(contains(answer, "nr. 15 Rekruttere medlemmer ved aksjoner"));
}

TEST_CASE("days, seasons and the election reach the user as the days they mean") {
    const Chat chat("2026-12-06T10:00");  // a Sunday
    CHECK(chat.say("kva skjer på tysdag").starts_with("Tirsdag 8. desember 2026:"));
    CHECK(chat.say("hva skjer på søndag").starts_with("Søndag 13. desember 2026:"));
    CHECK(chat.say("hva skjer 14. april").starts_with("Onsdag 14. april 2027:"));
    CHECK(chat.say("hva skjer 5/6").starts_with("Lørdag 5. juni 2027:"));
    CHECK(chat.say("ka skjer i morra").starts_with("I morgen, mandag 7. desember 2026:"));
    const std::string summer = chat.say("hva skjer i sommer");
    CHECK(summer.starts_with("Sommeren (1. juni – 31. august 2027):"));
    CHECK(contains(summer, "nr. 16 Valgkampmateriell klart"));
    const std::string election = chat.say("hva skjer etter valget");
    CHECK(election.starts_with("Tiden etter valget (14. september – 13. oktober 2027):"));
    CHECK(contains(election, "Torsdag 30. september"));
    CHECK(chat.say("hva skjer før jul").starts_with("Tiden før jula (6.–23. desember 2026):"));
    CHECK(chat.say("/frister neste kvartal").starts_with("Frister for neste kvartal (1. januar – 31. mars 2027):"));
    CHECK(chat.say("/frister resten av året").starts_with("Frister for resten av året (6.–31. desember 2026):"));
}

TEST_CASE("the fellesferie is understood as its weeks, in bokmål, nynorsk and dialect") {
    const Chat chat("2027-03-01T10:00");
    const std::string answer = chat.say("hva skjer i fellesferien");
    CHECK(answer.starts_with("Fellesferien (12. juli – 1. august 2027):"));
    for (const char* variant : {"kva skjer i fellesferia?", "ka skjer i fellesferien", "hva skjer i fellesferien 2027"}) {
        INFO(variant);
        CHECK(chat.say(variant) == answer);
    }
}

TEST_CASE("«i fellesferien» follows the fellesferie weeks of the settings (reminders.fellesferie)") {
    Chat chat("2027-03-01T10:00");
    config::ReminderSettings settings;
    settings.fellesferie_first_week = 27;
    settings.fellesferie_last_week = 29;
    chat.context.reminders = &settings;
    CHECK(chat.say("hva skjer i fellesferien").starts_with("Fellesferien (5.–25. juli 2027):"));
    CHECK(chat.say("når er fellesferien").starts_with("Fellesferien 2027: mandag 5. juli – søndag 25. juli"));
    CHECK(chat.say("/frister i fellesferien").starts_with("Frister for fellesferien (5.–25. juli 2027)"));
    // A setting with no fellesferie leaves the questions the nation's weeks 28–30.
    settings.fellesferie_first_week = settings.fellesferie_last_week = 0;
    CHECK(chat.say("hva skjer i fellesferien").starts_with("Fellesferien (12. juli – 1. august 2027):"));
}

TEST_CASE("in a group a question naming a holiday is answered, a bare one is not") {
    const Chat chat("2027-03-01T10:00");
    CHECK(chat.say("ka skjer i påska", commands::ChatKind::group).starts_with("Påsken (21.–29. mars 2027):"));
    CHECK(chat.say("ka skjer?", commands::ChatKind::group).empty());
}

TEST_CASE("a time outside the plan is named as such") {
    const Chat chat("2026-12-06T10:00");
    CHECK(chat.say("hva skjer i påska 2030") ==
          "Planen gjelder 2025–2028, så jeg vet ikke hva som skjer i påsken (14.–22. april 2030).");
}
