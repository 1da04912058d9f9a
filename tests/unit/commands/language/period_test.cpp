// Which days a question means: named months, "neste uke", "i helga" and friends,
// always relative to the local date in Oslo.
#include <catch2/catch.hpp>

#include "commands/language/norwegian.hpp"
#include "commands/language/period.hpp"

using namespace planbot::commands;
using date::year_month_day;

namespace {

Period period_of(const std::string& question, year_month_day today) {
    PeriodParse parse = parse_period(words(question), today);
    INFO(question);
    REQUIRE(parse.status == PeriodStatus::found);
    return parse.period;
}

constexpr year_month_day kSaturday = date::year(2026) / 11 / 28;   // a Saturday
constexpr year_month_day kWednesday = date::year(2026) / 12 / 2;   // a Wednesday

}  // namespace

TEST_CASE("a month without a year is the next one that has not ended") {
    CHECK(period_of("hva skjer i mai", kSaturday).first == date::year(2027) / 5 / 1);
    CHECK(period_of("hva skjer i mai", date::year(2027) / 5 / 31).first == date::year(2027) / 5 / 1);
    CHECK(period_of("hva skjer i mai", date::year(2027) / 6 / 1).first == date::year(2028) / 5 / 1);
    CHECK(period_of("hva skjer i november", kSaturday).first == date::year(2026) / 11 / 1);
    CHECK(period_of("hva skjer i mai 2026", kSaturday).first == date::year(2026) / 5 / 1);
}

TEST_CASE("relative months, days, weeks and weekends") {
    Period next_month = period_of("hva skjer neste måned", kSaturday);
    CHECK(next_month.first == date::year(2026) / 12 / 1);
    CHECK(period_of("ka skjer neste månad", date::year(2026) / 12 / 15).first == date::year(2027) / 1 / 1);
    CHECK(period_of("hva skjer denne måneden", kSaturday).last == date::year(2026) / 11 / 30);

    Period today = period_of("hva skjer i dag", kSaturday);
    CHECK(today.kind == PeriodKind::day);
    CHECK(today.first == kSaturday);
    CHECK(period_of("hva skjer i morgen", kSaturday).first == date::year(2026) / 11 / 29);
    CHECK(period_of("ka skjer i mårå", kSaturday).first == date::year(2026) / 11 / 29);

    Period this_week = period_of("hva skjer denne uka", kSaturday);
    CHECK(this_week.first == date::year(2026) / 11 / 23);
    CHECK(this_week.last == date::year(2026) / 11 / 29);
    CHECK(period_of("hva skjer denne uken", kWednesday).first == date::year(2026) / 11 / 30);
    Period next_week = period_of("ka skjer neste uke", kSaturday);
    CHECK(next_week.first == date::year(2026) / 11 / 30);
    CHECK(next_week.last == date::year(2026) / 12 / 6);
    CHECK(next_week.label == "neste uke (uke 49, 30. november – 6. desember 2026)");

    CHECK(period_of("hva skjer i helga", kSaturday).first == kSaturday);
    CHECK(period_of("hva skjer i helga", kWednesday).first == date::year(2026) / 12 / 5);
    CHECK(period_of("hva skjer i helga", kWednesday).last == date::year(2026) / 12 / 6);
}

TEST_CASE("a year alone asks for the whole year") {
    Period year = period_of("hva skjer i 2027", kSaturday);
    CHECK(year.kind == PeriodKind::year);
    CHECK(year.first == date::year(2027) / 1 / 1);
}

TEST_CASE("words that are no period are handed back") {
    PeriodParse parse = parse_period(words("hva skjer med partiskatten"), kSaturday);
    CHECK(parse.status == PeriodStatus::none);
    CHECK(parse.leftover == std::vector<std::string>{"partiskatten"});
}
