// The ✅ Ferdig button on reminders: who may press it, what the press is answered, how
// the reminder is edited, and that it stops the reminders of that occurrence.
#include <catch2/catch.hpp>

#include "commands/reminders/planner.hpp"
#include "commands/work/work_commands.hpp"
#include "tests/support/kasserer_fixture.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

const OccurrenceId kPartiskatt{9, "", "2026-3"};
const std::string kReminder = "⏰ Påminnelse: nr. 9 Følge opp partiskatt (1. kvartal 2026) har frist tirsdag 31. mars.";

// Tuesday 17 March 2026, 10:00 in Oslo (see KassererFixture for the people). The reminder
// was sent to the kasserer group -100 as message 55.
struct DoneButtonFixture : test::KassererFixture {
    DoneButtonFixture() : KassererFixture("2026-03-17T10:00") {}

    Event press(const Person& by, const OccurrenceId& id) const {
        Event event;
        event.platform = "telegram";
        event.chat_id = "-100";
        event.chat_kind = ChatKind::group;
        event.user_id = by.user_id;
        event.user_name = by.name;
        event.button = Event::ButtonPress{"cb1", done_button_data(id), "55", kReminder};
        return event;
    }
};

// The answer to press "cb1", and the edit of message "55" (the pressed reminder).
const Reply* answer_of(const Outcome& outcome) {
    for (const Reply& reply : outcome.replies)
        if (const auto* answer = std::get_if<AnswerButton>(&reply.kind); answer && answer->press_id == "cb1")
            return &reply;
    return nullptr;
}

const Reply* edit_of(const Outcome& outcome) {
    for (const Reply& reply : outcome.replies)
        if (const auto* edit = std::get_if<EditMessage>(&reply.kind); edit && edit->message_id == "55") return &reply;
    return nullptr;
}

TEST_CASE("a holder's press confirms the occurrence and edits the reminder to say who did", "[done_button]") {
    DoneButtonFixture f;
    const Outcome outcome = handle_done_button(f.press(f.kari, kPartiskatt), f.context);
    REQUIRE(outcome.changes.size() == 1);
    const auto* complete = std::get_if<Complete>(&outcome.changes[0].change);
    REQUIRE(complete);
    CHECK(complete->id == kPartiskatt);
    CHECK(outcome.changes[0].description == "Nr. 9 Følge opp partiskatt (1. kvartal 2026) meldt ferdig");
    const Reply* answer = answer_of(outcome);
    REQUIRE(answer);
    CHECK(answer->text == "✅ Registrert. Takk!");
    const Reply* edit = edit_of(outcome);
    REQUIRE(edit);
    CHECK(edit->chat_id == "-100");
    CHECK(edit->text == kReminder + "\n\n✅ Ferdig – meldt av Kari Nordmann 17. mars");
}

TEST_CASE("an admin may press the button too", "[done_button]") {
    DoneButtonFixture f;
    CHECK(handle_done_button(f.press(f.anne, kPartiskatt), f.context).changes.size() == 1);
}

// What a refused press is answered: the same whatever the data names (it may be forged).
const std::string kNotYours =
    "Bare den som har ansvar for denne oppgaven, eller en admin, kan melde den ferdig her. Dine egne oppgaver ser du "
    "med /oppgaver.";

TEST_CASE("someone not allowed is told who may, and nothing changes", "[done_button]") {
    DoneButtonFixture f;
    const Outcome outcome = handle_done_button(f.press(f.per, kPartiskatt), f.context);
    CHECK(outcome.changes.empty());
    CHECK_FALSE(edit_of(outcome));
    const Reply* answer = answer_of(outcome);
    REQUIRE(answer);
    CHECK(answer->text == kNotYours);
}

TEST_CASE("a refused press tells nothing of who confirmed or skipped it, or whether it exists", "[done_button]") {
    DoneButtonFixture f;
    Outcome skip;
    skip.changes.push_back({Skip{kPartiskatt, "ingen inntekter i kvartalet"}, "hoppet over"});
    f.state.apply(skip, f.kari, f.context.now);
    for (const OccurrenceId& id : {kPartiskatt, OccurrenceId{9, "", "2031-3"}, OccurrenceId{150, "", ""}}) {
        const Outcome outcome = handle_done_button(f.press(f.per, id), f.context);
        CHECK(outcome.changes.empty());
        REQUIRE(outcome.replies.size() == 1);
        CHECK(outcome.replies[0].text == kNotYours);
    }
}

TEST_CASE("a second press says who confirmed it and changes nothing", "[done_button]") {
    DoneButtonFixture f;
    f.state.apply(handle_done_button(f.press(f.kari, kPartiskatt), f.context), f.kari, f.context.now);
    const Outcome again = handle_done_button(f.press(f.anne, kPartiskatt), f.context);
    CHECK(again.changes.empty());
    REQUIRE(answer_of(again));
    CHECK(answer_of(again)->text == "Allerede meldt ferdig av Kari Nordmann 17. mars.");
    REQUIRE(edit_of(again));
    CHECK(edit_of(again)->text == kReminder + "\n\n✅ Ferdig – meldt av Kari Nordmann 17. mars");

    // A reminder already showing it is not edited again.
    Event shown = f.press(f.anne, kPartiskatt);
    shown.button->message_text = edit_of(again)->text;
    CHECK_FALSE(edit_of(handle_done_button(shown, f.context)));
}

TEST_CASE("a press on a reminder whose deadline was skipped with /hopp says so and leaves it unmarked",
          "[done_button][hopp]") {
    DoneButtonFixture f;
    Outcome skip;
    skip.changes.push_back({Skip{kPartiskatt, "ingen inntekter i kvartalet"}, "hoppet over"});
    f.state.apply(skip, f.kari, f.context.now);
    const Outcome outcome = handle_done_button(f.press(f.anne, kPartiskatt), f.context);
    CHECK(outcome.changes.empty());
    CHECK_FALSE(edit_of(outcome));
    REQUIRE(answer_of(outcome));
    CHECK(answer_of(outcome)->text ==
          "Denne er hoppet over (/hopp) av Kari Nordmann 17. mars: «ingen inntekter i kvartalet». Den er ikke meldt "
          "ferdig. Skriv «/angre 9» hvis den skal gjøres likevel.");
}

TEST_CASE("a press for an occurrence that no longer exists is answered so to whoever may know", "[done_button]") {
    DoneButtonFixture f;
    // Kari answers for task 9; an admin for anything.
    for (const Person* by : {&f.kari, &f.anne}) {
        const Outcome outcome = handle_done_button(f.press(*by, OccurrenceId{9, "", "2031-3"}), f.context);
        CHECK(outcome.changes.empty());
        REQUIRE(outcome.replies.size() == 1);
        CHECK(outcome.replies[0].text == "Denne oppgaven finnes ikke lenger.");
    }
    // A task that does not exist, or data that names none, is no one's but an admin's to hear of.
    Event garbled = f.press(f.kari, kPartiskatt);
    garbled.button->data = "nonsense";
    CHECK(answer_of(handle_done_button(garbled, f.context))->text == kNotYours);
    CHECK(answer_of(handle_done_button(f.press(f.kari, OccurrenceId{150, "", ""}), f.context))->text == kNotYours);
    garbled.user_id = f.anne.user_id;
    CHECK(answer_of(handle_done_button(garbled, f.context))->text == "Denne oppgaven finnes ikke lenger.");
}

TEST_CASE("a confirmation by button tells the other channels of the task", "[done_button]") {
    DoneButtonFixture f;
    f.state.channel_list.push_back({"gruppeledere", "", "telegram", "-200", "", "Gruppeledere"});
    const Outcome outcome = handle_done_button(f.press(f.kari, kPartiskatt), f.context);
    bool posted = false;
    for (const Reply& reply : outcome.replies)
        if (reply.chat_id == "-200") {
            posted = true;
            CHECK(reply.text == "✅ Nr. 9 Følge opp partiskatt (1. kvartal 2026) er meldt ferdig av Kari Nordmann.");
        }
    CHECK(posted);
}

TEST_CASE("after the press the occurrence gets no more reminders", "[done_button]") {
    DoneButtonFixture f;
    config::ReminderSettings settings;
    auto three_days_before = test::oslo()->to_sys(date::local_days{date::year(2026) / 3 / 28} + std::chrono::hours(9));
    auto reminders_of_9 = [&] {
        size_t count = 0;
        for (const PlannedMessage& message :
             due_messages(test::shipped_plan(), f.state, settings, test::oslo(),
                          date::floor<std::chrono::seconds>(three_days_before) - std::chrono::minutes(1),
                          date::floor<std::chrono::seconds>(three_days_before), "telegram", {"1"}))
            if (message.occurrence == kPartiskatt) ++count;
        return count;
    };
    CHECK(reminders_of_9() == 1);
    f.state.apply(handle_done_button(f.press(f.kari, kPartiskatt), f.context), f.kari, f.context.now);
    CHECK(reminders_of_9() == 0);
}

}  // namespace
