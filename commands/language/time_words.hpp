// The words of Norwegian time expressions, as tables: units ("uke", "veke", "kvartal"),
// relative words ("neste", "komande", "forrige", "førre"), ordinals ("andre", "siste"),
// days from today ("i dag", "i morra", "i går") and the filler a question is wrapped in.
// All take one folded word (norwegian.hpp's fold). Pure lookups, no dates.
#pragma once

#include <optional>
#include <string_view>

namespace planbot::commands {

enum class TimeUnit { day, week, weekend, month, quarter, half_year, year };

// "uke", "uka", "veke", "måned", "månad", "helga", "kvartalet", "halvår", "år", "dager".
std::optional<TimeUnit> lookup_time_unit(std::string_view word);

// +1 for "neste", "kommende", "komande", "førstkommende"; 0 for "denne", "dette",
// "inneværende", "hele"; −1 for "forrige", "førre", "sist".
std::optional<int> lookup_shift(std::string_view word);

// 1 for "første", "fyrste", "1"; 2 for "andre", "annen", "2"; … ; −1 for "siste".
std::optional<int> lookup_ordinal(std::string_view word);

// The day after "i" (or glued to it: "idag", "imorra"): 0 for "dag", "kveld"; 1 for
// "morgen", "morra", "mårå"; 2 for "overmorgen"; −1 for "går"; −2 for "forgårs".
std::optional<int> lookup_day_offset(std::string_view word);

// Words that carry no meaning for the time (question words, prepositions, filler).
bool is_time_filler(std::string_view word);

}  // namespace planbot::commands
