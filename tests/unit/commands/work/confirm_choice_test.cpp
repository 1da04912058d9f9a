// Which deadline /ferdig confirms: without a selector exactly the one /oppgaver shows
// first; with a year or a period (month, week, quarter) the earliest open one in it; a
// selector that matches nothing is an error naming what exists, never a comment. On a
// fresh database's first day, Sunday 6 December 2026 (week 49), through the router.
#include <catch2/catch.hpp>

#include "tests/support/chat_fixture.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;

// The first line of `text` that starts with `prefix` ("" when none does).
std::string line_starting(const std::string& text, const std::string& prefix) {
    size_t at = 0;
    if (!text.starts_with(prefix)) {
        at = text.find("\n" + prefix);
        if (at == std::string::npos) return "";
        ++at;
    }
    return text.substr(at, text.find('\n', at) - at);
}

}  // namespace

TEST_CASE("/ferdig without a selector confirms the deadline /oppgaver shows, never one before tracking", "[ferdig]") {
    test::ChatFixture f("2026-12-06T10:00");
    f.state.holdings.push_back({{"fylkessekretaer", ""}, f.per});
    // Weekly on Fridays: this week's Friday (4 December) was before the bot started.
    CHECK(line_starting(f.say(f.per, "/oppgaver"), "42 ") == "42 Sosiale medier — 11. desember (om 5 dager)");
    const std::string done = f.say(f.per, "/ferdig 42");
    INFO(done);
    CHECK(contains(done, "(uke 50 2026) er ferdig"));
    CHECK(line_starting(f.say(f.per, "/oppgaver"), "42 ") == "42 Sosiale medier — 18. desember (om 12 dager)");

    // Midweek after a Monday start: the same rule.
    test::ChatFixture monday("2027-03-01T10:00");
    monday.now("2027-03-03T10:00");
    CHECK(contains(monday.say(monday.anne, "/ferdig 42"), "(uke 9 2027) er ferdig"));
}

TEST_CASE("/ferdig with a year confirms the earliest open deadline of that year from tracking start", "[ferdig]") {
    test::ChatFixture f("2026-12-06T10:00");
    CHECK(contains(f.say(f.kari, "/ferdig 9 2026"), "(4. kvartal 2026) er ferdig"));
    CHECK(contains(f.say(f.anne, "/ferdig 41 2026"), "(desember 2026) er ferdig"));
    CHECK(contains(f.say(f.anne, "/ferdig 41 2027 skrevet i Adresseavisen"), "(januar 2027) er ferdig"));
    // Done already: said so, and the year's history is not confirmed instead.
    const std::string again = f.say(f.kari, "/ferdig 9 2026");
    CHECK(contains(again, "allerede meldt ferdig"));
    CHECK(f.state.done.size() == 3);
    // A year wholly before tracking started can still be named.
    CHECK(contains(f.say(f.kari, "/ferdig 9 2025"), "(1. kvartal 2025) er ferdig"));
}

TEST_CASE("/ferdig with a month, week or quarter picks the open deadline in it", "[ferdig]") {
    test::ChatFixture f("2026-12-06T10:00");
    const std::string week = f.say(f.anne, "/ferdig 42 uke 51 postet tre ganger");
    INFO(week);
    CHECK(contains(week, "(uke 51 2026) er ferdig"));
    CHECK(contains(week, "Kommentar: postet tre ganger"));
    // Without a year the week is the coming one: done, it is not next year's instead.
    CHECK(contains(f.say(f.anne, "/ferdig 42 uke 51"), "allerede meldt ferdig"));
    CHECK(contains(f.say(f.anne, "/ferdig 42 uke 2 2027"), "(uke 2 2027) er ferdig"));
    CHECK(contains(f.say(f.anne, "/ferdig 41 mars"), "(mars 2027) er ferdig"));
    CHECK(contains(f.say(f.anne, "/ferdig 41 februar 2028"), "(februar 2028) er ferdig"));
    CHECK(contains(f.say(f.kari, "/ferdig 9 2. kvartal 2027"), "(2. kvartal 2027) er ferdig"));
    CHECK(contains(f.say(f.kari, "/ferdig 9 q3 2027"), "(3. kvartal 2027) er ferdig"));
    CHECK(f.state.done.size() == 6);
    for (const auto& done : f.state.done) CHECK(done.comment.find("uke") == std::string::npos);
}

TEST_CASE("a selector that matches nothing is an error naming what exists, and nothing is stored", "[ferdig]") {
    test::ChatFixture f("2026-12-06T10:00");
    const std::string outside = f.say(f.kari, "/ferdig 9 2031");
    INFO(outside);
    CHECK(contains(outside, "2031"));
    CHECK(contains(outside, "2025–2028"));
    CHECK_FALSE(contains(outside, "Kommentar"));

    const std::string march = f.say(f.kari, "/ferdig 10 mars");
    INFO(march);
    CHECK(contains(march, "ingen frist i mars"));
    CHECK(contains(march, "31. desember 2026"));  // what is open instead

    const std::string no_week = f.say(f.anne, "/ferdig 42 uke 54");
    INFO(no_week);
    CHECK(contains(no_week, "uke 54"));
    CHECK_FALSE(contains(no_week, "er ferdig"));
    CHECK(f.state.done.empty());
}
