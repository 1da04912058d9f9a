// Checks that the shipped plan data (config/plan/trondelag-sv-2025-2028.toml) agrees
// with the careful reading of the work plan in shared/docs/plan-2025-2028.md: every
// month-by-year cell of the annual wheel, the fixed-day events, the 43 tiltak with
// their ansvarlig text and resolved roles, the rows without ansvarlig, the per-unit
// tiltak, the regions, committees and election years. Every expectation below is
// transcribed by hand from plan-2025-2028.md (sections 1, 2 and 4), not copied from
// the TOML file, so that the two transcriptions check each other: a slip in either
// shows up as a failing cell or row here.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "config/plan.hpp"
#include "config/plan_loader.hpp"

namespace {

using planbot::config::Plan;
using planbot::config::Scope;
using planbot::config::WheelEvent;

constexpr int kFirstYear = 2025;
constexpr int kLastYear = 2028;

// The shipped plan, loaded once for all test cases in this file.
const Plan& shipped_plan() {
    static const Plan loaded_plan = [] {
        auto loaded = planbot::config::load_plan(PLANBOT_SOURCE_DIR
                                                 "/config/plan/trondelag-sv-2025-2028.toml");
        INFO((loaded ? std::string{} : loaded.error().describe()));
        REQUIRE(loaded.has_value());
        return std::move(*loaded);
    }();
    return loaded_plan;
}

using Titles = std::vector<std::string>;

// Section 1 of plan-2025-2028.md, one row per month, columns 2025, 2026, 2027, 2028.
struct MonthRow {
    int month;
    std::array<Titles, 4> years;
};

const std::array<MonthRow, 12>& expected_wheel() {
    static const std::array<MonthRow, 12> rows{{
        {1, {{{"Årsmøter lokallag", "Valgkampforberedelser"},
              {"Årsmøter lokallag", "Listestillingsarbeid"},
              {"Årsmøter lokallag", "Valgkampforberedelser/listestilling"},
              {"Årsmøter lokallag"}}}},
        {2, {{{"Fylkesårsmøte"}, {"Fylkesårsmøte"}, {"Fylkesårsmøte"}, {"Fylkesårsmøte"}}}},
        {3, {{{"Kvinnedagen", "Landsmøte"},
              {"Kvinnedagen"},
              {"Kvinnedagen", "Landsmøte"},
              {"Kvinnedagen"}}}},
        {4, {{{"Lokallagsbesøk stortingsrepresentant"},
              {"Lokallagsbesøk stortingsrepresentant"},
              {"Lokallagsbesøk stortingsrepresentant og 1. kandidat fylke"},
              {"Lokallagsbesøk stortingsrepresentant"}}}},
        {5, {{{"1. mai", "Valgkampskolering lokallag"},
              {"1. mai", "Listestillingsarbeid / skolering"},
              {"1. mai", "Valgkampskolering lokallag"},
              {"1. mai", "Skolering lokale folkevalgte"}}}},
        {6, {{{"Trøndelag SVs miljøpris", "Lokal Pride", "Valgkampturné"},
              {"Trøndelag SVs miljøpris", "Lokal Pride"},
              {"Trøndelag SVs miljøpris", "Lokal Pride", "Valgkampturné"},
              {"Trøndelag SVs miljøpris", "Lokal Pride"}}}},
        {7, {{{"Somekampanje"}, {"Ferie"}, {"Somekampanje"}, {"Ferie"}}}},
        {8, {{{"Valgkamp"}, {"Listestillingsarbeid"}, {"Valgkamp"}, {}}}},
        {9, {{{"Valgkamp", "Valgvake", "Trondheim Pride"},
              {"Listestillingsturné stortingsrep./fylkestingsrep.", "Bygge organisasjon",
               "Trondheim Pride"},
              {"Valgkamp", "Valgvake", "Trondheim Pride"},
              {"Bygge organisasjon", "Trondheim Pride"}}}},
        {10, {{{"Gjenbetalingsaksjon alle lokallag"},
               {"Gjenbetalingsaksjon alle lokallag"},
               {"Skolering nye folkevalgte", "Gjenbetalingsaksjon alle lokallag"},
               {"Gjenbetalingsaksjon alle lokallag"}}}},
        {11, {{{"Gjenbetalingsaksjon fylkeslag", "Repskapsmøte", "Mannsdagen"},
               {"Gjenbetalingsaksjon fylkeslag", "Repskapsmøte og nominasjonsmøte (fylkesting)",
                "Mannsdagen"},
               {"Gjenbetalingsaksjon fylkeslag", "Repskapsmøte med opplæring av nye folkevalgte",
                "Mannsdagen"},
               {"Gjenbetalingsaksjon fylkeslag", "Repskapsmøte og nominasjonsmøter (Storting)",
                "Mannsdagen"}}}},
        {12, {{{"Juleavslutning"},
               {"Juleavslutning", "Innspurt listestilling"},
               {"Juleavslutning"},
               {"Juleavslutning"}}}},
    }};
    return rows;
}

// Section 1: the events with a fixed day, every year.
struct FixedDay {
    const char* title;
    int month;
    int day;
};
constexpr std::array<FixedDay, 4> kFixedDays{{
    {"Kvinnedagen", 3, 8},
    {"1. mai", 5, 1},
    {"Trøndelag SVs miljøpris", 6, 5},
    {"Mannsdagen", 11, 19},
}};

// Section 2: the "ansvarlig" column as written, and the roles it names.
struct ExpectedTiltak {
    int number;
    std::string text;
    std::set<std::string> roles;
};

const std::vector<ExpectedTiltak>& expected_tiltak() {
    static const std::vector<ExpectedTiltak> rows{
        {1, "Valgkamputvalgene i valgkrets Sør-Trøndelag og Nord-Trøndelag",
         {"valgkamputvalg-sor", "valgkamputvalg-nord"}},
        {2, "Valgkamputvalgene (Sør og Nord), i samarbeid med Oppdal SV",
         {"valgkamputvalg-sor", "valgkamputvalg-nord", "lokallagsstyre/Oppdal"}},
        {3, "Regionleder, fylkessekretær", {"regionleder", "fylkessekretaer"}},
        {4, "Utvalgsleder, fylkessekretær", {"utvalgsleder", "fylkessekretaer"}},
        {5, "Styret, fylkessekretær", {"fylkesstyret", "fylkessekretaer"}},
        {6, "Fylkesstyret, fylkessekretær", {"fylkesstyret", "fylkessekretaer"}},
        {7, "Fylkesstyret, fylkessekretær, gruppeleder fylkestinget og lokallagsledere",
         {"fylkesstyret", "fylkessekretaer", "gruppeleder-fylkesting", "lokallagsleder"}},
        {8, "AU", {"au"}},
        {9, "Kasserer og gruppeledere", {"kasserer", "gruppeledere"}},
        {10, "Kasserer", {"kasserer"}},
        {11, "Fylkesstyret", {"fylkesstyret"}},
        {12, "Fylkesstyret og fylkessekretær", {"fylkesstyret", "fylkessekretaer"}},
        {13, "Fylkesstyret", {"fylkesstyret"}},
        {14, "AU og fylkessekretær", {"au", "fylkessekretaer"}},
        {15, "Lokallagene og fylkesstyret", {"lokallagsstyre", "fylkesstyret"}},
        {16, "Lokallagene og fylkessekretær", {"lokallagsstyre", "fylkessekretaer"}},
        {17, "AU og fylkessekretær", {"au", "fylkessekretaer"}},
        {18, "AU og fylkessekretær", {"au", "fylkessekretaer"}},
        {19, "AU og fylkessekretær", {"au", "fylkessekretaer"}},
        {20, "AU", {"au"}},
        {21, "AU og valgkamputvalg", {"au", "valgkamputvalg-sor", "valgkamputvalg-nord"}},
        {22, "Fylkesleder og fylkessekretær", {"fylkesleder", "fylkessekretaer"}},
        {23, "Fylkesstyret og utvalgsledere", {"fylkesstyret", "utvalgsleder"}},
        {24, "AU", {"au"}},
        {25, "Fylkesstyret og lokallagsstyrene", {"fylkesstyret", "lokallagsstyre"}},
        {26, "Fylkesstyret og lokallagsstyrene", {"fylkesstyret", "lokallagsstyre"}},
        {27, "", {}},  // none given in the text
        {28, "", {}},  // none given in the text
        {29, "Gruppeleder og fylkesleder", {"gruppeleder-fylkesting", "fylkesleder"}},
        {30, "Gruppeleder fylkestingsgruppa og gruppeleder bystyregruppa",
         {"gruppeleder-fylkesting", "gruppeleder-bystyre"}},
        {31, "Fylkesstyret, fylkessekretær og folkevalgte",
         {"fylkesstyret", "fylkessekretaer", "folkevalgte"}},
        {32, "Fylkesstyret", {"fylkesstyret"}},
        {33, "Fylkesstyret i samarbeid med lokale folkevalgte", {"fylkesstyret", "folkevalgte"}},
        {34, "Fylkesstyret og faglig leder", {"fylkesstyret", "utvalgsleder/fagligpolitisk"}},
        {35, "Fylkesstyret og faglig leder", {"fylkesstyret", "utvalgsleder/fagligpolitisk"}},
        {36, "Fylkesstyret og faglig leder", {"fylkesstyret", "utvalgsleder/fagligpolitisk"}},
        {37, "Fylkesstyret og kvinnepolitisk leder",
         {"fylkesstyret", "utvalgsleder/kvinnepolitisk"}},
        {38, "Lokallag og fylkessekretær", {"lokallagsstyre", "fylkessekretaer"}},
        {39, "AU og fylkessekretær", {"au", "fylkessekretaer"}},
        {40, "AU og fylkessekretær", {"au", "fylkessekretaer"}},
        {41, "AU, stortingsrepresentant og fylkestingsgruppa, folkevalgte i kommunene",
         {"au", "stortingsrepresentant", "fylkestingsgruppa", "folkevalgte"}},
        {42, "Fylkessekretær og administratorer", {"fylkessekretaer", "administratorer"}},
        {43, "AU", {"au"}},
    };
    return rows;
}

}  // namespace

TEST_CASE("the shipped wheel has every month-by-year cell of the plan") {
    const Plan& p = shipped_plan();
    const auto& rows = expected_wheel();
    std::size_t cells_total = 0;
    for (std::size_t m = 0; m < rows.size(); ++m) {
        REQUIRE(rows[m].month == static_cast<int>(m) + 1);
        for (std::size_t y = 0; y < rows[m].years.size(); ++y) {
            const int year = kFirstYear + static_cast<int>(y);
            const int month = rows[m].month;
            INFO(year << "-" << month);
            Titles actual;
            for (const WheelEvent* event : p.wheel_cell(year, month)) actual.push_back(event->title);
            CHECK(actual == rows[m].years[y]);
            cells_total += actual.size();
        }
    }
    // No event sits outside the 48 cells (a year or month beyond the plan).
    std::size_t occurrences = 0;
    for (const WheelEvent& event : p.wheel) occurrences += event.years.size();
    CHECK(occurrences == cells_total);
}

TEST_CASE("the fixed-day events carry their day every year and no other event has a day") {
    const Plan& p = shipped_plan();
    for (const FixedDay& fixed : kFixedDays) {
        for (int year = kFirstYear; year <= kLastYear; ++year) {
            INFO(fixed.title << " " << year);
            const auto cell = p.wheel_cell(year, fixed.month);
            const auto found = std::find_if(cell.begin(), cell.end(), [&](const WheelEvent* e) {
                return e->title == fixed.title;
            });
            REQUIRE(found != cell.end());
            REQUIRE((*found)->day.has_value());
            CHECK(*(*found)->day == fixed.day);
        }
    }
    for (const WheelEvent& event : p.wheel) {
        const bool is_fixed = std::any_of(kFixedDays.begin(), kFixedDays.end(),
                                          [&](const FixedDay& f) { return event.title == f.title; });
        if (is_fixed) continue;
        INFO(event.id << " (" << event.title << ")");
        CHECK_FALSE(event.day.has_value());
    }
}

TEST_CASE("the shipped plan has the 43 tiltak with the ansvarlig of the plan") {
    const Plan& p = shipped_plan();
    const auto& expected = expected_tiltak();
    REQUIRE(expected.size() == 43u);
    REQUIRE(p.tiltak.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& t = p.tiltak[i];
        INFO("tiltak " << expected[i].number);
        REQUIRE(t.number == expected[i].number);
        CHECK(t.ansvarlig_text == expected[i].text);
        std::set<std::string> roles;
        for (const auto& ref : t.ansvarlig)
            roles.insert(ref.unit.empty() ? ref.role_id : ref.role_id + "/" + ref.unit);
        CHECK(roles == expected[i].roles);
        CHECK(roles.size() == t.ansvarlig.size());  // no role named twice
    }
}

TEST_CASE("only tiltak 27 and 28 are marked as having no ansvarlig") {
    const Plan& p = shipped_plan();
    REQUIRE(p.find_tiltak(27) != nullptr);
    REQUIRE(p.find_tiltak(28) != nullptr);
    for (const auto& t : p.tiltak) {
        INFO("tiltak " << t.number);
        if (t.number == 27 || t.number == 28) {
            CHECK(t.ansvarlig_missing);
            CHECK(t.ansvarlig.empty());
            CHECK(t.ansvarlig_text.empty());
        } else {
            CHECK_FALSE(t.ansvarlig_missing);
        }
    }
}

TEST_CASE("only tiltak 3, 4, 12 and 38 are repeated per unit") {
    const Plan& p = shipped_plan();
    const std::map<int, Scope> per_unit{
        {3, Scope::region}, {4, Scope::committee}, {12, Scope::lokallag}, {38, Scope::lokallag}};
    for (const auto& t : p.tiltak) {
        INFO("tiltak " << t.number);
        const auto found = per_unit.find(t.number);
        const Scope expected = found == per_unit.end() ? Scope::none : found->second;
        CHECK(t.per == expected);
    }
}

TEST_CASE("the shipped plan has the seven regions and three committees of the plan") {
    const Plan& p = shipped_plan();
    const std::vector<std::pair<std::string, std::vector<std::string>>> regions{
        {"Fjellregionen", {"Røros", "Oppdal", "Midtre Gauldal"}},
        {"Melhus/Skaun/Orkland", {"Melhus", "Skaun", "Orkland"}},
        {"Hitra/Frøya/Fosen", {"Hitra", "Frøya", "Indre Fosen", "Ørland", "Åfjord"}},
        {"Værnesregionen", {"Stjørdal", "Malvik", "Selbu", "Meråker"}},
        {"Innherred", {"Levanger", "Snåsa", "Inderøy", "Steinkjer", "Verdal"}},
        {"Namdalen",
         {"Flatanger", "Namsos", "Overhalla", "Grong", "Leka", "Nærøysund", "Namsskogan"}},
        {"Trondheim", {"Trondheim"}},
    };
    REQUIRE(p.regions.size() == regions.size());
    for (std::size_t i = 0; i < regions.size(); ++i) {
        INFO("region " << regions[i].first);
        CHECK(p.regions[i].name == regions[i].first);
        CHECK(p.regions[i].municipalities == regions[i].second);
    }
    const std::vector<std::string> committee_ids{"fagligpolitisk", "kvinnepolitisk",
                                                 "distriktspolitisk"};
    std::vector<std::string> actual_ids;
    for (const auto& c : p.committees) actual_ids.push_back(c.id);
    CHECK(actual_ids == committee_ids);
}

TEST_CASE("the shipped plan runs 2025 to 2028 with elections in 2025 and 2027") {
    const Plan& p = shipped_plan();
    const std::vector<int> election_years{2025, 2027};
    CHECK(p.first_year == kFirstYear);
    CHECK(p.last_year == kLastYear);
    CHECK(p.election_years == election_years);
}

TEST_CASE("the shipped plan names its secretary, board, forum members and the forum's follow-up tiltak") {
    const Plan& plan = shipped_plan();
    CHECK(plan.special.secretary == "fylkessekretaer");
    CHECK(plan.special.board == "fylkesstyret");
    CHECK(plan.special.forum_members == "enpersonsgrupper");
    REQUIRE(plan.find_tiltak(plan.special.forum_follow_up_tiltak));
    CHECK(plan.find_tiltak(plan.special.forum_follow_up_tiltak)->title.find("én-personsgrupper") != std::string::npos);
}
