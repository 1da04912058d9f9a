// People, roles and channels from the chat: /rolle, /admin, /roller, /mineroller,
// /kanal, and the admins' /logg, /status and /rapport, run against an in-memory state.
#include <catch2/catch.hpp>

#include "commands/people/admin_commands.hpp"
#include "commands/report/overview_commands.hpp"
#include "commands/command_line.hpp"
#include "commands/work/tasks.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using planbot::test::only_change;

// Kari is an admin from the config; Ola and Per have written to the bot before.
struct AdminCommandsFixture {
    test::MemoryState state;
    Context context = test::at("2026-11-28T10:00");
    Person kari;
    Person ola;
    Person per;

    AdminCommandsFixture() {
        kari = state.add_person("1", "Kari Nordmann", "kari");
        ola = state.add_person("2", "Ola Hansen", "ola_h");
        per = state.add_person("3", "Per", "");
        context.state = &state;
        context.config_admins = {"1"};
    }

    Event message(const Person& from, std::string text, ChatKind kind = ChatKind::group) const {
        Event event;
        event.platform = "telegram";
        event.chat_id = kind == ChatKind::group ? "-100" : from.user_id;
        event.chat_kind = kind;
        event.user_id = from.user_id;
        event.user_name = from.name;
        event.text = std::move(text);
        event.addressed_to_bot = true;
        if (kind == ChatKind::group) event.chat_title = "Styret";
        return event;
    }

    Outcome run(const Event& event) const {
        std::optional<Command> command = read_command(event.text);
        REQUIRE(command);
        // The people commands and the admins' overview (/logg, /status, /rapport).
        std::optional<Outcome> outcome = handle_admin_command(event, context, *command);
        if (!outcome) outcome = handle_overview_command(event, context, *command);
        REQUIRE(outcome);
        REQUIRE(outcome->replies.size() == 1);
        return *outcome;
    }
    // Runs a command and applies what it changes, as the caller's transaction would.
    std::string apply(const Event& event) {
        Outcome outcome = run(event);
        state.apply(outcome, *state.person(event.platform, event.user_id), context.now);
        return outcome.replies.front().text;
    }
    std::string say(const Person& from, std::string text, ChatKind kind = ChatKind::group) {
        return apply(message(from, std::move(text), kind));
    }
};

}  // namespace

TEST_CASE("other commands are not the admin commands' business", "[admin]") {
    AdminCommandsFixture f;
    for (const char* text : {"/ferdig 9", "/hjelp", "/oppgaver"}) {
        auto command = read_command(text);
        REQUIRE(command);
        CHECK_FALSE(handle_admin_command(f.message(f.kari, text), f.context, *command));
    }
}

TEST_CASE("without a database the admin commands say they need it", "[admin]") {
    AdminCommandsFixture f;
    f.context.state = nullptr;
    Outcome outcome = f.run(f.message(f.kari, "/roller"));
    CHECK(contains(outcome.replies.front().text, "databasen"));
    CHECK(outcome.changes.empty());
}

TEST_CASE("an admin gives a role to a person named by @username", "[admin]") {
    AdminCommandsFixture f;
    Outcome outcome = f.run(f.message(f.kari, "/rolle gi kasserer @Ola_H"));
    const GrantRole& grant = only_change<GrantRole>(outcome);
    CHECK(grant.person == f.ola);
    CHECK(grant.role == config::RoleRef{"kasserer", ""});
    CHECK(outcome.changes.front().description == "Kasserer gitt til Ola Hansen til 28.2.2027");
    CHECK(contains(outcome.replies.front().text, "Ola Hansen"));
    CHECK(contains(outcome.replies.front().text, "Kasserer"));
}

TEST_CASE("an admin gives a role to a person picked by a text mention", "[admin]") {
    AdminCommandsFixture f;
    Event event = f.message(f.kari, "/rolle gi fylkessekretær Lise Berg");
    event.mentioned_users.push_back({"4", "Lise Berg", ""});
    Outcome outcome = f.run(event);
    const GrantRole& grant = only_change<GrantRole>(outcome);
    CHECK(grant.person == Person{"telegram", "4", "Lise Berg", ""});
    CHECK(grant.role.role_id == "fylkessekretaer");
    CHECK(contains(outcome.replies.front().text, "Lise Berg"));
}

TEST_CASE("an admin gives a scoped role by replying to the person's message", "[admin]") {
    AdminCommandsFixture f;
    Event event = f.message(f.kari, "/rolle gi regionleder Innherred");
    event.reply_to_user = UserRef{"3", "Per", ""};
    Outcome outcome = f.run(event);
    const GrantRole& grant = only_change<GrantRole>(outcome);
    CHECK(grant.person.user_id == "3");
    CHECK(grant.role == config::RoleRef{"regionleder", "innherred"});
    CHECK(contains(outcome.replies.front().text, "Regionleder Innherred"));
}

TEST_CASE("a person the bot has never seen cannot be given a role", "[admin]") {
    AdminCommandsFixture f;
    Outcome outcome = f.run(f.message(f.kari, "/rolle gi kasserer @ukjent"));
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies.front().text, "finner ikke @ukjent"));
    CHECK(contains(outcome.replies.front().text, "skrevet"));
}

TEST_CASE("a plain name without mention or reply is not guessed", "[admin]") {
    AdminCommandsFixture f;
    Outcome outcome = f.run(f.message(f.kari, "/rolle gi kasserer Ola"));
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies.front().text, "@brukernavn"));
}

TEST_CASE("a scoped role without its unit asks which one", "[admin]") {
    AdminCommandsFixture f;
    Outcome region = f.run(f.message(f.kari, "/rolle gi regionleder @ola_h"));
    CHECK(region.changes.empty());
    CHECK(contains(region.replies.front().text, "Hvilken region"));
    CHECK(contains(region.replies.front().text, "Innherred"));
    CHECK(contains(region.replies.front().text, "Namdalen"));

    Outcome lokallag = f.run(f.message(f.kari, "/rolle gi lokallagsleder @ola_h"));
    CHECK(lokallag.changes.empty());
    CHECK(contains(lokallag.replies.front().text, "kommunenavn"));
    CHECK(contains(lokallag.replies.front().text, "lokallagsleder Oppdal"));

    Outcome with_unit = f.run(f.message(f.kari, "/rolle gi lokallagsleder Oppdal @ola_h"));
    CHECK(only_change<GrantRole>(with_unit).role.role_id == "lokallagsleder");
    CHECK_FALSE(only_change<GrantRole>(with_unit).role.unit.empty());
}

TEST_CASE("someone who is not admin cannot give roles and is told who can", "[admin]") {
    AdminCommandsFixture f;
    f.state.admin_list.push_back(f.per);
    Outcome outcome = f.run(f.message(f.ola, "/rolle gi kasserer @ola_h"));
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies.front().text, "bare en admin"));
    CHECK(contains(outcome.replies.front().text, "Kari Nordmann"));
    CHECK(contains(outcome.replies.front().text, "Per"));
}

TEST_CASE("giving a role twice changes nothing the second time", "[admin]") {
    AdminCommandsFixture f;
    f.say(f.kari, "/rolle gi kasserer @ola_h");
    Outcome again = f.run(f.message(f.kari, "/rolle gi kasserer @ola_h"));
    CHECK(again.changes.empty());
    CHECK(contains(again.replies.front().text, "allerede"));
    CHECK(f.state.holders("kasserer").size() == 1);
}

TEST_CASE("an admin takes a role away, and taking it again says it is not held", "[admin]") {
    AdminCommandsFixture f;
    f.say(f.kari, "/rolle gi regionleder Namdalen @ola_h");
    Outcome revoke = f.run(f.message(f.kari, "/rolle fjern regionleder @ola_h"));  // the only region Ola has
    const RevokeRole& change = only_change<RevokeRole>(revoke);
    CHECK(change.role == config::RoleRef{"regionleder", "namdalen"});
    f.state.apply(revoke, f.kari, f.context.now);
    CHECK(f.state.holdings.empty());

    Outcome again = f.run(f.message(f.kari, "/rolle fjern regionleder Namdalen @ola_h"));
    CHECK(again.changes.empty());
    CHECK(contains(again.replies.front().text, "har ikke rollen"));
}

TEST_CASE("an unknown role or missing words get an example", "[admin]") {
    AdminCommandsFixture f;
    Outcome unknown = f.run(f.message(f.kari, "/rolle gi skattmester @ola_h"));
    CHECK(unknown.changes.empty());
    CHECK(contains(unknown.replies.front().text, "kjenner ikke rollen «skattmester»"));
    CHECK(contains(unknown.replies.front().text, "kasserer"));

    for (const char* text : {"/rolle", "/rolle gi", "/rolle bytt kasserer @ola_h"}) {
        Outcome usage = f.run(f.message(f.kari, text));
        CHECK(usage.changes.empty());
        CHECK(contains(usage.replies.front().text, "/rolle gi kasserer @kari"));
    }
    Outcome essay = f.run(f.message(f.kari, "/rolle gi " + std::string(4000, 'x') + " @ola_h"));
    CHECK(essay.changes.empty());
    CHECK(essay.replies.front().text.size() < 400);

    Outcome nobody = f.run(f.message(f.kari, "/rolle gi kasserer"));
    CHECK(nobody.changes.empty());
    CHECK(contains(nobody.replies.front().text, "Hvem"));
}

TEST_CASE("/roller lists every role with its holders by unit, then the roles nobody has", "[admin]") {
    AdminCommandsFixture f;
    f.say(f.kari, "/rolle gi kasserer @ola_h");
    f.say(f.kari, "/rolle gi regionleder Innherred @ola_h");
    f.say(f.kari, "/rolle gi regionleder Namdalen @kari");
    Event reply = f.message(f.kari, "/rolle gi regionleder Innherred");
    reply.reply_to_user = UserRef{"3", "Per", ""};
    f.apply(reply);

    const std::string text = f.say(f.per, "/roller");
    CHECK(contains(text, "\nKasserer: Ola Hansen"));
    CHECK(contains(text, "\nRegionleder Innherred: Ola Hansen, Per"));
    CHECK(contains(text, "\nRegionleder Namdalen: Kari Nordmann"));
    CHECK(text.find("Innherred") < text.find("Namdalen"));  // the plan's order of regions
    const std::string none = text.substr(text.find("Ingen har:"));
    CHECK(contains(none, "Fylkessekretær"));
    CHECK_FALSE(contains(none, "Kasserer"));
    CHECK_FALSE(contains(none, "Regionleder"));
}

TEST_CASE("/roller before anyone has a role says how to give one", "[admin]") {
    AdminCommandsFixture f;
    CHECK(contains(f.say(f.ola, "/roller"), "/rolle gi"));
}

TEST_CASE("/mineroller shows the caller's roles and admin status, or how to get one", "[admin]") {
    AdminCommandsFixture f;
    f.say(f.kari, "/rolle gi regionleder Innherred @ola_h");
    f.say(f.kari, "/rolle gi kasserer @ola_h");
    const std::string ola = f.say(f.ola, "/mineroller", ChatKind::private_chat);
    CHECK(contains(ola, "Kasserer"));
    CHECK(contains(ola, "Regionleder Innherred"));
    CHECK_FALSE(contains(ola, "admin"));

    const std::string per = f.say(f.per, "/mineroller");
    CHECK(contains(per, "ingen roller"));
    CHECK(contains(per, "Kari Nordmann"));

    CHECK(contains(f.say(f.kari, "/mineroller"), "admin"));
}

TEST_CASE("/admin makes and removes admins, but not the config's", "[admin]") {
    AdminCommandsFixture f;
    Outcome grant = f.run(f.message(f.kari, "/admin gi @ola_h"));
    CHECK(only_change<GrantAdmin>(grant).person == f.ola);
    f.state.apply(grant, f.kari, f.context.now);
    CHECK(contains(f.say(f.kari, "/admin gi @ola_h"), "allerede"));

    const std::string list = f.say(f.per, "/admin");
    CHECK(contains(list, "Kari Nordmann (fra oppsettet)"));
    CHECK(contains(list, "Ola Hansen"));

    Outcome config_admin = f.run(f.message(f.ola, "/admin fjern @kari"));
    CHECK(config_admin.changes.empty());
    CHECK(contains(config_admin.replies.front().text, "oppsettet"));

    Outcome refused = f.run(f.message(f.per, "/admin gi @per"));
    CHECK(refused.changes.empty());

    Outcome revoke = f.run(f.message(f.kari, "/admin fjern @ola_h"));
    CHECK(only_change<RevokeAdmin>(revoke).person.user_id == "2");
}

TEST_CASE("/kanal binds a group to roles, lists the bindings and unbinds", "[admin]") {
    AdminCommandsFixture f;
    Event event = f.message(f.kari, "/kanal kasserer");
    event.chat_title = "Økonomi";
    Outcome bind = f.run(event);
    CHECK(only_change<BindChannel>(bind).channel == Channel{"kasserer", "", "telegram", "-100", "", "Økonomi"});
    f.state.apply(bind, f.kari, f.context.now);

    event.text = "/kanal fylkessekretær";  // a group can serve several roles
    f.apply(event);
    REQUIRE(f.state.channel_list.size() == 2);

    const std::string list = f.say(f.ola, "/kanal");
    CHECK(contains(list, "Kasserer → «Økonomi»"));
    CHECK(contains(list, "Fylkessekretær → «Økonomi»"));

    event.text = "/kanal fjern kasserer";
    Outcome unbind = f.run(event);
    CHECK(only_change<UnbindChannel>(unbind).channel.target == "kasserer");
    f.state.apply(unbind, f.kari, f.context.now);
    REQUIRE(f.state.channel_list.size() == 1);
    CHECK(f.state.channel_list.front().target == "fylkessekretaer");

    Outcome not_bound = f.run(event);
    CHECK(not_bound.changes.empty());
}

TEST_CASE("/kanal hoved moves the main channel to the group it is written in", "[admin]") {
    AdminCommandsFixture f;
    Event first = f.message(f.kari, "/kanal hoved");
    f.apply(first);
    REQUIRE(f.state.channel_list.size() == 1);
    CHECK(f.state.channel_list.front().target == kMainChannel);

    Event second = f.message(f.kari, "/kanal hovedkanal");
    second.chat_id = "-200";
    second.chat_title = "Trøndelag SV";
    Outcome move = f.run(second);
    REQUIRE(move.changes.size() == 2);
    CHECK(std::holds_alternative<BindChannel>(move.changes[0].change));
    CHECK(std::get<UnbindChannel>(move.changes[1].change).channel.chat_id == "-100");
    CHECK(contains(move.replies.front().text, "hovedkanalen"));
    f.state.apply(move, f.kari, f.context.now);
    REQUIRE(f.state.channel_list.size() == 1);
    CHECK(f.state.channel_list.front().chat_id == "-200");

    // A group as a whole: a topic per thread if it is a forum supergroup (planbot needs the right to manage topics).
    CHECK(contains(f.say(f.kari, "/kanal forum"), "får hver tråd sitt eget emne"));
    CHECK(contains(f.say(f.per, "/kanal"), "Hovedkanal → «Trøndelag SV»"));
}

TEST_CASE("/kanal in a private chat or by a non-admin binds nothing", "[admin]") {
    AdminCommandsFixture f;
    Outcome in_private = f.run(f.message(f.kari, "/kanal kasserer", ChatKind::private_chat));
    CHECK(in_private.changes.empty());
    CHECK(contains(in_private.replies.front().text, "gruppa"));

    Outcome not_admin = f.run(f.message(f.ola, "/kanal kasserer"));
    CHECK(not_admin.changes.empty());
    CHECK(contains(not_admin.replies.front().text, "Kari Nordmann"));

    CHECK(contains(f.say(f.ola, "/kanal"), "Ingen grupper"));
}

TEST_CASE("/logg shows the newest entries in Oslo time", "[admin]") {
    AdminCommandsFixture f;
    f.say(f.kari, "/rolle gi kasserer @ola_h");
    f.context.now += std::chrono::hours(4) + std::chrono::minutes(2);  // 14:02 in Oslo
    f.say(f.kari, "/admin gi @ola_h");

    const std::string text = f.say(f.kari, "/logg");
    CHECK(contains(text, "\n28.11. 14:02 Kari Nordmann: Ola Hansen er gjort til admin\n"
                         "28.11. 10:00 Kari Nordmann: Kasserer gitt til Ola Hansen"));

    const std::string one = f.say(f.kari, "/logg 1");
    CHECK(contains(one, "14:02"));
    CHECK_FALSE(contains(one, "10:00"));

    CHECK(contains(f.say(f.kari, "/logg mange"), "/logg 20"));
    CHECK(contains(f.say(f.per, "/logg"), "bare en admin"));
}

TEST_CASE("/status counts each role's tasks this year as done, open and overdue", "[admin]") {
    AdminCommandsFixture f;
    f.state.started = date::year(2026) / 1 / 1;
    // Tiltak 9 (kasserer, gruppeledere): quarterly; tiltak 10 (kasserer): 31 December.
    auto task9 = find_task(f.context.plan, f.state, 9);
    REQUIRE(task9);
    auto quarters = occurrences(f.context.plan, *task9, {}, date::year(2026) / 1 / 1, date::year(2026) / 12 / 31);
    REQUIRE(quarters.size() == 4);
    f.state.done.push_back({quarters[0].id, f.ola, f.context.now, ""});
    f.state.added.push_back({101, {"kasserer", ""}, "Budsjett", date::year(2026) / 12 / 1});

    const std::string text = f.say(f.kari, "/status");
    CHECK(contains(text, "Status 2026"));
    // Done Q1; Q2, Q3 overdue on 28 November; Q4, tiltak 10 and the added task open.
    CHECK(contains(text, "\nKasserer: 1 ferdig · 3 åpne · 2 forsinket"));
    CHECK(contains(text, "\nGruppeledere (kommunestyregruppene): 1 ferdig · 1 åpen · 2 forsinket"));
    CHECK(contains(f.say(f.ola, "/status"), "bare en admin"));
}

TEST_CASE("/status leaves out what was due before planbot started following the plan", "[admin]") {
    AdminCommandsFixture f;
    f.state.started = date::year(2026) / 7 / 1;
    const std::string text = f.say(f.kari, "/status");
    CHECK(contains(text, "fra 1.7."));
    CHECK(contains(text, "\nKasserer: 0 ferdig · 2 åpne · 1 forsinket"));  // Q3 overdue; Q4 and tiltak 10 open
}

TEST_CASE("/rapport is for admins and the county secretary, for a year of the plan", "[admin]") {
    AdminCommandsFixture f;
    CHECK(contains(f.say(f.ola, "/rapport 2026"), "fylkessekretæren"));
    f.say(f.kari, "/rolle gi fylkessekretær @ola_h");
    CHECK(contains(f.say(f.ola, "/rapport 2026"), "Årsrapport 2026"));
    CHECK(contains(f.say(f.kari, "/rapport"), "Årsrapport 2026"));
    CHECK(contains(f.say(f.kari, "/rapport 2031"), "2025–2028"));
    // Words that are no year are not read as this year.
    for (const char* text : {"/rapport neste", "/rapport abc", "/rapport 2026 2027"}) {
        INFO(text);
        const std::string reply = f.say(f.kari, text);
        CHECK_FALSE(contains(reply, "Årsrapport"));
        CHECK(contains(reply, "«/rapport 2026»"));
    }
}

TEST_CASE("«meg» typed in a reply means the writer, not the author replied to", "[admin]") {
    AdminCommandsFixture f;
    Event event = f.message(f.kari, "/rolle gi kasserer meg");
    event.reply_to_user = UserRef{"3", "Per", ""};
    CHECK(only_change<GrantRole>(f.run(event)).person.user_id == "1");
}

TEST_CASE("/kanal with two roles binds neither and says to take one at a time", "[admin]") {
    AdminCommandsFixture f;
    Outcome outcome = f.run(f.message(f.kari, "/kanal kasserer og au"));
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies.front().text, "én rolle om gangen"));
    CHECK(contains(outcome.replies.front().text, "«/kanal Kasserer»"));
}

TEST_CASE("an admin can give a role to themselves with «meg»", "[admin]") {
    AdminCommandsFixture f;
    std::string reply = f.say(f.kari, "/rolle gi kasserer meg");
    CHECK(contains(reply, "Kari Nordmann"));
    CHECK(f.state.roles_of("telegram", "1") == std::vector<config::RoleRef>{{"kasserer", ""}});
    // Not for others: «meg» is the one who writes, and Ola is no admin.
    f.say(f.ola, "/rolle gi kasserer meg");
    CHECK(f.state.roles_of("telegram", "2").empty());
}
