// The bot's own settings (planbot.toml), separate from the organisation's plan.
// Every setting is a row of one table (settings_table.hpp: key, environment variable,
// type, default, one line of documentation), from which reading, the "unknown setting"
// error and the README's configuration reference are produced; the example file
// config/planbot.example.toml shows them all. A setting comes from the file, and an
// environment variable PLANBOT_<SECTION>_<KEY> (PLANBOT_<KEY> for top-level keys) wins
// over it; command-line options in bot/main win over both. Validation happens here,
// before the process opens any port.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <map>
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

    bool operator==(const ListenAddress&) const = default;
};

// When reminders go out ([reminders] and [digests] in the settings file). Times of day
// are minutes after local midnight (Europe/Oslo).
struct ReminderSettings {
    std::vector<int> days_before{14, 3, 0};      // days before a deadline; 0: the morning of it
    std::map<std::string, std::vector<int>> days_before_per_role;  // role id → days (instead of days_before)
    std::map<int, std::vector<int>> days_before_per_task;          // task number → days (wins over the role's)
    int overdue_first_days = 1;    // the first reminder after a missed deadline
    int overdue_repeat_days = 7;   // then every n days while it stays open
    int escalate_after_days = 14;  // days overdue before the secretary (or the admins) hear; 0: never
    int send_minute = 9 * 60;      // 09:00
    int quiet_from_minute = 21 * 60;   // quiet hours 21:00–08:00: a reminder due then waits
    int quiet_until_minute = 8 * 60;   // (equal values: no quiet hours)
    bool weekends = true;              // false: Saturday's and Sunday's reminders wait for Monday
    // The fellesferie, ISO weeks [first, last] (0, 0: none). Like on public holidays,
    // nothing is sent then: announcements go before, nags after.
    int fellesferie_first_week = 28;
    int fellesferie_last_week = 30;
    bool monthly_digest = true;        // "Dette skjer i <måned>" on the 1st
    bool weekly_digest = true;         // "Denne uka" on Mondays
    bool heads_up = true;              // the day before a fixed-day event (8. mars, 1. mai, …)
    int digest_minute = 8 * 60;        // 08:00

    bool operator==(const ReminderSettings&) const = default;
};

// A person on one platform: "telegram:11111111" in the settings.
struct PlatformUser {
    std::string platform;  // "telegram", "local", …
    std::string user_id;   // as the platform names users
    bool operator==(const PlatformUser&) const = default;
};

struct Settings {
    // top level
    std::string public_url;           // externally reachable base URL; empty: long polling
    std::vector<PlatformUser> admins;  // bootstrapped as admins, each on its platform

    // Where /kalender's and /oversikt's links point: http.web_address, else public_url;
    // "" without either (no links are given).
    std::string links_address() const;

    // The user ids of the admins on one platform.
    std::vector<std::string> admins_on(std::string_view platform) const;
    LogLevel log_level = LogLevel::info;

    // [bot]
    std::string username;            // the bot's @name without '@'; empty: ask the platform (getMe)
    std::string timezone = "Europe/Oslo";
    std::filesystem::path plan;      // empty: the shipped plan
    std::filesystem::path next_plan;  // the next period's plan, in force from its first year; empty: none
    std::optional<date::local_seconds> now;  // start instant of the clock, local time
    double clock_rate = 1.0;         // the clock runs this many times faster than real time

    // [telegram]
    std::string telegram_token;      // secret: never logged
    std::string telegram_api_url = "https://api.telegram.org";
    std::string telegram_webhook_secret;  // secret: never logged
    std::filesystem::path telegram_certificate;  // set: uploaded with setWebhook (a self-signed certificate)

    // [slack]
    std::string slack_bot_token;       // secret: never logged
    std::string slack_signing_secret;  // secret: never logged
    std::string slack_api_url = "https://slack.com";

    // [http]
    ListenAddress listen;
    std::string web_address;  // where people open the secret links; "": see links_address()
    std::filesystem::path tls_certificate;  // both set: HTTPS; both empty: plain HTTP
    std::filesystem::path tls_key;
    int max_connections = 2048;
    int header_timeout_seconds = 10;
    int body_timeout_seconds = 10;
    int idle_timeout_seconds = 60;
    std::string metrics_token;        // secret: GET /metrics with "Authorization: Bearer <it>"; never logged
    int ready_platform_minutes = 10;  // /readyz: the platform answered within this many minutes

    // [database]
    std::filesystem::path database_path = "var/planbot.db";
    // Unsent outbox rows one chat may have; a reply to a chat with more is not queued
    // (logged, counted) and the admins are told once per flood. 0: no cap.
    int outbox_max_pending_per_chat = 500;
    int retention_days = 90;  // processed update ids, sent outbox rows and the reminder log older than this go

    // [language]
    std::filesystem::path dictionaries = "/usr/share/hunspell";  // Hunspell's nb_NO and nn_NO; empty: none

    // [reminders], [digests]
    ReminderSettings reminders;

    // [backups]: the nightly copy of the database, beside it in backups/
    int backups_daily = 14;        // the newest this many days' copies are kept
    int backups_weekly = 8;        // and the newest copy of each of this many weeks before
    int backups_minute = 3 * 60 + 30;  // the time of day they are made, minutes after midnight

    bool telegram_enabled() const { return !telegram_token.empty(); }
    bool slack_enabled() const { return !slack_bot_token.empty(); }
    // The table's defaults are checked against a default Settings with this.
    bool operator==(const Settings&) const = default;
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

// The PLANBOT_* names among `names` (the process's environment variables) that no
// setting reads, each as a sentence for the start-up log, with the closest known
// variable when one is close enough to be a typo: "unknown environment variable
// PLANBOT_HTTP_LISTN (did you mean PLANBOT_HTTP_LISTEN?)". Only names: values may be
// secrets.
std::vector<std::string> unknown_environment_variables(const std::vector<std::string>& names);

// The reminder settings that name the plan's roles or tasks, checked once the plan is
// loaded: the message names the setting, or nullopt when all is well.
std::optional<std::string> reminder_settings_problem(const Settings& settings, const Plan& plan);

// "127.0.0.1:8080", "[::1]:8443", "0.0.0.0:88".
std::optional<ListenAddress> parse_listen_address(std::string_view text);

// True for URLs whose host is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback_url(std::string_view url);

}  // namespace planbot::config
