// See settings_table.hpp. The rows are data; the few type builders above them keep
// each row to its facts (a whole number's bounds are written once, and both the
// reference's type column and the check use them).
#include "config/settings_table.hpp"

#include <algorithm>
#include <type_traits>

#include "config/settings_values.hpp"

namespace planbot::config {

using namespace settings_values;

namespace {

// The field `member` names, in Settings itself or in its ReminderSettings.
template <class T, class Owner>
T& field(Settings& settings, T Owner::*member) {
    if constexpr (std::is_same_v<Owner, Settings>) return settings.*member;
    else return settings.reminders.*member;
}

template <class Owner>
SettingType whole_number(int Owner::*member, int low, int high) {
    return {"whole number " + std::to_string(low) + "–" + std::to_string(high),
            [member, low, high](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                set_int(field(s, member), text, low, high, problem);
            }};
}

template <class Owner>
SettingType true_or_false(bool Owner::*member) {
    return {"true or false",
            [member](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                set_bool(field(s, member), text, problem);
            }};
}

SettingType time_of_day(int ReminderSettings::*member) {
    return {"time of day",
            [member](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                set_time_of_day(s.reminders.*member, text, problem);
            }};
}

// A path; a relative one is taken from the settings file's folder.
SettingType path(std::filesystem::path Settings::*member) {
    return {"path", [member](Settings& s, const std::string& text, const std::filesystem::path& base, std::string&) {
                s.*member = resolve(text, base);
            }};
}

// The database file: a path like the others, but never a folder, which SQLite could
// only refuse later with a bare "disk I/O error" or "unable to open database file".
SettingType database_file(std::filesystem::path Settings::*member) {
    return {"path", [member](Settings& s, const std::string& text, const std::filesystem::path& base,
                             std::string& problem) {
                s.*member = resolve(text, base);
                std::error_code ignored;
                if (std::filesystem::is_directory(s.*member, ignored))
                    problem = "'" + (s.*member).string() + "' is a folder; name the database file, e.g. '" +
                              ((s.*member) / "planbot.db").string() + "'";
            }};
}

SettingType secret(std::string Settings::*member) {
    return {"secret", [member](Settings& s, const std::string& text, const std::filesystem::path&, std::string&) {
                s.*member = text;
            }};
}

// A type whose check is one of settings_values' apply_ functions.
SettingType checked(std::string name, ApplySetting apply) {
    return {std::move(name), std::move(apply)};
}

}  // namespace

std::string SettingDefinition::name() const {
    return section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
}

// One row per setting, in the example file's order. This is data and reads best whole.
const std::vector<SettingDefinition>& settings_table() {
    static const std::vector<SettingDefinition> table = {
        {"", "public_url", "PLANBOT_PUBLIC_URL", checked("URL", apply_public_url), "",
         "The bot's externally reachable base URL: set, Telegram delivers updates to a webhook there; unset, "
         "planbot fetches them itself (long polling)."},
        {"", "admins", "PLANBOT_ADMINS", checked("list of platform:user id", apply_admins), "",
         "The bot's admins as platform:user id (telegram:11111111; a bare number is a Telegram id, never a "
         "username); they are told when the bot loses a chat."},
        {"", "log_level", "PLANBOT_LOG_LEVEL", checked("debug, info, warn or error", apply_log_level), "info",
         "How much goes to the log on stderr."},

        {"bot", "username", "PLANBOT_BOT_USERNAME", checked("text", apply_username), "",
         "The bot's @name without '@'; messages mentioning it are addressed to the bot. Unset: asked from "
         "Telegram (getMe), \"planbot\" in the local chat."},
        {"bot", "timezone", "PLANBOT_BOT_TIMEZONE", checked("IANA time zone", apply_timezone), "Europe/Oslo",
         "Calendar questions and deadlines are answered in this time zone (summer time included)."},
        {"bot", "plan", "PLANBOT_BOT_PLAN", path(&Settings::plan), "",
         "The organisation's plan (wheel, tiltak, roles, regions). Unset: the plan shipped with planbot. "
         "Edited while planbot runs: `systemctl reload planbot` (SIGHUP) or an admin's /plan last inn reads it again."},
        {"bot", "next_plan", "PLANBOT_BOT_NEXT_PLAN", path(&Settings::next_plan), "",
         "The next period's plan (e.g. 2029–2032), loaded and checked beside the current one and in force from its "
         "first year. Unset: none."},
        {"bot", "now", "PLANBOT_BOT_NOW", checked("local time", apply_now), "",
         "Start the bot's clock at this local time (\"2027-04-20T10:00\", \"2027-04-20 10:00:30\" or "
         "\"2027-04-20\") instead of the real time, for demos and tests."},
        {"bot", "clock_rate", "PLANBOT_BOT_CLOCK_RATE", checked("number 1–10000000", apply_clock_rate), "1",
         "Run the clock this many times faster than real time (3600: an hour each second)."},

        {"telegram", "token", "PLANBOT_TELEGRAM_TOKEN", secret(&Settings::telegram_token), "",
         "The bot token from BotFather: set, planbot runs as a Telegram bot; unset, it starts the local chat. "
         "Never logged."},
        {"telegram", "api_url", "PLANBOT_TELEGRAM_API_URL", checked("URL", apply_api_url), "https://api.telegram.org",
         "The Bot API's base URL: Telegram's, a self-hosted Bot API server or a test emulator (plain http:// "
         "only on loopback)."},
        {"telegram", "webhook_secret", "PLANBOT_TELEGRAM_WEBHOOK_SECRET",
         checked("secret", apply_webhook_secret), "",
         "Required with public_url: 1-256 characters of A-Z a-z 0-9 _ -; Telegram sends it with every webhook, "
         "other requests get 401. Never logged."},
        {"telegram", "certificate", "PLANBOT_TELEGRAM_CERTIFICATE", path(&Settings::telegram_certificate), "",
         "A self-signed public certificate (PEM) uploaded with setWebhook, for HTTPS without a CA-signed "
         "certificate (usually http.tls_certificate). Only with public_url."},

        {"slack", "bot_token", "PLANBOT_SLACK_BOT_TOKEN", checked("secret", apply_slack_bot_token), "",
         "The Slack app's bot token (xoxb-…, under OAuth & Permissions): set, planbot runs in that Slack workspace, "
         "beside Telegram when a Telegram token is set too. Needs slack.signing_secret. Never logged."},
        {"slack", "signing_secret", "PLANBOT_SLACK_SIGNING_SECRET", secret(&Settings::slack_signing_secret), "",
         "The Slack app's signing secret (under Basic Information): every request from Slack is checked with it, "
         "others get 401. Never logged."},
        {"slack", "api_url", "PLANBOT_SLACK_API_URL", checked("URL", apply_slack_api_url), "https://slack.com",
         "The Slack Web API's base URL (methods are posted to <it>/api/<method>): Slack's, or a test stand-in "
         "(plain http:// only on loopback)."},

        {"http", "listen", "PLANBOT_HTTP_LISTEN", checked("host:port", apply_listen), "127.0.0.1:8080",
         "Where the HTTP(S) server (webhook, /healthz) listens; IPv6 in brackets (\"[::1]:8443\")."},
        {"http", "web_address", "PLANBOT_HTTP_WEB_ADDRESS", checked("URL", apply_web_address), "",
         "Where people open planbot's secret links (/kalender's calendar feeds, /oversikt's page, the wheel "
         "picture): https://planbot.example.no. Unset: public_url; without either, no links are given."},
        {"http", "tls_certificate", "PLANBOT_HTTP_TLS_CERTIFICATE", path(&Settings::tls_certificate), "",
         "HTTPS: a PEM certificate (chain), together with http.tls_key. Unset: plain HTTP."},
        {"http", "tls_key", "PLANBOT_HTTP_TLS_KEY", path(&Settings::tls_key), "",
         "HTTPS: the certificate's private key, together with http.tls_certificate."},
        {"http", "max_connections", "PLANBOT_HTTP_MAX_CONNECTIONS", whole_number(&Settings::max_connections, 1, 100000),
         "2048", "At most this many open connections; more are closed at once."},
        {"http", "header_timeout_seconds", "PLANBOT_HTTP_HEADER_TIMEOUT_SECONDS",
         whole_number(&Settings::header_timeout_seconds, 1, 3600), "10",
         "A client must send a request's headers within this many seconds, or is dropped."},
        {"http", "body_timeout_seconds", "PLANBOT_HTTP_BODY_TIMEOUT_SECONDS",
         whole_number(&Settings::body_timeout_seconds, 1, 3600), "10",
         "A client must send a request's body within this many seconds, or is dropped."},
        {"http", "idle_timeout_seconds", "PLANBOT_HTTP_IDLE_TIMEOUT_SECONDS",
         whole_number(&Settings::idle_timeout_seconds, 1, 86400), "60",
         "An idle connection is closed after this many seconds."},
        {"http", "metrics_token", "PLANBOT_HTTP_METRICS_TOKEN", secret(&Settings::metrics_token), "",
         "GET /metrics answers requests from loopback, and others that send \"Authorization: Bearer <token>\" "
         "with this token. Unset: loopback only. Never logged."},
        {"http", "ready_platform_minutes", "PLANBOT_HTTP_READY_PLATFORM_MINUTES",
         whole_number(&Settings::ready_platform_minutes, 1, 1440), "10",
         "GET /readyz answers 503 unless the chat platform answered planbot within this many minutes."},

        {"database", "path", "PLANBOT_DATABASE_PATH", database_file(&Settings::database_path), "var/planbot.db",
         "The SQLite database file (WAL mode); its folder is created if missing."},
        {"database", "retention_days", "PLANBOT_DATABASE_RETENTION_DAYS",
         whole_number(&Settings::retention_days, 1, 3650), "90",
         "Processed update ids, sent or failed outbox messages and the reminder log older than this many days are "
         "deleted (daily)."},

        {"outbox", "max_pending_per_chat", "PLANBOT_OUTBOX_MAX_PENDING_PER_CHAT",
         whole_number(&Settings::outbox_max_pending_per_chat, 0, 1000000), "500",
         "Unsent messages one chat may have waiting. Under a flood, a reply to a chat with this many is not queued: "
         "each one is logged (reply_not_queued, naming the chat and the count) and counted "
         "(planbot_outbox_refused_total), and the admins are told once; the chat takes replies again when half "
         "have gone. 0: no cap."},

        {"language", "dictionaries", "PLANBOT_LANGUAGE_DICTIONARIES", path(&Settings::dictionaries),
         "/usr/share/hunspell",
         "The folder with Hunspell's Norwegian dictionaries nb_NO and nn_NO (Debian package hunspell-no), "
         "which tell a typo from a word. Empty: none are loaded, and any long word may be read as a typo."},

        {"reminders", "days_before", "PLANBOT_REMINDERS_DAYS_BEFORE",
         checked("list of days 0–365",
                 [](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                     parse_days(text, s.reminders.days_before, problem);
                 }),
         "14, 3, 0", "Days before a deadline to remind the task's role (0: the morning of the deadline)."},
        {"reminders", "per_role", "PLANBOT_REMINDERS_PER_ROLE",
         checked("list of \"role id: days\"",
                 [](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                     parse_role_days(text, s.reminders.days_before_per_role, problem);
                 }),
         "", "Other days for some roles, e.g. [\"kasserer: 7, 1, 0\"]."},
        {"reminders", "per_task", "PLANBOT_REMINDERS_PER_TASK",
         checked("list of \"task number: days\"",
                 [](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                     parse_task_days(text, s.reminders.days_before_per_task, problem);
                 }),
         "", "Other days for some tasks, e.g. [\"16: 30, 14, 3, 0\"]; a task's own days win over its role's."},
        {"reminders", "overdue_first_days", "PLANBOT_REMINDERS_OVERDUE_FIRST_DAYS",
         whole_number(&ReminderSettings::overdue_first_days, 1, 365), "1",
         "After a missed deadline, the first reminder this many days later."},
        {"reminders", "overdue_repeat_days", "PLANBOT_REMINDERS_OVERDUE_REPEAT_DAYS",
         whole_number(&ReminderSettings::overdue_repeat_days, 1, 365), "7",
         "Then a reminder every this many days while the task stays open."},
        {"reminders", "escalate_after_days", "PLANBOT_REMINDERS_ESCALATE_AFTER_DAYS",
         whole_number(&ReminderSettings::escalate_after_days, 0, 365), "14",
         "Days overdue before the secretary's channel (or the admins) gets a list of what is overdue and whose "
         "it is (0: never)."},
        {"reminders", "time", "PLANBOT_REMINDERS_TIME", time_of_day(&ReminderSettings::send_minute), "09:00",
         "The time of day reminders are sent."},
        {"reminders", "quiet_hours", "PLANBOT_REMINDERS_QUIET_HOURS", checked("time range", apply_quiet_hours),
         "21:00-08:00", "Nothing is sent in these hours: a reminder due then waits for their end. \"\" for none."},
        {"reminders", "weekends", "PLANBOT_REMINDERS_WEEKENDS", true_or_false(&ReminderSettings::weekends), "true",
         "false: Saturday's and Sunday's reminders wait for Monday morning."},
        {"reminders", "fellesferie", "PLANBOT_REMINDERS_FELLESFERIE", checked("ISO week range", apply_fellesferie),
         "28-30", "The fellesferie's ISO weeks. Nothing is sent then, nor on public holidays: a reminder before a "
         "deadline goes on the working day before, one after it (and digests) on the working day after. \"\" for "
         "none."},

        {"digests", "monthly", "PLANBOT_DIGESTS_MONTHLY", true_or_false(&ReminderSettings::monthly_digest), "true",
         "\"Dette skjer i (måned)\" to the main channel (/kanal hoved) on the 1st of each month."},
        {"digests", "weekly", "PLANBOT_DIGESTS_WEEKLY", true_or_false(&ReminderSettings::weekly_digest), "true",
         "\"Denne uka\" to the main channel on Mondays (skipped when empty)."},
        {"digests", "heads_up", "PLANBOT_DIGESTS_HEADS_UP", true_or_false(&ReminderSettings::heads_up), "true",
         "A heads-up to the main channel the day before 8. mars, 1. mai, 5. juni and 19. november."},
        {"digests", "time", "PLANBOT_DIGESTS_TIME", time_of_day(&ReminderSettings::digest_minute), "08:00",
         "The time of day digests are sent."},

        {"backups", "daily", "PLANBOT_BACKUPS_DAILY", whole_number(&Settings::backups_daily, 0, 3650), "14",
         "planbot copies its database every night into backups/ beside it; the newest copies of this many days "
         "are kept. 0 here and in backups.weekly: no nightly copies."},
        {"backups", "weekly", "PLANBOT_BACKUPS_WEEKLY", whole_number(&Settings::backups_weekly, 0, 520), "8",
         "Besides, the newest copy of each of this many weeks (Monday to Sunday) is kept."},
        {"backups", "time", "PLANBOT_BACKUPS_TIME",
         checked("time of day",
                 [](Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
                     set_time_of_day(s.backups_minute, text, problem);
                 }),
         "03:30", "The time of day the nightly copy is made (a night missed, e.g. while stopped, is made up at the "
         "next start)."},
    };
    return table;
}

std::vector<std::string_view> settings_sections() {
    std::vector<std::string_view> sections;
    for (const SettingDefinition& setting : settings_table())
        if (!setting.section.empty() && std::ranges::find(sections, setting.section) == sections.end())
            sections.push_back(setting.section);
    return sections;
}

std::vector<std::string> setting_names() {
    std::vector<std::string> names;
    for (const SettingDefinition& setting : settings_table()) names.push_back(setting.name());
    return names;
}

}  // namespace planbot::config
