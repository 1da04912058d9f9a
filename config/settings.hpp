// The bot's own settings (planbot.toml), separate from the organisation's plan.
// Every setting is documented in config/planbot.example.toml. Values may come from
// the file, and command-line options in bot/main override them.
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "config/plan_loader.hpp"

namespace planbot::config {

struct Settings {
    std::string username = "planbot";  // the bot's @name, without '@'
    std::string timezone = "Europe/Oslo";
    std::filesystem::path plan;        // empty: the shipped plan
    // Start instant of the clock, as local time in `timezone` ("2027-04-20T10:00").
    std::optional<date::local_seconds> now;
};

std::expected<Settings, LoadError> load_settings(const std::filesystem::path& file);
std::expected<Settings, LoadError> parse_settings(std::string_view text, std::string_view source_name,
                                                  const std::filesystem::path& base_directory);

// "2027-04-20T10:00", "2027-04-20T10:00:30", "2027-04-20 10:00" or "2027-04-20"
// (midnight) as a local time; nullopt if the text is not such an instant.
std::optional<date::local_seconds> parse_local_instant(std::string_view text);

}  // namespace planbot::config
