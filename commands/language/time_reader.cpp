// The plain times of time_reader.hpp: each reader looks at the words from one position
// and returns the time they name, or nothing. Words come from the tables in
// time_words.hpp and holidays.hpp; intervals and labels from time_periods.hpp.
#include "commands/language/time_reader.hpp"

#include <algorithm>
#include <array>

#include "commands/language/dates.hpp"
#include "commands/language/holidays.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands::time_detail {

namespace {

using date::year_month_day;

bool starts_with_digit(std::string_view word) { return !word.empty() && word.front() >= '0' && word.front() <= '9'; }

std::optional<int> as_year(std::string_view word) {
    std::optional<int> value = as_number(word);
    if (!value || word.size() != 4 || *value < 1000) return std::nullopt;
    return value;
}

// The `n`th (or, for n < 0, the last, second to last …) `weekday` of a month.
std::optional<year_month_day> nth_weekday(const Period& month, int weekday, int n) {
    const year_month_day day =
        n > 0 ? add_days(month.first, (weekday - iso_weekday(month.first) + 7) % 7 + 7 * (n - 1))
              : add_days(month.last, -((iso_weekday(month.last) - weekday + 7) % 7) - 7 * (-n - 1));
    if (day < month.first || day > month.last) return std::nullopt;
    return day;
}

// The days from `day` to the same day `count` months later (the month's last day if it has none).
int days_in_months(year_month_day day, int count) {
    const date::year_month later = day.year() / day.month() + date::months(count);
    const year_month_day end = later / std::min(day.day(), year_month_day(later / date::last).day());
    return static_cast<int>((date::sys_days(end) - date::sys_days(day)).count());
}

// Names of this, the next and the previous unit: {previous, this, next}.
struct UnitNames {
    TimeUnit unit;
    std::array<std::string_view, 3> names;
    std::string_view rest;  // "resten av …"
};
constexpr UnitNames kUnitNames[] = {
    {TimeUnit::day, {"i går", "i dag", "i morgen"}, "dagen"},
    {TimeUnit::week, {"forrige uke", "denne uka", "neste uke"}, "uka"},
    {TimeUnit::weekend, {"forrige helg", "helga", "neste helg"}, "helga"},
    {TimeUnit::month, {"forrige måned", "denne måneden", "neste måned"}, "måneden"},
    {TimeUnit::quarter, {"forrige kvartal", "dette kvartalet", "neste kvartal"}, "kvartalet"},
    {TimeUnit::half_year, {"forrige halvår", "dette halvåret", "neste halvår"}, "halvåret"},
    {TimeUnit::year, {"i fjor", "i år", "neste år"}, "året"},
};

const UnitNames& names_of(TimeUnit unit) {
    for (const UnitNames& names : kUnitNames)
        if (names.unit == unit) return names;
    return kUnitNames[0];
}

}  // namespace

std::optional<Match> Reader::plain(size_t at) const {
    using Step = std::optional<Match> (Reader::*)(size_t) const;
    static constexpr Step kSteps[] = {
        &Reader::relative_day, &Reader::rest_of,   &Reader::coming,     &Reader::part_of_month, &Reader::ordinal,
        &Reader::day_range,    &Reader::date,      &Reader::shifted,    &Reader::counted,       &Reader::named,
        &Reader::weekday,      &Reader::week_range, &Reader::numbered_week, &Reader::unit_alone, &Reader::year,
    };
    for (Step step : kSteps)
        if (std::optional<Match> match = (this->*step)(at)) return match;
    return std::nullopt;
}

// The unit holding today moved by `shift` units ("neste kvartal", "forrige uke").
Period Reader::unit_period(TimeUnit unit, int shift, std::string name) const {
    if (name.empty() && shift >= -1 && shift <= 1) name = names_of(unit).names[static_cast<size_t>(shift + 1)];
    const int year = static_cast<int>(today_.year()), month = static_cast<int>(static_cast<unsigned>(today_.month()));
    switch (unit) {
        case TimeUnit::day: return day_period(add_days(today_, shift), std::move(name));
        case TimeUnit::week: return week_period(today_, shift, std::move(name));
        case TimeUnit::weekend: return weekend_period(today_, shift);
        case TimeUnit::month: return month_ahead(today_, shift);
        case TimeUnit::quarter: {
            const int index = year * 4 + (month - 1) / 3 + shift;
            return quarter_period(index / 4, index % 4 + 1, std::move(name));
        }
        case TimeUnit::half_year: {
            const int index = year * 2 + (month - 1) / 6 + shift;
            return half_year_period(index / 2, index % 2 + 1, std::move(name));
        }
        case TimeUnit::year: break;
    }
    return year_period(year + shift);
}

// shift +1: the next such day after today ("på søndag" asked on a Sunday is in a week);
// 0: that day of this week; −1: the last such day before today.
year_month_day Reader::weekday_day(int weekday, int shift) const {
    const int today = iso_weekday(today_);
    if (shift > 0) return add_days(today_, (weekday - today + 6) % 7 + 1);
    if (shift < 0) return add_days(today_, -((today - weekday + 6) % 7 + 1));
    return add_days(today_, weekday - today);
}

std::optional<Match> Reader::relative_day(size_t at) const {
    static constexpr std::string_view kNames[] = {"i forgårs", "i går", "i dag", "i morgen", "i overmorgen"};
    const std::string_view first = word(at);
    std::optional<int> offset;
    size_t used = 1;
    if (first == "i") offset = lookup_day_offset(word(at + 1)), used = 2;
    else if (first.size() > 1 && first.front() == 'i') offset = lookup_day_offset(first.substr(1));
    if (!offset && is_one_of(first, {"overmorgen", "overimorgen", "overmorra", "overmorgon"})) offset = 2, used = 1;
    if (!offset) return std::nullopt;
    return Match{day_period(add_days(today_, *offset), std::string(kNames[*offset + 2])), used, {}};
}

// "resten av året", "resten av uka", "ut måneden": from today to the unit's end.
std::optional<Match> Reader::rest_of(size_t at) const {
    size_t next = at + 1;
    if (word(at) == "resten" && word(next) == "av") ++next;
    else if (word(at) != "ut" && word(at) != "resten") return std::nullopt;
    std::optional<TimeUnit> unit = lookup_time_unit(word(next));
    if (!unit) return std::nullopt;
    const Period whole = unit_period(*unit, 0);
    if (whole.last < today_) return std::nullopt;
    return Match{span_period(today_, whole.last, "resten av " + std::string(names_of(*unit).rest)), next + 1 - at, {}};
}

// "de neste 14 dagene", "neste to uker", "de siste 7 dagene": whole days from today on
// (or back to today).
std::optional<Match> Reader::coming(size_t at) const {
    const std::optional<int> shift = lookup_shift(word(at));
    const bool back = word(at) == "siste";
    if ((!shift || *shift != 1) && !back) return std::nullopt;
    const std::optional<int> count = as_count(word(at + 1));
    const std::optional<TimeUnit> unit = lookup_time_unit(word(at + 2));
    if (!count || *count < 1 || *count > 366 || !unit) return std::nullopt;
    int days = *count;
    std::string name;
    if (*unit == TimeUnit::day) name = count_words(*count, "dagen", "dagene");
    else if (*unit == TimeUnit::week) days = 7 * *count, name = count_words(*count, "uka", "ukene");
    else if (*unit == TimeUnit::month) days = days_in_months(today_, *count), name = count_words(*count, "måneden", "månedene");
    else return std::nullopt;
    const year_month_day first = back ? add_days(today_, 1 - days) : today_;
    return Match{span_period(first, add_days(first, days - 1), (back ? "de siste " : "de neste ") + name), 3, {}};
}

// "siste fredag i mai", "andre tirsdag i september", "2. kvartal 2027", "første halvår",
// "andre påskedag", "1. juledag".
std::optional<Match> Reader::ordinal(size_t at) const {
    const std::optional<int> n = lookup_ordinal(word(at));
    if (!n) return std::nullopt;
    if (std::optional<int> weekday = lookup_weekday(word(at + 1))) {
        if (!is_one_of(word(at + 2), {"i", "av"})) return std::nullopt;
        std::optional<Match> month = plain(at + 3);
        if (!month || month->period.kind != PeriodKind::month) return std::nullopt;
        const size_t used = 3 + month->used;
        const auto day_in = [weekday = *weekday, n = *n](const Period& whole) -> std::optional<Period> {
            std::optional<year_month_day> day = nth_weekday(whole, weekday, n);
            if (!day) return std::nullopt;
            return day_period(*day);
        };
        if (!month->in_year) {
            std::optional<Period> day = day_in(month->period);
            if (!day) return std::nullopt;
            return Match{std::move(*day), used, {}};
        }
        return picked([inner = month->in_year, day_in](int year) -> std::optional<Period> {
            std::optional<Period> whole = inner(year);
            return whole ? day_in(*whole) : std::nullopt;
        }, 0, used);
    }
    const std::optional<TimeUnit> unit = lookup_time_unit(word(at + 1));
    if (unit == TimeUnit::quarter || unit == TimeUnit::half_year) {
        const int count = *unit == TimeUnit::quarter ? 4 : 2;
        const int part = *n < 0 ? count + 1 + *n : *n;
        if (part < 1 || part > count) return std::nullopt;
        const std::string name = std::to_string(part) + (count == 4 ? ". kvartal" : ". halvår");
        const InYear in_year = [part, count, name](int year) -> std::optional<Period> {
            return count == 4 ? quarter_period(year, part, name) : half_year_period(year, part, name);
        };
        if (std::optional<int> year = as_year(word(at + 2))) return Match{*in_year(*year), 3, {}};
        return picked(in_year, 0, 2);
    }
    if (std::optional<NamedTime> named = lookup_numbered_day(*n, word(at + 1))) {
        const InYear in_year = [named = *named, ferie = ferie_](int year) -> std::optional<Period> {
            std::optional<NamedDays> days = named_days(named, year, ferie);
            if (!days) return std::nullopt;
            return day_period(days->first, std::string(named_label(named)));
        };
        if (std::optional<int> year = as_year(word(at + 2))) return Match{*in_year(*year), 3, {}};
        return picked(in_year, 0, 2);
    }
    return std::nullopt;
}

// "14. april", "1.6.2027", "5/6", "17. mai" as dates.hpp reads them for /frist; and
// "den 5.": the next 5th of a month that has not passed.
std::optional<Match> Reader::date(size_t at) const {
    const size_t from = word(at) == "den" && starts_with_digit(word(at + 1)) ? at + 1 : at;
    if (!starts_with_digit(word(from))) return std::nullopt;
    std::vector<std::string> raw;
    for (size_t i = from; i < tokens_.size(); ++i) raw.push_back(tokens_[i].raw);
    if (auto read = read_date(raw, today_)) return Match{day_period(read->date), from - at + read->tokens, {}};
    const std::optional<int> number = as_number(word(from));
    if (from == at || !number || *number < 1 || *number > 31) return std::nullopt;
    date::year_month month = today_.year() / today_.month();
    for (int tries = 0; tries < 3; ++tries, month += date::months(1))
        if (const year_month_day day = month / date::day(static_cast<unsigned>(*number)); day.ok() && day >= today_)
            return Match{day_period(day), 2, {}};
    return std::nullopt;
}

// "neste uke", "forrige måned", "dette kvartalet", "neste år", "førstkommende fredag",
// "forrige torsdag", "neste påske", "forrige sommer".
std::optional<Match> Reader::shifted(size_t at) const {
    const std::optional<int> shift = lookup_shift(word(at));
    if (!shift) return std::nullopt;
    if (std::optional<TimeUnit> unit = lookup_time_unit(word(at + 1)); unit && *unit != TimeUnit::day) {
        Match match{unit_period(*unit, *shift), 2, {}};
        match.year_only = *unit == TimeUnit::year;
        return match;
    }
    if (std::optional<int> weekday = lookup_weekday(word(at + 1)))
        return Match{day_period(weekday_day(*weekday, *shift)), 2, {}};
    if (auto found = yearly(at + 1)) return picked(found->first, *shift, 1 + found->second);
    return std::nullopt;
}

// "om ti dager", "om to uker", "om en måned", "for tre uker siden".
std::optional<Match> Reader::counted(size_t at) const {
    const bool ahead = word(at) == "om";
    if (!ahead && word(at) != "for") return std::nullopt;
    const std::optional<int> count = as_count(word(at + 1));
    const std::optional<TimeUnit> unit = lookup_time_unit(word(at + 2));
    if (!count || !unit || *count > 1000 || (!ahead && word(at + 3) != "siden")) return std::nullopt;
    static constexpr std::pair<std::string_view, std::string_view> kCounted[] = {
        {"dag", "dager"}, {"uke", "uker"}, {"helg", "helger"}, {"måned", "måneder"},
        {"kvartal", "kvartaler"}, {"halvår", "halvår"}, {"år", "år"},
    };
    const auto& [one, many] = kCounted[static_cast<size_t>(*unit)];
    const std::string said = count_words(*count, one, many);
    const std::string name = ahead ? "om " + said : "for " + said + " siden";
    return Match{unit_period(*unit, ahead ? *count : -*count, name), ahead ? 3u : 4u, {}};
}

std::optional<std::pair<InYear, size_t>> Reader::yearly(size_t at) const {
    std::optional<NamedTime> named = lookup_named_time(word(at));
    size_t used = 1;
    if (!named && !word(at + 1).empty()) {  // written apart: "sankt hans", "jule aften"
        named = lookup_named_time(std::string(word(at)) + std::string(word(at + 1)), false);
        used = 2;
    }
    if (named) {
        // "vår" is also "our" and "was" ("var"): a season only after "i", "til", "neste" …
        // and not before a noun ("i vår plan").
        const std::string_view before = at == 0 ? "" : word(at - 1), after = word(at + used);
        if (needs_preposition(*named) &&
            (!(is_one_of(before, {"i", "til", "etter", "for", "innen", "mot", "om", "fra"}) || lookup_shift(before)) ||
             !(after.empty() || is_time_filler(after) || as_year(after) || lookup_shift(after))))
            return std::nullopt;
        InYear in_year = [named = *named, ferie = ferie_](int year) -> std::optional<Period> {
            std::optional<NamedDays> days = named_days(named, year, ferie);
            if (!days) return std::nullopt;
            const std::string label(named_label(named));
            return is_single_day(named) ? day_period(days->first, label) : span_period(days->first, days->last, label);
        };
        return std::pair{std::move(in_year), used};
    }
    const MonthLookup month = lookup_month(word(at));
    if (month.match != MonthMatch::exact && month.match != MonthMatch::typo) return std::nullopt;
    return std::pair{InYear([month = month.month](int year) -> std::optional<Period> { return month_period(year, month); }),
                     size_t{1}};
}

// "påska", "julaften", "sommeren 2027", "mai", "mai 2027": the one that has not ended, or in the year given.
std::optional<Match> Reader::named(size_t at) const {
    auto found = yearly(at);
    if (!found) return std::nullopt;
    if (std::optional<int> year = as_year(word(at + found->second)))
        if (std::optional<Period> period = found->first(*year)) return Match{std::move(*period), found->second + 1, {}};
    return picked(found->first, 0, found->second);
}

// "torsdag", "på tysdag" (the next after today), "fredag neste uke", "mandag i uke 12".
std::optional<Match> Reader::weekday(size_t at) const {
    const std::optional<int> weekday = lookup_weekday(word(at));
    if (!weekday) return std::nullopt;
    const size_t next = at + 1 + (is_one_of(word(at + 1), {"i", "pa"}) ? 1 : 0);
    for (auto step : {&Reader::shifted, &Reader::numbered_week, &Reader::unit_alone}) {
        std::optional<Match> week = (this->*step)(next);
        if (week && week->period.kind == PeriodKind::week)
            return Match{day_period(add_days(week->period.first, *weekday - 1)), next - at + week->used, {}};
    }
    return Match{day_period(weekday_day(*weekday, 1)), 1, {}};
}

// "uke 12", "uke 2 2028": the next such week that has not ended, or in the year given.
std::optional<Match> Reader::numbered_week(size_t at) const {
    const std::optional<TimeUnit> unit = lookup_time_unit(word(at));
    const std::optional<int> number = as_number(word(at + 1));
    if (unit != TimeUnit::week || !number) return std::nullopt;
    const std::optional<int> year = as_year(word(at + 2));
    const IsoWeek current = iso_week(today_);
    const int chosen = year.value_or(*number >= current.week ? current.year : current.year + 1);
    std::optional<Period> week = commands::numbered_week(chosen, *number);
    if (!week) return std::nullopt;
    return Match{std::move(*week), year ? 3u : 2u, {}};
}

// "uka", "måneden", "helga", "kvartalet", "halvåret" alone: the one holding today.
std::optional<Match> Reader::unit_alone(size_t at) const {
    const std::optional<TimeUnit> unit = lookup_time_unit(word(at));
    if (!unit || *unit == TimeUnit::day || *unit == TimeUnit::year) return std::nullopt;
    // "uke 54", "uke 12-14" not read as a week: no week is named, not this one.
    if (starts_with_digit(word(at + 1))) return std::nullopt;
    return Match{unit_period(*unit, 0), 1, {}};
}

// "2027", "i år", "i fjor".
std::optional<Match> Reader::year(size_t at) const {
    std::optional<int> year = as_year(word(at));
    size_t used = 1;
    if (word(at) == "ifjor" || (word(at) == "i" && word(at + 1) == "fjor")) year = static_cast<int>(today_.year()) - 1;
    else if (word(at) == "i" && is_one_of(word(at + 1), {"ar", "aret"})) year = static_cast<int>(today_.year());
    if (word(at) == "i" && year) used = 2;
    if (!year) return std::nullopt;
    Match match{year_period(*year), used, {}};
    match.year_only = true;
    return match;
}

}  // namespace planbot::commands::time_detail
