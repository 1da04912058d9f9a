// See settings_values.hpp. The messages here are the operator's only clue, so each
// says what was expected and (except for secrets) what was found.
#include "config/settings_values.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include <date/tz.h>

namespace planbot::config {

namespace {

bool read_number(std::string_view text, size_t at, size_t length, int& value) {
    if (at + length > text.size()) return false;
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
    return error == std::errc() && end == text.data() + at + length;
}

std::string trimmed(std::string text) {
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    return text;
}

bool is_secret_token(std::string_view text) {
    return !text.empty() && text.size() <= 256 && std::ranges::all_of(text, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
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

// "09:00" as minutes after midnight.
bool parse_time_of_day(const std::string& text, int& minute) {
    int hours = 0, minutes = 0;
    if (text.size() != 5 || text[2] != ':' || !read_number(text, 0, 2, hours) || !read_number(text, 3, 2, minutes) ||
        hours > 23 || minutes > 59)
        return false;
    minute = hours * 60 + minutes;
    return true;
}

}  // namespace

// ---- planbot::config (settings.hpp) -------------------------------------------

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

// ---- settings_values.hpp --------------------------------------------------------

namespace settings_values {

bool parse_int(const std::string& text, int low, int high, int& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && out >= low && out <= high;
}

void set_int(int& target, const std::string& text, int low, int high, std::string& problem) {
    if (!parse_int(text, low, high, target))
        problem = "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", got '" +
                  text + "'";
}

void set_bool(bool& target, const std::string& text, std::string& problem) {
    if (text == "true") target = true;
    else if (text == "false") target = false;
    else problem = "expected true or false, got '" + text + "'";
}

void set_time_of_day(int& target, const std::string& text, std::string& problem) {
    if (!parse_time_of_day(trimmed(text), target))
        problem = "expected a time of day like \"09:00\", got '" + text + "'";
}

std::filesystem::path resolve(const std::string& text, const std::filesystem::path& base) {
    std::filesystem::path path(text);
    // Empty stays empty ("none"), rather than becoming the settings file's folder.
    return path.empty() || path.is_absolute() || base.empty() ? path : base / path;
}

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

namespace {

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

}  // namespace

void parse_role_days(const std::string& text, std::map<std::string, std::vector<int>>& out, std::string& problem) {
    parse_overrides(text, out, problem, "role days");
}

void parse_task_days(const std::string& text, std::map<int, std::vector<int>>& out, std::string& problem) {
    parse_overrides(text, out, problem, "task days");
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

void apply_web_address(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    // Links people open on their phones: HTTPS, or plain HTTP on this machine only.
    if (!text.empty() && !text.starts_with("https://") && !(text.starts_with("http://") && is_loopback_url(text)))
        problem = "expected a URL starting with https:// (plain http:// only on loopback), got '" + text + "'";
    else if (text.find_first_of(" \t\r\n?#") != std::string::npos)
        problem = "expected a base URL without spaces, query or fragment, got '" + text + "'";
    s.web_address = text;
    while (!s.web_address.empty() && s.web_address.back() == '/') s.web_address.pop_back();
}

// "telegram:11111111, slack:U024BE7LH". A bare number is a Telegram user id, as the
// settings of planbot's first years wrote them (Telegram was the only platform).
void apply_admins(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    s.admins.clear();
    std::stringstream list(text);
    std::string item;
    const auto digits = [](std::string_view id) {
        return !id.empty() && std::ranges::all_of(id, [](char c) { return c >= '0' && c <= '9'; });
    };
    while (std::getline(list, item, ',')) {
        item = trimmed(item);
        if (item.empty()) continue;
        const size_t colon = item.find(':');
        PlatformUser admin = colon == std::string::npos ? PlatformUser{"telegram", item}
                                                        : PlatformUser{item.substr(0, colon), item.substr(colon + 1)};
        const bool platform_ok = !admin.platform.empty() && std::ranges::all_of(admin.platform, [](char c) {
            return c >= 'a' && c <= 'z';
        });
        const bool id_ok = !admin.user_id.empty() && admin.user_id.find_first_of(" \t:") == std::string::npos &&
                           (admin.platform != "telegram" || digits(admin.user_id));
        if (!platform_ok || !id_ok) {
            problem = "expected admins as platform:user id separated by commas (telegram:11111111; a Telegram "
                      "id is a number, not a username), got '" + item + "'";
            return;
        }
        s.admins.push_back(std::move(admin));
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

void apply_username(Settings& s, const std::string& text, const std::filesystem::path&, std::string&) {
    s.username = text.starts_with('@') ? text.substr(1) : text;
}

void apply_timezone(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    try {
        date::locate_zone(text);
        s.timezone = text;
    } catch (const std::exception&) {
        problem = "unknown time zone '" + text + "' (an IANA name such as Europe/Oslo)";
    }
}

void apply_now(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    if (text.empty()) return;
    s.now = parse_local_instant(text);
    if (!s.now) problem = "must be a local time like \"2027-04-20T10:00\" (got \"" + text + "\")";
}

void apply_clock_rate(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    double rate = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rate);
    if (error != std::errc() || end != text.data() + text.size() || !(rate >= 1.0 && rate <= 1e7))
        problem = "expected a number from 1 to 10000000 (how many times faster than real time), got '" + text + "'";
    else s.clock_rate = rate;
}

namespace {

// A platform API's base URL: https://, or plain http:// on loopback (an emulator);
// stored without a trailing slash.
void apply_base_url(std::string& url, const std::string& text, std::string_view example, std::string& problem) {
    if (text.starts_with("http://") && !is_loopback_url(text))
        problem = "plain http:// is accepted only for loopback addresses (127.0.0.1, ::1, localhost); use https://";
    else if (!text.starts_with("https://") && !text.starts_with("http://"))
        problem = "expected a URL such as " + std::string(example) + ", got '" + text + "'";
    url = text;
    while (!url.empty() && url.back() == '/') url.pop_back();
}

}  // namespace

void apply_api_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    apply_base_url(s.telegram_api_url, text, "https://api.telegram.org", problem);
}

// The token goes into an HTTP header as it is: a stray newline or space (a secrets file's
// last line) would break every request, so it is refused here, without echoing it.
void apply_slack_bot_token(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    const bool printable = std::ranges::all_of(text, [](char c) { return c > ' ' && c < 127; });
    if (!text.empty() && (!text.starts_with("xoxb-") || !printable))
        problem = "expected a bot token starting with xoxb- (Slack app settings, OAuth & Permissions), without spaces "
                  "or line breaks";
    s.slack_bot_token = text;
}

void apply_slack_api_url(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    apply_base_url(s.slack_api_url, text, "https://slack.com", problem);
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

void apply_fellesferie(Settings& s, const std::string& text, const std::filesystem::path&, std::string& problem) {
    const std::string value = trimmed(text);
    if (value.empty() || value == "none") {
        s.reminders.fellesferie_first_week = s.reminders.fellesferie_last_week = 0;
        return;
    }
    const size_t dash = value.find('-');
    int first = 0, last = 0;
    std::string ignored;
    if (dash != std::string::npos) {
        set_int(first, trimmed(value.substr(0, dash)), 1, 53, ignored);
        set_int(last, trimmed(value.substr(dash + 1)), 1, 53, ignored);
    }
    // At most eight weeks: a longer break would silence the reminders for half a season.
    if (dash == std::string::npos || !ignored.empty() || first > last || last - first >= 8) {
        problem = "expected ISO weeks like \"28-30\" (first week, last week, at most eight weeks; or \"\" for "
                  "none), got '" + text + "'";
        return;
    }
    s.reminders.fellesferie_first_week = first;
    s.reminders.fellesferie_last_week = last;
}

}  // namespace settings_values

}  // namespace planbot::config
