// /status: each role's work as done, open and overdue. Overdue is overdue whichever year
// the deadline was in; a year can be asked for; an argument it does not understand is
// said so, never ignored. Through the router from a database started 6 December 2026.
#include <catch2/catch.hpp>

#include "tests/support/chat_fixture.hpp"

namespace {

using namespace planbot;
using planbot::test::contains;

// The line of `text` that starts with `prefix` ("" when none does).
std::string line_of(const std::string& text, const std::string& prefix) {
    const size_t at = text.find("\n" + prefix);
    if (at == std::string::npos) return "";
    return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("/status in January counts last year's missed deadlines as overdue", "[status]") {
    test::ChatFixture f("2026-12-06T10:00");
    f.now("2027-01-20T10:00");
    // Kasserer: tiltak 9 (Q4 2026) and 10 (31 December 2026) are overdue; 2027 has
    // tiltak 9's four quarters and tiltak 10 open.
    const std::string status = f.say(f.anne, "/status");
    INFO(status);
    CHECK(contains(status, "Status 2027"));
    CHECK(line_of(status, "Kasserer:").starts_with("Kasserer: 0 ferdig · 5 åpne · 2 forsinket ⚠️"));
    CHECK(contains(line_of(status, "Kasserer:"), "2 fra 2026"));
    // Last year's weekly meetings are past, not overdue work: only 2027's weeks count.
    CHECK(line_of(status, "Administratorer (sosiale medier):") ==
          "Administratorer (sosiale medier): 0 ferdig · 50 åpne · 2 forsinket ⚠️");

    // Done last year's: no longer overdue.
    f.say(f.kari, "/ferdig 9 2026");
    f.say(f.kari, "/ferdig 10 2026");
    CHECK(line_of(f.say(f.anne, "/status"), "Kasserer:") == "Kasserer: 0 ferdig · 5 åpne · 0 forsinket");
}

TEST_CASE("/status takes a year of the plan and refuses what it does not understand", "[status]") {
    test::ChatFixture f("2026-12-06T10:00");
    const std::string next_year = f.say(f.anne, "/status 2027");
    INFO(next_year);
    CHECK(contains(next_year, "Status 2027"));
    CHECK(line_of(next_year, "Kasserer:") == "Kasserer: 0 ferdig · 5 åpne · 0 forsinket");

    const std::string nonsense = f.say(f.anne, "/status abc");
    INFO(nonsense);
    CHECK(contains(nonsense, "«abc»"));
    CHECK(contains(nonsense, "/status 2027"));
    CHECK_FALSE(contains(nonsense, "Kasserer:"));

    CHECK(contains(f.say(f.anne, "/status 2031"), "2025–2028"));
}
