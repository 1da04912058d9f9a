// /paminnelser, /pause and /fortsett against an in-memory state, at fixed Oslo times.
#include <catch2/catch.hpp>

#include <algorithm>

#include "commands/command_line.hpp"
#include "commands/reminders/reminder_commands.hpp"
#include "commands/language/dates.hpp"
#include "commands/router.hpp"
#include "config/settings.hpp"
#include "tests/support/kasserer_fixture.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

// Tuesday 10 March 2026 (see KassererFixture for the people).
struct ReminderCommandsFixture : test::KassererFixture {
    explicit ReminderCommandsFixture(const std::string& now = "2026-03-10T12:00") : KassererFixture(now) {}

    Event message(const Person& from, std::string text) const {
        Event event;
        event.platform = "telegram";
        event.chat_id = from.user_id;
        event.user_id = from.user_id;
        event.user_name = from.name;
        event.text = std::move(text);
        event.addressed_to_bot = true;
        return event;
    }

    Outcome run(const Person& from, const std::string& text) const {
        std::optional<Command> command = read_command(text);
        REQUIRE(command);
        std::optional<Outcome> outcome = handle_reminder_command(message(from, text), context, *command);
        REQUIRE(outcome);
        REQUIRE(outcome->replies.size() == 1);
        return *outcome;
    }
};

TEST_CASE("/paminnelser lists the caller's next reminders with when and where", "[reminder_commands]") {
    ReminderCommandsFixture f;
    const Outcome outcome = f.run(f.kari, "/paminnelser");
    const std::string& text = outcome.replies[0].text;
    CHECK(text.starts_with("Dine neste påminnelser:\n"));
    CHECK(contains(text, "• tirsdag 17. mars kl. 09.00: nr. 9 Følge opp partiskatt (1. kvartal 2026) – i «Kasserere»"));
    CHECK(outcome.changes.empty());
}

TEST_CASE("/paminnelser works without reminder settings in the context", "[reminder_commands]") {
    ReminderCommandsFixture f;
    config::ReminderSettings settings;
    settings.send_minute = 10 * 60;
    CHECK(contains(f.run(f.kari, "/paminnelser").replies[0].text, "kl. 09.00"));
    f.context.reminders = &settings;
    CHECK(contains(f.run(f.kari, "/paminnelser").replies[0].text, "kl. 10.00"));
}

TEST_CASE("someone without a role is told why they get no reminders", "[reminder_commands]") {
    ReminderCommandsFixture f;
    CHECK(contains(f.run(f.per, "/paminnelser").replies[0].text, "Du har ingen roller ennå"));
}

TEST_CASE("admins see everyone's next reminders", "[reminder_commands]") {
    ReminderCommandsFixture f;
    const std::string text = f.run(f.anne, "/paminnelser").replies[0].text;
    CHECK(text.starts_with("Neste påminnelser (alle):"));
    // Nobody holds AU (among others), so those reminders reach the admins as one «Ingen mottaker» list.
    CHECK(contains(text, "• tirsdag 17. mars kl. 09.00: liste over 8 påminnelser uten mottaker – privat til deg\n"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 12);  // ten reminders, then how to see the next ones
}

TEST_CASE("«påminnelser» without the slash reaches the command", "[reminder_commands]") {
    ReminderCommandsFixture f;
    const Outcome outcome = handle(f.message(f.kari, "påminnelser"), f.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(outcome.replies[0].text.starts_with("Dine neste påminnelser:"));
}

TEST_CASE("an admin pauses reminders until a date and resumes them", "[reminder_commands]") {
    ReminderCommandsFixture f;
    Outcome paused = f.run(f.anne, "/pause 20.3.2026");
    REQUIRE(paused.changes.size() == 1);
    const auto* change = std::get_if<PauseReminders>(&paused.changes[0].change);
    REQUIRE(change);
    CHECK(change->until == date::year(2026) / 3 / 20);
    CHECK(paused.changes[0].description == "Påminnelser satt på pause til og med 20.3.2026");
    CHECK(contains(paused.replies[0].text, "⏸ Påminnelsene er satt på pause til og med fredag 20. mars"));
    f.state.apply(paused, f.anne, f.context.now);

    const std::string listing = f.run(f.kari, "/paminnelser").replies[0].text;
    CHECK(listing.starts_with("⏸ Påminnelsene er satt på pause til og med fredag 20. mars."));
    CHECK_FALSE(contains(listing, "17. mars"));  // it comes after the pause instead

    Outcome resumed = f.run(f.anne, "/fortsett");
    REQUIRE(resumed.changes.size() == 1);
    CHECK(std::get<PauseReminders>(resumed.changes[0].change).until == std::nullopt);
    f.state.apply(resumed, f.anne, f.context.now);
    CHECK(f.run(f.anne, "/fortsett").changes.empty());
}

TEST_CASE("/pause refuses dates in the past, outside the plan and without a date", "[reminder_commands]") {
    ReminderCommandsFixture f;
    CHECK(f.run(f.anne, "/pause 1.3.2026").changes.empty());
    CHECK(contains(f.run(f.anne, "/pause 1.3.2029").replies[0].text, "etter planperioden"));
    CHECK(contains(f.run(f.anne, "/pause").replies[0].text, "/pause 24.3.2026"));
    CHECK(contains(f.run(f.anne, "/pause 31.2.2026").replies[0].text, "finnes ikke"));
}

TEST_CASE("only admins may pause and resume reminders", "[reminder_commands]") {
    ReminderCommandsFixture f;
    const Outcome pause = f.run(f.kari, "/pause 20.3.2026");
    CHECK(pause.changes.empty());
    CHECK(contains(pause.replies[0].text, "bare en admin"));
    f.state.paused = date::year(2026) / 3 / 20;
    const Outcome resume = f.run(f.kari, "/fortsett");
    CHECK(resume.changes.empty());
    CHECK(contains(resume.replies[0].text, "bare en admin"));
}

TEST_CASE("other commands are not the reminder commands'", "[reminder_commands]") {
    ReminderCommandsFixture f;
    CHECK_FALSE(handle_reminder_command(f.message(f.kari, "/ferdig 9"), f.context, *read_command("/ferdig 9")));
}

TEST_CASE("/paminnelser side 2 shows the next ten, and each page says how to get the next", "[reminder_commands]") {
    ReminderCommandsFixture f;
    const std::string first = f.run(f.anne, "/paminnelser").replies[0].text;
    CHECK(contains(first, "skriv «/påminnelser side 2»"));
    const std::string second = f.run(f.anne, "/påminnelser side 2").replies[0].text;
    CHECK(second.starts_with("Neste påminnelser (alle), side 2:\n• "));
    CHECK(std::count(second.begin(), second.end(), '\n') >= 2);
    // No reminder is on both pages.
    size_t line = second.find("\n• ");
    while (line != std::string::npos) {
        const size_t end = second.find('\n', line + 1);
        CHECK_FALSE(contains(first, second.substr(line, end - line)));
        line = end == std::string::npos ? end : second.find("\n• ", end);
    }
    const std::string beyond = f.run(f.anne, "/paminnelser side 400").replies[0].text;
    INFO(beyond);
    CHECK(contains(beyond, "Det er bare "));
    CHECK(contains(beyond, "«/påminnelser side "));
}

TEST_CASE("/paminnelser says what it did not understand instead of ignoring it", "[reminder_commands]") {
    ReminderCommandsFixture f;
    const std::string text = f.run(f.kari, "/paminnelser for AU").replies[0].text;
    CHECK(contains(text, "Jeg skjønte ikke «for AU»"));
    CHECK(contains(text, "/påminnelser side 2"));
}

TEST_CASE("the /pause example is never a day that has been", "[reminder_commands]") {
    for (const char* now : {"2026-03-10T12:00", "2026-12-06T10:00", "2028-06-30T10:00"}) {
        INFO(now);
        ReminderCommandsFixture f(now);
        const date::year_month_day today = local_today(f.context);
        const std::string usage = f.run(f.anne, "/pause").replies[0].text;
        const date::year_month_day in_two_weeks(date::sys_days(today) + date::days(14));
        const std::string example = "«/pause " + short_date(in_two_weeks) + "»";
        CHECK(contains(usage, example));
        CHECK(contains(help_text(f.context), "/pause 6.8.,"));
    }
}

}  // namespace
