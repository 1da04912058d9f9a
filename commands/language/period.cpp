// See period.hpp. The words are read left to right with a cursor; each reader
// looks at the word under the cursor (and maybe the next ones) and either takes
// them as a period or leaves them. Filler is skipped; anything else is kept as
// leftover, so the caller can tell "hva skjer i mai" from "hva skjer i mai 28".
#include "commands/language/period.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

// Words that carry no meaning for the period (question words, prepositions, filler).
bool is_filler(std::string_view word) {
    return is_one_of(word, {"pa",     "det",     "som",      "er",       "e",          "skjer",      "skjera",
                            "skjed",  "skjere",  "skje",     "skjet",    "sjer",       "hender",     "hendt",
                            "skjedde", "skjedd", "hendte",
                            "hva",    "kva",     "ka",       "hvad",     "da",         "egentlig",   "sa",
                            "der",    "her",     "for",      "oss",      "vi",         "til",        "og",
                            "med",    "skal",    "foregar",  "planen",   "arshjulet",  "kalenderen", "av",
                            "na",     "no",      "nu",       "planbot",  "fremover",   "framover",   "blir",
                            "mon",    "tro",     "sv",       "trondelag", "hos",       "ut",         "seg",
                            "eller",  "noe",     "noko",     "nokka",    "nokke",      "aktuelt",    "a",
                            "ja",     "hei",     "hallo",    "lurer",    "jeg",        "eg",         "vil",
                            "vite",   "fortell", "meg",      "kan",      "du",         "si",         "dei",
                            "de",     "i"});
}

bool is_week_word(std::string_view w) {
    return is_one_of(w, {"uke", "uka", "uken", "veke", "veka", "vika", "uk", "uker", "veker", "ukene"});
}
bool is_month_word(std::string_view w) {
    return is_one_of(w, {"maned", "maneden", "manad", "manaden", "mnd", "manede", "maneda", "maneder", "manader"});
}
bool is_weekend_word(std::string_view w) {
    return is_one_of(w, {"helg", "helga", "helgen", "helgi", "haelj", "haelja", "haelja", "helja"});
}
bool is_year_word(std::string_view w) { return is_one_of(w, {"ar", "aret", "aaret"}); }
bool is_day_word(std::string_view w) { return is_one_of(w, {"dag", "dager", "dagar", "dogn"}); }
bool is_next_word(std::string_view w) {
    return is_one_of(w, {"neste", "nest", "naeste", "nesta", "kommende", "komande", "kommanes", "kommane"});
}
bool is_this_word(std::string_view w) {
    return is_one_of(w, {"denne", "dette", "inneverende", "innevaerende", "den", "dinna", "detta", "hele", "heile"});
}
bool is_tomorrow_word(std::string_view w) { return is_one_of(w, {"morgen", "morra", "mora", "mara", "marra", "morgon"}); }
// Christmas is in December: "hva skjer til jul", "ka skjer i jula".
bool is_christmas_word(std::string_view w) { return is_one_of(w, {"jul", "jula", "julen", "jol", "jola", "julehelga"}); }

year_month_day add_days(year_month_day day, int days) {
    return year_month_day(date::sys_days(day) + date::days(days));
}

int month_of(year_month_day day) { return static_cast<int>(static_cast<unsigned>(day.month())); }

Period day_period(year_month_day day, std::string label) {
    return {PeriodKind::day, day, day, std::move(label) + ", " + format_day(day, true)};
}

// "neste uke (uke 49, 30. november – 6. desember 2026)"; a label that already names
// the week ("uke 12") is not told its number twice.
Period week_starting(year_month_day monday, std::string label) {
    year_month_day sunday = add_days(monday, 6);
    const std::string number = "uke " + std::to_string(iso_week(monday).week);
    const std::string inside = label == number ? format_range(monday, sunday) : number + ", " + format_range(monday, sunday);
    return {PeriodKind::week, monday, sunday, std::move(label) + " (" + inside + ")"};
}

std::string count_words(int count, std::string_view one, std::string_view many) {
    static constexpr std::string_view kNames[] = {"null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti"};
    std::string number = count >= 0 && count <= 10 ? std::string(kNames[count]) : std::to_string(count);
    return number + " " + std::string(count == 1 ? one : many);
}

Period week_period(year_month_day today, int weeks_ahead, std::string label) {
    return week_starting(add_days(today, 1 - iso_weekday(today) + 7 * weeks_ahead), std::move(label));
}

// ISO week `number` of ISO year `year`, if it exists.
std::optional<Period> numbered_week(int year, int number) {
    year_month_day january_4 = date::year(year) / 1 / 4;
    year_month_day monday = add_days(january_4, 1 - iso_weekday(january_4) + 7 * (number - 1));
    if (number < 1 || iso_week(monday).year != year) return std::nullopt;
    return week_starting(monday, "uke " + std::to_string(number));
}

Period weekend_period(year_month_day today, bool next) {
    const int weekday = iso_weekday(today);
    int to_saturday = weekday <= 5 ? 6 - weekday : (weekday == 6 ? 0 : -1);
    if (next && weekday >= 6) to_saturday += 7;
    year_month_day saturday = add_days(today, to_saturday);
    return {PeriodKind::weekend, saturday, add_days(saturday, 1),
            std::string(next ? "neste helg" : "helga") + " (" + format_range(saturday, add_days(saturday, 1)) + ")"};
}

Period month_ahead(year_month_day today, int months_ahead) {
    date::year_month ym = today.year() / today.month();
    ym += date::months(months_ahead);
    return month_period(static_cast<int>(ym.year()), static_cast<int>(static_cast<unsigned>(ym.month())));
}

Period year_period(int year) {
    return {PeriodKind::year, date::year(year) / 1 / 1, date::year(year) / 12 / 31, std::to_string(year)};
}

std::optional<int> as_year(std::string_view word) {
    auto value = as_number(word);
    if (!value || word.size() != 4) return std::nullopt;
    return value;
}

// The reader: a cursor over the words and what it has found so far.
class Reader {
public:
    Reader(const std::vector<std::string>& words, year_month_day today) : w_(words), today_(today) {}

    PeriodParse read() {
        while (at_ < w_.size()) {
            if (!read_one()) {
                if (!is_filler(w_[at_]) && !is_next_word(w_[at_]) && !is_this_word(w_[at_]))
                    result_.leftover.push_back(w_[at_]);
                ++at_;
            }
        }
        apply_year_shift();
        return std::move(result_);
    }

private:
    std::string_view word(size_t ahead = 0) const {
        return at_ + ahead < w_.size() ? std::string_view(w_[at_ + ahead]) : std::string_view();
    }

    void found(Period period, size_t consumed) {
        if (result_.status == PeriodStatus::none) {
            result_.status = PeriodStatus::found;
            result_.period = std::move(period);
        }
        at_ += consumed;
    }

    // Reads a period at the cursor; false when the word there is none.
    bool read_one() {
        const std::string_view now = word(), next = word(1);
        if ((now == "i" && next == "dag") || now == "idag") return found(day_period(today_, "i dag"), now == "i" ? 2 : 1), true;
        if ((now == "i" && is_tomorrow_word(next)) || now == "imorgen" || now == "imorra" || now == "imara" ||
            now == "imarra")
            return found(day_period(add_days(today_, 1), "i morgen"), now == "i" ? 2 : 1), true;
        if (now == "overmorgen" || now == "iovermorgen") return found(day_period(add_days(today_, 2), "i overmorgen"), 1), true;
        if (is_next_word(now) || is_this_word(now)) return read_relative(is_next_word(now));
        if (now == "om" && as_count(next)) return read_in_count();
        if (now == "i" && next == "fjor") return year_shift_ = -1, at_ += 2, true;
        if (now == "i" && is_year_word(next)) return year_shift_ = 0, at_ += 2, true;
        if (is_week_word(now) && as_number(next)) return read_numbered_week();
        if (is_week_word(now)) return found(week_period(today_, 0, "denne uka"), 1), true;
        if (is_month_word(now)) return found(month_ahead(today_, 0), 1), true;
        if (is_weekend_word(now)) return found(weekend_period(today_, false), 1), true;
        if (is_christmas_word(now)) return found(named_month(12, std::nullopt), 1), true;
        if (auto year = as_year(now)) return found(year_period(*year), 1), true;
        return read_month();
    }

    // "neste uke", "denne måneden", "neste helg", "neste år", "kommende uke".
    bool read_relative(bool ahead) {
        const std::string_view next = word(1);
        if (is_week_word(next)) return found(week_period(today_, ahead ? 1 : 0, ahead ? "neste uke" : "denne uka"), 2), true;
        if (is_month_word(next)) return found(month_ahead(today_, ahead ? 1 : 0), 2), true;
        if (is_weekend_word(next)) return found(weekend_period(today_, ahead), 2), true;
        if (is_year_word(next)) return year_shift_ = ahead ? 1 : 0, at_ += 2, true;
        return false;
    }

    // "om en uke", "om to uker", "om tre dager", "om en måned".
    bool read_in_count() {
        const int count = *as_count(word(1));
        const std::string_view unit = word(2);
        if (is_week_word(unit)) return found(week_period(today_, count, "om " + count_words(count, "uke", "uker")), 3), true;
        if (is_day_word(unit)) return found(day_period(add_days(today_, count), "om " + count_words(count, "dag", "dager")), 3), true;
        if (is_month_word(unit)) return found(month_ahead(today_, count), 3), true;
        return false;
    }

    // "uke 12", "uke 2 2027": the next such week that has not ended, or in the year given.
    bool read_numbered_week() {
        const int number = *as_number(word(1));
        std::optional<int> year = as_year(word(2));
        const auto [current_year, current_week] = iso_week(today_);
        int chosen = year.value_or(number >= current_week ? current_year : current_year + 1);
        std::optional<Period> week = numbered_week(chosen, number);
        if (!week) return false;
        found(std::move(*week), year ? 3 : 2);
        return true;
    }

    bool read_month() {
        MonthLookup month = lookup_month(word());
        if (month.match == MonthMatch::exact || month.match == MonthMatch::typo) {
            std::optional<int> year = as_year(word(1));
            found(named_month(month.month, year), year ? 2 : 1);
            if (!year) month_without_year_ = true;
            return true;
        }
        if (month.match == MonthMatch::ambiguous && result_.status == PeriodStatus::none) {
            result_.status = PeriodStatus::ambiguous_month;
            result_.month_candidates = month.candidates;
            ++at_;
            return true;
        }
        return false;
    }

    // A named month without a year: the next one that has not ended (today counts).
    Period named_month(int month, std::optional<int> year) const {
        int chosen_year = year.value_or(static_cast<int>(today_.year()) + (month < month_of(today_) ? 1 : 0));
        return month_period(chosen_year, month);
    }

    // "mai neste år", "mars i fjor", "i år": a year word moves a named month into
    // that year, or alone asks for the whole year.
    void apply_year_shift() {
        if (!year_shift_) return;
        const int year = static_cast<int>(today_.year()) + *year_shift_;
        if (result_.status == PeriodStatus::none) {
            result_.status = PeriodStatus::found;
            result_.period = year_period(year);
        } else if (result_.status == PeriodStatus::found && result_.period.kind == PeriodKind::month &&
                   month_without_year_) {
            result_.period = month_period(year, month_of(result_.period.first));
        }
    }

    const std::vector<std::string>& w_;
    year_month_day today_;
    size_t at_ = 0;
    PeriodParse result_;
    std::optional<int> year_shift_;
    bool month_without_year_ = false;
};

}  // namespace

Period month_period(int year, int month) {
    year_month_day first = date::year(year) / date::month(static_cast<unsigned>(month)) / 1;
    year_month_day last = date::year(year) / date::month(static_cast<unsigned>(month)) / date::last;
    return {PeriodKind::month, first, last, std::string(month_name(month)) + " " + std::to_string(year)};
}

PeriodParse parse_period(const std::vector<std::string>& folded_words, year_month_day today) {
    return Reader(folded_words, today).read();
}

PeriodParse read_period(const std::vector<std::string>& typed_words, year_month_day today) {
    std::string typed;
    for (const std::string& word : typed_words) typed += (typed.empty() ? "" : " ") + word;
    PeriodParse parse = parse_period(words(typed), today);
    if ((parse.status != PeriodStatus::none && parse.leftover.empty()) || typed_words.empty()) return parse;
    auto day = read_date(typed_words, today);
    if (day && day->tokens == typed_words.size()) {
        const Period period{PeriodKind::day, day->date, day->date, format_day(day->date, true)};
        return {PeriodStatus::found, period, {}, {}, ""};
    }
    // "31.2.2027", "30. februar": written as a date, but none that exists; read_date says why.
    const std::string_view first = typed_words.front();
    const bool digits_first = !first.empty() && first.front() >= '0' && first.front() <= '9';
    const std::vector<std::string> second = typed_words.size() > 1 ? words(typed_words[1]) : std::vector<std::string>{};
    const bool date_shaped = first.find_first_of("./-") != std::string_view::npos ||
                             (!second.empty() && lookup_month(second.front()).match != MonthMatch::none);
    if (!day && digits_first && date_shaped) parse.date_error = day.error();
    return parse;
}

}  // namespace planbot::commands
