// The reader of Norwegian time expressions against its corpus
// (tests/fixtures/language/time_expressions.tsv): each expression, asked at a local
// instant in Oslo, means exactly the days given, or nothing. And the calendar under it:
// Easter by the computus, election days, and the labels replies show.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "commands/language/holidays.hpp"
#include "commands/language/time_expressions.hpp"
#include "config/settings.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot::commands;
using date::year_month_day;

namespace {

using planbot::test::ymd;

struct CorpusLine {
    size_t number = 0;
    std::string expression, instant, first, last;
};

std::vector<CorpusLine> corpus() {
    std::ifstream in(PLANBOT_SOURCE_DIR "/tests/fixtures/language/time_expressions.tsv");
    REQUIRE(in);
    std::vector<CorpusLine> lines;
    std::string text;
    for (size_t number = 1; std::getline(in, text); ++number) {
        if (text.empty() || text.front() == '#') continue;
        std::istringstream fields(text);
        CorpusLine line{number, {}, {}, {}, {}};
        std::getline(fields, line.expression, '\t');
        std::getline(fields, line.instant, '\t');
        std::getline(fields, line.first, '\t');
        std::getline(fields, line.last, '\t');
        lines.push_back(std::move(line));
    }
    return lines;
}

// The local day of an Oslo instant as the corpus writes it ("2026-12-06T10:00").
year_month_day local_day_of(const std::string& instant) {
    auto local = planbot::config::parse_local_instant(instant);
    REQUIRE(local.has_value());
    return year_month_day(date::floor<date::days>(*local));
}

std::string shown(const std::optional<Period>& period) {
    if (!period) return "-\t-";
    return date::format("%F", period->first) + "\t" + date::format("%F", period->last);
}

std::optional<Period> read_period(const std::string& text, year_month_day today) { return read_time_expression(text, today); }

}  // namespace

TEST_CASE("every expression in the time corpus means exactly its days, or nothing") {
    const std::vector<CorpusLine> lines = corpus();
    CHECK(lines.size() >= 150);
    for (const CorpusLine& line : lines) {
        const std::string expected = line.first + "\t" + line.last;
        const std::string got = shown(read_period(line.expression, local_day_of(line.instant)));
        if (got != expected)
            FAIL_CHECK("line " << line.number << ": «" << line.expression << "» at " << line.instant << ": expected "
                               << expected << ", got " << got);
    }
}

TEST_CASE("easter follows the computus in any year") {
    const std::pair<int, year_month_day> known[] = {
        {1818, ymd(1818, 3, 22)}, {1943, ymd(1943, 4, 25)}, {2000, ymd(2000, 4, 23)}, {2024, ymd(2024, 3, 31)},
        {2025, ymd(2025, 4, 20)}, {2026, ymd(2026, 4, 5)},  {2027, ymd(2027, 3, 28)}, {2028, ymd(2028, 4, 16)},
        {2029, ymd(2029, 4, 1)},  {2038, ymd(2038, 4, 25)}, {2285, ymd(2285, 3, 22)},
    };
    for (const auto& [year, sunday] : known) {
        INFO(year);
        CHECK(easter_sunday(year) == sunday);
    }
}

TEST_CASE("elections fall on the second Monday of September in odd years") {
    CHECK(election_day(2025, Election::storting) == ymd(2025, 9, 8));
    CHECK(election_day(2027, Election::local) == ymd(2027, 9, 13));
    CHECK(election_day(2029, Election::storting) == ymd(2029, 9, 10));
    CHECK_FALSE(election_day(2027, Election::storting).has_value());
    CHECK_FALSE(election_day(2026).has_value());
}

TEST_CASE("a time is labelled in the words replies use") {
    const year_month_day sunday = ymd(2026, 12, 6);
    CHECK(read_period("i påska", ymd(2027, 3, 1))->label == "påsken (21.–29. mars 2027)");
    CHECK(read_period("på torsdag", sunday)->label == "torsdag 10. desember 2026");
    CHECK(read_period("julaften", sunday)->label == "julaften, torsdag 24. desember 2026");
    CHECK(read_period("i jula", sunday)->label == "jula (24. desember 2026 – 1. januar 2027)");
    CHECK(read_period("før jul", sunday)->label == "tiden før jula (6.–23. desember 2026)");
    CHECK(read_period("neste kvartal", sunday)->label == "neste kvartal (1. januar – 31. mars 2027)");
    CHECK(read_period("resten av året", sunday)->label == "resten av året (6.–31. desember 2026)");
    CHECK(read_period("neste veke", sunday)->label == "neste uke (uke 50, 7.–13. desember 2026)");
    CHECK(read_period("i morra", sunday)->label == "i morgen, mandag 7. desember 2026");
}
