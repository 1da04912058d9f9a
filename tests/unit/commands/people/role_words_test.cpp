// What /rolle makes of all its words: several roles at once, units as people misspell
// them, and words it cannot place, which it names instead of dropping.
#include <catch2/catch.hpp>

#include "commands/command_line.hpp"
#include "commands/people/admin_commands.hpp"
#include "tests/support/kasserer_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

// Sunday 6 December 2026 (see KassererFixture: Anne is admin, Kari kasserer).
struct RoleWordsFixture : test::KassererFixture {
    RoleWordsFixture() : KassererFixture("2026-12-06T10:00") {}

    Outcome run(const Person& from, const std::string& text) {
        const Event event = test::private_message(from, text);
        std::optional<Command> command = read_command(text);
        REQUIRE(command);
        std::optional<Outcome> outcome = handle_admin_command(event, context, *command);
        REQUIRE(outcome);
        REQUIRE(outcome->replies.size() == 1);
        state.apply(*outcome, from, context.now);
        return *outcome;
    }
    std::vector<config::RoleRef> roles_of(const Person& person) const {
        return state.roles_of(person.platform, person.user_id);
    }
};

}  // namespace

TEST_CASE("/rolle gives every role it names, and says which were held already", "[rolle]") {
    RoleWordsFixture f;
    const std::string both = f.run(f.anne, "/rolle gi kasserer og au meg").replies.front().text;
    CHECK(both == "Anne Admin har fått rollene Kasserer og AU til 28. februar 2027 (neste fylkesårsmøte er i "
                  "februar, men årshjulet har ikke dagen, så jeg har satt siste dag i måneden; skriv «til» og en "
                  "dato for en annen).");
    CHECK(f.roles_of(f.anne).size() == 2);

    const Outcome again = f.run(f.anne, "/rolle gi fylkesleder, AU og regionleder Namdalen @kari");
    CHECK(again.changes.size() == 3);
    CHECK(again.replies.front().text ==
          "Kari Nordmann har fått rollene Fylkesleder til 28. februar 2027, AU til 28. februar 2027 og Regionleder "
          "Namdalen (neste fylkesårsmøte er i februar, men årshjulet har ikke dagen, så jeg har satt siste dag i "
          "måneden; skriv «til» og en dato for en annen).");

    const Outcome held = f.run(f.anne, "/rolle gi kasserer og fylkessekretær @kari");
    CHECK(held.changes.size() == 1);
    CHECK(contains(held.replies.front().text, "har fått rollen Fylkessekretær"));
    CHECK(contains(held.replies.front().text, "har allerede rollen Kasserer"));
}

TEST_CASE("/rolle fjern takes away every role it names", "[rolle]") {
    RoleWordsFixture f;
    f.run(f.anne, "/rolle gi au @kari");
    const Outcome taken = f.run(f.anne, "/rolle fjern kasserer og au og fylkesleder @kari");
    CHECK(taken.changes.size() == 2);
    CHECK(contains(taken.replies.front().text, "har ikke lenger rollene Kasserer og AU"));
    CHECK(contains(taken.replies.front().text, "har ikke rollen Fylkesleder"));
    CHECK(f.roles_of(f.kari).empty());
}

TEST_CASE("/rolle changes nothing when part of it was not understood, and quotes that part", "[rolle]") {
    RoleWordsFixture f;
    const Outcome extra = f.run(f.anne, "/rolle gi kasserer Blåbær @per");
    CHECK(extra.changes.empty());
    CHECK(contains(extra.replies.front().text, "«Blåbær»"));

    const Outcome second = f.run(f.anne, "/rolle gi kasserer og skattmester meg");
    CHECK(second.changes.empty());
    CHECK(contains(second.replies.front().text, "Jeg kjenner ikke rollen «skattmester»"));
    // After «og» comes a role, not the unit of the one before.
    const Outcome third = f.run(f.anne, "/rolle gi regionleder og skattmester @per");
    CHECK(third.changes.empty());
    CHECK(contains(third.replies.front().text, "Jeg kjenner ikke rollen «skattmester»"));
    CHECK(f.roles_of(f.anne).empty());
}

TEST_CASE("a unit /rolle does not know is named, with the closest names", "[rolle]") {
    RoleWordsFixture f;
    const Outcome opdal = f.run(f.anne, "/rolle gi lokallagsleder Opdal meg");
    CHECK(opdal.changes.empty());
    CHECK(contains(opdal.replies.front().text, "«Opdal» er ikke et lokallag jeg kjenner. Mente du Oppdal?"));

    const Outcome gauldal = f.run(f.anne, "/rolle gi lokallagsleder Midtre Gaudal @per");
    CHECK(gauldal.changes.empty());
    CHECK(contains(gauldal.replies.front().text, "«Midtre Gaudal»"));
    CHECK(contains(gauldal.replies.front().text, "Mente du Midtre Gauldal?"));

    const Outcome region = f.run(f.anne, "/rolle gi regionleder Inherrad @per");
    CHECK(contains(region.replies.front().text, "«Inherrad» er ikke en region jeg kjenner. Mente du Innherred?"));

    const Outcome nothing_near = f.run(f.anne, "/rolle gi regionleder Xyz @per");
    CHECK(nothing_near.changes.empty());
    CHECK(contains(nothing_near.replies.front().text, "«Xyz» er ikke en region jeg kjenner. Regionene er "));
    CHECK(contains(nothing_near.replies.front().text, "Namdalen"));
}
