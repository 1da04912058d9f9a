// See period.hpp: the callers' view of time_expressions.hpp's scan.
#include "commands/language/period.hpp"

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/time_expressions.hpp"

namespace planbot::commands {

namespace {

PeriodParse from_scan(TimeScan scan) {
    PeriodParse parse;
    parse.leftover = std::move(scan.leftover);
    if (scan.period) {
        parse.status = PeriodStatus::found;
        parse.period = std::move(*scan.period);
    } else if (!scan.month_candidates.empty()) {
        parse.status = PeriodStatus::ambiguous_month;
        parse.month_candidates = std::move(scan.month_candidates);
    }
    return parse;
}

}  // namespace

PeriodParse parse_period(const std::vector<std::string>& folded_words, date::year_month_day today,
                         FerieWeeks ferie) {
    return from_scan(scan_time(time_tokens(folded_words), today, ferie));
}

PeriodParse parse_period(std::string_view text, date::year_month_day today, FerieWeeks ferie) {
    return from_scan(scan_time(time_tokens(text), today, ferie));
}

PeriodParse read_period(const std::vector<std::string>& typed_words, date::year_month_day today, FerieWeeks ferie) {
    std::string typed;
    for (const std::string& word : typed_words) typed += (typed.empty() ? "" : " ") + word;
    PeriodParse parse = parse_period(std::string_view(typed), today, ferie);
    if ((parse.status != PeriodStatus::none && parse.leftover.empty()) || typed_words.empty()) return parse;
    // "31.2.2027", "30. februar": written as a date, but none that exists; read_date says why.
    const std::string_view first = typed_words.front();
    const bool digits_first = !first.empty() && first.front() >= '0' && first.front() <= '9';
    const std::vector<std::string> second = typed_words.size() > 1 ? words(typed_words[1]) : std::vector<std::string>{};
    const bool date_shaped = first.find_first_of("./-") != std::string_view::npos ||
                             (!second.empty() && lookup_month(second.front()).match != MonthMatch::none);
    if (!digits_first || !date_shaped) return parse;
    if (auto day = read_date(typed_words, today); !day) parse.date_error = day.error();
    return parse;
}

}  // namespace planbot::commands
