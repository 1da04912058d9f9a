// The plan loader rejects broken plan files with a message that names the file, the
// line and the column of the problem, and accepts the shipped plan.
#include <catch2/catch.hpp>

#include <string>

#include "config/plan_loader.hpp"

using planbot::config::parse_plan;

namespace {

// A small valid plan; each test breaks one line of it.
const std::string kValid = R"([plan]
name = "Testplan"
organisation = "Testlaget"
first_year = 2025
last_year = 2026

[[roles]]
id = "kasserer"
name = "Kasserer"

[[roles]]
id = "regionleder"
name = "Regionleder"
scope = "region"

[[regions]]
id = "innherred"
name = "Innherred"
municipalities = ["Levanger"]

[[wheel]]
id = "fylkesarsmote"
title = "Fylkesårsmøte"
month = 2

[[wheel]]
id = "kvinnedagen"
title = "Kvinnedagen"
month = 3
day = 8

[[tiltak]]
number = 1
title = "Følge opp partiskatt"
ansvarlig = ["kasserer"]
schedule = { kind = "quarterly" }
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

planbot::config::LoadError error_of(const std::string& text) {
    auto result = parse_plan(text, "plan.toml");
    REQUIRE_FALSE(result.has_value());
    return result.error();
}

}  // namespace

TEST_CASE("a valid plan file loads into plain values") {
    auto plan = parse_plan(kValid, "plan.toml");
    REQUIRE(plan.has_value());
    CHECK(plan->organisation == "Testlaget");
    CHECK(plan->wheel.size() == 2);
    CHECK(plan->wheel[1].day == 8);
    CHECK_FALSE(plan->wheel[0].day.has_value());
    CHECK(plan->wheel[0].years == std::vector<int>{2025, 2026});
    REQUIRE(plan->tiltak.size() == 1);
    CHECK(plan->tiltak[0].ansvarlig.front().role_id == "kasserer");
}

TEST_CASE("the special roles are the plan's own, and one that names no role is rejected at its place") {
    auto without = parse_plan(kValid, "plan.toml");
    REQUIRE(without.has_value());
    CHECK(without->special.secretary.empty());  // optional: nothing is assumed

    auto plan = parse_plan(kValid + "\n[special]\nsecretary = \"kasserer\"\nforum_follow_up_tiltak = 1\n", "plan.toml");
    REQUIRE(plan.has_value());
    CHECK(plan->special.secretary == "kasserer");
    CHECK(plan->special.forum_follow_up_tiltak == 1);

    auto error = error_of(kValid + "\n[special]\nboard = \"styret\"\n");
    CHECK(error.message.find("no role has the id 'styret'") != std::string::npos);
    CHECK(error.describe().starts_with("plan.toml:"));
    CHECK(error_of(kValid + "\n[special]\nforum_follow_up_tiltak = 99\n").message.find("no [[tiltak]]") !=
          std::string::npos);
    CHECK(error_of(kValid + "\n[special]\nsekretaer = \"kasserer\"\n").message.find("sekretaer") != std::string::npos);
}

TEST_CASE("a syntax error names the file, line and column") {
    auto error = error_of(replace(kValid, "month = 2", "month = = 2"));
    CHECK(error.file == "plan.toml");
    CHECK(error.line == 24);
    CHECK(error.column > 1);
    CHECK(error.message.find("syntax error") != std::string::npos);
    CHECK(error.describe().starts_with("plan.toml:24:"));
}

TEST_CASE("an unknown role in ansvarlig is rejected at its place") {
    auto error = error_of(replace(kValid, R"(ansvarlig = ["kasserer"])", R"(ansvarlig = ["kasserer", "kaserer"])"));
    CHECK(error.line == 35);
    CHECK(error.column == 26);
    CHECK(error.message.find("unknown role 'kaserer'") != std::string::npos);
}

TEST_CASE("a month outside 1 to 12 is rejected") {
    auto error = error_of(replace(kValid, "month = 2", "month = 13"));
    CHECK(error.line == 24);
    CHECK(error.message.find("month must be 1-12") != std::string::npos);
}

TEST_CASE("a day that does not exist is rejected") {
    SECTION("on a wheel event") {
        auto error = error_of(replace(kValid, "month = 3\nday = 8", "month = 2\nday = 30"));
        CHECK(error.line == 30);
        CHECK(error.message.find("day 30 does not exist") != std::string::npos);
    }
    SECTION("in a schedule date") {
        auto error = error_of(replace(kValid, R"({ kind = "quarterly" })",
                                      R"({ kind = "dates", dates = ["2025-02-29"] })"));
        CHECK(error.line == 36);
        CHECK(error.message.find("'2025-02-29' does not exist") != std::string::npos);
    }
    SECTION("in a yearly day") {
        auto error = error_of(replace(kValid, R"({ kind = "quarterly" })", R"({ kind = "yearly", days = ["04-31"] })"));
        CHECK(error.line == 36);
        CHECK(error.message.find("'04-31' does not exist") != std::string::npos);
    }
}

TEST_CASE("a duplicate id is rejected at the second one") {
    SECTION("wheel ids") {
        auto error = error_of(replace(kValid, R"(id = "kvinnedagen")", R"(id = "fylkesarsmote")"));
        CHECK(error.line == 27);
        CHECK(error.message.find("duplicate wheel id 'fylkesarsmote'") != std::string::npos);
    }
    SECTION("tiltak numbers") {
        auto error = error_of(kValid + "\n[[tiltak]]\nnumber = 1\ntitle = \"x\"\nansvarlig = [\"kasserer\"]\n"
                                       "schedule = { kind = \"ongoing\" }\n");
        CHECK(error.line == 39);
        CHECK(error.message.find("duplicate tiltak number 1") != std::string::npos);
    }
    SECTION("role ids") {
        auto error = error_of(replace(kValid, R"(id = "regionleder")", R"(id = "kasserer")"));
        CHECK(error.line == 12);
    }
}

TEST_CASE("a misspelt setting is rejected rather than ignored") {
    auto error = error_of(replace(kValid, "month = 2", "mont = 2"));
    CHECK(error.line == 24);
    CHECK(error.message.find("unknown setting 'mont'") != std::string::npos);
}

TEST_CASE("a tiltak must name its ansvarlig or say that it is missing") {
    auto error = error_of(replace(kValid, R"(ansvarlig = ["kasserer"])", "ansvarlig = []"));
    CHECK(error.message.find("names no ansvarlig") != std::string::npos);
    auto marked = parse_plan(replace(kValid, R"(ansvarlig = ["kasserer"])", "ansvarlig_missing = true"), "plan.toml");
    REQUIRE(marked.has_value());
    CHECK(marked->tiltak[0].ansvarlig_missing);
}

TEST_CASE("a scoped role can be narrowed only to a unit that exists") {
    auto ok = parse_plan(replace(kValid, R"(ansvarlig = ["kasserer"])", R"(ansvarlig = ["regionleder/innherred"])"),
                         "plan.toml");
    REQUIRE(ok.has_value());
    CHECK(ok->tiltak[0].ansvarlig[0].unit == "innherred");
    auto error = error_of(replace(kValid, R"(ansvarlig = ["kasserer"])", R"(ansvarlig = ["regionleder/orkdal"])"));
    CHECK(error.message.find("unknown unit 'orkdal'") != std::string::npos);
    auto unscoped = error_of(replace(kValid, R"(ansvarlig = ["kasserer"])", R"(ansvarlig = ["kasserer/innherred"])"));
    CHECK(unscoped.message.find("has no scope") != std::string::npos);
}

TEST_CASE("a year outside the plan period is rejected") {
    auto error = error_of(replace(kValid, "month = 2", "month = 2\nyears = [2025, 2031]"));
    CHECK(error.line == 25);
    CHECK(error.message.find("year 2031 is outside the plan period") != std::string::npos);
}

TEST_CASE("a missing plan file is named in the error") {
    auto result = planbot::config::load_plan("/nonexistent/plan.toml");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().describe() == "/nonexistent/plan.toml: cannot open the plan file");
}

TEST_CASE("a huge number is rejected, not wrapped into a valid month") {
    auto error = error_of(replace(kValid, "month = 2", "month = 4294967298"));
    CHECK(error.line == 24);
    CHECK(error.message == "'month' is out of range (4294967298)");
    auto year = error_of(replace(kValid, "month = 2", "month = 2\nyears = [2025, 4294969321]"));
    CHECK(year.line == 25);
}

TEST_CASE("a schedule setting that does not belong to its kind is rejected") {
    auto error = error_of(replace(kValid, R"({ kind = "quarterly" })", R"({ kind = "quarterly", dates = ["2025-06-01"] })"));
    CHECK(error.line == 36);
    CHECK(error.message == "'dates' does not belong to a schedule of kind 'quarterly'");
}

TEST_CASE("a year or a role listed twice, or an empty year list, is rejected") {
    CHECK(error_of(replace(kValid, "month = 2", "month = 2\nyears = [2025, 2025]")).message == "year 2025 is listed twice");
    CHECK(error_of(replace(kValid, "month = 2", "month = 2\nyears = []")).message ==
          "'years' is empty; list the years, or leave it out for every year");
    CHECK(error_of(replace(kValid, R"(ansvarlig = ["kasserer"])", R"(ansvarlig = ["kasserer", "kasserer"])")).message ==
          "role 'kasserer' is listed twice");
}

TEST_CASE("a folder given as the plan file is named as such") {
    auto result = planbot::config::load_plan("/tmp");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().describe() == "/tmp: is a folder, not a plan file");
}
