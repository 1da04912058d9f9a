// Norway's public holidays and the fellesferie, checked against the official dates of
// 2025–2030, and «i fellesferien» read as the period.
#include <catch2/catch.hpp>

#include "commands/language/holidays.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/public_holidays.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot::commands;
using date::year_month_day;

using planbot::test::ymd;
year_month_day plus(year_month_day day, int days) { return date::sys_days(day) + date::days(days); }

std::optional<year_month_day> day_named(int year, std::string_view name) {
    for (const PublicHoliday& holiday : public_holidays(year))
        if (holiday.name == name) return holiday.day;
    return std::nullopt;
}

}  // namespace

TEST_CASE("the public holidays of 2025–2030 fall on the official dates", "[holidays]") {
    const std::pair<int, year_month_day> easters[] = {
        {2025, ymd(2025, 4, 20)}, {2026, ymd(2026, 4, 5)}, {2027, ymd(2027, 3, 28)},
        {2028, ymd(2028, 4, 16)}, {2029, ymd(2029, 4, 1)}, {2030, ymd(2030, 4, 21)},
    };
    for (const auto& [year, easter] : easters) {
        INFO(year);
        CHECK(public_holidays(year).size() == 12);
        CHECK(day_named(year, "1. påskedag") == easter);
        CHECK(day_named(year, "skjærtorsdag") == plus(easter, -3));
        CHECK(day_named(year, "langfredag") == plus(easter, -2));
        CHECK(day_named(year, "2. påskedag") == plus(easter, 1));
        CHECK(day_named(year, "Kristi himmelfartsdag") == plus(easter, 39));
        CHECK(day_named(year, "1. pinsedag") == plus(easter, 49));
        CHECK(day_named(year, "2. pinsedag") == plus(easter, 50));
        CHECK(day_named(year, "1. nyttårsdag") == ymd(year, 1, 1));
        CHECK(day_named(year, "1. mai") == ymd(year, 5, 1));
        CHECK(day_named(year, "17. mai") == ymd(year, 5, 17));
        CHECK(day_named(year, "1. juledag") == ymd(year, 12, 25));
        CHECK(day_named(year, "2. juledag") == ymd(year, 12, 26));
    }
    // A few written out, as the almanac has them.
    CHECK(public_holiday(ymd(2025, 5, 29))->name == "Kristi himmelfartsdag");
    CHECK(public_holiday(ymd(2026, 5, 25))->name == "2. pinsedag");
    CHECK(public_holiday(ymd(2027, 3, 25))->name == "skjærtorsdag");
    CHECK(public_holiday(ymd(2028, 4, 17))->name == "2. påskedag");
    CHECK(public_holiday(ymd(2029, 5, 10))->name == "Kristi himmelfartsdag");
    CHECK(public_holiday(ymd(2030, 6, 10))->name == "2. pinsedag");
}

TEST_CASE("ordinary days, julaften and Saturdays are not public holidays", "[holidays]") {
    CHECK_FALSE(public_holiday(ymd(2027, 5, 14)));   // Friday before 17. mai
    CHECK_FALSE(public_holiday(ymd(2026, 12, 24)));  // julaften is no public holiday
    CHECK_FALSE(public_holiday(ymd(2026, 12, 31)));
    CHECK_FALSE(public_holiday(ymd(2027, 3, 27)));   // påskeaften
}

TEST_CASE("the fellesferie is ISO weeks 28 to 30 unless told otherwise", "[holidays]") {
    const auto span2026 = fellesferie(2026);
    REQUIRE(span2026);
    CHECK(span2026->first == ymd(2026, 7, 6));
    CHECK(span2026->last == ymd(2026, 7, 26));
    const auto span2027 = fellesferie(2027);
    REQUIRE(span2027);
    CHECK(span2027->first == ymd(2027, 7, 12));
    CHECK(span2027->last == ymd(2027, 8, 1));
    const auto other = fellesferie(2027, 29, 31);
    REQUIRE(other);
    CHECK(other->first == ymd(2027, 7, 19));
    CHECK_FALSE(fellesferie(2027, 0, 0));
}

TEST_CASE("«fellesferien» names the fellesferie's weeks", "[holidays]") {
    for (std::string_view word : {"fellesferien", "fellesferie", "fellesferia"}) {
        const auto named = lookup_named_time(word);
        REQUIRE(named);
        const auto days = named_days(*named, 2027);
        REQUIRE(days);
        CHECK(days->first == ymd(2027, 7, 12));
        CHECK(days->last == ymd(2027, 8, 1));
        CHECK_FALSE(is_single_day(*named));
    }
}
