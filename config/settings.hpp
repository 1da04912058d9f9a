// The bot's own settings (planbot.toml), separate from the organisation's plan.
// Every setting is documented in config/planbot.example.toml. A setting comes from
// the file, and an environment variable PLANBOT_<SECTION>_<KEY> (PLANBOT_<KEY> for
// top-level keys) wins over it; command-line options in bot/main win over both.
// Validation happens here, before the process opens any port.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "config/plan_loader.hpp"

namespace planbot::config {

enum class LogLevel { debug, info, warn, error };

struct ListenAddress {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;
};

struct Settings {
    // top level
    std::string public_url;          // externally reachable base URL; empty: long polling
    std::vector<int64_t> admins;     // Telegram user ids bootstrapped as admins
    LogLevel log_level = LogLevel::info;

    // [bot]
    std::string username;            // the bot's @name without '@'; empty: ask the platform (getMe)
    std::string timezone = "Europe/Oslo";
    std::filesystem::path plan;      // empty: the shipped plan
    std::optional<date::local_seconds> now;  // start instant of the clock, local time

    // [telegram]
    std::string telegram_token;      // secret: never logged
    std::string telegram_api_url = "https://api.telegram.org";
    std::string telegram_webhook_secret;  // secret: never logged

    // [http]
    ListenAddress listen;
    std::filesystem::path tls_certificate;  // both set: HTTPS; both empty: plain HTTP
    std::filesystem::path tls_key;
    int max_connections = 2048;
    int header_timeout_seconds = 10;
    int body_timeout_seconds = 10;
    int idle_timeout_seconds = 60;

    // [database]
    std::filesystem::path database_path = "var/planbot.db";

    bool telegram_enabled() const { return !telegram_token.empty(); }
};

// Reads an environment variable; empty optional when unset. Injected so tests can
// supply their own environment.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment process_environment();

std::expected<Settings, LoadError> load_settings(const std::filesystem::path& file, const Environment& environment);
std::expected<Settings, LoadError> parse_settings(std::string_view text, std::string_view source_name,
                                                  const std::filesystem::path& base_directory,
                                                  const Environment& environment);
// Settings from the environment alone (no file).
std::expected<Settings, LoadError> settings_from_environment(const Environment& environment);

// "2027-04-20T10:00", "2027-04-20T10:00:30", "2027-04-20 10:00" or "2027-04-20"
// (midnight) as a local time; nullopt if the text is not such an instant.
std::optional<date::local_seconds> parse_local_instant(std::string_view text);

// Every setting's name as in the file: "public_url", "http.listen", … (docs, tests).
std::vector<std::string> setting_names();

// "127.0.0.1:8080", "[::1]:8443", "0.0.0.0:88".
std::optional<ListenAddress> parse_listen_address(std::string_view text);

// True for URLs whose host is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback_url(std::string_view url);

}  // namespace planbot::config
