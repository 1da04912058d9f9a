// Which unit a /ferdig of a per-unit task means: the one named, the sender's own when
// they hold the role for exactly one, and a word that looks like a unit but is none is
// named back with the closest names instead of being taken as a comment.
#include <catch2/catch.hpp>

#include "commands/command_line.hpp"
#include "commands/work/work_commands.hpp"
#include "tests/support/kasserer_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

// Sunday 6 December 2026 (see KassererFixture: Anne is admin, Kari kasserer, Per none).
struct ConfirmUnitsFixture : test::KassererFixture {
    ConfirmUnitsFixture() : KassererFixture("2026-12-06T10:00") {}

    Outcome run(const Person& from, const std::string& text) const {
        const Event event = test::private_message(from, text);
        std::optional<Command> command = read_command(text);
        REQUIRE(command);
        std::optional<Outcome> outcome = handle_work_command(event, context, *command);
        REQUIRE(outcome);
        REQUIRE_FALSE(outcome->replies.empty());
        return *outcome;
    }
    std::string unit_done(const Outcome& outcome) const {
        REQUIRE(outcome.changes.size() == 1);
        const auto* done = std::get_if<Complete>(&outcome.changes.front().change);
        REQUIRE(done);
        return done->id.unit;
    }
};

}  // namespace

TEST_CASE("an admin who holds a scoped role for one unit means that unit", "[ferdig]") {
    ConfirmUnitsFixture f;
    f.state.holdings.push_back({{"regionleder", "innherred"}, f.anne});
    const Outcome outcome = f.run(f.anne, "/ferdig 3");
    CHECK(f.unit_done(outcome) == "innherred");
    CHECK(contains(outcome.replies.front().text, "Innherred"));
    // A unit named still wins.
    CHECK(f.unit_done(f.run(f.anne, "/ferdig 3 Namdalen")) == "namdalen");

    f.state.holdings.push_back({{"lokallagsstyre", "Oppdal"}, f.anne});
    CHECK(f.unit_done(f.run(f.anne, "/ferdig 38 godt oppmøte")) == "Oppdal");
}

TEST_CASE("/ferdig names a unit it does not know and offers the closest names", "[ferdig]") {
    ConfirmUnitsFixture f;
    const Outcome unknown = f.run(f.anne, "/ferdig 3 Xyz");
    CHECK(unknown.changes.empty());
    CHECK(contains(unknown.replies.front().text, "«Xyz» er ikke en region jeg kjenner."));
    CHECK(contains(unknown.replies.front().text, "Namdalen"));

    const Outcome typo = f.run(f.anne, "/ferdig 12 Opdal holdt møte");
    CHECK(typo.changes.empty());
    CHECK(contains(typo.replies.front().text, "«Opdal» er ikke et lokallag jeg kjenner. Mente du Oppdal?"));
    CHECK(contains(typo.replies.front().text, "«/ferdig 12 Oppdal»"));

    // Someone whose unit is clear is asked too when the word is that close to another unit.
    f.state.holdings.push_back({{"regionleder", "innherred"}, f.per});
    const Outcome near = f.run(f.per, "/ferdig 3 Namdanel");
    CHECK(near.changes.empty());
    CHECK(contains(near.replies.front().text, "Mente du Namdalen?"));
    // Other words are their comment.
    CHECK(f.unit_done(f.run(f.per, "/ferdig 3 møte på Verdal")) == "innherred");
}
