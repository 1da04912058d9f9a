// See period.hpp.
#include "commands/period.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <string_view>

#include "commands/norwegian.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::ranges::find(list, word) != list.end();
}

// Words that carry no meaning for the period (question words, prepositions, filler).
bool is_filler(std::string_view word) {
    return is_one_of(word, {"i",      "pa",     "det",     "som",     "er",     "e",     "skjer",   "skjera",
                            "skjed",  "hva",    "kva",     "ka",      "hvad",   "da",    "egentlig", "sa",
                            "der",    "her",    "for",     "oss",     "vi",     "man",   "til",     "og",
                            "med",    "om",     "skal",    "foregar", "planen", "arshjulet", "kalenderen",
                            "av",     "na",     "no",      "nu",      "planbot", "hendt", "fremover",
                            "framover", "blir", "mon",     "tro",     "sv",     "trondelag", "hos",
                            "ut",     "seg",    "eller",   "noe",     "noko",   "nokka", "nokke",   "aktuelt"});
}

bool is_week_word(std::string_view w) { return is_one_of(w, {"uke", "uka", "uken", "veke", "veka", "vika", "uk"}); }
bool is_month_word(std::string_view w) {
    return is_one_of(w, {"maned", "maneden", "manad", "manaden", "mnd", "maanad", "manede", "maneda"});
}
bool is_weekend_word(std::string_view w) { return is_one_of(w, {"helg", "helga", "helgen", "helgi", "helgene"}); }
bool is_next_word(std::string_view w) { return is_one_of(w, {"neste", "nest", "naeste", "nesta", "kommende"}); }
bool is_this_word(std::string_view w) {
    return is_one_of(w, {"denne", "dette", "inneverende", "innevaerende", "den", "dinna", "detta", "hele"});
}
bool is_today_word(std::string_view w) { return is_one_of(w, {"idag", "dag", "dagen", "idag"}); }
bool is_tomorrow_word(std::string_view w) {
    return is_one_of(w, {"imorgen", "morgen", "morra", "mora", "mara", "imorra", "imora", "imara", "morgon", "imorgon"});
}

std::optional<int> as_year(std::string_view word) {
    int value = 0;
    auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (error != std::errc() || end != word.data() + word.size() || word.size() != 4) return std::nullopt;
    if (value < 2000 || value > 2100) return std::nullopt;
    return value;
}

year_month_day add_days(year_month_day day, int days) {
    return year_month_day(date::sys_days(day) + date::days(days));
}

Period day_period(year_month_day day, std::string label) {
    return {PeriodKind::day, day, day, std::move(label) + ", " + format_day(day, true)};
}

Period week_period(year_month_day today, int weeks_ahead, std::string label) {
    year_month_day monday = add_days(today, 1 - iso_weekday(today) + 7 * weeks_ahead);
    year_month_day sunday = add_days(monday, 6);
    // ISO week number: the week's Thursday decides the year.
    date::sys_days thursday = date::sys_days(monday) + date::days(3);
    year_month_day thursday_date(thursday);
    date::sys_days first_thursday_year = date::sys_days(thursday_date.year() / date::January / 1);
    int week_number = static_cast<int>((thursday - first_thursday_year).count() / 7) + 1;
    return {PeriodKind::week, monday, sunday,
            std::move(label) + " (uke " + std::to_string(week_number) + ", " + format_range(monday, sunday) + ")"};
}

Period weekend_period(year_month_day today, bool next) {
    const int weekday = iso_weekday(today);
    int to_saturday = weekday <= 5 ? 6 - weekday : (weekday == 6 ? 0 : -1);
    if (next && weekday >= 6) to_saturday += 7;
    year_month_day saturday = add_days(today, to_saturday);
    return {PeriodKind::weekend, saturday, add_days(saturday, 1),
            std::string(next ? "neste helg" : "helga") + " (" + format_range(saturday, add_days(saturday, 1)) + ")"};
}

Period next_month_period(year_month_day today, int months_ahead) {
    date::year_month ym = today.year() / today.month();
    ym += date::months(months_ahead);
    return month_period(static_cast<int>(ym.year()), static_cast<int>(static_cast<unsigned>(ym.month())));
}

// A named month without a year: the next one that has not ended (today counts).
Period named_month(year_month_day today, int month, std::optional<int> year) {
    int current_month = static_cast<int>(static_cast<unsigned>(today.month()));
    int chosen_year = year.value_or(static_cast<int>(today.year()) + (month < current_month ? 1 : 0));
    return month_period(chosen_year, month);
}

}  // namespace

Period month_period(int year, int month) {
    year_month_day first = date::year(year) / date::month(static_cast<unsigned>(month)) / 1;
    year_month_day last = date::year(year) / date::month(static_cast<unsigned>(month)) / date::last;
    return {PeriodKind::month, first, last, std::string(month_name(month)) + " " + std::to_string(year)};
}

PeriodParse parse_period(const std::vector<std::string>& w, year_month_day today) {
    PeriodParse result;
    auto found = [&](Period period) {
        if (result.status == PeriodStatus::none) {
            result.status = PeriodStatus::found;
            result.period = std::move(period);
        }
    };
    for (size_t i = 0; i < w.size(); ++i) {
        const std::string& word = w[i];
        if (is_filler(word)) continue;
        const std::string next = i + 1 < w.size() ? w[i + 1] : std::string();
        if ((is_next_word(word) || is_this_word(word)) && !next.empty() &&
            (is_week_word(next) || is_month_word(next) || is_weekend_word(next))) {
            const bool ahead = is_next_word(word);
            if (is_week_word(next)) found(week_period(today, ahead ? 1 : 0, ahead ? "neste uke" : "denne uka"));
            else if (is_month_word(next)) found(next_month_period(today, ahead ? 1 : 0));
            else found(weekend_period(today, ahead));
            ++i;
        } else if (is_today_word(word)) {
            found(day_period(today, "i dag"));
        } else if (is_tomorrow_word(word)) {
            found(day_period(add_days(today, 1), "i morgen"));
        } else if (word == "overmorgen" || word == "iovermorgen") {
            found(day_period(add_days(today, 2), "i overmorgen"));
        } else if (is_week_word(word)) {
            found(week_period(today, 0, "denne uka"));
        } else if (is_month_word(word)) {
            found(next_month_period(today, 0));
        } else if (is_weekend_word(word)) {
            found(weekend_period(today, false));
        } else if (auto year = as_year(word)) {
            Period whole{PeriodKind::year, date::year(*year) / 1 / 1, date::year(*year) / 12 / 31,
                         std::to_string(*year)};
            found(std::move(whole));
        } else if (MonthLookup month = lookup_month(word); month.match == MonthMatch::exact ||
                                                           month.match == MonthMatch::typo) {
            std::optional<int> given_year = as_year(next);
            found(named_month(today, month.month, given_year));
            if (given_year) ++i;
        } else if (month.match == MonthMatch::ambiguous && result.status == PeriodStatus::none) {
            result.status = PeriodStatus::ambiguous_month;
            result.month_candidates = month.candidates;
        } else if (!is_next_word(word) && !is_this_word(word)) {
            result.leftover.push_back(word);
        }
    }
    return result;
}

}  // namespace planbot::commands
