// commands/sharing: /kalender, /oversikt and /årshjul in the pure core, with tokens of
// the test's own (the bot's random ones: tests/unit/bot/publish/access_tokens_test.cpp). What a
// member notices: a link only in a private chat, shown once, a new one on «ny», the
// board's page for admins only, and the wheel asked for in words or by command.
#include <catch2/catch.hpp>

#include "commands/router.hpp"
#include "commands/sharing/sharing_commands.hpp"
#include "tests/support/kasserer_fixture.hpp"

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

namespace {

// Numbered tokens, so two links differ; the digest marks a stored value as one.
class CountingTokens final : public AccessTokens {
public:
    std::string new_token() const override { return "token" + std::to_string(++made_); }
    std::string digest(std::string_view token) const override { return "digest:" + std::string(token); }
    std::string derived(std::string_view token) const override { return "feed-of-" + std::string(token); }

private:
    mutable int made_ = 0;
};

struct SharingFixture : test::KassererFixture {
    CountingTokens tokens;
    SharingFixture() : KassererFixture("2027-04-20T10:00") {
        context.access_tokens = &tokens;
        context.web_address = "https://planbot.example.no";
    }
};

Event in_group(const Person& from, std::string text) {
    Event event = test::private_message(from, std::move(text));
    event.chat_kind = ChatKind::group;
    event.chat_id = "-100";
    event.addressed_to_bot = true;
    return event;
}

}  // namespace

TEST_CASE("/kalender in a private chat gives two links, stores only their digests and keeps no copy") {
    SharingFixture f;
    const Outcome outcome = handle(test::private_message(f.kari, "/kalender"), f.context);
    REQUIRE(outcome.replies.size() == 1);
    const std::string& text = outcome.replies[0].text;
    CHECK(contains(text, "https://planbot.example.no/kalender/token1.ics"));
    CHECK(contains(text, "https://planbot.example.no/kalender/token2.ics"));
    CHECK(contains(text, "iPhone"));
    CHECK(contains(text, "Outlook"));
    CHECK(outcome.replies[0].message()->forget_when_sent);
    REQUIRE(outcome.changes.size() == 2);
    const auto& mine = std::get<IssueAccessToken>(outcome.changes[0].change);
    const auto& all = std::get<IssueAccessToken>(outcome.changes[1].change);
    CHECK(mine.kind == AccessKind::calendar);
    CHECK(mine.digest == "digest:token1");
    CHECK(all.kind == AccessKind::calendar_all);
    for (const StateChange& change : outcome.changes) CHECK_FALSE(contains(change.description, "token"));
}

TEST_CASE("a link is never given in a group, where others would see it") {
    SharingFixture f;
    for (const char* text : {"/kalender", "/oversikt"}) {
        const Outcome outcome = handle(in_group(f.anne, text), f.context);
        REQUIRE(outcome.replies.size() == 1);
        CHECK(contains(outcome.replies[0].text, "privat"));
        CHECK(outcome.changes.empty());
    }
}

TEST_CASE("asked again, /kalender says the links still work and how to get new ones, instead of new links") {
    SharingFixture f;
    f.state.made_tokens[{"telegram", "2", AccessKind::calendar}] = test::oslo_time("2027-03-02T12:00");
    const Outcome again = handle(test::private_message(f.kari, "/kalender"), f.context);
    REQUIRE(again.replies.size() == 1);
    CHECK(contains(again.replies[0].text, "2. mars"));
    CHECK(contains(again.replies[0].text, "/kalender ny"));
    CHECK(again.changes.empty());

    const Outcome renewed = handle(test::private_message(f.kari, "/kalender ny"), f.context);
    REQUIRE(renewed.changes.size() == 2);
    CHECK(contains(renewed.replies[0].text, "De gamle virker ikke lenger"));
}

TEST_CASE("/kalender with words it does not know asks back instead of making links") {
    SharingFixture f;
    const Outcome outcome = handle(test::private_message(f.kari, "/kalender for styret"), f.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "skjønte ikke"));
    CHECK(outcome.changes.empty());
}

TEST_CASE("without a web address the bot says links are off rather than giving a dead link") {
    SharingFixture f;
    f.context.web_address = "";
    const Outcome outcome = handle(test::private_message(f.kari, "/kalender"), f.context);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "ikke slått på"));
    CHECK(outcome.changes.empty());
}

TEST_CASE("/oversikt gives an admin the page's link and refuses a member") {
    SharingFixture f;
    const Outcome refused = handle(test::private_message(f.kari, "/oversikt"), f.context);
    REQUIRE(refused.replies.size() == 1);
    CHECK(contains(refused.replies[0].text, "bare en admin"));
    CHECK(refused.changes.empty());

    const Outcome given = handle(test::private_message(f.anne, "/oversikt"), f.context);
    REQUIRE(given.replies.size() == 1);
    CHECK(contains(given.replies[0].text, "https://planbot.example.no/oversikt/token1"));
    REQUIRE(given.changes.size() == 2);
    CHECK(std::get<IssueAccessToken>(given.changes[0].change).kind == AccessKind::overview);
    // The page's feed link has a token of its own, made from the page's: not the page's.
    const auto& feed = std::get<IssueAccessToken>(given.changes[1].change);
    CHECK(feed.kind == AccessKind::overview_calendar);
    CHECK(feed.digest == "digest:feed-of-token1");
}

TEST_CASE("/årshjul sends this year's wheel as a picture, or the year asked for within the plan") {
    SharingFixture f;
    auto picture_year = [&](const std::string& text) -> std::optional<int> {
        const Outcome outcome = handle(test::private_message(f.kari, text), f.context);
        if (outcome.replies.size() != 1 || !outcome.replies[0].message() || !outcome.replies[0].message()->picture)
            return std::nullopt;
        return outcome.replies[0].message()->picture->year;
    };
    CHECK(picture_year("/årshjul") == 2027);
    CHECK(picture_year("/arshjul 2028") == 2028);
    CHECK(picture_year("vis årshjulet") == 2027);
    CHECK(picture_year("Kan du sende meg bildet av årshjulet for 2026?") == 2026);
    CHECK(picture_year("årshjul 2025") == 2025);

    const Outcome outside = handle(test::private_message(f.kari, "/årshjul 2031"), f.context);
    REQUIRE(outside.replies.size() == 1);
    CHECK_FALSE(outside.replies[0].message()->picture);
    CHECK(contains(outside.replies[0].text, "2025–2028"));
}

TEST_CASE("a question that mentions the wheel is answered as a question, not with the picture") {
    // Every word must be explained for the picture; «hva skjer i årshjulet i mai» asks what happens.
    CHECK_FALSE(wheel_picture_wish({"hva", "skjer", "i", "arshjulet", "i", "mai"}));
    CHECK_FALSE(wheel_picture_wish({"nar", "er", "landsmotet", "i", "arshjulet"}));
    CHECK_FALSE(wheel_picture_wish({"arshjulet", "2027", "2028"}));  // which year? not a guess
    CHECK(wheel_picture_wish({"vis", "arshjulet"}));
    CHECK(wheel_picture_wish({"kan", "vi", "fa", "se", "arshjulet"}));
    // Thanks for it, or having seen it, is no wish to get it again.
    CHECK_FALSE(wheel_picture_wish({"takk", "for", "arshjulet"}));
    CHECK_FALSE(wheel_picture_wish({"jeg", "sa", "arshjulet"}));
}
