// Which tasks fall in a date window is one rule (work/tasks_in.hpp): a task added with
// /ny and moved with /frist is at its new date, and not at its old one, in every place
// that lists tasks: /oppgaver, /frister, /status, /rapport, the reminders and the
// weekly digest. Run through the router against an in-memory state at fixed instants.
#include <catch2/catch.hpp>

#include <algorithm>

#include "commands/command_line.hpp"
#include "commands/reminders/planner.hpp"
#include "commands/router.hpp"
#include "commands/work/tasks_in.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using std::chrono::sys_seconds;

using planbot::test::ymd;

// "2026-12-01T09:00" as Oslo local time.
using planbot::test::oslo_time;

// Saturday 28 November 2026 in Oslo. Anne is an admin from the config, Kari is kasserer;
// tracking started 1 October 2026. The main group is bound, so digests go out.
struct TasksInFixture {
    test::MemoryState state;
    config::ReminderSettings settings;
    Person anne;
    Person kari;

    TasksInFixture() {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
        state.started = ymd(2026, 10, 1);
    }

    // The reply to `text` from `from` at Oslo time `when`, with its changes applied.
    std::string say(const Person& from, const std::string& text, const std::string& when = "2026-11-28T10:00") {
        Context context = test::at(when);
        context.state = &state;
        context.config_admins = {"1"};
        Event event;
        event.platform = "telegram";
        event.chat_id = from.user_id;
        event.chat_kind = ChatKind::private_chat;
        event.user_id = from.user_id;
        event.user_name = from.name;
        event.text = text;
        event.addressed_to_bot = true;
        Outcome outcome = handle(event, context);
        REQUIRE(outcome.replies.size() == 1);
        state.apply(outcome, from, context.now);
        return outcome.replies.front().text;
    }

    // What the planner sends in the minute that ends at Oslo time `when`.
    std::vector<PlannedMessage> sent_at(const std::string& when) const {
        const sys_seconds at = oslo_time(when);
        return due_messages(test::shipped_plan(), state, settings, test::oslo(), at - std::chrono::minutes(1), at,
                            "telegram", {"1"});
    }
};

// The line of `text` that contains `part` ("" when none does).
std::string line_with(const std::string& text, const std::string& part) {
    const size_t at = text.find(part);
    if (at == std::string::npos) return "";
    const size_t start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
    return text.substr(start, text.find('\n', at) - start);
}

std::vector<PlannedMessage> reminders_of(const std::vector<PlannedMessage>& messages, int task) {
    std::vector<PlannedMessage> out;
    for (const PlannedMessage& message : messages)
        if (message.occurrence && message.occurrence->task == task) out.push_back(message);
    return out;
}

}  // namespace

TEST_CASE("a /ny task moved with /frist is at its new date in every listing, digest, reminder and report",
          "[tasks]") {
    TasksInFixture f;
    const std::string kasserer_before = line_with(f.say(f.anne, "/status"), "Kasserer:");
    CHECK(f.say(f.anne, "/ny kasserer 1.6.2027 Lage budsjett for 2027") ==
          "➕ Ny oppgave nr. 101: Lage budsjett for 2027\nFrist 1. juni 2027, ansvar: Kasserer.\n"
          "Meld den ferdig med «/ferdig 101».");
    CHECK(f.say(f.anne, "/frist 101 1.12.2026") ==
          "📅 Nr. 101 Lage budsjett for 2027: fristen er flyttet fra 1. juni 2027 til 1. desember 2026.");

    // One rule: in December 2026, not in June 2027.
    const std::vector<DueTask> december = tasks_in(test::shipped_plan(), f.state, ymd(2026, 12, 1), ymd(2026, 12, 31));
    const auto moved = std::ranges::find_if(december, [](const DueTask& t) { return t.task.number == 101; });
    REQUIRE(moved != december.end());
    REQUIRE(moved->occurrences.size() == 1);
    CHECK(moved->occurrences.front().due == ymd(2026, 12, 1));
    CHECK(std::ranges::none_of(tasks_in(test::shipped_plan(), f.state, ymd(2027, 6, 1), ymd(2027, 6, 30)),
                               [](const DueTask& t) { return t.task.number == 101; }));

    SECTION("/oppgaver") {
        const std::string mine = f.say(f.kari, "/oppgaver");
        CHECK(line_with(mine, "101 ") == "101 Lage budsjett for 2027 — 1. desember (om 3 dager)");
        CHECK_FALSE(contains(mine, "juni 2027"));
    }
    SECTION("/frister") {
        CHECK(line_with(f.say(f.kari, "/frister desember"), "101 ") == "101 Lage budsjett for 2027 — 1. desember");
        CHECK_FALSE(contains(f.say(f.kari, "/frister juni 2027"), "Lage budsjett"));
    }
    SECTION("/status counts it for 2026") {
        CHECK(kasserer_before == "Kasserer: 0 ferdig · 2 åpne · 0 forsinket");
        CHECK(line_with(f.say(f.anne, "/status"), "Kasserer:") == "Kasserer: 0 ferdig · 3 åpne · 0 forsinket");
    }
    SECTION("/rapport lists it in 2026 and not in 2027") {
        CHECK(line_with(f.say(f.anne, "/rapport 2026"), "101.") ==
              "101. Lage budsjett for 2027 – Kasserer (frist 1.12.): åpen");
        CHECK_FALSE(contains(f.say(f.anne, "/rapport 2027"), "Lage budsjett"));
    }
    SECTION("the reminders") {
        const std::vector<PlannedMessage> due = reminders_of(f.sent_at("2026-12-01T09:00"), 101);
        REQUIRE(due.size() == 1);
        CHECK(due[0].kind == ReminderKind::due);
        CHECK(due[0].reply.chat_id == f.kari.user_id);
        CHECK(contains(due[0].reply.text, "Lage budsjett for 2027"));
        CHECK(contains(due[0].reply.text, "i dag"));
        // Not 14 days, 3 days or on the day before the old date.
        for (const char* old : {"2027-05-18T09:00", "2027-05-29T09:00", "2027-06-01T09:00"}) {
            INFO(old);
            CHECK(reminders_of(f.sent_at(old), 101).empty());
        }
        // Kari's own coming reminders (/paminnelser) read her tasks by role, not by date.
        const auto next = upcoming_messages(test::shipped_plan(), f.state, f.settings, test::oslo(),
                                            oslo_time("2026-11-28T10:00"), &f.kari, 1, "telegram", {"1"});
        REQUIRE(next.size() == 1);
        CHECK(next[0].occurrence == OccurrenceId{101, "", ""});
        CHECK(next[0].due_at == oslo_time("2026-12-01T09:00"));
    }
    SECTION("the weekly digest") {
        // Monday 30 November 2026; the monthly digest is the plan's "hva skjer i desember".
        const std::vector<PlannedMessage> week = f.sent_at("2026-11-30T08:00");
        REQUIRE(week.size() == 1);
        CHECK(week[0].kind == ReminderKind::digest_week);
        CHECK(contains(week[0].reply.text, "\nTirsdag 1. desember\n  • nr. 101 Lage budsjett for 2027 (Kasserer)"));
        // Monday 31 May 2027, the old date's week.
        for (const PlannedMessage& message : f.sent_at("2027-05-31T08:00"))
            CHECK_FALSE(contains(message.reply.text, "Lage budsjett"));
    }
}
