// See time_expressions.hpp. The Reader (time_reader.hpp) looks at the words from one
// position and returns the time they start, or nothing; scan_time walks the words with
// it. This file holds the walk and the spans around another time ("før jul", "etter
// påske", "fra 1. mai til 15. juni"); time_reader.cpp holds the plain times.
#include "commands/language/time_expressions.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"
#include "commands/language/word_forms.hpp"
#include "commands/language/time_reader.hpp"

namespace planbot::commands {

namespace time_detail {

namespace {

using date::year_month_day;

constexpr int kDaysAfter = 30;  // "etter påske": the month after it, as 30 days

// "påsken (21.–29. mars 2027)" → "påsken"; "julaften, torsdag 24. desember 2026" → "julaften".
std::string short_name(const std::string& label) {
    std::string name = label.substr(0, label.find_first_of("(,"));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    return name;
}

// "før" is folded to "for" like the preposition "for": only the typed ø tells them apart.
bool is_before_word(const TimeToken& token) {
    return token.word == "for" && (token.raw.find("ø") != std::string::npos || token.raw.find("Ø") != std::string::npos);
}

}  // namespace

std::optional<Match> Reader::read(size_t at) const {
    if (auto match = before_or_through(at)) return match;
    if (auto match = after(at)) return match;
    if (auto match = between(at)) return match;
    return plain(at);
}

// "før jul", "fram til påske", "inntil 1. mai": from today to the day before the time
// begins. "innen 1. mai": through its first day. "til og med fredag": through its last.
std::optional<Match> Reader::before_or_through(size_t at) const {
    enum class End { day_before, first_day, last_day };
    size_t skip = 0;
    End end = End::day_before;
    const std::string_view first = word(at);
    if ((at < tokens_.size() && is_before_word(tokens_[at])) || first == "inntil" || first == "frampa") skip = 1;
    else if (first == "innen") skip = 1, end = End::first_day;
    else if ((first == "fram" || first == "frem") && is_one_of(word(at + 1), {"til", "mot"})) skip = 2;
    const size_t til = skip == 2 ? at + 1 : at + skip;  // "til og med", "fram til og med"
    if (word(til) == "til" && word(til + 1) == "og" && word(til + 2) == "med") skip = til + 3 - at, end = End::last_day;
    if (skip == 0) return std::nullopt;
    std::optional<Match> time = plain(at + skip);
    if (!time) return std::nullopt;
    std::optional<Period> target = time->period;
    if (time->in_year && end == End::day_before) target = pick(time->in_year, 1);  // one still to come
    if (!target) return std::nullopt;
    const year_month_day last = end == End::day_before ? add_days(target->first, -1)
                                : end == End::first_day ? target->first
                                                        : target->last;
    if (last < today_) return std::nullopt;
    const std::string name = (end == End::day_before ? "tiden før " : "tiden fram til ") + short_name(target->label);
    return Match{span_period(today_, last, name), skip + time->used, {}};
}

// "etter påske", "etter nyttår", "etter valget": the 30 days after the time ends, the
// first such that has not ended.
std::optional<Match> Reader::after(size_t at) const {
    if (!is_one_of(word(at), {"etter", "etta", "ette"})) return std::nullopt;
    std::optional<Match> time = plain(at + 1);
    if (!time) return std::nullopt;
    const auto after_it = [](const Period& period) {
        return span_period(add_days(period.last, 1), add_days(period.last, kDaysAfter),
                           "tiden etter " + short_name(period.label));
    };
    if (!time->in_year) return Match{after_it(time->period), 1 + time->used, {}};
    const InYear in_year = [inner = time->in_year, after_it](int year) -> std::optional<Period> {
        std::optional<Period> period = inner(year);
        if (!period) return std::nullopt;
        return after_it(*period);
    };
    return picked(in_year, 0, 1 + time->used);
}

// "fra 1. mai til 15. juni", "mellom jul og nyttår": the first time's first day to the
// second's last; a second time without a year is the first one ending after the start.
std::optional<Match> Reader::between(size_t at) const {
    const bool from = word(at) == "fra", among = word(at) == "mellom";
    if (!from && !among) return std::nullopt;
    size_t next = at + 1;
    if (from && word(next) == "og" && word(next + 1) == "med") next += 2;
    std::optional<Match> start = plain(next);
    // "fra 1. til 15. mai", "mellom 3. og 10. juni": a bare day takes the end's month.
    int bare_day = 0;  // 0: the start is a time of its own
    if (!start) {
        const std::optional<int> day = as_number(word(next));
        if (!day || *day < 1 || *day > 31) return std::nullopt;
        bare_day = *day;
    }
    next += start ? start->used : 1;
    if (word(next) != (among ? "og" : "til")) return std::nullopt;
    next += word(next + 1) == "og" && word(next + 2) == "med" ? 3 : 1;
    std::optional<Match> end = plain(next);
    if (!end) return std::nullopt;
    if (bare_day > 0) {
        if (end->period.kind != PeriodKind::day) return std::nullopt;
        const year_month_day last_day = end->period.first;
        date::year_month month = last_day.year() / last_day.month();
        if (static_cast<unsigned>(last_day.day()) <= static_cast<unsigned>(bare_day)) month -= date::months(1);
        const year_month_day first_day = month / date::day(static_cast<unsigned>(bare_day));
        if (!first_day.ok()) return std::nullopt;
        return Match{Period{PeriodKind::span, first_day, last_day, format_range(first_day, last_day)},
                     next + end->used - at, {}};
    }
    const year_month_day first = start->period.first;
    std::optional<Period> last = end->period;
    const int start_year = static_cast<int>(first.year());
    for (int year = start_year; end->in_year && last && last->last < first && year <= start_year + 1; ++year)
        last = end->in_year(year);
    if (!last || last->last < first) return std::nullopt;
    return Match{Period{PeriodKind::span, first, last->last, format_range(first, last->last)}, next + end->used - at, {}};
}

std::optional<Period> Reader::pick(const InYear& in_year, int shift) const {
    std::optional<Period> last_ended;
    const int this_year = static_cast<int>(today_.year());
    for (int year = this_year - 2; year <= this_year + 5; ++year) {
        std::optional<Period> period = in_year(year);
        if (!period) continue;
        if (shift < 0) {
            if (period->last < today_) last_ended = std::move(period);
        } else if (shift == 0 ? period->last >= today_ : period->first > today_) {
            return period;
        }
    }
    return last_ended;
}

std::optional<Match> Reader::picked(const InYear& in_year, int shift, size_t used) const {
    std::optional<Period> period = pick(in_year, shift);
    if (!period) return std::nullopt;
    return Match{std::move(*period), used, shift == 0 ? in_year : InYear{}};
}

}  // namespace time_detail

namespace {

bool is_digits_token(const TimeToken& token) { return !token.raw.empty() && token.raw.front() >= '0' && token.raw.front() <= '9'; }

// The words between dates in digits read through the table of nynorsk and dialect
// forms (word_forms.hpp), across the pieces they were typed in: «kor tid» is «når».
std::vector<TimeToken> standard_tokens(std::vector<TimeToken> tokens) {
    std::vector<TimeToken> out;
    for (size_t i = 0; i < tokens.size();) {
        if (is_digits_token(tokens[i])) {
            out.push_back(std::move(tokens[i++]));
            continue;
        }
        size_t end = i;
        std::vector<std::string> run;
        while (end < tokens.size() && !is_digits_token(tokens[end])) run.push_back(tokens[end++].word);
        std::vector<std::string> standard = standard_forms(run);
        if (standard.size() == run.size()) {
            for (size_t k = 0; k < run.size(); ++k) {
                tokens[i + k].word = std::move(standard[k]);
                out.push_back(std::move(tokens[i + k]));
            }
        } else {
            for (std::string& word : standard) out.push_back({word, word});
        }
        i = end;
    }
    return out;
}

}  // namespace

std::vector<TimeToken> time_tokens(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    std::vector<TimeToken> tokens;
    for (size_t at = text.find_first_not_of(kSpace); at != std::string_view::npos;
         at = text.find_first_not_of(kSpace, at)) {
        const size_t end = std::min(text.find_first_of(kSpace, at), text.size());
        const std::string_view piece = text.substr(at, end - at);
        at = end;
        // A date in digits keeps its separators ("1.6.2027", "5/6", "17.mai"), without
        // the quotes and punctuation around it.
        std::string_view bare = piece;
        while (!bare.empty() && std::string_view("(\"'").find(bare.front()) != std::string_view::npos) bare.remove_prefix(1);
        while (!bare.empty() && std::string_view("?!,;:)\"'").find(bare.back()) != std::string_view::npos) bare.remove_suffix(1);
        const std::vector<std::string> parts = folded_words(piece);
        if (!bare.empty() && bare.front() >= '0' && bare.front() <= '9') {
            std::string word;
            for (const std::string& part : parts) word += (word.empty() ? "" : ".") + part;
            tokens.push_back({std::string(bare), std::move(word)});
        } else if (parts.size() == 1) {
            tokens.push_back({std::string(piece), parts.front()});
        } else {
            for (const std::string& part : parts) tokens.push_back({part, part});
        }
    }
    return standard_tokens(std::move(tokens));
}

std::vector<TimeToken> time_tokens(const std::vector<std::string>& pieces) {
    std::vector<TimeToken> tokens;
    for (const std::string& piece : pieces)
        for (TimeToken& token : time_tokens(std::string_view(piece))) tokens.push_back(std::move(token));
    return tokens;
}

TimeScan scan_time(const std::vector<TimeToken>& tokens, date::year_month_day today, FerieWeeks ferie) {
    const time_detail::Reader reader(tokens, today, ferie);
    TimeScan scan;
    std::optional<time_detail::Match> time, year;
    for (size_t at = 0; at < tokens.size();) {
        if (std::optional<time_detail::Match> match = reader.read(at)) {
            at += match->used;
            std::optional<time_detail::Match>& slot = match->year_only ? year : time;
            if (!slot) slot = std::move(match);  // later times are read, not used
            continue;
        }
        const TimeToken& token = tokens[at++];
        if (is_time_filler(token.word) || lookup_shift(token.word)) continue;
        if (MonthLookup month = lookup_month(token.word); month.match == MonthMatch::ambiguous) {
            if (scan.month_candidates.empty()) scan.month_candidates = month.candidates;
            continue;
        }
        for (std::string& piece : words(token.raw)) scan.leftover.push_back(std::move(piece));
    }
    // "mai neste år", "påska i fjor": a year named apart moves a time named without one.
    if (time && year && time->in_year)
        if (std::optional<Period> moved = time->in_year(static_cast<int>(year->period.first.year())))
            time->period = std::move(*moved);
    if (time) scan.period = std::move(time->period);
    else if (year) scan.period = std::move(year->period);
    if (scan.period) scan.month_candidates.clear();
    return scan;
}

std::optional<Period> read_time_expression(std::string_view text, date::year_month_day today, FerieWeeks ferie) {
    TimeScan scan = scan_time(time_tokens(text), today, ferie);
    if (!scan.leftover.empty()) return std::nullopt;
    return scan.period;
}

}  // namespace planbot::commands
