// Nothing is sent on a public holiday or in the fellesferie: a reminder that announces
// a deadline goes on the working day before, one that nags on the working day after,
// and the digests wait for the next working day. Fixed instants; nothing reads a clock.
#include <catch2/catch.hpp>

#include "commands/reminders/planner.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using std::chrono::sys_seconds;
using date::year_month_day;

using planbot::test::ymd;

// "2027-05-14T09:00" as Oslo local time.
using planbot::test::oslo_time;

// Kari is kasserer; tracking started 1 January 2027; task 101 is hers, added with /ny.
struct DaysOffFixture {
    test::MemoryState state;
    config::ReminderSettings settings;
    std::vector<std::string> config_admins{"1"};

    DaysOffFixture() {
        state.add_person("1", "Anne Admin", "anne");
        const Person kari = state.add_person("2", "Kari Nordmann", "kari");
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.started = ymd(2027, 1, 1);
    }
    void task_due(year_month_day day) { state.added.push_back({101, {"kasserer", ""}, "Bestille lokale", day}); }

    // The reminders before and on the deadline (none after it).
    std::vector<ReminderTime> times(year_month_day due) const {
        return reminder_times(settings, test::shipped_plan(), state, 101, due, test::oslo(), due);
    }
    // Task 101's messages of the minute ending at Oslo `local`.
    std::vector<PlannedMessage> at(const std::string& local) const {
        const sys_seconds until = oslo_time(local);
        std::vector<PlannedMessage> out;
        for (PlannedMessage& message : due_messages(test::shipped_plan(), state, settings, test::oslo(),
                                                    until - std::chrono::minutes(1), until, "telegram", config_admins))
            if (message.key.starts_with("r|101|")) out.push_back(std::move(message));
        return out;
    }
};

}  // namespace

TEST_CASE("a reminder that would fall on 17. mai 2027 goes out on Friday 14. mai", "[reminders][holidays]") {
    DaysOffFixture f;
    f.task_due(ymd(2027, 5, 31));  // 14 days before: Monday 17 May
    const auto times = f.times(ymd(2027, 5, 31));
    REQUIRE(times.size() >= 1);
    CHECK(times[0].days == 14);
    CHECK(times[0].at == oslo_time("2027-05-14T09:00"));
    CHECK(f.at("2027-05-17T09:00").empty());
    const auto friday = f.at("2027-05-14T09:00");
    REQUIRE(friday.size() == 1);
    CHECK(friday[0].kind == ReminderKind::before);
    CHECK(contains(friday[0].key, "|before14|2027-05-14|"));
    CHECK_FALSE(friday[0].late);
    CHECK_FALSE(sending_allowed(f.settings, test::oslo(), oslo_time("2027-05-17T09:00")));
}

TEST_CASE("a nag that would fall on 17. mai 2027 goes out on Tuesday 18. mai", "[reminders][holidays]") {
    DaysOffFixture f;
    f.task_due(ymd(2027, 5, 16));  // the first overdue reminder is the day after: Monday 17 May
    CHECK(f.at("2027-05-17T09:00").empty());
    const auto tuesday = f.at("2027-05-18T09:00");
    REQUIRE(tuesday.size() == 1);
    CHECK(tuesday[0].kind == ReminderKind::overdue);
    CHECK(contains(tuesday[0].key, "|overdue1|2027-05-18|"));
}

TEST_CASE("with weekends off a Saturday reminder before 17. mai goes back to Friday, not on to the holiday",
          "[reminders][holidays]") {
    DaysOffFixture f;
    f.settings.weekends = false;
    f.task_due(ymd(2027, 5, 18));  // 3 days before: Saturday 15 May; Monday is 17. mai
    const auto times = f.times(ymd(2027, 5, 18));
    REQUIRE(times.size() == 3);
    CHECK(times[1].days == 3);
    CHECK(times[1].at == oslo_time("2027-05-14T09:00"));
    CHECK(times[2].at == oslo_time("2027-05-18T09:00"));
}

TEST_CASE("in the fellesferie deadlines are announced before it and nags wait until after it",
          "[reminders][holidays]") {
    DaysOffFixture f;
    f.task_due(ymd(2027, 7, 20));  // Tuesday of week 29
    const auto friday = f.at("2027-07-09T09:00");  // the Friday before week 28
    REQUIRE(friday.size() == 1);  // «3 days before» and «on the day» both land here: the latest goes
    CHECK(contains(friday[0].key, "|due0|2027-07-09|"));
    CHECK(f.at("2027-07-20T09:00").empty());
    CHECK(f.at("2027-07-21T09:00").empty());
    const auto after = f.at("2027-08-02T09:00");  // Monday of week 31
    REQUIRE(after.size() == 1);
    CHECK(after[0].kind == ReminderKind::overdue);

    SECTION("with no fellesferie set, they go on their own days") {
        f.settings.fellesferie_first_week = f.settings.fellesferie_last_week = 0;
        CHECK(f.at("2027-07-09T09:00").empty());
        const auto on_the_day = f.at("2027-07-20T09:00");
        REQUIRE(on_the_day.size() == 1);
        CHECK(contains(on_the_day[0].key, "|due0|2027-07-20|"));
        CHECK(f.at("2027-07-21T09:00").size() == 1);
    }
}

TEST_CASE("the monthly digest skips 1. nyttårsdag and goes out the next day", "[reminders][holidays]") {
    DaysOffFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Hovedgruppa"});
    const auto digests = [&](const std::string& local) {
        std::vector<PlannedMessage> out;
        const sys_seconds until = oslo_time(local);
        for (PlannedMessage& message : due_messages(test::shipped_plan(), f.state, f.settings, test::oslo(),
                                                    until - std::chrono::minutes(1), until, "telegram",
                                                    f.config_admins))
            if (message.kind == ReminderKind::digest_month) out.push_back(std::move(message));
        return out;
    };
    CHECK(digests("2027-01-01T08:00").empty());
    const auto second = digests("2027-01-02T08:00");
    REQUIRE(second.size() == 1);
    CHECK(second[0].key.starts_with("d|month|2027-01|"));
    CHECK(contains(second[0].reply.text, "Dette skjer i januar 2027"));
}

TEST_CASE("a heads-up whose day before is a holiday comes the day before that, naming the day", "[reminders][holidays]") {
    DaysOffFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Hovedgruppa"});
    const auto heads_up = [&](const std::string& local) {
        std::vector<PlannedMessage> out;
        const sys_seconds until = oslo_time(local);
        for (PlannedMessage& message : due_messages(test::shipped_plan(), f.state, f.settings, test::oslo(),
                                                    until - std::chrono::minutes(1), until, "telegram",
                                                    f.config_admins))
            if (message.kind == ReminderKind::heads_up) out.push_back(std::move(message));
        return out;
    };
    // The miljøpris on Monday 5 June 2028 (2. pinsedag); Sunday 4 June is 1. pinsedag.
    CHECK(heads_up("2028-06-04T08:00").empty());
    const auto saturday = heads_up("2028-06-03T08:00");
    REQUIRE(saturday.size() == 1);
    CHECK(saturday[0].reply.text.starts_with("📣 Mandag 5. juni: Trøndelag SVs miljøpris!"));
    // An ordinary day before: «I morgen», as always.
    const auto before_may_day = heads_up("2028-04-30T08:00");
    REQUIRE(before_may_day.size() == 1);
    CHECK(before_may_day[0].reply.text.starts_with("📣 I morgen, mandag 1. mai: 1. mai!"));
}
