// Seeing and confirming work: /oppgaver, /frister, /ferdig, /angre, the admins' /frist,
// /ny and /ansvar, and the natural questions, run against an in-memory state. Each test
// applies a command's changes the way storage would and runs the next command on them.
#include <catch2/catch.hpp>

#include "commands/command_line.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/work/work_commands.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using planbot::test::only_change;

// Saturday 28 November 2026 in Oslo. Anne is an admin from the config; Kari is kasserer,
// Ola regionleder in Innherred, Per has no role. Tracking started 1 October 2026, so
// only the fourth quarter counts as open work unless a test moves the start.
struct WorkCommandsFixture {
    test::MemoryState state;
    Context context = test::at("2026-11-28T10:00");
    Person anne;
    Person kari;
    Person ola;
    Person per;

    WorkCommandsFixture() {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        ola = state.add_person("3", "Ola Hansen", "ola_h");
        per = state.add_person("4", "Per", "");
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.holdings.push_back({{"regionleder", "innherred"}, ola});
        state.started = date::year(2026) / 10 / 1;
        context.state = &state;
        context.config_admins = {"1"};
    }

    // A private chat with the bot unless `chat` names a group.
    Event message(const Person& from, std::string text, std::string chat = "") const {
        Event event;
        event.platform = "telegram";
        event.chat_id = chat.empty() ? from.user_id : chat;
        event.chat_kind = chat.empty() ? ChatKind::private_chat : ChatKind::group;
        event.user_id = from.user_id;
        event.user_name = from.name;
        event.text = std::move(text);
        event.addressed_to_bot = true;
        return event;
    }

    Outcome run(const Person& from, std::string text, std::string chat = "") const {
        std::optional<Command> command = read_command(text);
        REQUIRE(command);
        std::optional<Outcome> outcome = handle_work_command(message(from, text, chat), context, *command);
        REQUIRE(outcome);
        REQUIRE_FALSE(outcome->replies.empty());
        return *outcome;
    }
    // Runs a command and applies what it changes, as the caller's transaction would.
    Outcome apply(const Person& from, std::string text, std::string chat = "") {
        Outcome outcome = run(from, std::move(text), std::move(chat));
        state.apply(outcome, from, context.now);
        return outcome;
    }
    std::string say(const Person& from, std::string text, std::string chat = "") {
        return apply(from, std::move(text), std::move(chat)).replies.front().text;
    }
    // Every page of a listing, joined.
    std::string all_pages(const Person& from, const std::string& command) {
        std::string text = say(from, command);
        for (int page = 2; contains(text, "side " + std::to_string(page) + "»"); ++page)
            text += "\n" + say(from, command + " side " + std::to_string(page));
        return text;
    }
    std::optional<Outcome> ask(const Person& from, const std::string& question) const {
        return answer_work_question(message(from, question), context, words(question));
    }
    void bind(const std::string& role, const std::string& chat, const std::string& unit = "") {
        state.channel_list.push_back({role, unit, "telegram", chat, "", "Gruppe " + chat});
    }
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

size_t position(const std::string& text, const std::string& part) {
    size_t at = text.find(part);
    REQUIRE(at != std::string::npos);
    return at;
}

}  // namespace

TEST_CASE("other commands are not the work commands' business", "[work]") {
    WorkCommandsFixture f;
    for (const char* text : {"/hjelp", "/rolle gi kasserer @kari", "/roller", "/rapport 2026"}) {
        auto command = read_command(text);
        REQUIRE(command);
        CHECK_FALSE(handle_work_command(f.message(f.kari, text), f.context, *command));
    }
}

TEST_CASE("without a database the work commands say they need one", "[work]") {
    WorkCommandsFixture f;
    f.context.state = nullptr;
    auto command = read_command("/oppgaver");
    auto outcome = handle_work_command(f.message(f.kari, "/oppgaver"), f.context, *command);
    REQUIRE(outcome);
    CHECK(contains(outcome->replies.front().text, "databasen"));
}

TEST_CASE("/oppgaver shows a kasserer's tasks 9 and 10 with the days left", "[work]") {
    WorkCommandsFixture f;
    const std::string text = f.say(f.kari, "/oppgaver");
    CHECK(contains(text, "Dine åpne oppgaver (Kasserer):"));
    CHECK(contains(text, "\n9 Følge opp partiskatt — 31. desember (om 33 dager)"));
    CHECK(contains(text, "\n10 Øke inntekter fra støttegiro — 31. desember (om 33 dager)"));
    CHECK_FALSE(contains(text, "\n3 "));  // regionleder work is not hers
    CHECK(lines_of(text).size() == 3);
}

TEST_CASE("overdue tasks since tracking started come first, oldest first, with the days over", "[work]") {
    WorkCommandsFixture f;
    f.state.started = date::year(2026) / 1 / 1;
    const std::string text = f.say(f.kari, "/oppgaver");
    CHECK(contains(text, "9 Følge opp partiskatt — 31. mars (242 dager over fristen)"));
    CHECK(contains(text, "9 Følge opp partiskatt — 30. september (59 dager over fristen)"));
    CHECK_FALSE(contains(text, "2025"));  // before tracking started: history, not overdue work
    CHECK(position(text, "31. mars") < position(text, "30. juni"));
    CHECK(position(text, "30. september") < position(text, "31. desember (om 33 dager)"));
}

TEST_CASE("a weekly task shows only this week's meeting, not every missed one", "[work]") {
    WorkCommandsFixture f;
    f.state.started = date::year(2026) / 1 / 1;
    f.state.holdings.push_back({{"gruppeleder-fylkesting", ""}, f.per});
    // Wednesday 25 November: Monday's meeting (23 November) is this week's.
    f.context.now = test::at("2026-11-25T10:00").now;
    const std::string text = f.say(f.per, "/oppgaver");
    CHECK(contains(text, "30 Ukentlig koordineringsmøte — 23. november (2 dager over fristen)"));
    CHECK_FALSE(contains(text, "16. november"));
    CHECK_FALSE(contains(text, "30. november"));
}

TEST_CASE("a long /oppgaver list is paged, and each page says how to get the next", "[work]") {
    WorkCommandsFixture f;
    for (int i = 0; i < 26; ++i)
        f.state.added.push_back({kFirstAddedTask + i, {"kasserer", ""}, "Ekstra oppgave " + std::to_string(i),
                                 date::year(2027) / 2 / 1});
    const std::string first = f.say(f.kari, "/oppgaver");
    CHECK(lines_of(first).size() == 1 + 12 + 2);  // heading, 12 lines, blank, footer
    CHECK(contains(first, "Side 1 av 3 — skriv «/oppgaver side 2»"));
    const std::string second = f.say(f.kari, "/oppgaver side 2");
    CHECK(contains(second, "Side 2 av 3 — skriv «/oppgaver side 3»"));
    CHECK(contains(second, "Ekstra oppgave"));
    const std::string last = f.say(f.kari, "/oppgaver side 3");
    CHECK(contains(last, "Side 3 av 3"));
    CHECK_FALSE(contains(last, "skriv «"));
    CHECK(contains(f.say(f.kari, "/oppgaver side 9"), "bare 3 sider"));
}

TEST_CASE("someone without roles is told how to get one and pointed to /frister", "[work]") {
    WorkCommandsFixture f;
    const std::string text = f.say(f.per, "/oppgaver");
    CHECK(contains(text, "ingen roller"));
    CHECK(contains(text, "/rolle gi"));
    CHECK(contains(text, "/frister"));
}

TEST_CASE("/oppgaver for a role lists that role's work, a scoped role per unit", "[work]") {
    WorkCommandsFixture f;
    const std::string innherred = f.say(f.per, "/oppgaver regionleder innherred");
    CHECK(contains(innherred, "Åpne oppgaver for Regionleder Innherred:"));
    CHECK(contains(innherred, "\n3 Arrangement i hvert regionteam (Innherred) — 31. desember (om 33 dager)"));

    const std::string all = f.say(f.per, "/oppgaver regionleder");
    CHECK(contains(all, "alle regioner"));
    CHECK(contains(all, "\n3 Arrangement i hvert regionteam (7 regioner) — 31. desember"));

    CHECK(contains(f.say(f.per, "/oppgaver kassereren"), "\n9 Følge opp partiskatt"));
}

TEST_CASE("/oppgaver for an unknown role says so and gives the plan's role names", "[work]") {
    WorkCommandsFixture f;
    const std::string text = f.say(f.kari, "/oppgaver sjefen");
    CHECK(contains(text, "kjenner ikke rollen «sjefen»"));
    CHECK(contains(text, "fylkesleder"));
    CHECK(contains(text, "/roller"));
}

TEST_CASE("tasks without ansvarlig show it, and /ansvar gives them a role", "[work]") {
    WorkCommandsFixture f;
    CHECK(contains(f.all_pages(f.per, "/oppgaver fylkesstyret"),
                   "28 Ringeaksjon til medlemmer som ikke har betalt — 31. oktober 2027 (om 337 dager), ansvarlig "
                   "mangler"));

    CHECK(contains(f.say(f.kari, "/ansvar 27 au"), "bare en admin"));
    CHECK(f.state.responsibility.empty());

    Outcome outcome = f.apply(f.anne, "/ansvar 27 au");
    CHECK(only_change<AssignResponsible>(outcome).edit.role == config::RoleRef{"au", ""});
    CHECK(contains(outcome.replies.front().text, "AU har nå ansvar for nr. 27 Valgvaker rundt om i fylket"));
    const std::string au = f.all_pages(f.per, "/oppgaver au");
    CHECK(contains(au, "27 Valgvaker rundt om i fylket — 13. september 2027"));
    CHECK_FALSE(contains(au, "ansvarlig mangler"));
    CHECK(contains(f.say(f.anne, "/ansvar 27 au"), "har allerede ansvar"));
    CHECK(contains(f.say(f.anne, "/ansvar 27"), "/ansvar <nr> <rolle>"));
}

TEST_CASE("/frister juni lists every task due in June, weekly ones in one line, paged", "[work]") {
    WorkCommandsFixture f;
    const std::string first = f.say(f.per, "/frister juni");
    CHECK(contains(first, "Frister for juni 2027:"));
    CHECK(contains(first, "\n16 Valgkampmateriell klart — 1. juni 2027"));
    CHECK(contains(first, "\n9 Følge opp partiskatt — 30. juni 2027"));
    // Twelve dated lines fill one page; the weekly line goes with them, not to a page of its own.
    CHECK(contains(first, "\nHver uke: 30 Ukentlig koordineringsmøte (mandag), 42 Sosiale medier (fredag)"));
    CHECK_FALSE(contains(first, "Side 1"));
    CHECK(f.say(f.per, "/frister juni side 2") == "Det er bare én side. Skriv «/frister juni».");
    const std::string long_list = f.say(f.per, "/frister 2027");
    CHECK(contains(long_list, "Side 1 av "));
    CHECK_FALSE(contains(long_list, "Hver uke"));
    CHECK(contains(f.all_pages(f.per, "/frister 2027"), "\nHver uke: 30 Ukentlig koordineringsmøte"));
}

TEST_CASE("/frister summarises a per-unit task in one line and marks what is done", "[work]") {
    WorkCommandsFixture f;
    for (const char* unit : {"Oppdal", "Røros", "Verdal"})
        f.state.done.push_back({{12, unit, "2026-12"}, f.anne, f.context.now, ""});
    f.state.done.push_back({{10, "", "2026-12"}, f.kari, f.context.now, ""});
    const std::string text = f.all_pages(f.per, "/frister desember");
    CHECK(contains(text, "12 Besøke alle lokallag — 31. desember (28 lokallag, 3 ferdig)"));
    CHECK(contains(text, "10 Øke inntekter fra støttegiro — 31. desember ✅"));
    CHECK(contains(text, "9 Følge opp partiskatt — 31. desember\n"));
}

TEST_CASE("/frister marks a task whose plan names no one as missing its ansvarlig", "[work]") {
    WorkCommandsFixture f;
    const std::string text = f.all_pages(f.per, "/frister september 2027");
    CHECK(contains(text, "27 Valgvaker rundt om i fylket — 13. september 2027 (ansvarlig mangler)"));
}

TEST_CASE("/frister without a period covers the next 30 days, an empty period says so", "[work]") {
    WorkCommandsFixture f;
    const std::string text = f.say(f.per, "/frister");
    CHECK(contains(text, "Frister de neste 30 dagene"));
    CHECK(contains(text, "Hver uke:"));
    f.context.now = test::at("2026-07-02T10:00").now;
    CHECK(contains(f.say(f.per, "/frister neste uke"), "Hver uke:"));
    CHECK(contains(f.say(f.per, "/frister mai 2030"), "Ingen frister"));
    CHECK(contains(f.say(f.per, "/frister blabla"), "skjønte ikke perioden"));
}

TEST_CASE("a holder's /ferdig is stored, answered and posted to the role's group", "[work]") {
    WorkCommandsFixture f;
    f.bind("kasserer", "-200");
    f.bind("regionleder", "-300");
    Outcome outcome = f.apply(f.kari, "/ferdig 9 betalt inn");
    const Complete& done = only_change<Complete>(outcome);
    CHECK(done.id == OccurrenceId{9, "", "2026-12"});
    CHECK(done.comment == "betalt inn");
    CHECK(outcome.changes.front().description == "Nr. 9 Følge opp partiskatt (4. kvartal 2026) meldt ferdig: betalt inn");
    REQUIRE(outcome.replies.size() == 2);
    CHECK(outcome.replies[0].chat_id == "2");
    CHECK(contains(outcome.replies[0].text, "✅ Nr. 9 Følge opp partiskatt (4. kvartal 2026) er ferdig. Takk, Kari!"));
    CHECK(contains(outcome.replies[0].text, "betalt inn"));
    CHECK(outcome.replies[1].chat_id == "-200");
    CHECK(contains(outcome.replies[1].text, "Kari Nordmann"));
    CHECK(contains(outcome.replies[1].text, "betalt inn"));
    REQUIRE(f.state.done.size() == 1);
    CHECK_FALSE(contains(f.say(f.kari, "/oppgaver"), "\n9 Følge opp partiskatt — 31. desember"));
}

TEST_CASE("a /ferdig sent in the role's own group is answered there once", "[work]") {
    WorkCommandsFixture f;
    f.bind("kasserer", "-200");
    Outcome outcome = f.apply(f.kari, "/ferdig 10", "-200");
    REQUIRE(outcome.replies.size() == 1);
    CHECK(outcome.replies.front().chat_id == "-200");
}

TEST_CASE("someone else's /ferdig is refused, naming who can", "[work]") {
    WorkCommandsFixture f;
    f.bind("kasserer", "-200");
    Outcome outcome = f.apply(f.per, "/ferdig 9");
    CHECK(outcome.changes.empty());
    REQUIRE(outcome.replies.size() == 1);
    const std::string& text = outcome.replies.front().text;
    CHECK(contains(text, "Beklager"));
    CHECK(contains(text, "Kasserer (Kari Nordmann)"));
    CHECK(contains(text, "Gruppeledere (kommunestyregruppene) (ingen har rollen ennå)"));
    CHECK(contains(text, "eller en admin"));
    CHECK(f.state.done.empty());
}

TEST_CASE("an admin may confirm any task", "[work]") {
    WorkCommandsFixture f;
    Outcome outcome = f.apply(f.anne, "/ferdig 9");
    CHECK(only_change<Complete>(outcome).id == OccurrenceId{9, "", "2026-12"});
    CHECK(contains(outcome.replies.front().text, "Takk, Anne!"));
}

TEST_CASE("a second /ferdig says who confirmed it and when, and changes nothing", "[work]") {
    WorkCommandsFixture f;
    f.bind("kasserer", "-200");
    f.apply(f.kari, "/ferdig 9 betalt inn");
    f.context.now += std::chrono::hours(24);
    Outcome again = f.apply(f.kari, "/ferdig 9");
    CHECK(again.changes.empty());
    REQUIRE(again.replies.size() == 1);  // nothing to the group either
    const std::string& text = again.replies.front().text;
    CHECK(contains(text, "allerede meldt ferdig av Kari Nordmann 28. november 2026"));
    CHECK(contains(text, "«/ferdig 9 2027»"));
    CHECK(f.state.done.size() == 1);
}

TEST_CASE("/ferdig takes a year or a unit to pick the occurrence", "[work]") {
    WorkCommandsFixture f;
    CHECK(only_change<Complete>(f.apply(f.kari, "/ferdig 10 2027 tidlig ute")).id == OccurrenceId{10, "", "2027-12"});
    CHECK(f.state.done.back().comment == "tidlig ute");
    CHECK(contains(f.say(f.kari, "/ferdig 10 2027"), "allerede meldt ferdig av Kari Nordmann"));

    f.bind("regionleder", "-300", "innherred");
    f.bind("regionleder", "-301", "namdalen");
    Outcome innherred = f.apply(f.ola, "/ferdig 3 Innherred møte på Verdal");
    CHECK(only_change<Complete>(innherred).id == OccurrenceId{3, "innherred", "2026-12"});
    CHECK(only_change<Complete>(innherred).comment == "møte på Verdal");
    CHECK(contains(innherred.replies.front().text, "Innherred 2026"));
    REQUIRE(innherred.replies.size() == 2);  // Innherred's group hears it, Namdalen's does not
    CHECK(innherred.replies[1].chat_id == "-300");

    Outcome other = f.apply(f.ola, "/ferdig 3 Namdalen");
    CHECK(other.changes.empty());
    CHECK(contains(other.replies.front().text, "Regionleder Namdalen (ingen har rollen ennå)"));

    // Without a unit, Ola's own region is the one meant.
    CHECK(contains(f.say(f.ola, "/ferdig 3"), "allerede meldt ferdig av Ola Hansen"));
}

TEST_CASE("/ferdig without a selector skips occurrences from before tracking started", "[work]") {
    WorkCommandsFixture f;
    CHECK(only_change<Complete>(f.apply(f.kari, "/ferdig 9")).id == OccurrenceId{9, "", "2026-12"});
    WorkCommandsFixture whole;
    whole.state.started = date::year(2025) / 1 / 1;
    CHECK(only_change<Complete>(whole.apply(whole.kari, "/ferdig 9")).id == OccurrenceId{9, "", "2025-3"});
    // An older one can still be named with its year.
    CHECK(only_change<Complete>(f.apply(f.kari, "/ferdig 9 2025")).id == OccurrenceId{9, "", "2025-3"});
}

TEST_CASE("/ferdig with a negative number is not read as the positive one", "[work]") {
    WorkCommandsFixture f;
    Outcome outcome = f.apply(f.kari, "/ferdig -9");
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies.front().text, "Skriv nummeret på oppgaven"));
}

TEST_CASE("an admin's /ferdig of a per-unit task without a unit asks which unit", "[work]") {
    WorkCommandsFixture f;
    Outcome outcome = f.apply(f.anne, "/ferdig 3");
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies.front().text, "gjelder flere regioner"));
    CHECK(contains(outcome.replies.front().text, "«/ferdig 3 Fjellregionen»"));
    CHECK(only_change<Complete>(f.apply(f.anne, "/ferdig 3 Namdalen")).id.unit == "namdalen");
}

TEST_CASE("a comment that starts with a number outside the plan's years is a comment", "[work]") {
    WorkCommandsFixture f;
    Outcome outcome = f.apply(f.kari, "/ferdig 9 2000 kr kom inn");
    INFO(outcome.replies.front().text);
    const Complete& done = only_change<Complete>(outcome);
    CHECK(done.id == OccurrenceId{9, "", "2026-12"});
    CHECK(done.comment == "2000 kr kom inn");
}

TEST_CASE("the comment limit counts characters: æøå and emoji count one each", "[work]") {
    WorkCommandsFixture f;
    std::string comment;
    for (size_t i = 0; i < kMaxComment; ++i) comment += i % 2 ? "å" : "🎉";
    CHECK(only_change<Complete>(f.apply(f.kari, "/ferdig 9 " + comment)).comment == comment);
    Outcome too_long = f.apply(f.kari, "/ferdig 10 " + comment + "x");
    CHECK(too_long.changes.empty());
    CHECK(contains(too_long.replies.front().text, "(" + std::to_string(kMaxComment + 1) + " tegn)"));
}

TEST_CASE("/ferdig with a missing or unknown number explains", "[work]") {
    WorkCommandsFixture f;
    CHECK(contains(f.say(f.kari, "/ferdig"), "/ferdig 9"));
    CHECK(contains(f.say(f.kari, "/ferdig betalt"), "/ferdig 9"));
    const std::string unknown = f.say(f.kari, "/ferdig 77");
    CHECK(contains(unknown, "ingen oppgave nr. 77"));
    CHECK(contains(unknown, "1–43"));
    CHECK(contains(unknown, "101"));
    CHECK(f.state.done.empty());
}

TEST_CASE("a 4,000-character comment is refused and nothing is stored", "[work]") {
    WorkCommandsFixture f;
    Outcome outcome = f.apply(f.kari, "/ferdig 9 " + std::string(4000, 'x'));
    CHECK(outcome.changes.empty());
    CHECK(f.state.done.empty());
    const std::string& text = outcome.replies.front().text;
    CHECK(contains(text, std::to_string(kMaxComment)));
    CHECK(text.size() < 600);  // the comment is not echoed
}

TEST_CASE("SQL metacharacters, markup and emoji in free text are kept verbatim", "[work]") {
    WorkCommandsFixture f;
    const std::string comment = "'); DROP TABLE completions;-- <b>ok</b> & \"så\" 🎉";
    Outcome outcome = f.apply(f.kari, "/ferdig 9 " + comment);
    CHECK(only_change<Complete>(outcome).comment == comment);
    CHECK(contains(outcome.replies.front().text, comment));

    const std::string title = "Kjøpe kake 🎂 <i>til</i> '; DELETE FROM tasks; --";
    Outcome added = f.apply(f.anne, "/ny kasserer 1.6.2027 " + title);
    CHECK(only_change<AddTask>(added).task.title == title);
    CHECK(contains(f.say(f.kari, "/oppgaver"), "101 " + title + " — 1. juni 2027"));
}

TEST_CASE("/angre reopens one's own confirmation within 7 days, admins any time", "[work]") {
    WorkCommandsFixture f;
    f.apply(f.kari, "/ferdig 9");
    f.context.now += std::chrono::hours(24 * 2);
    CHECK(contains(f.say(f.per, "/angre 9"), "Det var ikke du"));
    Outcome undone = f.apply(f.kari, "/angre 9");
    CHECK(only_change<Reopen>(undone).id == OccurrenceId{9, "", "2026-12"});
    CHECK(contains(undone.replies.front().text, "er åpen igjen"));
    CHECK(f.state.done.empty());
    CHECK(contains(f.say(f.kari, "/angre 9"), "ingenting å angre"));

    f.apply(f.kari, "/ferdig 9");
    f.context.now += std::chrono::hours(24 * 8);
    Outcome late = f.apply(f.kari, "/angre 9");
    CHECK(late.changes.empty());
    CHECK(contains(late.replies.front().text, "mer enn 7 dager"));
    Outcome admin = f.apply(f.anne, "/angre 9");
    CHECK(only_change<Reopen>(admin).id == OccurrenceId{9, "", "2026-12"});
    CHECK(contains(admin.replies.front().text, "meldt ferdig av Kari Nordmann"));
    CHECK(f.state.done.empty());
}

TEST_CASE("/frist moves the nearest open occurrence of a scheduled task", "[work]") {
    WorkCommandsFixture f;
    Outcome moved = f.apply(f.anne, "/frist 9 15.1.2027");
    const SetDeadline& edit = only_change<SetDeadline>(moved);
    CHECK(edit.edit.id == OccurrenceId{9, "", "2026-12"});
    CHECK(edit.edit.date == date::year(2027) / 1 / 15);
    CHECK(contains(moved.replies.front().text, "fra 31. desember 2026 til 15. januar 2027"));
    CHECK(contains(f.say(f.kari, "/oppgaver"), "9 Følge opp partiskatt — 15. januar 2027 (om 48 dager)"));

    // A per-unit task without a unit moves every unit's.
    Outcome all = f.apply(f.anne, "/frist 3 1.12.2026");
    CHECK(all.changes.size() == 7);
    Outcome one = f.apply(f.anne, "/frist 3 10.12.2026 Innherred");
    CHECK(only_change<SetDeadline>(one).edit.id == OccurrenceId{3, "innherred", "2026-12"});
}

TEST_CASE("/frist adds a date to a task whose dates admins enter, once", "[work]") {
    WorkCommandsFixture f;
    Outcome added = f.apply(f.anne, "/frist 7 1.9.2027");
    CHECK(only_change<SetDeadline>(added).edit.id == OccurrenceId{7, "", "+2027-09-01"});
    Outcome again = f.apply(f.anne, "/frist 7 1.9.2027");
    CHECK(again.changes.empty());
    CHECK(contains(again.replies.front().text, "har allerede en frist 1. september 2027"));
    CHECK(contains(f.say(f.per, "/frister september 2027"), "7 Lokallagsledere på styremøte før fylkesting — 1. september 2027"));
}

TEST_CASE("/frist refuses dates that do not exist or are outside the plan, and non-admins", "[work]") {
    WorkCommandsFixture f;
    CHECK(contains(f.say(f.anne, "/frist 9 31.2.2027"), "finnes ikke"));
    CHECK(contains(f.say(f.anne, "/frist 9 1.6.2030"), "planperioden 2025–2028"));
    CHECK(contains(f.say(f.anne, "/frist 9"), "/frist <nr> <dato>"));
    CHECK(contains(f.say(f.anne, "/frist 99 1.6.2027"), "ingen oppgave nr. 99"));
    CHECK(contains(f.say(f.kari, "/frist 9 1.6.2027"), "bare en admin"));
    CHECK(f.state.edits.empty());
}

TEST_CASE("/ny adds a numbered one-off task that the role sees and can confirm", "[work]") {
    WorkCommandsFixture f;
    CHECK(contains(f.say(f.kari, "/ny kasserer 1.6.2027 Bestille lokale"), "bare en admin"));
    Outcome outcome = f.apply(f.anne, "/ny kasserer 1.6.2027 Bestille lokale");
    const AddTask& added = only_change<AddTask>(outcome);
    CHECK(added.task.number == 101);
    CHECK(added.task.role == config::RoleRef{"kasserer", ""});
    CHECK(added.task.date == date::year(2027) / 6 / 1);
    CHECK(contains(outcome.replies.front().text, "nr. 101"));
    CHECK(contains(f.say(f.kari, "/oppgaver"), "\n101 Bestille lokale — 1. juni 2027 (om 185 dager)"));
    CHECK(only_change<Complete>(f.apply(f.kari, "/ferdig 101")).id == OccurrenceId{101, "", ""});
    CHECK(contains(f.say(f.kari, "/ferdig 101"), "allerede meldt ferdig"));
    CHECK(only_change<AddTask>(f.apply(f.anne, "/ny au fredag Neste")).task.number == 102);
    CHECK(contains(f.say(f.anne, "/ny sjefen 1.6.2027 x"), "kjenner ikke rollen"));
    CHECK(contains(f.say(f.anne, "/ny kasserer 1.6.2027"), "Hva skal gjøres"));
    CHECK(contains(f.say(f.anne, "/ny kasserer 1.6.2027 " + std::string(300, 'y')), "for lang"));
    CHECK(f.state.added.size() == 2);
}

TEST_CASE("natural questions about one's own, a role's and the period's work are answered", "[work]") {
    WorkCommandsFixture f;
    for (const char* question : {"hva har jeg ansvar for", "hva skal jeg gjøre", "mine oppgaver", "hva må jeg gjøre?"}) {
        auto outcome = f.ask(f.kari, question);
        REQUIRE(outcome);
        CHECK(contains(outcome->replies.front().text, "9 Følge opp partiskatt"));
    }
    for (const char* question :
         {"hva må kassereren gjøre", "hva har kasserer ansvar for", "hva skal fylkessekretæren gjøre"}) {
        auto outcome = f.ask(f.per, question);
        REQUIRE(outcome);
        CHECK(contains(outcome->replies.front().text, "Åpne oppgaver for"));
    }
    auto june = f.ask(f.per, "hvilke frister er det i juni");
    REQUIRE(june);
    CHECK(contains(june->replies.front().text, "Frister for juni 2027"));
    auto week = f.ask(f.per, "frister neste uke");
    REQUIRE(week);
    CHECK(contains(week->replies.front().text, "Frister for neste uke"));
    auto may = f.ask(f.per, "hva er fristene i mai");
    REQUIRE(may);
    CHECK(contains(may->replies.front().text, "mai 2027"));
    CHECK_FALSE(f.ask(f.per, "hva skjer i mai"));
    CHECK_FALSE(f.ask(f.per, "hvem har ansvar for partiskatt"));
    CHECK_FALSE(f.ask(f.per, "når er fylkesårsmøtet"));
}
