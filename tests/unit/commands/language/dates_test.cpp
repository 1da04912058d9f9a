// Dates as admins type them in /frist and /ny: numbers, month names, "i morgen",
// weekdays, and clear Norwegian answers for days that do not exist.
#include <catch2/catch.hpp>

#include "commands/language/dates.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot::commands;
using date::year_month_day;

namespace {

using planbot::test::ymd;

constexpr year_month_day kToday = date::year(2026) / 11 / 28;  // a Saturday

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

DateRead read(const std::string& text, year_month_day today = kToday) {
    INFO(text);
    auto found = read_date(split(text), today);
    if (!found) FAIL(found.error());
    return *found;
}

std::string error_of(const std::string& text, year_month_day today = kToday) {
    INFO(text);
    auto found = read_date(split(text), today);
    REQUIRE_FALSE(found.has_value());
    return found.error();
}

}  // namespace

TEST_CASE("dates with a year are read in every usual way", "[dates]") {
    for (const char* text : {"1.6.2027", "01.06.2027", "1.6.27", "1.6.2027.", "1. juni 2027", "1 juni 2027",
                             "1.juni 2027", "1. JUNI 2027", "1. jun 2027", "1. jun. 2027", "2027-06-01", "1/6/2027",
                             "1/6-27", "1.6 2027"}) {
        DateRead found = read(text);
        INFO(text);
        CHECK(found.date == ymd(2027, 6, 1));
        CHECK(found.tokens == split(text).size());
    }
}

TEST_CASE("dates without a year are the next such day", "[dates]") {
    for (const char* text : {"1.6.", "1.6", "1. juni", "1 juni", "1.juni", "1/6", "1. jun"}) {
        INFO(text);
        CHECK(read(text).date == ymd(2027, 6, 1));
    }
    CHECK(read("28.11").date == kToday);  // today counts
    CHECK(read("30.11").date == ymd(2026, 11, 30));
    CHECK(read("27.11").date == ymd(2027, 11, 27));
    CHECK(read("31. des").date == ymd(2026, 12, 31));
    CHECK(read("1. januar").date == ymd(2027, 1, 1));
    CHECK(read("1. jul").date == ymd(2027, 7, 1));
    CHECK(read("29.2").date == ymd(2028, 2, 29));  // the next leap day
}

TEST_CASE("a date uses only its own words, and the rest is left for the command", "[dates]") {
    CHECK(read("1.6.2027 Innherred").tokens == 1);
    CHECK(read("1. juni budsjettmøte").tokens == 2);
    CHECK(read("1. juni 2027 budsjettmøte").tokens == 3);
    CHECK(read("1 juni 27").tokens == 2);  // "27" may be the start of the text
    CHECK(read("i morgen Bestille lokale").tokens == 2);
    CHECK(read("neste fredag stand").tokens == 2);
    CHECK(read("fredag 2027").tokens == 1);
}

TEST_CASE("today, tomorrow and the day after, in bokmål, nynorsk and dialect", "[dates]") {
    CHECK(read("i dag").date == kToday);
    CHECK(read("idag").date == kToday);
    CHECK(read("I dag").tokens == 2);
    for (const char* text : {"i morgen", "imorgen", "i mårå", "i morgon", "i morra"}) {
        INFO(text);
        CHECK(read(text).date == ymd(2026, 11, 29));
    }
    CHECK(read("i overmorgen").date == ymd(2026, 11, 30));
    CHECK(read("i morgen", ymd(2026, 12, 31)).date == ymd(2027, 1, 1));
}

TEST_CASE("a weekday is the next such day after today", "[dates]") {
    CHECK(read("mandag").date == ymd(2026, 11, 30));
    CHECK(read("måndag").date == ymd(2026, 11, 30));
    CHECK(read("tirsdag").date == ymd(2026, 12, 1));
    CHECK(read("tysdag").date == ymd(2026, 12, 1));
    CHECK(read("onsdag").date == ymd(2026, 12, 2));
    CHECK(read("torsdag").date == ymd(2026, 12, 3));
    CHECK(read("Fredag").date == ymd(2026, 12, 4));
    CHECK(read("fredag,").date == ymd(2026, 12, 4));
    CHECK(read("lørdag").date == ymd(2026, 12, 5));  // today is Saturday: next week's
    CHECK(read("laurdag").date == ymd(2026, 12, 5));
    CHECK(read("loerdag").date == ymd(2026, 12, 5));
    CHECK(read("søndag").date == ymd(2026, 11, 29));
    CHECK(read("sundag").date == ymd(2026, 11, 29));
    CHECK(read("neste fredag").date == ymd(2026, 12, 4));
    CHECK(read("på fredag").date == ymd(2026, 12, 4));
    CHECK(read("paa fredag").tokens == 2);
}

TEST_CASE("days that do not exist are explained", "[dates]") {
    CHECK(error_of("31.2.2027") == "31.2.2027 finnes ikke: februar 2027 har 28 dager.");
    CHECK(error_of("29.2.2027") == "29.2.2027 finnes ikke: februar 2027 har 28 dager.");
    CHECK(read("29.2.2028").date == ymd(2028, 2, 29));
    CHECK(error_of("31.4.2027") == "31.4.2027 finnes ikke: april 2027 har 30 dager.");
    CHECK(error_of("31. april") == "31.4. finnes ikke: april har 30 dager.");
    CHECK(error_of("30.2.") == "30.2. finnes ikke: februar har aldri mer enn 29 dager.");
    CHECK(planbot::test::contains(error_of("1.13.2027"), "12 måneder"));
    CHECK(planbot::test::contains(error_of("0.6.2027"), "finnes ikke"));
    CHECK(planbot::test::contains(error_of("32.1"), "januar har 31 dager"));
}

TEST_CASE("garbage gets a friendly example, never an exception", "[dates]") {
    const std::string expected = "Jeg skjønte ikke datoen «snart». Skriv for eksempel 1.6.2027 eller «1. juni».";
    CHECK(error_of("snart") == expected);
    for (const char* text : {"99999999999", "99999999999.6.2027", "1.99999999999.2027", "1.6.99999999999",
                             "2027", "1.", "1. snart", "1..6", "1.6.2.7", "-1.6.2027", "1,6", "2027-6",
                             "2027-13-01", "2027-02-30", "'; DROP TABLE tasks;--", "🙂", "i", "neste", "neste uke",
                             "på torget", "1/6-", "/", "."}) {
        INFO(text);
        auto found = read_date(split(text), kToday);
        CHECK_FALSE(found.has_value());
        if (!found) CHECK_FALSE(found.error().empty());
    }
    CHECK(error_of("neste uke") == "Jeg skjønte ikke datoen «neste uke». Skriv for eksempel 1.6.2027 eller «1. juni».");
    CHECK(planbot::test::contains(read_date({}, kToday).error(), "dato"));
    // A pasted essay is quoted back short.
    std::string long_word(4000, 'x');
    auto essay = read_date({long_word}, kToday);
    REQUIRE_FALSE(essay.has_value());
    CHECK(essay.error().size() < 200);
    std::string emoji;
    for (int i = 0; i < 30; ++i) emoji += "🙂";
    auto cut = read_date({emoji}, kToday);
    REQUIRE_FALSE(cut.has_value());
    CHECK(planbot::test::contains(cut.error(), "🙂…»"));
}

TEST_CASE("dates outside the plan are read, checking the period is the caller's job", "[dates]") {
    CHECK(read("1.6.2031").date == ymd(2031, 6, 1));
    CHECK(read("1.6.1999").date == ymd(1999, 6, 1));
}

TEST_CASE("short dates are written the way users type them", "[dates]") {
    CHECK(short_date(ymd(2027, 6, 1)) == "1.6.2027");
    CHECK(short_date(ymd(2026, 12, 31)) == "31.12.2026");
    CHECK(read(short_date(ymd(2028, 2, 29))).date == ymd(2028, 2, 29));
}

TEST_CASE("today is the Oslo calendar day, also around the summer-time changes", "[dates]") {
    using planbot::test::at;
    // 00:30 on 29 March 2026 in Oslo is still 28 March in UTC (23:30), an hour before
    // the clocks go forward.
    auto spring = at("2026-03-29T00:30");
    CHECK(date::year_month_day(date::floor<date::days>(spring.now)) == ymd(2026, 3, 28));
    CHECK(local_today(spring) == ymd(2026, 3, 29));
    CHECK(read("i dag", local_today(spring)).date == ymd(2026, 3, 29));
    CHECK(read("i morgen", local_today(spring)).date == ymd(2026, 3, 30));
    // 00:30 in summer time is 22:30 UTC the day before.
    auto summer = at("2026-10-25T00:30");
    CHECK(date::year_month_day(date::floor<date::days>(summer.now)) == ymd(2026, 10, 24));
    CHECK(local_today(summer) == ymd(2026, 10, 25));
    CHECK(read("mandag", local_today(summer)).date == ymd(2026, 10, 26));
    // 23:30 on New Year's Eve in Oslo is 22:30 UTC: still the old year.
    CHECK(local_today(at("2026-12-31T23:30")) == ymd(2026, 12, 31));
}
