// See settings.hpp.
#include "config/settings.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "config/toml_reader.hpp"

namespace planbot::config {

using namespace toml_reader;

namespace {

bool read_number(std::string_view text, size_t at, size_t length, int& value) {
    if (at + length > text.size()) return false;
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
    return error == std::errc() && end == text.data() + at + length;
}

}  // namespace

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

std::expected<Settings, LoadError> parse_settings(std::string_view text, std::string_view source_name,
                                                  const std::filesystem::path& base_directory) {
    try {
        toml::table root = parse_document(text, source_name);
        reject_unknown_keys(root, {"bot"}, "the settings file");
        Settings settings;
        if (!root.contains("bot")) return settings;
        const toml::table& bot = require_table(root, "bot");
        reject_unknown_keys(bot, {"username", "timezone", "plan", "now"}, "[bot]");
        settings.username = optional_string(bot, "username").value_or(settings.username);
        if (!settings.username.empty() && settings.username.front() == '@') settings.username.erase(0, 1);
        settings.timezone = optional_string(bot, "timezone").value_or(settings.timezone);
        if (auto plan = optional_string(bot, "plan")) {
            std::filesystem::path path(*plan);
            settings.plan = path.is_absolute() ? path : base_directory / path;
        }
        if (auto now = optional_string(bot, "now"); now && !now->empty()) {
            settings.now = parse_local_instant(*now);
            if (!settings.now)
                fail_at(place_of(bot, "now"), "'now' must be a local time like \"2027-04-20T10:00\" (got \"" +
                                                  *now + "\")");
        }
        return settings;
    } catch (const TomlProblem& problem) {
        return std::unexpected(problem.error);
    }
}

std::expected<Settings, LoadError> load_settings(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(LoadError{file.string(), 0, 0, "cannot open the settings file"});
    std::ostringstream text;
    text << in.rdbuf();
    return parse_settings(text.str(), file.string(), file.parent_path());
}

}  // namespace planbot::config
