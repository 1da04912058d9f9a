// See settings.hpp. Each setting is read as text from the file or the environment
// (the environment wins), remembering where it came from, and then parsed and
// checked by one function per setting, so every message names the setting and
// the place: "planbot.toml:7:10: http.listen: …" or "environment: PLANBOT_HTTP_LISTEN: …".
#include "config/settings.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <date/tz.h>

#include "config/toml_reader.hpp"

namespace planbot::config {

using namespace toml_reader;

namespace {

bool read_number(std::string_view text, size_t at, size_t length, int& value) {
    if (at + length > text.size()) return false;
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
    return error == std::errc() && end == text.data() + at + length;
}

// One raw setting value and where it came from.
struct RawValue {
    std::string text;
    LoadError place;  // file/line/column or "environment"; message empty
};

struct SettingSpec {
    std::string_view section;  // "" for top-level keys
    std::string_view key;
    void (*apply)(Settings&, const std::string& text, const std::filesystem::path& base, std::string& problem);
};

std::string env_name(const SettingSpec& spec) {
    std::string name = "PLANBOT_";
    if (!spec.section.empty()) name += std::string(spec.section) + "_";
    name += spec.key;
    std::ranges::transform(name, name.begin(), [](char c) { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; });
    return name;
}

std::string dotted(const SettingSpec& spec) {
    return spec.section.empty() ? std::string(spec.key) : std::string(spec.section) + "." + std::string(spec.key);
}

bool parse_int(const std::string& text, int low, int high, int& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && out >= low && out <= high;
}

void set_int(int& target, const std::string& text, int low, int high, std::string& problem) {
    if (!parse_int(text, low, high, target))
        problem = "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", got '" +
                  text + "'";
}

std::filesystem::path resolve(const std::string& text, const std::filesystem::path& base) {
    std::filesystem::path path(text);
    return path.is_absolute() || base.empty() ? path : base / path;
}

bool is_secret_token(std::string_view text) {
    return !text.empty() && text.size() <= 256 && std::ranges::all_of(text, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

void apply_admins(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    s.admins.clear();
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item.empty()) continue;
        int64_t id = 0;
        auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), id);
        if (error != std::errc() || end != item.data() + item.size()) {
            problem = "expected user ids separated by commas, got '" + item + "'";
            return;
        }
        s.admins.push_back(id);
    }
}

void apply_log_level(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    static const std::pair<std::string_view, LogLevel> levels[] = {
        {"debug", LogLevel::debug}, {"info", LogLevel::info}, {"warn", LogLevel::warn}, {"error", LogLevel::error}};
    for (const auto& [name, level] : levels)
        if (text == name) {
            s.log_level = level;
            return;
        }
    problem = "expected debug, info, warn or error, got '" + text + "'";
}

bool is_one_of_ports(const std::string& port) {
    return port == "443" || port == "80" || port == "88" || port == "8443";
}

// The port of an "https://host[:port]/…" URL (443 when none is written).
std::string url_port(std::string_view url) {
    std::string_view rest = url.substr(url.find("://") + 3);
    rest = rest.substr(0, rest.find('/'));
    const size_t bracket = rest.rfind(']'), colon = rest.rfind(':');
    if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket)) return "443";
    return std::string(rest.substr(colon + 1));
}

void apply_public_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    // Telegram delivers webhooks only over HTTPS to ports 443, 80, 88 and 8443; plain
    // http:// is for a local test emulator on loopback.
    if (!text.empty() && !text.starts_with("https://") && !(text.starts_with("http://") && is_loopback_url(text)))
        problem = "expected a URL starting with https:// (plain http:// only on loopback), got '" + text + "'";
    else if (text.starts_with("https://") && !is_loopback_url(text) &&
             !is_one_of_ports(url_port(text)))
        problem = "Telegram sends webhooks only to ports 443, 80, 88 and 8443, not " + url_port(text);
    s.public_url = text;
    while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
}

void apply_api_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    if (text.starts_with("http://") && !is_loopback_url(text))
        problem = "plain http:// is accepted only for loopback addresses (127.0.0.1, ::1, localhost); use https://";
    else if (!text.starts_with("https://") && !text.starts_with("http://"))
        problem = "expected a URL such as https://api.telegram.org, got '" + text + "'";
    s.telegram_api_url = text;
    while (!s.telegram_api_url.empty() && s.telegram_api_url.back() == '/') s.telegram_api_url.pop_back();
}

void apply_webhook_secret(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    // Never echo a secret back, not even in an error.
    if (!text.empty() && !is_secret_token(text)) problem = "must be 1-256 characters of A-Z, a-z, 0-9, _ and -";
    s.telegram_webhook_secret = text;
}

void apply_listen(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    auto address = parse_listen_address(text);
    if (!address) problem = "expected host:port such as 127.0.0.1:8080 or [::1]:8443, got '" + text + "'";
    else s.listen = *address;
}

void apply_now(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    if (text.empty()) return;
    s.now = parse_local_instant(text);
    if (!s.now) problem = "must be a local time like \"2027-04-20T10:00\" (got \"" + text + "\")";
}

void apply_timezone(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    try {
        date::locate_zone(text);
        s.timezone = text;
    } catch (const std::exception&) {
        problem = "unknown time zone '" + text + "' (an IANA name such as Europe/Oslo)";
    }
}

// ---- [reminders], [digests] ---------------------------------------------------

std::string trimmed(std::string text) {
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    return text;
}

// "14, 3, 0": distinct whole days 0..365, any order (kept largest first).
bool parse_days(const std::string& text, std::vector<int>& days, std::string& problem) {
    days.clear();
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        item = trimmed(item);
        if (item.empty()) continue;
        int day = 0;
        if (!parse_int(item, 0, 365, day)) {
            problem = "expected days from 0 to 365 separated by commas, got '" + item + "'";
            return false;
        }
        if (std::ranges::find(days, day) == days.end()) days.push_back(day);
    }
    std::ranges::sort(days, std::greater<>());
    return true;
}

// "kasserer: 7, 1", "au: 14, 3, 0" (a TOML array of such strings arrives joined by
// commas; a part with ':' starts the next entry). Role ids are checked against the
// plan when the plan is loaded (reminder_settings_problem).
template <class Key>
void parse_overrides(const std::string& text, std::map<Key, std::vector<int>>& out, std::string& problem,
                     const char* what) {
    out.clear();
    std::stringstream list(text);
    std::string item, current, days;
    auto flush = [&]() -> bool {
        if (current.empty()) return true;
        std::vector<int> parsed;
        if (!parse_days(days, parsed, problem)) return false;
        if constexpr (std::is_same_v<Key, int>) {
            int number = 0;
            if (!parse_int(current, 1, 1000000, number)) {
                problem = std::string("expected ") + what + " like \"9: 30, 7\", got '" + current + "'";
                return false;
            }
            out[number] = parsed;
        } else {
            out[current] = parsed;
        }
        return true;
    };
    while (std::getline(list, item, ',')) {
        const size_t colon = item.find(':');
        if (colon != std::string::npos) {
            if (!flush()) return;
            current = trimmed(item.substr(0, colon));
            days = item.substr(colon + 1);
            if (current.empty()) {
                problem = std::string("expected ") + what + " like \"kasserer: 7, 1\", got '" + item + "'";
                return;
            }
        } else if (current.empty()) {
            if (!trimmed(item).empty())
                problem = std::string("expected ") + what + " like \"kasserer: 7, 1\", got '" + trimmed(item) + "'";
            if (!problem.empty()) return;
        } else {
            days += "," + item;
        }
    }
    flush();
}

// "09:00" as minutes after midnight.
bool parse_time_of_day(const std::string& text, int& minute) {
    int hours = 0, minutes = 0;
    if (text.size() != 5 || text[2] != ':' || !read_number(text, 0, 2, hours) || !read_number(text, 3, 2, minutes) ||
        hours > 23 || minutes > 59)
        return false;
    minute = hours * 60 + minutes;
    return true;
}

void set_time_of_day(int& target, const std::string& text, std::string& problem) {
    if (!parse_time_of_day(trimmed(text), target))
        problem = "expected a time of day like \"09:00\", got '" + text + "'";
}

void set_bool(bool& target, const std::string& text, std::string& problem) {
    if (text == "true") target = true;
    else if (text == "false") target = false;
    else problem = "expected true or false, got '" + text + "'";
}

// "21:00-08:00"; "" (or "none") for no quiet hours.
void apply_quiet_hours(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    const std::string value = trimmed(text);
    if (value.empty() || value == "none") {
        s.reminders.quiet_from_minute = s.reminders.quiet_until_minute = 0;
        return;
    }
    const size_t dash = value.find('-');
    if (dash == std::string::npos ||
        !parse_time_of_day(trimmed(value.substr(0, dash)), s.reminders.quiet_from_minute) ||
        !parse_time_of_day(trimmed(value.substr(dash + 1)), s.reminders.quiet_until_minute))
        problem = "expected quiet hours like \"21:00-08:00\" (or \"\" for none), got '" + text + "'";
}

void apply_clock_rate(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    double rate = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rate);
    if (error != std::errc() || end != text.data() + text.size() || !(rate >= 1.0 && rate <= 1e7))
        problem = "expected a number from 1 to 10000000 (how many times faster than real time), got '" + text + "'";
    else s.clock_rate = rate;
}

const SettingSpec kSettings[] = {
    {"", "public_url", apply_public_url},
    {"", "admins", apply_admins},
    {"", "log_level", apply_log_level},
    {"bot", "username",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string&) {
         s.username = t.starts_with('@') ? t.substr(1) : t;
     }},
    {"bot", "timezone", apply_timezone},
    {"bot", "plan", [](Settings& s, const std::string& t, const std::filesystem::path& b, std::string&) { s.plan = resolve(t, b); }},
    {"bot", "now", apply_now},
    {"bot", "clock_rate", apply_clock_rate},
    {"telegram", "token",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string&) { s.telegram_token = t; }},
    {"telegram", "api_url", apply_api_url},
    {"telegram", "webhook_secret", apply_webhook_secret},
    {"http", "listen", apply_listen},
    {"http", "tls_certificate",
     [](Settings& s, const std::string& t, const std::filesystem::path& b, std::string&) { s.tls_certificate = resolve(t, b); }},
    {"http", "tls_key",
     [](Settings& s, const std::string& t, const std::filesystem::path& b, std::string&) { s.tls_key = resolve(t, b); }},
    {"http", "max_connections",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.max_connections, t, 1, 100000, p); }},
    {"http", "header_timeout_seconds",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.header_timeout_seconds, t, 1, 3600, p); }},
    {"http", "body_timeout_seconds",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.body_timeout_seconds, t, 1, 3600, p); }},
    {"http", "idle_timeout_seconds",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.idle_timeout_seconds, t, 1, 86400, p); }},
    {"database", "path",
     [](Settings& s, const std::string& t, const std::filesystem::path& b, std::string&) { s.database_path = resolve(t, b); }},
    {"reminders", "days_before",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { parse_days(t, s.reminders.days_before, p); }},
    {"reminders", "per_role",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) {
         parse_overrides(t, s.reminders.days_before_per_role, p, "role days");
     }},
    {"reminders", "per_task",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) {
         parse_overrides(t, s.reminders.days_before_per_task, p, "task days");
     }},
    {"reminders", "overdue_first_days",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.reminders.overdue_first_days, t, 1, 365, p); }},
    {"reminders", "overdue_repeat_days",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.reminders.overdue_repeat_days, t, 1, 365, p); }},
    {"reminders", "escalate_after_days",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_int(s.reminders.escalate_after_days, t, 0, 365, p); }},
    {"reminders", "time",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_time_of_day(s.reminders.send_minute, t, p); }},
    {"reminders", "quiet_hours", apply_quiet_hours},
    {"reminders", "weekends",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_bool(s.reminders.weekends, t, p); }},
    {"digests", "monthly",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_bool(s.reminders.monthly_digest, t, p); }},
    {"digests", "weekly",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_bool(s.reminders.weekly_digest, t, p); }},
    {"digests", "heads_up",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_bool(s.reminders.heads_up, t, p); }},
    {"digests", "time",
     [](Settings& s, const std::string& t, const std::filesystem::path&, std::string& p) { set_time_of_day(s.reminders.digest_minute, t, p); }},
};

// A TOML value as the text an environment variable would hold.
std::string as_text(const toml::node& node, const std::string& name) {
    if (auto text = node.value<std::string>()) return *text;
    if (node.is_integer()) return std::to_string(node.as_integer()->get());
    if (node.is_boolean()) return node.as_boolean()->get() ? "true" : "false";
    if (node.is_floating_point()) {
        std::ostringstream text;
        text << node.as_floating_point()->get();
        return text.str();
    }
    if (const toml::array* array = node.as_array()) {
        std::string joined;
        for (const toml::node& element : *array) joined += (joined.empty() ? "" : ",") + as_text(element, name);
        return joined;
    }
    fail_at(node.source(), name + ": expected a string, a number or true/false");
}

// Reads the file's values for every known setting, rejecting unknown ones.
std::map<std::string, RawValue> file_values(const toml::table& root, std::string_view source_name) {
    std::map<std::string, RawValue> values;
    std::vector<std::string_view> top_keys = {"bot", "telegram", "http", "database", "reminders", "digests"};
    for (const SettingSpec& spec : kSettings)
        if (spec.section.empty()) top_keys.push_back(spec.key);
    for (const auto& [key, node] : root) {
        if (std::ranges::find(top_keys, key.str()) == top_keys.end())
            fail_at(key.source(), "unknown setting '" + std::string(key.str()) + "'");
        if (!node.is_table()) continue;
        for (const auto& [inner, value] : *node.as_table()) {
            bool known = std::ranges::any_of(kSettings, [&](const SettingSpec& spec) {
                return spec.section == key.str() && spec.key == inner.str();
            });
            if (!known)
                fail_at(inner.source(), "unknown setting '" + std::string(key.str()) + "." + std::string(inner.str()) + "'");
        }
    }
    for (const SettingSpec& spec : kSettings) {
        const toml::node* node = spec.section.empty() ? root.get(spec.key)
                                 : root[spec.section].as_table() ? root[spec.section].as_table()->get(spec.key)
                                                                 : nullptr;
        if (!node) continue;
        const auto& where = node->source();
        values[dotted(spec)] = RawValue{as_text(*node, dotted(spec)),
                                        LoadError{std::string(source_name), static_cast<int>(where.begin.line),
                                                  static_cast<int>(where.begin.column), ""}};
    }
    return values;
}

void check_combinations(const Settings& s, const std::map<std::string, RawValue>& values) {
    auto fail = [&](const std::string& setting, std::string message) {
        auto found = values.find(setting);
        LoadError error = found != values.end() ? found->second.place : LoadError{"settings", 0, 0, ""};
        error.message = setting + ": " + std::move(message);
        throw TomlProblem{std::move(error)};
    };
    if (!s.public_url.empty() && !s.telegram_enabled())
        fail("public_url", "a public URL is set, but no Telegram token (telegram.token / PLANBOT_TELEGRAM_TOKEN)");
    if (!s.public_url.empty() && s.telegram_webhook_secret.empty())
        fail("public_url", "webhooks need a secret: set telegram.webhook_secret / PLANBOT_TELEGRAM_WEBHOOK_SECRET");
    if (s.tls_certificate.empty() != s.tls_key.empty())
        fail(s.tls_certificate.empty() ? "http.tls_key" : "http.tls_certificate",
             "HTTPS needs both http.tls_certificate and http.tls_key");
}

Settings build(std::map<std::string, RawValue> values, const std::filesystem::path& base, const Environment& environment) {
    for (const SettingSpec& spec : kSettings)
        if (auto text = environment(env_name(spec)))
            values[dotted(spec)] = RawValue{*text, LoadError{"environment", 0, 0, ""}};
    Settings settings;
    for (const SettingSpec& spec : kSettings) {
        auto found = values.find(dotted(spec));
        if (found == values.end()) continue;
        std::string problem;
        const bool from_environment = found->second.place.file == "environment";
        spec.apply(settings, found->second.text, from_environment ? std::filesystem::path() : base, problem);
        if (!problem.empty()) {
            LoadError error = found->second.place;
            error.message = (from_environment ? env_name(spec) : dotted(spec)) + ": " + problem;
            throw TomlProblem{std::move(error)};
        }
    }
    check_combinations(settings, values);
    return settings;
}

}  // namespace

std::vector<std::string> setting_names() {
    std::vector<std::string> names;
    for (const SettingSpec& spec : kSettings) names.push_back(dotted(spec));
    return names;
}

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
    };
}

std::optional<date::local_seconds> parse_local_instant(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!read_number(text, 0, 4, year) || !read_number(text, 5, 2, month) || !read_number(text, 8, 2, day))
        return std::nullopt;
    if (text.size() > 10) {
        if ((text[10] != 'T' && text[10] != ' ') || text.size() < 16 || text[13] != ':') return std::nullopt;
        if (!read_number(text, 11, 2, hour) || !read_number(text, 14, 2, minute)) return std::nullopt;
        if (text.size() > 16 && (text.size() != 19 || text[16] != ':' || !read_number(text, 17, 2, second)))
            return std::nullopt;
    }
    date::year_month_day ymd{date::year(year), date::month(static_cast<unsigned>(month)),
                             date::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    return date::local_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second);
}

std::optional<ListenAddress> parse_listen_address(std::string_view text) {
    size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string_view host = text.substr(0, colon), port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.back() != ']') return std::nullopt;
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt;  // IPv6 needs brackets
    }
    int port = 0;
    auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (host.empty() || error != std::errc() || end != port_text.data() + port_text.size() || port < 1 || port > 65535)
        return std::nullopt;
    return ListenAddress{std::string(host), static_cast<uint16_t>(port)};
}

bool is_loopback_url(std::string_view url) {
    size_t start = url.find("://");
    if (start == std::string_view::npos) return false;
    std::string_view rest = url.substr(start + 3);
    rest = rest.substr(0, rest.find('/'));
    if (rest.starts_with("[::1]")) return true;
    std::string_view host = rest.substr(0, rest.find(':'));
    if (host == "localhost") return true;
    // 127.0.0.0/8 as a dotted IPv4 literal: "127.0.0.1.example.org" is not loopback.
    int parts = 0;
    for (size_t at = 0; at <= host.size();) {
        size_t dot = std::min(host.find('.', at), host.size());
        int value = -1;
        auto [end, error] = std::from_chars(host.data() + at, host.data() + dot, value);
        if (error != std::errc() || end != host.data() + dot || value < 0 || value > 255) return false;
        if (parts == 0 && value != 127) return false;
        ++parts;
        at = dot + 1;
    }
    return parts == 4;
}

std::expected<Settings, LoadError> parse_settings(std::string_view text, std::string_view source_name,
                                                  const std::filesystem::path& base_directory,
                                                  const Environment& environment) {
    try {
        toml::table root = parse_document(text, source_name);
        return build(file_values(root, source_name), base_directory, environment);
    } catch (const TomlProblem& problem) {
        return std::unexpected(problem.error);
    }
}

std::expected<Settings, LoadError> settings_from_environment(const Environment& environment) {
    try {
        return build({}, {}, environment);
    } catch (const TomlProblem& problem) {
        return std::unexpected(problem.error);
    }
}

std::expected<Settings, LoadError> load_settings(const std::filesystem::path& file, const Environment& environment) {
    auto text = read_text_file(file, "settings");
    if (!text) return std::unexpected(text.error());
    return parse_settings(*text, file.string(), file.parent_path(), environment);
}

std::optional<std::string> reminder_settings_problem(const Settings& settings, const Plan& plan) {
    for (const auto& [role, days] : settings.reminders.days_before_per_role)
        if (!plan.find_role(role))
            return "reminders.per_role: '" + role + "' is not a role id of the plan (see [[roles]] in " +
                   settings.plan.string() + ")";
    for (const auto& [task, days] : settings.reminders.days_before_per_task)
        if (!plan.find_tiltak(task) && task < 101)
            return "reminders.per_task: the plan has no tiltak " + std::to_string(task);
    return std::nullopt;
}

}  // namespace planbot::config
