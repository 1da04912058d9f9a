// The reminder planner against the shipped plan and an in-memory state: when reminders
// go out (Oslo time, summer time, quiet hours, weekends), to whom (channels, holders,
// the admins), what they say, catching up after downtime, escalation and the digests.
// Windows are fixed instants; nothing reads a clock.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "commands/reminders/planner.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using std::chrono::sys_seconds;
using date::year_month_day;

// "2026-03-17T09:00" as Oslo local time.
using planbot::test::oslo_time;

sys_seconds utc(year_month_day day, int hour) { return date::sys_days(day) + std::chrono::hours(hour); }

using planbot::test::ymd;

const OccurrenceId kPartiskatt{9, "", "2026-3"};  // nr. 9, first quarter 2026: due Tuesday 31 March

// Kari (username) is kasserer and has the kasserer group as her channel; Ola (no
// username) is a gruppeleder without a channel. Anne is an admin from the config,
// Siv one made in the chat. Tracking started 1 March 2026.
struct PlannerFixture {
    test::MemoryState state;
    config::ReminderSettings settings;
    std::vector<std::string> config_admins{"1"};
    Person anne, kari, ola, siv;
    const Channel kasserer_group{"kasserer", "", "telegram", "-100", "", "Kasserere"};

    PlannerFixture() {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        ola = state.add_person("3", "Ola Hansen", "");
        siv = state.add_person("4", "Siv Sekretær", "siv");
        state.admin_list.push_back(siv);
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.holdings.push_back({{"gruppeledere", ""}, ola});
        state.channel_list.push_back(kasserer_group);
        state.started = ymd(2026, 3, 1);
    }

    std::vector<PlannedMessage> due(sys_seconds after, sys_seconds until) const {
        return due_messages(test::shipped_plan(), state, settings, test::oslo(), after, until, "telegram",
                            config_admins);
    }
    // The messages of the one minute that ends at `at`.
    std::vector<PlannedMessage> at(sys_seconds at) const { return due(at - std::chrono::minutes(1), at); }
};

std::vector<PlannedMessage> of_task(const std::vector<PlannedMessage>& messages, int task) {
    std::vector<PlannedMessage> out;
    for (const PlannedMessage& message : messages)
        if (message.key.starts_with("r|" + std::to_string(task) + "|") ||
            message.key.starts_with("n|" + std::to_string(task) + "|"))
            out.push_back(message);
    return out;
}

std::vector<PlannedMessage> to_chat(const std::vector<PlannedMessage>& messages, const std::string& chat) {
    std::vector<PlannedMessage> out;
    for (const PlannedMessage& message : messages)
        if (message.reply.chat_id == chat) out.push_back(message);
    return out;
}

TEST_CASE("a deadline gets reminders 14 and 3 days before and on the day, at 09:00 Oslo time", "[reminders]") {
    PlannerFixture f;
    const std::vector<ReminderTime> times = reminder_times(f.settings, test::shipped_plan(), f.state, 9,
                                                           ymd(2026, 3, 31), test::oslo(), ymd(2026, 3, 31));
    REQUIRE(times.size() == 3);
    CHECK(times[0].kind == ReminderKind::before);
    CHECK(times[0].days == 14);
    CHECK(times[0].at == utc(ymd(2026, 3, 17), 8));  // winter time: UTC+1
    CHECK(times[1].days == 3);
    CHECK(times[1].at == utc(ymd(2026, 3, 28), 8));
    CHECK(times[2].kind == ReminderKind::due);
    CHECK(times[2].at == utc(ymd(2026, 3, 31), 7));  // summer time since 29 March: UTC+2

    // The planner sends them at those instants and not a minute before.
    for (const ReminderTime& time : times) {
        CHECK(of_task(f.due(time.at - std::chrono::minutes(2), time.at - std::chrono::seconds(1)), 9).empty());
        const std::vector<PlannedMessage> sent = to_chat(of_task(f.at(time.at), 9), "-100");
        REQUIRE(sent.size() == 1);
        CHECK(sent[0].due_at == time.at);
        CHECK_FALSE(sent[0].late);
    }
}

TEST_CASE("a 09:00 reminder on the day after a clock change is sent at 09:00 Oslo time", "[reminders]") {
    PlannerFixture f;
    // Added tasks due the Mondays after the last Sundays of March and October 2026.
    f.state.added.push_back({101, {"kasserer", ""}, "Sommertid", ymd(2026, 3, 30)});
    f.state.added.push_back({102, {"kasserer", ""}, "Vintertid", ymd(2026, 10, 26)});
    const std::vector<PlannedMessage> summer = of_task(f.at(utc(ymd(2026, 3, 30), 7)), 101);
    REQUIRE(summer.size() == 1);
    CHECK(summer[0].kind == ReminderKind::due);
    CHECK(summer[0].due_at == utc(ymd(2026, 3, 30), 7));  // 09:00 summer time (UTC+2)
    CHECK(of_task(f.at(utc(ymd(2026, 3, 30), 8)), 101).empty());
    const std::vector<PlannedMessage> winter = of_task(f.at(utc(ymd(2026, 10, 26), 8)), 102);
    REQUIRE(winter.size() == 1);
    CHECK(winter[0].kind == ReminderKind::due);
    CHECK(winter[0].due_at == utc(ymd(2026, 10, 26), 8));  // 09:00 winter time (UTC+1)
    CHECK(of_task(f.at(utc(ymd(2026, 10, 26), 7)), 102).empty());
}

TEST_CASE("quiet hours move a reminder to the end of the quiet hours, never drop it", "[reminders]") {
    PlannerFixture f;
    f.settings.send_minute = 22 * 60;  // inside 21:00–08:00: the next morning at 08:00
    auto times = reminder_times(f.settings, test::shipped_plan(), f.state, 9, ymd(2026, 3, 31), test::oslo(),
                                ymd(2026, 3, 31));
    REQUIRE(times.size() == 3);
    CHECK(times[0].at == oslo_time("2026-03-18T08:00"));
    CHECK(times[2].at == oslo_time("2026-04-01T08:00"));
    CHECK(to_chat(of_task(f.at(oslo_time("2026-03-18T08:00")), 9), "-100").size() == 1);

    f.settings.send_minute = 7 * 60;  // early morning: the same day at 08:00
    times = reminder_times(f.settings, test::shipped_plan(), f.state, 9, ymd(2026, 3, 31), test::oslo(),
                           ymd(2026, 3, 31));
    CHECK(times[0].at == oslo_time("2026-03-17T08:00"));

    f.settings.quiet_from_minute = f.settings.quiet_until_minute = 0;  // equal: no quiet hours
    times = reminder_times(f.settings, test::shipped_plan(), f.state, 9, ymd(2026, 3, 31), test::oslo(),
                           ymd(2026, 3, 31));
    CHECK(times[0].at == oslo_time("2026-03-17T07:00"));
}

TEST_CASE("with weekends off a Saturday reminder waits for Monday", "[reminders]") {
    PlannerFixture f;
    f.settings.weekends = false;
    const auto times = reminder_times(f.settings, test::shipped_plan(), f.state, 9, ymd(2026, 3, 31), test::oslo(),
                                      ymd(2026, 3, 31));
    REQUIRE(times.size() == 3);
    CHECK(times[1].days == 3);
    CHECK(times[1].at == oslo_time("2026-03-30T09:00"));  // 3 days before is Saturday 28 March
    CHECK(of_task(f.at(oslo_time("2026-03-28T09:00")), 9).empty());
    const auto monday = to_chat(of_task(f.at(oslo_time("2026-03-30T09:00")), 9), "-100");
    REQUIRE(monday.size() == 1);
    CHECK(contains(monday[0].reply.text, "har frist i morgen, tirsdag 31. mars."));
}

TEST_CASE("a role's channel gets one message naming its holders, and a holder without a channel gets it privately",
          "[reminders]") {
    PlannerFixture f;
    const auto messages = of_task(f.at(oslo_time("2026-03-17T09:00")), 9);
    REQUIRE(messages.size() == 2);
    const auto channel = to_chat(messages, "-100");
    REQUIRE(channel.size() == 1);
    const PlannedMessage& group = channel[0];
    CHECK(group.kind == ReminderKind::before);
    CHECK(group.key == "r|9||2026-3|before14|2026-03-17|-100");
    CHECK(group.occurrence == kPartiskatt);
    CHECK(group.reply.message()->done_button == kPartiskatt);
    CHECK(group.reply.text ==
          "⏰ Påminnelse: nr. 9 Følge opp partiskatt (1. kvartal 2026) har frist tirsdag 31. mars (om 14 dager).\n"
          "Ansvarlig: Kasserer – @kari.\n"
          "Trykk ✅ når det er gjort, eller skriv /ferdig 9.");
    REQUIRE(group.reply.message()->mentions.size() == 1);
    CHECK(group.reply.message()->mentions[0].user_id == "2");
    CHECK(group.reply.message()->mentions[0].username == "kari");

    const auto private_chat = to_chat(messages, "3");  // Ola's user id is his private chat
    REQUIRE(private_chat.size() == 1);
    CHECK(contains(private_chat[0].reply.text, "Du har ansvaret som gruppeledere (kommunestyregruppene)."));
    CHECK(private_chat[0].reply.message()->mentions.empty());
    CHECK(private_chat[0].reply.message()->done_button == kPartiskatt);
}

TEST_CASE("a holder already reached in a channel gets no private copy", "[reminders]") {
    PlannerFixture f;
    f.state.holdings.push_back({{"gruppeledere", ""}, f.kari});
    const auto messages = of_task(f.at(oslo_time("2026-03-17T09:00")), 9);
    CHECK(to_chat(messages, "2").empty());
    CHECK(to_chat(messages, "3").size() == 1);
    CHECK(to_chat(messages, "-100").size() == 1);
}

TEST_CASE("holders without a channel get the reminder privately, people without a username by name",
          "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.clear();
    f.state.channel_list.push_back({"kasserer", "", "slack", "C1", "", "Other platform"});
    const auto messages = of_task(f.at(oslo_time("2026-03-17T09:00")), 9);
    REQUIRE(messages.size() == 2);
    CHECK(to_chat(messages, "2").size() == 1);
    CHECK(to_chat(messages, "3").size() == 1);
    CHECK(messages[0].key.ends_with("|2") != messages[1].key.ends_with("|2"));

    f.state.channel_list.push_back({"gruppeledere", "", "telegram", "-200", "", "Gruppeledere"});
    const auto group = to_chat(of_task(f.at(oslo_time("2026-03-17T09:00")), 9), "-200");
    REQUIRE(group.size() == 1);
    CHECK(contains(group[0].reply.text, "Ansvarlig: Gruppeledere (kommunestyregruppene) – Ola Hansen."));
    REQUIRE(group[0].reply.message()->mentions.size() == 1);
    CHECK(group[0].reply.message()->mentions[0].name == "Ola Hansen");
}

TEST_CASE("a reminder nobody can receive goes to every admin as «Ingen mottaker»", "[reminders]") {
    PlannerFixture f;
    f.state.holdings.clear();
    f.state.channel_list.clear();
    // The only deadline with a reminder on Tuesday 7 July 2026 (an added task, due in 14
    // days), with tracking from 1 July (older deadlines would be overdue) and no
    // reminders of the weekly tasks.
    f.state.started = ymd(2026, 7, 1);
    f.settings.fellesferie_first_week = f.settings.fellesferie_last_week = 0;  // 7 July is in it
    f.settings.days_before = {15};  // the weekly tasks get none (a week or more ahead)
    f.settings.days_before_per_task[105] = {14};
    f.state.added.push_back({105, {"kasserer", ""}, "Søke om støtte", ymd(2026, 7, 21)});
    const auto messages = f.at(oslo_time("2026-07-07T09:00"));
    REQUIRE(messages.size() == 2);
    for (const PlannedMessage& message : messages) {
        CHECK(message.kind == ReminderKind::no_recipient);
        CHECK(message.key.starts_with("n|105||"));
        CHECK(message.also_keys.empty());
        CHECK(message.occurrence);  // a confirmation cancels it while it waits
        CHECK(message.reply.text.starts_with("Ingen mottaker for påminnelsen om nr. 105 Søke om støtte"));
        CHECK(contains(message.reply.text, "ingen har rollen Kasserer"));
        CHECK(contains(message.reply.text, "«/rolle gi kasserer @navn»"));
        CHECK(contains(message.reply.text, "«/kanal kasserer»"));
        CHECK_FALSE(message.reply.message()->done_button);
    }
    CHECK(to_chat(messages, "1").size() == 1);  // Anne, from the config
    CHECK(to_chat(messages, "4").size() == 1);  // Siv, made admin in the chat
}

TEST_CASE("«Ingen mottaker» names the role as people write it, æ and all", "[reminders]") {
    PlannerFixture f;
    f.state.holdings.clear();
    f.state.channel_list.clear();
    f.state.started = ymd(2026, 7, 1);
    f.settings.fellesferie_first_week = f.settings.fellesferie_last_week = 0;  // 7 July is in it
    f.settings.days_before = {15};
    f.settings.days_before_per_task[105] = {14};
    f.state.added.push_back({105, {"fylkessekretaer", ""}, "Bestille lokale", ymd(2026, 7, 21)});
    const auto messages = f.at(oslo_time("2026-07-07T09:00"));
    REQUIRE_FALSE(messages.empty());
    for (const PlannedMessage& message : messages) {
        CHECK(contains(message.reply.text, "«/rolle gi fylkessekretær @navn»"));
        CHECK(contains(message.reply.text, "«/kanal fylkessekretær»"));
    }
}

TEST_CASE("all the reminders nobody can receive at a tick reach each admin as one list, none left out",
          "[reminders]") {
    PlannerFixture f;
    f.state.holdings.clear();
    f.state.channel_list.clear();
    // 17 March 09:00 is 14 days before 31 March, the deadline of several tasks.
    const auto messages = f.at(oslo_time("2026-03-17T09:00"));
    for (const std::string admin : {"1", "4"}) {
        const auto notices = to_chat(messages, admin);
        REQUIRE(notices.size() == 1);
        const PlannedMessage& list = notices[0];
        CHECK(list.kind == ReminderKind::no_recipient);
        CHECK_FALSE(list.occurrence);  // confirming one task must not cancel the others' lines
        CHECK_FALSE(list.reply.message()->done_button);
        std::set<std::string> keys{list.key};
        for (const std::string& key : list.also_keys) CHECK(keys.insert(key).second);
        REQUIRE(keys.size() >= 2);
        CHECK(keys.contains("n|9||2026-3|before14|2026-03-17|" + admin));
        for (const std::string& key : keys) CHECK(key.ends_with("|" + admin));
        CHECK(list.reply.text.starts_with("Ingen mottaker for " + std::to_string(keys.size()) + " påminnelser"));
        CHECK(contains(list.reply.text, "\n• Nr. 9 Følge opp partiskatt (1. kvartal 2026) har frist tirsdag 31. mars "
                                        "(om 14 dager): ingen har rollen Kasserer eller Gruppeledere "
                                        "(kommunestyregruppene)."));
        size_t lines = 0;
        for (size_t at = list.reply.text.find("\n• "); at != std::string::npos;
             at = list.reply.text.find("\n• ", at + 1))
            ++lines;
        CHECK(lines == keys.size());  // one line per reminder
        CHECK(contains(list.reply.text, "«/kanal <rolle>»"));
    }
    // Every admin chat gets exactly one message at this tick.
    std::set<std::string> chats;
    for (const PlannedMessage& message : messages) CHECK(chats.insert(message.reply.chat_id).second);
}

TEST_CASE("rows without ansvarlig remind the county board and say that ansvarlig is missing", "[reminders]") {
    PlannerFixture f;
    Person styre = f.state.add_person("5", "Styremedlem", "styre");
    f.state.holdings.push_back({{"fylkesstyret", ""}, styre});
    f.state.channel_list.push_back({"fylkesstyret", "", "telegram", "-300", "", "Fylkesstyret"});
    // Nr. 28 is due 31 October 2026; 14 days before is Saturday 17 October.
    const auto messages = of_task(f.at(oslo_time("2026-10-17T09:00")), 28);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].reply.chat_id == "-300");
    CHECK(contains(messages[0].reply.text, "Ansvarlig mangler i planen, så fylkesstyret følger opp"));
    CHECK(contains(messages[0].reply.text, "@styre"));
}

TEST_CASE("one deadline of every region reaches the secretary's channel as one message", "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({"fylkessekretaer", "", "telegram", "-400", "", "Sekretariatet"});
    Person ada = f.state.add_person("6", "Ada", "ada");
    f.state.holdings.push_back({{"regionleder", "innherred"}, ada});
    // Nr. 3: one occurrence per region, due 31 December 2026.
    const auto messages = of_task(f.at(oslo_time("2026-12-17T09:00")), 3);
    const auto secretary = to_chat(messages, "-400");
    REQUIRE(secretary.size() == 1);
    CHECK(secretary[0].key == "r|3|*|2026-12|before14|2026-12-17|-400");
    CHECK_FALSE(secretary[0].occurrence);
    CHECK_FALSE(secretary[0].reply.message()->done_button);
    CHECK(contains(secretary[0].reply.text, "Gjelder 7 regioner"));
    // Ada's own region comes to her privately, with its button.
    const auto ada_chat = to_chat(messages, "6");
    REQUIRE(ada_chat.size() == 1);
    CHECK(ada_chat[0].occurrence == OccurrenceId{3, "innherred", "2026-12"});
    CHECK(contains(ada_chat[0].reply.text, "/ferdig 3 Innherred"));
}

TEST_CASE("after a week of downtime each occurrence gets only its latest missed reminder, marked late",
          "[reminders]") {
    PlannerFixture f;
    // Down from 16 March to 1 April: 14 and 3 days before, the day and the day after all
    // passed. (2 April 2026 is skjærtorsdag, when nothing is sent.)
    const auto messages = f.due(oslo_time("2026-03-16T12:00"), oslo_time("2026-04-01T12:00"));
    const auto partiskatt = to_chat(of_task(messages, 9), "-100");
    REQUIRE(partiskatt.size() == 1);
    CHECK(partiskatt[0].kind == ReminderKind::overdue);
    CHECK(partiskatt[0].key == "r|9||2026-3|overdue1|2026-04-01|-100");
    CHECK(partiskatt[0].late);
    CHECK(contains(partiskatt[0].reply.text, "hadde frist i går, tirsdag 31. mars"));
    CHECK(contains(partiskatt[0].reply.text, "Sendt for sent"));
    // Never two reminders of one occurrence to one chat.
    std::set<std::string> seen;
    for (const PlannedMessage& message : messages) {
        if (!message.occurrence) continue;
        const OccurrenceId& id = *message.occurrence;
        CHECK(seen.insert(std::to_string(id.task) + id.unit + id.key + message.reply.chat_id).second);
    }
}

// The scheduler's loop over the pure planner, tick by tick from `from` to `to`: a held
// window keeps its start, a key is queued once. Returns what was queued, with when.
struct Queued {
    sys_seconds at;
    PlannedMessage message;
};
std::vector<Queued> run_ticks(const PlannerFixture& f, sys_seconds checked, sys_seconds from, sys_seconds to,
                              std::chrono::seconds step) {
    std::set<std::string> keys;
    std::vector<Queued> out;
    for (sys_seconds now = from; now <= to; now += step) {
        const bool held = window_held(f.settings, test::oslo(), checked, now);
        for (PlannedMessage& message : f.due(checked, now)) {
            bool fresh = keys.insert(message.key).second;
            for (const std::string& key : message.also_keys) fresh = keys.insert(key).second || fresh;
            if (fresh) out.push_back({now, std::move(message)});
        }
        if (!held) checked = now;
    }
    return out;
}

TEST_CASE("a reminder missed during downtime waits out the quiet hours and goes out late at 08:00",
          "[reminders]") {
    PlannerFixture f;
    // Down from Monday 16 March at noon until Tuesday 17 March at 23:00: nr. 9's
    // reminder 14 days ahead (Tuesday 09:00) was missed, and it is night when the bot is back.
    const sys_seconds down = oslo_time("2026-03-16T12:00");
    CHECK_FALSE(sending_allowed(f.settings, test::oslo(), oslo_time("2026-03-17T23:00")));
    CHECK(window_held(f.settings, test::oslo(), down, oslo_time("2026-03-17T23:00")));
    CHECK(f.due(down, oslo_time("2026-03-17T23:00")).empty());
    CHECK(f.due(down, oslo_time("2026-03-18T07:59:59")).empty());

    CHECK(sending_allowed(f.settings, test::oslo(), oslo_time("2026-03-18T08:00")));
    CHECK_FALSE(window_held(f.settings, test::oslo(), down, oslo_time("2026-03-18T08:00")));
    const auto morning = to_chat(of_task(f.due(down, oslo_time("2026-03-18T08:00")), 9), "-100");
    REQUIRE(morning.size() == 1);
    CHECK(morning[0].key == "r|9||2026-3|before14|2026-03-17|-100");
    CHECK(morning[0].late);
    CHECK(contains(morning[0].reply.text, "har frist tirsdag 31. mars (om 13 dager)"));
    CHECK(contains(morning[0].reply.text, "Sendt for sent"));
}

TEST_CASE("a reminder held through the night is queued once, when the quiet hours end", "[reminders]") {
    PlannerFixture f;
    // Back at 23:00 after downtime since Monday noon; the scheduler ticks every minute until Wednesday noon.
    const auto queued = run_ticks(f, oslo_time("2026-03-16T12:00"), oslo_time("2026-03-17T23:00"),
                                  oslo_time("2026-03-18T12:00"), std::chrono::minutes(1));
    REQUIRE_FALSE(queued.empty());
    for (const Queued& one : queued) CHECK(sending_allowed(f.settings, test::oslo(), one.at));
    std::vector<Queued> partiskatt;
    for (const Queued& one : queued)
        if (one.message.reply.chat_id == "-100" && one.message.occurrence == kPartiskatt) partiskatt.push_back(one);
    REQUIRE(partiskatt.size() == 1);
    CHECK(partiskatt[0].at == oslo_time("2026-03-18T08:00"));
    CHECK(partiskatt[0].message.late);
    // Everything queued at 08:00 is the night's catch-up, marked late.
    for (const Queued& one : queued)
        if (one.at == oslo_time("2026-03-18T08:00")) CHECK(one.message.late);
}

TEST_CASE("with weekends off a reminder missed on Friday waits for Monday morning", "[reminders]") {
    PlannerFixture f;
    f.settings.weekends = false;
    f.state.added.push_back({103, {"kasserer", ""}, "Levere regnskap", ymd(2026, 3, 27)});  // Friday
    // Down from Friday 08:00 until Saturday noon: Friday's 09:00 reminder was missed.
    const sys_seconds down = oslo_time("2026-03-27T08:00");
    CHECK(window_held(f.settings, test::oslo(), down, oslo_time("2026-03-28T12:00")));
    CHECK(of_task(f.due(down, oslo_time("2026-03-28T12:00")), 103).empty());
    CHECK(of_task(f.due(down, oslo_time("2026-03-29T18:00")), 103).empty());
    const auto monday = to_chat(of_task(f.due(down, oslo_time("2026-03-30T08:00")), 103), "-100");
    REQUIRE(monday.size() == 1);
    CHECK(monday[0].late);
    REQUIRE(monday[0].occurrence);
    CHECK(monday[0].key == "r|103||" + monday[0].occurrence->key + "|due0|2026-03-27|-100");
    CHECK(contains(monday[0].reply.text, "hadde frist fredag 27. mars (for 3 dager siden)"));

    // A Saturday with nothing missed holds nothing: the window moves on.
    f.settings.monthly_digest = f.settings.weekly_digest = f.settings.heads_up = false;
    CHECK_FALSE(window_held(f.settings, test::oslo(), oslo_time("2026-03-27T10:00"), oslo_time("2026-03-28T12:00")));
}

TEST_CASE("reminders missed during a pause wait for the morning after it, not midnight", "[reminders]") {
    PlannerFixture f;
    f.state.paused = ymd(2026, 3, 20);
    const sys_seconds since = oslo_time("2026-03-16T12:00");
    CHECK(window_held(f.settings, test::oslo(), since, oslo_time("2026-03-21T00:00")));
    CHECK(f.due(since, oslo_time("2026-03-21T00:00")).empty());
    const auto morning = to_chat(of_task(f.due(since, oslo_time("2026-03-21T08:00")), 9), "-100");
    REQUIRE(morning.size() == 1);
    CHECK(morning[0].key == "r|9||2026-3|before14|2026-03-17|-100");
    CHECK(morning[0].late);
}

TEST_CASE("a digest set inside quiet hours still goes out on time", "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
    f.settings.digest_minute = 7 * 60;
    const auto messages = f.at(oslo_time("2026-12-01T07:00"));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].kind == ReminderKind::digest_month);
    CHECK_FALSE(messages[0].late);
    CHECK_FALSE(window_held(f.settings, test::oslo(), oslo_time("2026-12-01T06:59"), oslo_time("2026-12-01T07:00")));
}

TEST_CASE("a reminder due within the last hour of the window is not late", "[reminders]") {
    PlannerFixture f;
    const auto messages = to_chat(of_task(f.due(oslo_time("2026-03-17T08:00"), oslo_time("2026-03-17T09:30")), 9),
                                  "-100");
    REQUIRE(messages.size() == 1);
    CHECK_FALSE(messages[0].late);
}

TEST_CASE("a confirmed occurrence gets no more reminders", "[reminders]") {
    PlannerFixture f;
    f.state.done.push_back({kPartiskatt, f.kari, oslo_time("2026-03-18T10:00"), ""});
    CHECK(of_task(f.at(oslo_time("2026-03-28T09:00")), 9).empty());
    CHECK(of_task(f.due(oslo_time("2026-03-16T12:00"), oslo_time("2026-04-20T12:00")), 9).empty());
}

TEST_CASE("overdue reminders repeat weekly while the occurrence stays open", "[reminders]") {
    PlannerFixture f;
    CHECK(to_chat(of_task(f.at(oslo_time("2026-04-01T09:00")), 9), "-100").size() == 1);
    CHECK(of_task(f.at(oslo_time("2026-04-02T09:00")), 9).empty());
    const auto week = to_chat(of_task(f.at(oslo_time("2026-04-08T09:00")), 9), "-100");
    REQUIRE(week.size() == 1);
    CHECK(week[0].key == "r|9||2026-3|overdue8|2026-04-08|-100");
    CHECK(contains(week[0].reply.text, "⚠️ Over fristen"));
}

TEST_CASE("occurrences due before tracking started get no reminders", "[reminders]") {
    PlannerFixture f;
    f.state.started = ymd(2026, 4, 1);
    CHECK(of_task(f.at(oslo_time("2026-04-08T09:00")), 9).empty());
}

TEST_CASE("after 14 days overdue the secretary's channel gets one list of what is overdue and whose it is",
          "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({"fylkessekretaer", "", "telegram", "-400", "", "Sekretariatet"});
    f.state.holdings.push_back({{"fylkessekretaer", ""}, f.siv});
    // Nr. 9 and the other deadlines of 31 March reach 14 days on Tuesday 14 April.
    const auto messages = f.at(oslo_time("2026-04-14T09:00"));
    std::vector<PlannedMessage> escalations;
    for (const PlannedMessage& message : messages)
        if (message.kind == ReminderKind::escalation) escalations.push_back(message);
    REQUIRE(escalations.size() == 1);
    const PlannedMessage& list = escalations[0];
    CHECK(list.key == "e|2026-04-14|-400");
    CHECK(list.reply.chat_id == "-400");
    CHECK(list.reply.text.starts_with("🚨 Over fristen i 14 dager eller mer"));
    CHECK(contains(list.reply.text, "• Nr. 9 Følge opp partiskatt (1. kvartal 2026), frist tirsdag 31. mars – "
                                    "Kasserer: Kari Nordmann; Gruppeledere (kommunestyregruppene): Ola Hansen"));
    CHECK(contains(list.reply.text, "Nr. 19 "));
    REQUIRE(list.reply.message()->mentions.size() == 1);
    CHECK(list.reply.message()->mentions[0].user_id == "4");
    CHECK_FALSE(list.reply.message()->done_button);
    // Nothing the day before.
    for (const PlannedMessage& message : f.at(oslo_time("2026-04-13T09:00")))
        CHECK(message.kind != ReminderKind::escalation);
}

TEST_CASE("without a secretary the escalation goes to the admins", "[reminders]") {
    PlannerFixture f;
    std::vector<std::string> chats;
    for (const PlannedMessage& message : f.at(oslo_time("2026-04-14T09:00")))
        if (message.kind == ReminderKind::escalation) chats.push_back(message.reply.chat_id);
    CHECK(chats == std::vector<std::string>{"1", "4"});

    f.settings.escalate_after_days = 0;  // never
    for (const PlannedMessage& message : f.at(oslo_time("2026-04-14T09:00")))
        CHECK(message.kind != ReminderKind::escalation);
}

TEST_CASE("the monthly digest tells the main channel what happens in the month", "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
    const auto messages = f.at(oslo_time("2026-12-01T08:00"));
    REQUIRE(messages.size() == 1);
    const PlannedMessage& digest = messages[0];
    CHECK(digest.kind == ReminderKind::digest_month);
    CHECK(digest.key == "d|month|2026-12|-1");
    CHECK(digest.reply.chat_id == "-1");
    CHECK(digest.reply.text.starts_with("📅 Dette skjer i desember 2026"));
    CHECK(contains(digest.reply.text, "Juleavslutning"));
    CHECK(contains(digest.reply.text, "Innspurt listestilling"));
    CHECK(contains(digest.reply.text, "nr. 9 Følge opp partiskatt"));
    CHECK_FALSE(digest.reply.message()->done_button);

    f.settings.monthly_digest = false;
    CHECK(f.at(oslo_time("2026-12-01T08:00")).empty());
}

TEST_CASE("digests need a main channel", "[reminders]") {
    PlannerFixture f;
    CHECK(f.at(oslo_time("2026-12-01T08:00")).empty());
}

TEST_CASE("the weekly digest lists the week's events and deadlines and is skipped when the week is empty",
          "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
    // Monday 16 November 2026: Mannsdagen on Thursday 19th.
    const auto messages = f.at(oslo_time("2026-11-16T08:00"));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].kind == ReminderKind::digest_week);
    CHECK(messages[0].key == "d|week|2026-W47|-1");
    CHECK(messages[0].reply.text.starts_with("📅 Denne uka (uke 47, 16.–22. november 2026):"));
    CHECK(contains(messages[0].reply.text, "• Torsdag 19. november: Mannsdagen"));
    // Monday 6 July 2026: no fixed-day event and no deadline that week.
    CHECK(f.at(oslo_time("2026-07-06T08:00")).empty());
}

TEST_CASE("the day before 1. mai the main channel gets a heads-up", "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
    const auto messages = f.at(oslo_time("2026-04-30T08:00"));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].kind == ReminderKind::heads_up);
    CHECK(messages[0].key == "d|headsup|2026-04-30|-1");
    CHECK(messages[0].reply.text.starts_with("📣 I morgen, fredag 1. mai: 1. mai!"));
    CHECK(contains(messages[0].reply.text, "nr. 15 Rekruttere medlemmer ved aksjoner"));
}

TEST_CASE("while reminders are paused nothing is due", "[reminders]") {
    PlannerFixture f;
    f.state.paused = ymd(2026, 3, 20);
    CHECK(f.at(oslo_time("2026-03-17T09:00")).empty());
    f.state.paused = ymd(2026, 3, 16);  // over
    CHECK_FALSE(of_task(f.at(oslo_time("2026-03-17T09:00")), 9).empty());
}

TEST_CASE("a window without a send time plans nothing", "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
    CHECK(f.due(oslo_time("2026-03-17T09:00"), oslo_time("2026-03-17T09:00:01")).empty());
    CHECK(f.due(oslo_time("2026-03-17T10:00"), oslo_time("2026-03-18T07:59:59")).empty());
}

TEST_CASE("the same window gives the same messages with the same unique keys", "[reminders]") {
    PlannerFixture f;
    f.state.channel_list.push_back({std::string(kMainChannel), "", "telegram", "-1", "", "Trøndelag SV"});
    const auto first = f.due(oslo_time("2026-03-25T12:00"), oslo_time("2026-04-15T12:00"));
    const auto second = f.due(oslo_time("2026-03-25T12:00"), oslo_time("2026-04-15T12:00"));
    REQUIRE(first.size() == second.size());
    REQUIRE_FALSE(first.empty());
    std::set<std::string> keys;
    for (size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].key == second[i].key);
        CHECK(first[i].reply.text == second[i].reply.text);
        CHECK(keys.insert(first[i].key).second);
    }
}

TEST_CASE("the next reminders of a person are those sent to them or their role's channel", "[reminders]") {
    PlannerFixture f;
    const auto next = upcoming_messages(test::shipped_plan(), f.state, f.settings, test::oslo(),
                                        oslo_time("2026-03-10T12:00"), &f.kari, 3, "telegram", f.config_admins);
    REQUIRE(next.size() == 3);
    CHECK(next[0].due_at == oslo_time("2026-03-17T09:00"));
    CHECK(next[0].occurrence == kPartiskatt);
    for (const PlannedMessage& message : next) CHECK(message.reply.chat_id == "-100");
    CHECK(next[0].due_at <= next[1].due_at);
    CHECK(next[1].due_at <= next[2].due_at);
}

}  // namespace
