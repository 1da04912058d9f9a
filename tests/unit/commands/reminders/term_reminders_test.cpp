// Role terms in the reminder planner: the day a term ends without a successor, the
// role's reminders go to the fylkessekretær with «Kasserer mangler etter årsmøtet»; a
// week before, the fylkessekretær is asked once who holds the role next.
#include <catch2/catch.hpp>

#include "commands/reminders/planner.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using test::contains;
using date::year_month_day;
using std::chrono::sys_seconds;

year_month_day ymd(int y, unsigned m, unsigned d) { return date::year(y) / date::month(m) / date::day(d); }

// Kari is kasserer with the kasserer group as channel; Sara is fylkessekretær (no channel).
struct Fixture {
    test::MemoryState state;
    config::ReminderSettings settings;
    std::vector<std::string> config_admins{"1"};
    Person anne, kari, sara;
    Fixture(std::optional<year_month_day> kari_until) {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        sara = state.add_person("5", "Sara Sekretær", "sara");
        state.holdings.push_back({{"kasserer", ""}, kari, kari_until});
        state.holdings.push_back({{"fylkessekretaer", ""}, sara});
        state.channel_list.push_back({"kasserer", "", "telegram", "-100", "", "Kasserere"});
        state.started = ymd(2026, 3, 1);
    }
    // Everything due on one Oslo day's morning: the window (the day before at noon, noon],
    // so consecutive days' windows meet and cover all time.
    std::vector<PlannedMessage> on(year_month_day day) const {
        const sys_seconds noon = date::floor<std::chrono::seconds>(
            test::oslo()->to_sys(date::local_days(day) + std::chrono::hours(12)));
        return due_messages(test::shipped_plan(), state, settings, test::oslo(), noon - date::days(1), noon,
                            "telegram", config_admins);
    }
};

// The reminder of nr. 9 (partiskatt, due 31 March 2026) 14 days before: 17 March.
std::vector<const PlannedMessage*> partiskatt(const std::vector<PlannedMessage>& messages) {
    std::vector<const PlannedMessage*> out;
    for (const PlannedMessage& message : messages)
        if (message.key.starts_with("r|9||2026-3|")) out.push_back(&message);
    return out;
}

}  // namespace

TEST_CASE("the day a kasserer's term ends, her reminders go to the fylkessekretær saying the role is missing",
          "[terms][reminders]") {
    Fixture before(ymd(2026, 3, 18));  // the term ends the day after the reminder
    auto held = partiskatt(before.on(ymd(2026, 3, 17)));
    REQUIRE(held.size() == 1);
    CHECK(held.front()->reply.chat_id == "-100");
    CHECK_FALSE(contains(held.front()->reply.text, "mangler etter årsmøtet"));

    Fixture ended(ymd(2026, 3, 17));  // the term ends on the reminder's day
    auto moved = partiskatt(ended.on(ymd(2026, 3, 17)));
    REQUIRE(moved.size() == 1);
    CHECK(moved.front()->reply.chat_id == ended.sara.user_id);
    CHECK(contains(moved.front()->reply.text, "Kasserer mangler etter årsmøtet"));
    CHECK(contains(moved.front()->reply.text, "«/rolle gi kasserer @navn»"));
}

TEST_CASE("a successor takes the reminders as soon as the old term ends", "[terms][reminders]") {
    Fixture f(ymd(2026, 3, 17));
    const Person ola = f.state.add_person("3", "Ola Hansen", "ola");
    f.state.holdings.push_back({{"kasserer", ""}, ola, ymd(2027, 2, 28)});
    auto messages = partiskatt(f.on(ymd(2026, 3, 17)));
    REQUIRE(messages.size() == 1);
    CHECK(messages.front()->reply.chat_id == "-100");  // the role's channel again, naming Ola
    CHECK(contains(messages.front()->reply.text, "@ola"));
    CHECK_FALSE(contains(messages.front()->reply.text, "@kari"));
    CHECK_FALSE(contains(messages.front()->reply.text, "mangler etter årsmøtet"));
}

TEST_CASE("a week before a term ends the fylkessekretær is asked once who holds the role next",
          "[terms][reminders]") {
    Fixture f(ymd(2026, 3, 24));
    std::vector<PlannedMessage> questions;
    for (year_month_day day = ymd(2026, 3, 10); day <= ymd(2026, 3, 31); day = date::sys_days(day) + date::days(1))
        for (PlannedMessage& message : f.on(day))
            if (message.kind == ReminderKind::term_question) questions.push_back(std::move(message));
    REQUIRE(questions.size() == 1);
    const PlannedMessage& question = questions.front();
    CHECK(question.key == "t|2026-03-24|" + f.sara.user_id);
    CHECK(question.reply.chat_id == f.sara.user_id);
    CHECK(question.due_at < date::sys_days(ymd(2026, 3, 18)));
    CHECK(contains(question.reply.text, "går perioden ut for denne rollen:\n• Kasserer (Kari Nordmann)"));
    CHECK(contains(question.reply.text, "«/rolle gi kasserer @navn»"));
}

TEST_CASE("no question when a successor already holds the role past the end", "[terms][reminders]") {
    Fixture f(ymd(2026, 3, 24));
    const Person ola = f.state.add_person("3", "Ola Hansen", "ola");
    f.state.holdings.push_back({{"kasserer", ""}, ola});
    for (year_month_day day = ymd(2026, 3, 10); day <= ymd(2026, 3, 31); day = date::sys_days(day) + date::days(1))
        for (const PlannedMessage& message : f.on(day)) CHECK(message.kind != ReminderKind::term_question);
}
