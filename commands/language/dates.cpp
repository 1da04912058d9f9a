// See dates.hpp.
#include "commands/language/dates.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "commands/language/norwegian.hpp"
#include "commands/language/time_words.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

constexpr std::string_view kExamples = "Skriv for eksempel 1.6.2027 eller «1. juni».";

// What the user typed, quoted back: short, and never cut inside a UTF-8 character.
std::string quoted(const std::vector<std::string>& tokens, size_t count) {
    std::string text;
    for (size_t i = 0; i < count && i < tokens.size(); ++i) text += (i ? " " : "") + tokens[i];
    constexpr size_t kLongest = 40;
    if (text.size() > kLongest) {
        size_t cut = kLongest;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "…";
    }
    return "«" + text + "»";
}

std::string not_understood(const std::vector<std::string>& tokens, size_t count) {
    return "Jeg skjønte ikke datoen " + quoted(tokens, count) + ". " + std::string(kExamples);
}

// One folded word ("Fredag," → "fredag"); "" when folding leaves several words.
std::string folded_word(std::string_view token) {
    std::vector<std::string> parts = words(token);
    return parts.size() == 1 ? parts.front() : "";
}

// "i dag", "i morgen" and friends: days from today, and the tokens used.
std::optional<std::pair<int, size_t>> relative_day(const std::vector<std::string>& tokens) {
    const std::string first = folded_word(tokens[0]);
    const std::string second = tokens.size() > 1 ? folded_word(tokens[1]) : "";
    // Days to come only: a command's date is never in the past ("i går" is a question's).
    auto offset = [](std::string_view word) -> std::optional<int> {
        auto days = lookup_day_offset(word);
        if (days && *days >= 0) return days;
        return std::nullopt;
    };
    if (first == "i" && !second.empty())
        if (auto days = offset(second)) return std::pair{*days, size_t{2}};
    if (first.size() > 1 && first.starts_with('i'))
        if (auto days = offset(std::string_view(first).substr(1))) return std::pair{*days, size_t{1}};
    if (first == "overimorgen") return std::pair{2, size_t{1}};
    return std::nullopt;
}

// A whole number of at most `digits` digits, nothing else.
std::optional<int> number_of(std::string_view text, size_t digits) {
    if (text.empty() || text.size() > digits) return std::nullopt;
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// "2027" or "27" (read as 2027); trailing punctuation is allowed ("2027,").
std::optional<int> year_of(std::string_view text) {
    while (!text.empty() && (text.back() == '.' || text.back() == ',')) text.remove_suffix(1);
    if (text.size() == 2) {
        if (auto year = number_of(text, 2)) return 2000 + *year;
        return std::nullopt;
    }
    if (text.size() != 4) return std::nullopt;
    auto year = number_of(text, 4);
    if (year && *year >= 1000) return year;
    return std::nullopt;
}

struct DayMonth {
    int day = 0;
    int month = 0;
    std::optional<int> year;
};

// "1.6.2027", "1.6.27", "1.6.", "1.6", "1/6", "1/6/2027", "1/6-27", "2027-06-01".
std::optional<DayMonth> numeric_date(std::string_view token) {
    while (!token.empty() && (token.back() == ',' || token.back() == ';')) token.remove_suffix(1);
    std::vector<std::string_view> parts;
    std::vector<char> separators;
    size_t start = 0;
    for (size_t i = 0; i <= token.size(); ++i) {
        if (i < token.size() && token[i] >= '0' && token[i] <= '9') continue;
        if (i < token.size() && token[i] != '.' && token[i] != '/' && token[i] != '-') return std::nullopt;
        parts.push_back(token.substr(start, i - start));
        if (i < token.size()) separators.push_back(token[i]);
        start = i + 1;
    }
    if (!parts.empty() && parts.back().empty() && !separators.empty() && separators.back() == '.') {
        parts.pop_back();  // "1.6." ends with the day-month dot
        separators.pop_back();
    }
    if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
    if (std::ranges::any_of(parts, [](std::string_view part) { return part.empty(); })) return std::nullopt;
    if (parts.size() == 3 && parts[0].size() == 4 && separators[0] == '-' && separators[1] == '-') {
        auto year = number_of(parts[0], 4), month = number_of(parts[1], 2), day = number_of(parts[2], 2);
        if (!year || !month || !day) return std::nullopt;
        return DayMonth{*day, *month, *year};
    }
    if (separators[0] == '-') return std::nullopt;
    auto day = number_of(parts[0], 2), month = number_of(parts[1], 2);
    if (!day || !month) return std::nullopt;
    DayMonth read{*day, *month, std::nullopt};
    if (parts.size() == 3) {
        read.year = year_of(parts[2]);
        if (!read.year) return std::nullopt;
    }
    return read;
}

// "1." or "1" before a month name; "1.juni" in one token gives the month word too.
std::optional<int> day_number(std::string_view token, std::string& glued_month) {
    size_t digits = 0;
    while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9') ++digits;
    auto day = number_of(token.substr(0, digits), 2);
    if (!day) return std::nullopt;
    std::string_view rest = token.substr(digits);
    if (rest.starts_with('.')) rest.remove_prefix(1);
    if (!rest.empty()) {
        glued_month = folded_word(rest);
        if (glued_month.empty()) return std::nullopt;
    }
    return day;
}

std::optional<int> month_word(std::string_view word) {
    if (word == "jul") return 7;  // "jul" is Christmas in a question, July in a date
    MonthLookup found = lookup_month(word);
    if (found.match == MonthMatch::exact || found.match == MonthMatch::typo) return found.month;
    return std::nullopt;
}

// "1. juni 2027", "1 juni", "1.juni", "1. jun. 27": the day, month and year, and tokens used.
std::optional<std::pair<DayMonth, size_t>> named_month_date(const std::vector<std::string>& tokens) {
    std::string glued;
    auto day = day_number(tokens[0], glued);
    if (!day) return std::nullopt;
    size_t used = 1;
    std::optional<int> month;
    if (!glued.empty()) month = month_word(glued);
    else if (tokens.size() > 1) {
        month = month_word(folded_word(tokens[1]));
        used = 2;
    }
    if (!month) return std::nullopt;
    DayMonth read{*day, *month, std::nullopt};
    if (tokens.size() > used)
        if (auto year = year_of(tokens[used]); year && tokens[used].size() >= 4) {
            read.year = year;
            ++used;
        }
    return std::pair{read, used};
}

// Days in a month; without a year, in a leap year (the most the month can have).
int days_in(int month, std::optional<int> year) {
    const date::year_month_day_last last(date::year(year.value_or(2024)),
                                         date::month_day_last(date::month(static_cast<unsigned>(month))));
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

std::string as_typed(const DayMonth& read) {
    std::string text = std::to_string(read.day) + "." + std::to_string(read.month) + ".";
    if (read.year) text += std::to_string(*read.year);
    return text;
}

// Checks a read day and month (and year), and picks the year when none was given.
std::expected<year_month_day, std::string> resolve(const DayMonth& read, year_month_day today) {
    if (read.month < 1 || read.month > 12)
        return std::unexpected(as_typed(read) + " finnes ikke: det er bare 12 måneder. " + std::string(kExamples));
    const std::string month(month_name(read.month));
    if (read.day < 1 || read.day > days_in(read.month, read.year)) {
        if (read.year)
            return std::unexpected(as_typed(read) + " finnes ikke: " + month + " " + std::to_string(*read.year) +
                                   " har " + std::to_string(days_in(read.month, read.year)) + " dager.");
        return std::unexpected(as_typed(read) + " finnes ikke: " + month + " har " +
                               (read.month == 2 ? "aldri mer enn 29" : std::to_string(days_in(read.month, read.year))) +
                               " dager.");
    }
    const auto make = [&](int year) {
        return date::year(year) / date::month(static_cast<unsigned>(read.month)) /
               date::day(static_cast<unsigned>(read.day));
    };
    if (read.year) return make(*read.year);
    // No year: the first such day on or after today (29 February: the next leap year).
    for (int year = static_cast<int>(today.year()); year <= static_cast<int>(today.year()) + 8; ++year)
        if (year_month_day day = make(year); day.ok() && day >= today) return day;
    return std::unexpected(as_typed(read) + " finnes ikke. " + std::string(kExamples));
}

}  // namespace

std::expected<DateRead, std::string> read_date(const std::vector<std::string>& tokens, year_month_day today) {
    if (tokens.empty()) return std::unexpected("Jeg mangler en dato. " + std::string(kExamples));
    if (auto relative = relative_day(tokens))
        return DateRead{year_month_day(date::sys_days(today) + date::days(relative->first)), relative->second};

    // A weekday, optionally after "neste" or "på": the next such day after today.
    size_t skip = 0;
    if (tokens.size() > 1 && is_one_of(folded_word(tokens[0]), {"neste", "pa"})) skip = 1;
    if (auto weekday = lookup_weekday(folded_word(tokens[skip]))) {
        const date::sys_days from = date::sys_days(today) + date::days(1);
        const date::weekday wanted{static_cast<unsigned>(*weekday % 7)};
        return DateRead{year_month_day(from + (wanted - date::weekday(from))), skip + 1};
    }

    if (auto read = numeric_date(tokens[0])) {
        size_t used = 1;
        // "1.6 2027": a year as the next word.
        if (!read->year && tokens.size() > 1 && tokens[1].size() >= 4)
            if (auto year = year_of(tokens[1])) {
                read->year = year;
                used = 2;
            }
        auto day = resolve(*read, today);
        if (!day) return std::unexpected(day.error());
        return DateRead{*day, used};
    }
    if (auto read = named_month_date(tokens)) {
        auto day = resolve(read->first, today);
        if (!day) return std::unexpected(day.error());
        return DateRead{*day, read->second};
    }
    const size_t shown = tokens.size() > 1 && is_one_of(folded_word(tokens[0]), {"i", "neste", "pa"}) ? 2 : 1;
    return std::unexpected(not_understood(tokens, shown));
}

std::string short_day(year_month_day day) {
    return std::to_string(static_cast<unsigned>(day.day())) + "." + std::to_string(static_cast<unsigned>(day.month())) +
           ".";
}

std::string short_date(year_month_day day) { return short_day(day) + std::to_string(static_cast<int>(day.year())); }

std::string day_month(year_month_day day) {
    return std::to_string(static_cast<unsigned>(day.day())) + ". " +
           std::string(month_name(static_cast<int>(static_cast<unsigned>(day.month()))));
}

std::string long_day(year_month_day day) { return day_month(day) + " " + std::to_string(static_cast<int>(day.year())); }

std::string day_in(year_month_day day, year_month_day today) {
    return day.year() == today.year() ? day_month(day) : long_day(day);
}

// By hand: date::format goes through an ostringstream, and every reminder's key has a date.
std::string iso_date(year_month_day day) {
    const int year = static_cast<int>(day.year());
    const unsigned month = static_cast<unsigned>(day.month()), dom = static_cast<unsigned>(day.day());
    char text[16];
    char* end = std::to_chars(text, text + 6, year).ptr;
    for (unsigned part : {month, dom}) {
        *end++ = '-';
        *end++ = static_cast<char>('0' + part / 10);
        *end++ = static_cast<char>('0' + part % 10);
    }
    return std::string(text, end);
}

date::local_seconds local_time(const date::time_zone* zone, std::chrono::sys_seconds at) {
    if (zone) return date::make_zoned(zone, at).get_local_time();
    return date::local_seconds(at.time_since_epoch());
}

year_month_day local_day(const date::time_zone* zone, std::chrono::sys_seconds at) {
    return year_month_day(date::floor<date::days>(local_time(zone, at)));
}

IsoWeek iso_week(year_month_day day) {
    const date::sys_days thursday = date::sys_days(day) + date::days(4 - iso_weekday(day));
    const date::year year = year_month_day(thursday).year();
    return {static_cast<int>(year), static_cast<int>((thursday - date::sys_days(year / 1 / 1)).count() / 7 + 1)};
}

}  // namespace planbot::commands
