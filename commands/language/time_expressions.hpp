// One reader of Norwegian time expressions, for the questions ("hva skjer i påska") and
// for /frister alike: given the words and the local day they were written on, the days
// they mean, from first to last, with a Norwegian label.
//
// It reads days ("i dag", "i morra", "på tysdag", "førstkommende fredag", "14. april",
// "den 5.", "5/6", "julaften", "andre tirsdag i september", "siste fredag i mai"), weeks
// ("neste veke", "uke 12", "om to uker"), weekends, months ("mai", "forrige måned"),
// quarters and half-years ("neste kvartal", "første halvår"), seasons ("i haust"),
// holidays ("i påskå", "i romjula", "i pinsen"), elections ("etter valget"), years
// ("i fjor", "neste år"), spans ("resten av året", "de neste 14 dagene", "før jul",
// "etter nyttår", "til og med 1. juni", "fra 1. mai til 15. juni").
//
// A time named without a year means the next one that has not ended ("17. mai" asked
// in December is next year's; "i sommer" asked in July is this summer); the explicit
// past forms ("forrige", "i fjor", "i går", "for to uker siden") look back. A year
// elsewhere in the words moves a time named without one ("påska neste år").
// The named times and their intervals are defined in holidays.hpp; the words in
// time_words.hpp; the intervals and labels in time_periods.hpp. Pure: no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/language/public_holidays.hpp"
#include "commands/language/time_periods.hpp"

namespace planbot::commands {

struct TimeToken {
    std::string raw;   // as typed, for the date reader ("14.", "5/6", "før")
    std::string word;  // folded; a date in digits keeps its dots ("1.5", "14", "17.mai")
};

// Text as typed, split at spaces; a piece with digits stays whole ("1.6.2027", "5/6"),
// any other piece becomes its folded words (norwegian.hpp's words()).
std::vector<TimeToken> time_tokens(std::string_view text);
// Words already split: folded words from words(), or pieces as typed.
std::vector<TimeToken> time_tokens(const std::vector<std::string>& pieces);

struct TimeScan {
    std::optional<Period> period;        // the first time named (moved by a year named elsewhere)
    std::vector<int> month_candidates;   // no time, but a month typo that fits several ("jui")
    std::vector<std::string> leftover;   // folded words that are neither time nor filler
};

// Reads the tokens left to right; the first time found is the period. «fellesferien»
// is `ferie`'s weeks (the settings').
TimeScan scan_time(const std::vector<TimeToken>& tokens, date::year_month_day today, FerieWeeks ferie = {});

// The days a whole text names ("hva skjer i påska?"), or nothing when it names none or
// has words besides the time and filler ("hva skjer med partiskatten i mai").
std::optional<Period> read_time_expression(std::string_view text, date::year_month_day today,
                                           FerieWeeks ferie = {});

}  // namespace planbot::commands
