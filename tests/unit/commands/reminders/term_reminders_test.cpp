// Role terms in the reminder planner: the day a term ends without a successor, the
// role's reminders go to the fylkessekretær with «Kasserer mangler etter årsmøtet»; a
// week before, the fylkessekretær is asked once who holds the role next.
#include <set>

#include <catch2/catch.hpp>

#include "commands/reminders/planner.hpp"
#include "tests/support/chat_fixture.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using test::contains;
using date::year_month_day;
using std::chrono::sys_seconds;

using planbot::test::ymd;

// Kari is kasserer with the kasserer group as channel; Sara is fylkessekretær (no channel).
struct TermRemindersFixture {
    test::MemoryState state;
    config::ReminderSettings settings;
    std::vector<std::string> config_admins{"1"};
    Person anne, kari, sara;
    TermRemindersFixture(std::optional<year_month_day> kari_until) {
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
// Pointers into a list that is gone at the end of the statement: refused.
std::vector<const PlannedMessage*> partiskatt(std::vector<PlannedMessage>&& messages) = delete;

}  // namespace

TEST_CASE("the day a kasserer's term ends, her reminders go to the fylkessekretær saying the role is missing",
          "[terms][reminders]") {
    TermRemindersFixture before(ymd(2026, 3, 18));  // the term ends the day after the reminder
    const auto held_planned = before.on(ymd(2026, 3, 17));  // kept: partiskatt points into it
    auto held = partiskatt(held_planned);
    REQUIRE(held.size() == 1);
    CHECK(held.front()->reply.chat_id == "-100");
    CHECK_FALSE(contains(held.front()->reply.text, "mangler etter årsmøtet"));

    TermRemindersFixture ended(ymd(2026, 3, 17));  // the term ends on the reminder's day
    const auto moved_planned = ended.on(ymd(2026, 3, 17));  // kept: partiskatt points into it
    auto moved = partiskatt(moved_planned);
    REQUIRE(moved.size() == 1);
    CHECK(moved.front()->reply.chat_id == ended.sara.user_id);
    CHECK(contains(moved.front()->reply.text, "Kasserer mangler etter årsmøtet"));
    CHECK(contains(moved.front()->reply.text, "«/rolle gi kasserer @navn»"));
}

TEST_CASE("a successor takes the reminders as soon as the old term ends", "[terms][reminders]") {
    TermRemindersFixture f(ymd(2026, 3, 17));
    const Person ola = f.state.add_person("3", "Ola Hansen", "ola");
    f.state.holdings.push_back({{"kasserer", ""}, ola, ymd(2027, 2, 28)});
    const auto messages_planned = f.on(ymd(2026, 3, 17));  // kept: partiskatt points into it
    auto messages = partiskatt(messages_planned);
    REQUIRE(messages.size() == 1);
    CHECK(messages.front()->reply.chat_id == "-100");  // the role's channel again, naming Ola
    CHECK(contains(messages.front()->reply.text, "@ola"));
    CHECK_FALSE(contains(messages.front()->reply.text, "@kari"));
    CHECK_FALSE(contains(messages.front()->reply.text, "mangler etter årsmøtet"));
}

TEST_CASE("a week before a term ends the fylkessekretær is asked once who holds the role next",
          "[terms][reminders]") {
    TermRemindersFixture f(ymd(2026, 3, 24));
    std::vector<PlannedMessage> questions;  // as the scheduler queues them: a key once
    std::set<std::string> queued;
    for (year_month_day day = ymd(2026, 3, 10); day <= ymd(2026, 3, 31); day = date::sys_days(day) + date::days(1))
        for (PlannedMessage& message : f.on(day))
            if (message.kind == ReminderKind::term_question && queued.insert(message.key).second)
                questions.push_back(std::move(message));
    REQUIRE(questions.size() == 1);
    const PlannedMessage& question = questions.front();
    CHECK(question.key == "t|2026-03-24|" + f.sara.user_id + "|kasserer");
    CHECK(question.reply.chat_id == f.sara.user_id);
    CHECK(question.due_at < date::sys_days(ymd(2026, 3, 18)));
    CHECK(contains(question.reply.text, "går perioden ut for denne rollen:\n• Kasserer (Kari Nordmann)"));
    CHECK(contains(question.reply.text, "«/rolle gi kasserer @navn»"));
}

TEST_CASE("no question when a successor already holds the role past the end", "[terms][reminders]") {
    TermRemindersFixture f(ymd(2026, 3, 24));
    const Person ola = f.state.add_person("3", "Ola Hansen", "ola");
    f.state.holdings.push_back({{"kasserer", ""}, ola});
    for (year_month_day day = ymd(2026, 3, 10); day <= ymd(2026, 3, 31); day = date::sys_days(day) + date::days(1))
        for (const PlannedMessage& message : f.on(day)) CHECK(message.kind != ReminderKind::term_question);
}

TEST_CASE("a term given with less than a week left is asked about on the next send day, once", "[terms][reminders]") {
    TermRemindersFixture f(ymd(2026, 3, 20));  // given on 16 March in the afternoon, after that day's reminders
    std::vector<PlannedMessage> first;
    for (PlannedMessage& message : f.on(ymd(2026, 3, 17)))
        if (message.kind == ReminderKind::term_question) first.push_back(std::move(message));
    REQUIRE(first.size() == 1);
    CHECK(first.front().reply.chat_id == f.sara.user_id);
    CHECK(contains(first.front().reply.text, "🗳 Om 3 dager, fredag 20. mars, går perioden ut for denne rollen:"));
    // The next days plan the same question again, with the same key: the scheduler has
    // recorded it and sends nothing more.
    for (year_month_day day : {ymd(2026, 3, 18), ymd(2026, 3, 19), ymd(2026, 3, 20)}) {
        INFO(date::format("%F", day));
        for (const PlannedMessage& message : f.on(day))
            if (message.kind == ReminderKind::term_question) CHECK(message.key == first.front().key);
    }
    // None after the day it ended.
    for (const PlannedMessage& message : f.on(ymd(2026, 3, 21))) CHECK(message.kind != ReminderKind::term_question);
}

TEST_CASE("a term given the day before it ends is asked about on its last day", "[terms][reminders]") {
    TermRemindersFixture f(ymd(2026, 3, 20));
    std::vector<PlannedMessage> questions;
    for (PlannedMessage& message : f.on(ymd(2026, 3, 20)))
        if (message.kind == ReminderKind::term_question) questions.push_back(std::move(message));
    REQUIRE(questions.size() == 1);
    CHECK(contains(questions.front().reply.text, "🗳 I dag går perioden ut for denne rollen:\n• Kasserer (Kari Nordmann)"));
}

TEST_CASE("a second role given later with the same end gets a question of its own key", "[terms][reminders]") {
    TermRemindersFixture f(ymd(2026, 3, 24));
    const Person ola = f.state.add_person("3", "Ola Hansen", "ola");
    f.state.holdings.push_back({{"au", ""}, ola, ymd(2026, 3, 24)});
    std::vector<PlannedMessage> questions;
    for (PlannedMessage& message : f.on(ymd(2026, 3, 20)))
        if (message.kind == ReminderKind::term_question) questions.push_back(std::move(message));
    REQUIRE(questions.size() == 1);
    std::vector<std::string> keys = questions.front().also_keys;
    keys.push_back(questions.front().key);
    std::ranges::sort(keys);
    CHECK(keys == std::vector<std::string>{"t|2026-03-24|5|au", "t|2026-03-24|5|kasserer"});
    CHECK(contains(questions.front().reply.text, "• AU (Ola Hansen)"));
}

TEST_CASE("/påminnelser lists the term questions to come: which role, whose term, when, and to whom",
          "[terms][reminders]") {
    test::ChatFixture f("2026-12-06T10:00");
    f.state.holdings.push_back({{"fylkessekretaer", ""}, f.per});
    f.say(f.anne, "/rolle gi kasserer @kari til 10.12.2026");
    const std::string line =
        "spørsmål om hvem som tar over som Kasserer (Kari Nordmann) når perioden går ut torsdag 10. desember – privat "
        "til deg";
    CHECK(contains(f.say(f.per, "/påminnelser"), line));
    // Once it has gone out it is not listed again, though it is planned each day to the end.
    f.state.queued_keys.push_back("t|2026-12-10|3|kasserer");
    CHECK_FALSE(contains(f.say(f.per, "/påminnelser"), "hvem som tar over"));
}
