// /dato: an admin sets the day of a wheel event the plan gives only a month, or moves
// it; the questions, the digests and the tied tiltak's deadlines and reminders follow,
// and /logg shows who did it. Run through the router at fixed Oslo times.
#include <algorithm>

#include "tests/support/chat_fixture.hpp"

#include "commands/reminders/planner.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;
using date::year_month_day;

using planbot::test::ymd;

std::optional<year_month_day> deadline_edit(const test::MemoryState& state, int task, const std::string& key) {
    for (const commands::DeadlineEdit& edit : state.edits)
        if (edit.id.task == task && edit.id.key == key) return edit.date;
    return std::nullopt;
}

// The reminders to holders of tiltak `task` planned in the minute ending at Oslo `local_time`.
std::vector<commands::PlannedMessage> reminders_of(const test::ChatFixture& chat, int task,
                                                   const std::string& local_time) {
    const auto at = test::at(local_time).now;
    const config::ReminderSettings settings;
    std::vector<commands::PlannedMessage> out;
    for (commands::PlannedMessage& message :
         commands::due_messages(test::shipped_plan(), chat.state, settings, test::oslo(), at - std::chrono::minutes(1),
                                at, "telegram", chat.context.config_admins))
        if (message.key.starts_with("r|" + std::to_string(task) + "|"))
            out.push_back(std::move(message));
    return out;
}

}  // namespace

TEST_CASE("/dato gives the county annual meeting its day, and the questions answer with it", "[dato]") {
    test::ChatFixture chat("2026-12-06T10:00");
    CHECK(contains(chat.say(chat.per, "når er fylkesårsmøtet"), "i februar 2027"));

    const std::string reply = chat.say(chat.anne, "/dato fylkesårsmøte 13.2.2027");
    CHECK(reply.starts_with("📅 Fylkesårsmøte 2027: lørdag 13. februar 2027."));
    REQUIRE(chat.state.wheel_days.size() == 1);
    CHECK(chat.state.wheel_days[0].event == "fylkesarsmote");
    CHECK(chat.state.wheel_days[0].year == 2027);
    CHECK(chat.state.wheel_days[0].set_by.user_id == chat.anne.user_id);

    const std::string when = chat.say(chat.per, "når er fylkesårsmøtet");
    CHECK(contains(when, "Fylkesårsmøte: lørdag 13. februar 2027"));
    CHECK_FALSE(contains(when, "Planen setter ingen dag"));
    CHECK(contains(chat.say(chat.per, "hva skjer i februar 2027"), "lørdag 13. februar: Fylkesårsmøte"));
    // Other years keep their month.
    chat.now("2027-03-01T10:00");
    CHECK(contains(chat.say(chat.per, "når er fylkesårsmøtet"), "i februar 2028"));
}

TEST_CASE("/dato moves the deadlines of the tiltak tied to the annual meeting, and their reminders", "[dato]") {
    test::ChatFixture chat("2026-12-06T10:00");
    chat.state.holdings.push_back({{"fylkesstyret", ""}, chat.kari});  // nr. 11's reminders reach her
    const std::string reply = chat.say(chat.anne, "/dato fylkesårsmøte 13.2.2027");
    CHECK(contains(reply, "nr. 5 Årsmøte og repskapsmøte: frist 13. februar 2027 (var 28. februar 2027)"));
    CHECK(contains(reply, "nr. 11 Evaluere fadderordningen: frist 12. februar 2027 (var 31. januar 2027)"));
    CHECK(deadline_edit(chat.state, 5, "2027-2") == ymd(2027, 2, 13));
    CHECK(deadline_edit(chat.state, 11, "2027-1") == ymd(2027, 2, 12));
    CHECK_FALSE(deadline_edit(chat.state, 5, "2027-11"));  // the repskapsmøte in November is not tied

    // The reminder of the old deadline day is gone; the new day has it.
    CHECK(reminders_of(chat, 11, "2027-01-31T09:00").empty());
    const auto due = reminders_of(chat, 11, "2027-02-12T09:00");
    REQUIRE_FALSE(due.empty());
    CHECK(contains(due.front().key, "|due0|2027-02-12|"));

    // Moved again: the deadlines follow, and /logg tells who did what.
    const std::string moved = chat.say(chat.anne, "/dato fylkesårsmøtet 20. februar 2027");
    CHECK(contains(moved, "lørdag 20. februar 2027 (var lørdag 13. februar 2027)"));
    CHECK(deadline_edit(chat.state, 5, "2027-2") == ymd(2027, 2, 20));
    CHECK(deadline_edit(chat.state, 11, "2027-1") == ymd(2027, 2, 19));
    CHECK(reminders_of(chat, 11, "2027-02-12T09:00").empty());
    CHECK_FALSE(reminders_of(chat, 11, "2027-02-19T09:00").empty());

    const std::string log = chat.say(chat.anne, "/logg");
    CHECK(contains(log, "Fylkesårsmøte 2027: dato satt til 13.2.2027"));
    CHECK(contains(log, "Fylkesårsmøte 2027: dato flyttet fra 13.2.2027 til 20.2.2027"));
    CHECK(contains(log, "Anne Admin"));
}

TEST_CASE("/dato with the wheel's year before the date, and events alike in name told apart by the month",
          "[dato]") {
    test::ChatFixture chat("2026-12-06T10:00");
    CHECK(chat.say(chat.anne, "/dato landsmøte 2027 5.3.2027").starts_with("📅 Landsmøte 2027: fredag 5. mars 2027."));
    CHECK(chat.say(chat.anne, "/dato pride 12.9.2027").starts_with("📅 Trondheim Pride 2027: "));
    const std::string unclear = chat.say(chat.anne, "/dato pride 12.8.2027");
    CHECK(contains(unclear, "Mente du Lokal Pride (juni) eller Trondheim Pride (september)?"));
    CHECK(chat.state.wheel_days.size() == 2);  // landsmøte and Trondheim Pride only
}

TEST_CASE("only admins may use /dato, and bad input stores nothing", "[dato]") {
    test::ChatFixture chat("2026-12-06T10:00");
    CHECK(contains(chat.say(chat.kari, "/dato fylkesårsmøte 13.2.2027"), "bare en admin kan sette datoer i årshjulet"));
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte 31.2.2027"), "31.2.2027 finnes ikke"));
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte 30. februar 2027"), "finnes ikke"));
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte"), "Skriv «/dato <hendelse> <dato>»"));
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte snart"), "«snart»"));
    CHECK(contains(chat.say(chat.anne, "/dato blåbærfest 13.2.2027"),
                   "Jeg finner ingen hendelse i årshjulet som heter «blåbærfest»"));
    CHECK(contains(chat.say(chat.anne, "/dato landsmøte 5.3.2026"),
                   "Landsmøte er ikke i årshjulet i 2026, bare i 2025 og 2027"));
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte 13.2.2031"), "utenfor planperioden"));
    CHECK(chat.state.wheel_days.empty());
    CHECK(chat.state.edits.empty());
    CHECK(chat.state.log.empty());
}

TEST_CASE("/dato is in the admins' help", "[dato]") {
    test::ChatFixture chat("2026-12-06T10:00");
    CHECK(contains(chat.say(chat.anne, "/hjelp"), "/dato fylkesårsmøte 13.2.2027"));
}

TEST_CASE("/dato … fjern takes a set day away: the event is known by its month again, the tied deadlines go back",
          "[dato]") {
    test::ChatFixture chat("2026-12-06T10:00");
    chat.state.holdings.push_back({{"fylkesstyret", ""}, chat.kari});
    chat.say(chat.anne, "/dato fylkesårsmøte 13.2.2027");
    REQUIRE(deadline_edit(chat.state, 11, "2027-1") == ymd(2027, 2, 12));

    const std::string reply = chat.say(chat.anne, "/dato fylkesårsmøte 2027 fjern");
    CHECK(reply.starts_with("📅 Fylkesårsmøte 2027: datoen lørdag 13. februar 2027 er fjernet. Årshjulet kjenner den "
                            "bare som februar 2027 igjen."));
    CHECK(contains(reply, "nr. 11 Evaluere fadderordningen: frist 31. januar 2027 (var 12. februar 2027)"));
    CHECK(contains(reply, "nr. 5 Årsmøte og repskapsmøte: frist 28. februar 2027 (var 13. februar 2027)"));
    CHECK(chat.state.wheel_days.empty());
    CHECK(deadline_edit(chat.state, 11, "2027-1") == ymd(2027, 1, 31));
    CHECK(contains(chat.say(chat.per, "når er fylkesårsmøtet"), "i februar 2027"));
    // The reminders follow: the moved day has none, the plan's day has them again.
    CHECK(reminders_of(chat, 11, "2027-02-12T09:00").empty());
    CHECK_FALSE(reminders_of(chat, 11, "2027-02-01T09:00").empty());
    CHECK(contains(chat.say(chat.anne, "/logg"), "Fylkesårsmøte 2027: dato fjernet (var 13.2.2027)"));
    CHECK(std::ranges::any_of(chat.state.log, [](const auto& entry) { return entry.action == "wheel_date_cleared"; }));
}

TEST_CASE("/dato fjern is understood in the words a secretary would guess, and says when there is nothing to remove",
          "[dato]") {
    for (const char* typed : {"/dato fylkesårsmøte fjern", "/dato fjern fylkesårsmøtet 2027", "/dato fylkesårsmøte slett",
                              "/dato fylkesårsmøte 2027 ingen dato", "/dato fylkesårsmøte nullstill",
                              "/dato fylkesårsmøtet 2027 sletta", "/dato fylkesårsmøte fjærn"}) {
        test::ChatFixture chat("2026-12-06T10:00");
        chat.say(chat.anne, "/dato fylkesårsmøte 13.2.2027");
        INFO(typed);
        CHECK(contains(chat.say(chat.anne, typed), "er fjernet"));
        CHECK(chat.state.wheel_days.empty());
    }
    test::ChatFixture chat("2026-12-06T10:00");
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte fjern"),
                   "Fylkesårsmøte har ingen dato satt med /dato, så det er ingenting å fjerne."));
    CHECK(contains(chat.say(chat.kari, "/dato fylkesårsmøte fjern"), "bare en admin"));
    // Two years set and none typed: which one?
    chat.say(chat.anne, "/dato fylkesårsmøte 13.2.2027");
    chat.say(chat.anne, "/dato fylkesårsmøte 12.2.2028");
    CHECK(contains(chat.say(chat.anne, "/dato fylkesårsmøte fjern"),
                   "Mente du Fylkesårsmøte 2027 eller Fylkesårsmøte 2028?"));
    CHECK(chat.state.wheel_days.size() == 2);
}
