// Reads the time span in a question: "i mai", "mai 2027", "neste måned", "denne
// måneden", "i dag", "i morgen", "denne uka", "neste uke", "i helga", "i 2027".
// Input is folded words (norwegian.hpp); "today" is the caller's local date.
// Commands read their period with read_period, which also takes one day as dates.hpp's
// read_date reads it (the parser /frist uses).
#pragma once

#include <string>
#include <vector>

#include <date/date.h>

namespace planbot::commands {

enum class PeriodKind { day, week, weekend, month, year };

struct Period {
    PeriodKind kind = PeriodKind::month;
    date::year_month_day first;  // inclusive
    date::year_month_day last;   // inclusive
    std::string label;           // Norwegian, e.g. "mai 2027", "neste uke (uke 49, …)"
};

enum class PeriodStatus {
    found,            // a period was named
    none,             // no period words at all
    ambiguous_month,  // a month name with a typo that fits two months
};

struct PeriodParse {
    PeriodStatus status = PeriodStatus::none;
    Period period;
    std::vector<int> month_candidates;  // when ambiguous_month
    std::vector<std::string> leftover;  // words that were neither period nor filler
    // read_period: why words that start like a date are none ("31.2.2027 finnes ikke: …"),
    // as read_date words it.
    std::string date_error;
};

PeriodParse parse_period(const std::vector<std::string>& folded_words, date::year_month_day today);

// A command's period, from its words as typed (split at spaces): what parse_period reads
// when it reads all of them, else one day as read_date reads it ("1.6.2027", "1. juni",
// "neste fredag"), labelled "tirsdag 1. juni 2027".
PeriodParse read_period(const std::vector<std::string>& typed_words, date::year_month_day today);

// The whole calendar month, labelled "mai 2027".
Period month_period(int year, int month);

}  // namespace planbot::commands
