// commands/people/linking: /kobling in the pure core, with codes of the test's own (the
// bot's random ones are tested through the pipeline, linked_accounts_test.cpp).
#include <catch2/catch.hpp>

#include "commands/people/linking.hpp"
#include "commands/router.hpp"
#include "tests/support/kasserer_fixture.hpp"

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

namespace {

// Always the same code; its digest marks it as one.
class FixedCodes final : public LinkCodes {
public:
    std::string new_code() const override { return "abcdefgh"; }
    std::string digest(std::string_view code) const override { return "digest:" + std::string(code); }
};

}  // namespace

TEST_CASE("a code is read as typed: case, a hyphen or a space in it do not matter") {
    CHECK(read_link_code("ABCD-efgh") == "abcdefgh");
    CHECK(read_link_code("abcd efgh") == "abcdefgh");
    CHECK(read_link_code("abcdefg") == std::nullopt);      // too short
    CHECK(read_link_code("abcdefgh2") == std::nullopt);    // too long
    CHECK(read_link_code("abcdefg1") == std::nullopt);     // 1 is not in the alphabet
    CHECK(read_link_code("abcd-efgø") == std::nullopt);
    CHECK(shown_link_code("abcdefgh") == "abcd-efgh");
}

TEST_CASE("/kobling in a private chat gives a code for ten minutes and stores only its digest") {
    test::KassererFixture f("2026-04-20T10:00");
    FixedCodes codes;
    f.context.link_codes = &codes;
    const Outcome outcome = handle(test::private_message(f.kari, "/kobling"), f.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "Koden din er abcd-efgh"));
    CHECK(contains(outcome.replies[0].text, "10 minutter"));
    REQUIRE(outcome.changes.size() == 1);
    const auto* start = std::get_if<StartLink>(&outcome.changes[0].change);
    REQUIRE(start);
    CHECK(start->digest == "digest:abcdefgh");
    CHECK(start->expires == f.context.now + std::chrono::minutes(10));
}

TEST_CASE("/kobling in a group changes nothing and says to write privately") {
    test::KassererFixture f("2026-04-20T10:00");
    FixedCodes codes;
    f.context.link_codes = &codes;
    Event event = test::private_message(f.kari, "/kobling");
    event.chat_kind = ChatKind::group;
    event.chat_id = "-100";
    const Outcome outcome = handle(event, f.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "privat chat"));
    CHECK(outcome.changes.empty());
}

TEST_CASE("an unknown code is counted as a wrong guess, and a code that is no code as well") {
    test::KassererFixture f("2026-04-20T10:00");
    FixedCodes codes;
    f.context.link_codes = &codes;
    for (const char* typed : {"/kobling abcd-efgh", "/kobling hei på deg"}) {
        const Outcome outcome = handle(test::private_message(f.per, typed), f.context);
        REQUIRE(outcome.replies.size() == 1);
        CHECK(contains(outcome.replies[0].text, "Den koden kjenner jeg ikke"));
        REQUIRE(outcome.changes.size() == 1);
        CHECK(std::holds_alternative<FailLink>(outcome.changes[0].change));
    }
}

TEST_CASE("/kobling fjern on an account that is not linked changes nothing") {
    test::KassererFixture f("2026-04-20T10:00");
    FixedCodes codes;
    f.context.link_codes = &codes;
    const Outcome outcome = handle(test::private_message(f.kari, "/kobling fjern"), f.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "ikke koblet"));
    CHECK(outcome.changes.empty());
}
