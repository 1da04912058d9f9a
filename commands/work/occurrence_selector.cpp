// See occurrence_selector.hpp.
#include "commands/work/occurrence_selector.hpp"

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

using Kind = OccurrenceSelector::Kind;

constexpr int kYearMargin = 10;  // years around the plan period that are read as years

bool is_week_word(std::string_view word) { return is_one_of(word, {"uke", "uka", "uken", "veke", "veka", "vika"}); }
bool is_quarter_word(std::string_view word) { return is_one_of(word, {"kvartal", "kvartalet", "kv"}); }

std::optional<int> year_at(const config::Plan& plan, const std::vector<std::string>& words, size_t at) {
    if (at >= words.size() || words[at].size() != 4) return std::nullopt;
    std::optional<int> year = as_number(words[at]);
    if (!year || *year < plan.first_year - kYearMargin || *year > plan.last_year + kYearMargin) return std::nullopt;
    return year;
}

std::optional<int> month_named(std::string_view word) {
    for (int month = 1; month <= 12; ++month)
        if (word == month_name(month)) return month;
    return std::nullopt;
}

// "2. kvartal", "kvartal 2", "q2": the quarter's number and the words it used.
std::optional<std::pair<int, size_t>> quarter_at(const std::vector<std::string>& words) {
    const std::string& first = words[0];
    if (first.size() == 2 && first[0] == 'q' && first[1] >= '0' && first[1] <= '9')
        return std::pair<int, size_t>{first[1] - '0', 1};
    if (words.size() < 2) return std::nullopt;
    if (is_quarter_word(words[1]))
        if (auto number = as_number(first)) return std::pair<int, size_t>{*number, 2};
    if (is_quarter_word(first))
        if (auto number = as_number(words[1])) return std::pair<int, size_t>{*number, 2};
    return std::nullopt;
}

// The selector of `kind` and `number` that used `used` words, with the year after them if any.
SelectorRead with_year(const config::Plan& plan, const std::vector<std::string>& words, Kind kind, int number,
                       size_t used, std::string label) {
    OccurrenceSelector selector{kind, number, year_at(plan, words, used), std::move(label)};
    if (!selector.year) return {std::move(selector), used};
    selector.label += " " + std::to_string(*selector.year);
    return {std::move(selector), used + 1};
}

}  // namespace

std::optional<SelectorRead> read_selector(const config::Plan& plan, const std::vector<std::string>& words) {
    if (words.empty()) return std::nullopt;
    if (auto year = year_at(plan, words, 0)) return SelectorRead{{Kind::year, 0, year, std::to_string(*year)}, 1};
    if (words.size() > 1 && is_week_word(words[0]))
        if (auto week = as_number(words[1]))
            return with_year(plan, words, Kind::week, *week, 2, "uke " + std::to_string(*week));
    if (auto month = month_named(words[0]))
        return with_year(plan, words, Kind::month, *month, 1, std::string(month_name(*month)));
    if (auto quarter = quarter_at(words))
        return with_year(plan, words, Kind::quarter, quarter->first, quarter->second,
                         std::to_string(quarter->first) + ". kvartal");
    return std::nullopt;
}

bool selects(const OccurrenceSelector& selector, const Task& task, const Occurrence& occurrence) {
    const int due_year = static_cast<int>(occurrence.due.year());
    const int month = static_cast<int>(static_cast<unsigned>(occurrence.due.month()));
    switch (selector.kind) {
        case Kind::year:
            return occurrence_year(task, occurrence) == selector.year;
        case Kind::month:
            return month == selector.number && (!selector.year || due_year == *selector.year);
        case Kind::week: {
            const IsoWeek week = iso_week(occurrence.due);
            return week.week == selector.number && (!selector.year || week.year == *selector.year);
        }
        case Kind::quarter:
            return (month + 2) / 3 == selector.number && (!selector.year || due_year == *selector.year);
    }
    return false;
}

int instance_year(const OccurrenceSelector& selector, const Occurrence& occurrence) {
    if (selector.kind == Kind::week) return iso_week(occurrence.due).year;
    return static_cast<int>(occurrence.due.year());
}

}  // namespace planbot::commands
