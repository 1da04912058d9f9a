// The bot's settings file: defaults, relative plan paths, and errors that name the
// file, line and column.
#include <catch2/catch.hpp>

#include "config/settings.hpp"

using namespace planbot::config;

TEST_CASE("an empty settings file gives the defaults") {
    auto settings = parse_settings("", "planbot.toml", "/etc/planbot");
    REQUIRE(settings.has_value());
    CHECK(settings->username == "planbot");
    CHECK(settings->timezone == "Europe/Oslo");
    CHECK(settings->plan.empty());
    CHECK_FALSE(settings->now.has_value());
}

TEST_CASE("settings are read and a relative plan path is taken from the settings folder") {
    auto settings = parse_settings("[bot]\nusername = \"@trondelag_planbot\"\nplan = \"plan/x.toml\"\n"
                                   "now = \"2027-04-20T10:00\"\n",
                                   "planbot.toml", "/etc/planbot");
    REQUIRE(settings.has_value());
    CHECK(settings->username == "trondelag_planbot");
    CHECK(settings->plan == "/etc/planbot/plan/x.toml");
    REQUIRE(settings->now.has_value());
    CHECK(*settings->now == date::local_days(date::year(2027) / 4 / 20) + std::chrono::hours(10));
}

TEST_CASE("a bad start instant in the settings names its line") {
    auto settings = parse_settings("[bot]\n\nnow = \"20. april\"\n", "planbot.toml", ".");
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().line == 3);
    CHECK(settings.error().message.find("'now' must be a local time") != std::string::npos);
}

TEST_CASE("an unknown setting is rejected") {
    auto settings = parse_settings("[bot]\nusernme = \"x\"\n", "planbot.toml", ".");
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().describe().starts_with("planbot.toml:2:"));
}

TEST_CASE("local instants are read in the forms the README shows") {
    CHECK(parse_local_instant("2027-04-20T10:00").has_value());
    CHECK(parse_local_instant("2027-04-20 10:00:30").has_value());
    CHECK(parse_local_instant("2027-04-20") == date::local_days(date::year(2027) / 4 / 20));
    CHECK_FALSE(parse_local_instant("2027-02-30T10:00").has_value());
    CHECK_FALSE(parse_local_instant("2027-04-20T25:00").has_value());
    CHECK_FALSE(parse_local_instant("i morgen").has_value());
}
