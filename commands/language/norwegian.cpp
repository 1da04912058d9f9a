// See norwegian.hpp.
#include "commands/language/norwegian.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "commands/language/word_forms.hpp"

namespace planbot::commands {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"januar", "februar", "mars",     "april",   "mai",      "juni",
                                                      "juli",   "august",  "september", "oktober", "november", "desember"};
constexpr std::array<std::string_view, 7> kWeekdays = {"mandag", "tirsdag", "onsdag", "torsdag",
                                                       "fredag", "lørdag",  "søndag"};

struct Abbreviation {
    std::string_view word;
    int month;
};
constexpr Abbreviation kAbbreviations[] = {
    {"jan", 1}, {"feb", 2},  {"mar", 3},  {"apr", 4},  {"jun", 6},  {"aug", 8},
    {"sep", 9}, {"sept", 9}, {"okt", 10}, {"nov", 11}, {"des", 12},
};

// Folds one UTF-8 code point starting at text[i] into `out`; returns bytes consumed.
size_t fold_code_point(std::string_view text, size_t i, std::string& out) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
        else if (c == '-' && !out.empty() && out.back() != ' ') out += '-';
        else out += ' ';
        return 1;
    }
    if (c == 0xC3 && i + 1 < text.size()) {
        unsigned char d = static_cast<unsigned char>(text[i + 1]);
        switch (d) {
            case 0x86: case 0xA6: out += "ae"; break;             // Æ æ
            case 0x98: case 0xB8: case 0x96: case 0xB6: out += 'o'; break;  // Ø ø Ö ö
            case 0x85: case 0xA5: case 0x84: case 0xA4: case 0x80: case 0xA0: case 0x81: case 0xA1:
                out += 'a'; break;                                 // Å å Ä ä À à Á á
            case 0x89: case 0xA9: case 0x88: case 0xA8: case 0x8A: case 0xAA: out += 'e'; break;
            case 0x9C: case 0xBC: out += 'u'; break;               // Ü ü
            default: out += ' ';
        }
        return 2;
    }
    // Any other multi-byte character (emoji, quotes, dashes) separates words.
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out += ' ';
    return std::min(length, text.size() - i);
}

}  // namespace

std::string fold(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    for (size_t i = 0; i < text.size();) i += fold_code_point(text, i, folded);
    // "aa" is how å is typed without a Norwegian keyboard.
    std::string out;
    out.reserve(folded.size());
    for (size_t i = 0; i < folded.size(); ++i) {
        if (folded[i] == 'a' && i + 1 < folded.size() && folded[i + 1] == 'a') ++i;
        out += folded[i];
    }
    return out;
}

std::vector<std::string> words(std::string_view text) { return standard_forms(folded_words(text)); }

std::vector<std::string> folded_words(std::string_view text) {
    std::vector<std::string> out;
    std::string folded = fold(text);
    size_t start = 0;
    while (start < folded.size()) {
        size_t end = folded.find(' ', start);
        if (end == std::string::npos) end = folded.size();
        std::string word = folded.substr(start, end - start);
        while (!word.empty() && word.back() == '-') word.pop_back();
        if (!word.empty()) out.push_back(std::move(word));
        start = end + 1;
    }
    return out;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::ranges::find(list, word) != list.end();
}

std::optional<int> as_number(std::string_view word) {
    if (word.empty() || word.size() > 6) return std::nullopt;
    int value = 0;
    auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (error != std::errc() || end != word.data() + word.size() || value < 0) return std::nullopt;
    return value;
}

std::optional<int> as_count(std::string_view word) {
    static constexpr std::string_view kCounts[] = {"en", "to", "tre", "fire", "fem", "seks", "sju", "atte", "ni", "ti"};
    if (word == "ei" || word == "ett" || word == "eitt" || word == "ein") return 1;
    if (word == "syv") return 7;
    for (size_t i = 0; i < std::size(kCounts); ++i)
        if (word == kCounts[i]) return static_cast<int>(i) + 1;
    return as_number(word);
}

int edit_distance(std::string_view a, std::string_view b) {
    // Three rolling rows on the stack: words are short, and this runs for every word
    // pair a question is matched against. Longer inputs are capped, not allocated.
    constexpr size_t kMax = 63;
    const size_t n = std::min(a.size(), kMax), m = std::min(b.size(), kMax);
    std::array<int, kMax + 1> before{}, previous{}, current{};
    for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
    for (size_t i = 1; i <= n; ++i) {
        current[0] = static_cast<int>(i);
        for (size_t j = 1; j <= m; ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before = previous;
        previous = current;
    }
    return previous[m];
}

bool within_one_edit(std::string_view a, std::string_view b) {
    constexpr size_t kMax = 63;  // as edit_distance, which reads no further
    a = a.substr(0, std::min(a.size(), kMax));
    b = b.substr(0, std::min(b.size(), kMax));
    if (a.size() < b.size()) std::swap(a, b);  // a is the longer
    if (a.size() - b.size() > 1) return false;
    size_t i = 0;
    while (i < b.size() && a[i] == b[i]) ++i;
    if (i == b.size()) return true;  // equal, or one letter added at the end
    if (a.size() != b.size()) return a.substr(i + 1) == b.substr(i);   // one letter added
    if (a.substr(i + 1) == b.substr(i + 1)) return true;               // one letter changed
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&  // neighbours swapped
           a.substr(i + 2) == b.substr(i + 2);
}

// Ordinary words one letter from a month name: never read as a typo ("mat" is food,
// "jula" is Christmas, not July).
constexpr std::string_view kNotMonths[] = {"mat", "man", "mal", "mail", "mais", "mak", "max", "mas", "jul",
                                           "jula", "julen", "mari", "marit", "maria", "mine", "mars-"};

MonthLookup lookup_month(std::string_view word) {
    for (size_t i = 0; i < kMonths.size(); ++i)
        if (word == kMonths[i]) return {MonthMatch::exact, static_cast<int>(i) + 1, {}};
    for (const Abbreviation& abbreviation : kAbbreviations)
        if (word == abbreviation.word) return {MonthMatch::exact, abbreviation.month, {}};
    // One typo, but only in words long enough that one letter cannot make another word
    // ("mai" → "mia" is a typo; "ma" is not a month).
    if (word.size() < 3 || std::ranges::find(kNotMonths, word) != std::end(kNotMonths)) return {};
    MonthLookup result;
    for (size_t i = 0; i < kMonths.size(); ++i)
        if (const std::string month = fold(kMonths[i]); word != month && within_one_edit(word, month)) result.candidates.push_back(static_cast<int>(i) + 1);
    if (result.candidates.size() == 1) return {MonthMatch::typo, result.candidates.front(), {}};
    if (result.candidates.size() > 1) result.match = MonthMatch::ambiguous;
    return result;
}

std::string_view month_name(int month) { return kMonths.at(static_cast<size_t>(month - 1)); }

std::optional<int> lookup_weekday(std::string_view word) {
    // Bokmål, and ø typed as "oe"; nynorsk and dialect forms ("laurdag", "freda") are read
    // as bokmål before they get here (word_forms.tsv).
    static constexpr std::pair<std::string_view, int> kNames[] = {
        {"mandag", 1}, {"tirsdag", 2}, {"onsdag", 3},  {"torsdag", 4},
        {"fredag", 5}, {"lordag", 6},  {"sondag", 7},  {"loerdag", 6}, {"soendag", 7},
    };
    for (const auto& [name, day] : kNames)
        if (word == name) return day;
    return std::nullopt;
}

std::string_view weekday_name(int iso_weekday) { return kWeekdays.at(static_cast<size_t>(iso_weekday - 1)); }

int iso_weekday(date::year_month_day day) {
    return static_cast<int>(date::weekday(date::sys_days(day)).iso_encoding());
}

std::string format_day(date::year_month_day day, bool with_year) {
    std::string text = std::string(weekday_name(iso_weekday(day))) + " " +
                       std::to_string(static_cast<unsigned>(day.day())) + ". " +
                       std::string(month_name(static_cast<int>(static_cast<unsigned>(day.month()))));
    if (with_year) text += " " + std::to_string(static_cast<int>(day.year()));
    return text;
}

std::string format_day_in(date::year_month_day day, date::year_month_day today) {
    return format_day(day, day.year() != today.year());
}

std::string format_range(date::year_month_day first, date::year_month_day last) {
    auto day_of = [](date::year_month_day d) { return std::to_string(static_cast<unsigned>(d.day())); };
    auto month_of = [](date::year_month_day d) {
        return std::string(month_name(static_cast<int>(static_cast<unsigned>(d.month()))));
    };
    std::string year = " " + std::to_string(static_cast<int>(last.year()));
    if (first.month() == last.month() && first.year() == last.year())
        return day_of(first) + ".–" + day_of(last) + ". " + month_of(last) + year;
    std::string first_year = first.year() == last.year() ? "" : " " + std::to_string(static_cast<int>(first.year()));
    return day_of(first) + ". " + month_of(first) + first_year + " – " + day_of(last) + ". " + month_of(last) + year;
}

std::string capitalise(std::string_view text) {
    std::string out(text);
    if (out.empty()) return out;
    if (out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    else if (out.size() > 1 && static_cast<unsigned char>(out[0]) == 0xC3) {
        unsigned char d = static_cast<unsigned char>(out[1]);
        if (d == 0xA6 || d == 0xB8 || d == 0xA5) out[1] = static_cast<char>(d - 0x20);  // æ ø å → Æ Ø Å
    }
    return out;
}

}  // namespace planbot::commands
