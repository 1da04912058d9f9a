// Parts of months and runs of days and weeks, for time_reader.hpp's Reader:
//   "starten/begynnelsen av juni"   days 1–10
//   "midten av august", "midt i"    days 11–20
//   "slutten av mai", "utgangen av" day 21 – the month's last day
//   "første halvdel av mai"         days 1–15
//   "andre/siste halvdel av mai"    day 16 – the month's last day
//   "1.–15. mai", "1.-15. mai"      those days of that month
//   "uke 12–14", "uke 12 til 14"    Monday of the first week – Sunday of the last
// "fra 1. til 15. mai" and "mellom 3. og 10. juni" are the spans of time_expressions.cpp,
// whose first day borrows the second's month. A month named without a year is the next
// such part that has not ended, as for the month itself.
#include <charconv>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/time_reader.hpp"

namespace planbot::commands::time_detail {

namespace {

using date::year_month_day;

enum class Part { start, middle, end, first_half, second_half };

// The days of `part` in the month `whole`.
Period part_period(const Period& whole, Part part, std::string_view name) {
    const date::year_month month = whole.first.year() / whole.first.month();
    const auto day = [&](unsigned d) { return year_month_day(month / date::day(d)); };
    year_month_day first = whole.first, last = whole.last;
    switch (part) {
        case Part::start: last = day(10); break;
        case Part::middle: first = day(11), last = day(20); break;
        case Part::end: first = day(21); break;
        case Part::first_half: last = day(15); break;
        case Part::second_half: first = day(16); break;
    }
    return span_period(first, last, std::string(name) + " " + whole.label);
}

std::optional<std::pair<Part, std::string_view>> lookup_part(std::string_view word) {
    if (is_one_of(word, {"starten", "start", "begynnelsen", "begynninga", "byrjinga", "starta", "tidlig"}))
        return std::pair{Part::start, "starten av"};
    if (is_one_of(word, {"midten", "midt", "medio"})) return std::pair{Part::middle, "midten av"};
    if (is_one_of(word, {"slutten", "slutt", "slutta", "utgangen", "enden", "sent", "seint"}))
        return std::pair{Part::end, "slutten av"};
    return std::nullopt;
}

bool is_half(std::string_view word) { return is_one_of(word, {"halvdel", "halvdelen", "halvpart", "halvparten", "del"}); }

// "12-14", "1.–15.", "12—14": two whole numbers joined by a dash (each may end in a dot).
std::optional<std::pair<int, int>> number_range(std::string_view raw) {
    static constexpr std::string_view kDashes[] = {"–", "—", "-"};
    for (std::string_view dash : kDashes) {
        const size_t at = raw.find(dash);
        if (at == std::string_view::npos) continue;
        std::string_view left = raw.substr(0, at), right = raw.substr(at + dash.size());
        if (left.ends_with('.')) left.remove_suffix(1);
        if (right.ends_with('.')) right.remove_suffix(1);
        int a = 0, b = 0;
        const auto [left_end, left_error] = std::from_chars(left.data(), left.data() + left.size(), a);
        const auto [right_end, right_error] = std::from_chars(right.data(), right.data() + right.size(), b);
        if (left.empty() || right.empty() || left_error != std::errc{} || right_error != std::errc{} ||
            left_end != left.data() + left.size() || right_end != right.data() + right.size())
            return std::nullopt;
        return std::pair{a, b};
    }
    return std::nullopt;
}

}  // namespace

// "slutten av mai", "i starten av juni", "midt i august", "første halvdel av mai".
std::optional<Match> Reader::part_of_month(size_t at) const {
    std::optional<std::pair<Part, std::string_view>> part = lookup_part(word(at));
    size_t next = at + 1;
    if (!part) {
        const std::optional<int> ordinal = lookup_ordinal(word(at));
        if (!ordinal || !is_half(word(at + 1)) || (*ordinal != 1 && *ordinal != 2 && *ordinal != -1))
            return std::nullopt;
        part = *ordinal == 1 ? std::pair{Part::first_half, std::string_view("første halvdel av")}
                             : std::pair{Part::second_half, std::string_view("andre halvdel av")};
        next = at + 2;
    }
    if (!is_one_of(word(next), {"av", "i", "pa"})) return std::nullopt;
    std::optional<Match> month = plain(next + 1);
    if (!month || month->period.kind != PeriodKind::month) return std::nullopt;
    const size_t used = next + 1 - at + month->used;
    if (!month->in_year) return Match{part_period(month->period, part->first, part->second), used, {}};
    return picked([inner = month->in_year, part = *part](int year) -> std::optional<Period> {
        std::optional<Period> whole = inner(year);
        if (!whole) return std::nullopt;
        return part_period(*whole, part.first, part.second);
    }, 0, used);
}

// "1.–15. mai", "1-15 mai", "3.-10. juni 2027": days of one month, the next such run
// that has not ended when no year is given.
std::optional<Match> Reader::day_range(size_t at) const {
    if (at >= tokens_.size()) return std::nullopt;
    const std::optional<std::pair<int, int>> days = number_range(tokens_[at].raw);
    if (!days || days->first < 1 || days->first >= days->second || days->second > 31) return std::nullopt;
    std::optional<Match> month = plain(at + 1);
    if (!month || month->period.kind != PeriodKind::month) return std::nullopt;
    const auto run = [days = *days](const Period& whole) -> std::optional<Period> {
        const date::year_month ym = whole.first.year() / whole.first.month();
        const year_month_day first = ym / date::day(static_cast<unsigned>(days.first));
        const year_month_day last = ym / date::day(static_cast<unsigned>(days.second));
        if (!last.ok()) return std::nullopt;
        return Period{PeriodKind::span, first, last, format_range(first, last)};
    };
    const size_t used = 1 + month->used;
    if (!month->in_year) {
        std::optional<Period> period = run(month->period);
        if (!period) return std::nullopt;
        return Match{std::move(*period), used, {}};
    }
    return picked([inner = month->in_year, run](int year) -> std::optional<Period> {
        std::optional<Period> whole = inner(year);
        return whole ? run(*whole) : std::nullopt;
    }, 0, used);
}

// "uke 12–14", "uke 12-14 2027", "uke 12 til 14", "ukene 12 til 14": Monday of the first
// week to Sunday of the last; a last week below the first is in the year after.
std::optional<Match> Reader::week_range(size_t at) const {
    if (lookup_time_unit(word(at)) != TimeUnit::week || at + 1 >= tokens_.size()) return std::nullopt;
    std::optional<std::pair<int, int>> weeks = number_range(tokens_[at + 1].raw);
    size_t used = 2;
    if (!weeks && as_number(word(at + 1)) && is_one_of(word(at + 2), {"til", "og"}) && as_number(word(at + 3))) {
        weeks = std::pair{*as_number(word(at + 1)), *as_number(word(at + 3))};
        used = 4;
    }
    if (!weeks || weeks->first == weeks->second) return std::nullopt;
    const std::optional<int> year_given = as_number(word(at + used));
    const bool has_year = year_given && word(at + used).size() == 4;
    const auto run = [&weeks](int year) -> std::optional<std::pair<Period, Period>> {
        // A last week below the first is in the year after ("uke 50–2").
        const std::optional<Period> first = commands::numbered_week(year, weeks->first);
        const std::optional<Period> last =
            commands::numbered_week(weeks->second < weeks->first ? year + 1 : year, weeks->second);
        if (!first || !last) return std::nullopt;
        return std::pair{*first, *last};
    };
    const int this_year = iso_week(today_).year;
    std::optional<std::pair<Period, Period>> found = run(has_year ? *year_given : this_year);
    if (!has_year && found && found->second.last < today_) found = run(this_year + 1);  // the next that has not ended
    if (!found) return std::nullopt;
    const Period& first = found->first;
    const Period& last = found->second;
    const std::string name = "uke " + std::to_string(weeks->first) + "–" + std::to_string(weeks->second);
    return Match{span_period(first.first, last.last, name), used + (has_year ? 1 : 0), {}};
}

}  // namespace planbot::commands::time_detail
