// What a setting's text means: the parsers and checks behind the rows of the settings
// table (settings_table.cpp). Each takes the text as written in the file or held by an
// environment variable and either stores the value or says in `problem` what is wrong,
// without the setting's name (the caller adds it, and the place) and never echoing a
// secret. Internal to config/.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "config/settings.hpp"

namespace planbot::config::settings_values {

// A whole number from `low` to `high`.
bool parse_int(const std::string& text, int low, int high, int& out);
void set_int(int& target, const std::string& text, int low, int high, std::string& problem);

void set_bool(bool& target, const std::string& text, std::string& problem);

// "09:00" as minutes after midnight.
void set_time_of_day(int& target, const std::string& text, std::string& problem);

// A relative path is taken from `base` (the settings file's folder; empty: as written).
std::filesystem::path resolve(const std::string& text, const std::filesystem::path& base);

// "14, 3, 0": distinct whole days 0..365, any order (kept largest first).
bool parse_days(const std::string& text, std::vector<int>& days, std::string& problem);
// "kasserer: 7, 1" and "16: 30, 14" (a TOML array of such strings arrives joined by
// commas; a part with ':' starts the next entry).
void parse_role_days(const std::string& text, std::map<std::string, std::vector<int>>& out, std::string& problem);
void parse_task_days(const std::string& text, std::map<int, std::vector<int>>& out, std::string& problem);

// The settings whose text needs more than one of the parsers above; the signature is
// the table's (ApplySetting), `base` unused.
void apply_public_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_web_address(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_admins(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_log_level(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_username(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_timezone(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_now(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_clock_rate(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_api_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_slack_bot_token(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_slack_api_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_webhook_secret(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_listen(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
void apply_quiet_hours(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);
// "28-30": the fellesferie's first and last ISO week; "" or "none": no fellesferie.
void apply_fellesferie(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem);

}  // namespace planbot::config::settings_values
