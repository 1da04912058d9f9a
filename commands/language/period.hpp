// The period a question or a command names, as the callers need it: found, none, or a
// month typo that fits two months; and the words that were no time. The reading itself
// is time_expressions.hpp's, one parser for the questions ("hva skjer i påska") and for
// /frister. "today" is the caller's local date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "commands/language/public_holidays.hpp"
#include "commands/language/time_periods.hpp"

namespace planbot::commands {

enum class PeriodStatus {
    found,            // a period was named
    none,             // no period words at all
    ambiguous_month,  // a month name with a typo that fits two months
};

struct PeriodParse {
    PeriodStatus status = PeriodStatus::none;
    Period period;
    std::vector<int> month_candidates;  // when ambiguous_month
    std::vector<std::string> leftover;  // folded words that were neither period nor filler
    // read_period: why words that start like a date are none ("31.2.2027 finnes ikke: …"),
    // as read_date words it.
    std::string date_error;
};

// From folded words (norwegian.hpp's words()): a date in digits is already cut apart
// there ("1.5" is "1" and "5"), so only dates with a month name are read.
// «fellesferien» is `ferie`'s weeks (the settings', see ferie_weeks(Context)).
PeriodParse parse_period(const std::vector<std::string>& folded_words, date::year_month_day today,
                         FerieWeeks ferie = {});
// From text as typed: dates in digits too ("hva skjer 5/6", "den 14.").
PeriodParse parse_period(std::string_view text, date::year_month_day today, FerieWeeks ferie = {});

// A command's period, from its words as typed (split at spaces): the period they name
// when they are all time words ("juni", "neste uke", "1.6.2027", "neste fredag", "i
// påska"); else the date error of words written as a date that does not exist.
PeriodParse read_period(const std::vector<std::string>& typed_words, date::year_month_day today,
                        FerieWeeks ferie = {});

}  // namespace planbot::commands
