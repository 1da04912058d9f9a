// The reader behind time_expressions.hpp, shared by its two source files:
// time_expressions.cpp (the walk over the words and the spans around another time:
// "før jul", "etter påske", "fra … til"), time_reader.cpp (every plain time: days,
// weeks, months, quarters, years, named times) and time_parts.cpp (parts of months,
// runs of days and weeks). Not for use outside language/.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "commands/language/time_expressions.hpp"
#include "commands/language/time_words.hpp"

namespace planbot::commands::time_detail {

// The same time in another year, for a time named without one ("mai", "påska").
using InYear = std::function<std::optional<Period>(int year)>;

// A time found at a position: its days, how many tokens it used, and how to move it.
struct Match {
    Period period;
    size_t used = 0;
    InYear in_year;          // empty for times fixed in one year ("neste uke", "1.6.2027")
    bool year_only = false;  // "i fjor", "neste år", "2027": may move another time into that year
};

class Reader {
public:
    Reader(const std::vector<TimeToken>& tokens, date::year_month_day today, FerieWeeks ferie = {})
        : tokens_(tokens), today_(today), ferie_(ferie) {}

    // The time that starts at `at`, spans around another time first ("før jul" before "jul").
    std::optional<Match> read(size_t at) const;

private:
    std::string_view word(size_t at) const { return at < tokens_.size() ? std::string_view(tokens_[at].word) : ""; }

    // A time that is no span around another one.
    std::optional<Match> plain(size_t at) const;
    // The occurrence a question means: shift 0 the first that has not ended, +1 the
    // first that has not begun, −1 the last that has ended.
    std::optional<Period> pick(const InYear& in_year, int shift) const;
    std::optional<Match> picked(const InYear& in_year, int shift, size_t used) const;

    // time_expressions.cpp: spans around another time.
    std::optional<Match> before_or_through(size_t at) const;
    std::optional<Match> after(size_t at) const;
    std::optional<Match> between(size_t at) const;

    // time_reader.cpp: the plain times, tried in this order.
    std::optional<Match> relative_day(size_t at) const;  // "i dag", "i morra", "i går"
    std::optional<Match> rest_of(size_t at) const;       // "resten av året", "ut måneden"
    std::optional<Match> coming(size_t at) const;        // "de neste 14 dagene", "neste to uker"
    std::optional<Match> ordinal(size_t at) const;       // "siste fredag i mai", "2. kvartal", "andre påskedag"
    std::optional<Match> date(size_t at) const;          // "14. april", "5/6", "den 5."
    std::optional<Match> shifted(size_t at) const;       // "neste uke", "forrige fredag", "neste påske"
    std::optional<Match> counted(size_t at) const;       // "om ti dager", "for to uker siden"
    std::optional<Match> named(size_t at) const;         // "påska", "julaften", "mai", "sommeren 2027"
    std::optional<Match> weekday(size_t at) const;       // "torsdag", "fredag neste uke"
    std::optional<Match> numbered_week(size_t at) const; // "uke 12", "veke 2 2028"
    std::optional<Match> unit_alone(size_t at) const;    // "uka", "måneden", "helga", "kvartalet"
    std::optional<Match> year(size_t at) const;          // "2027", "i år", "i fjor"

    // time_parts.cpp: parts of months and runs of days and weeks.
    std::optional<Match> part_of_month(size_t at) const; // "slutten av mai", "første halvdel av juni"
    std::optional<Match> day_range(size_t at) const;     // "1.–15. mai"
    std::optional<Match> week_range(size_t at) const;    // "uke 12–14", "uke 12 til 14"

    // A month or named time at `at`, for any year, and the tokens it used.
    std::optional<std::pair<InYear, size_t>> yearly(size_t at) const;
    Period unit_period(TimeUnit unit, int shift, std::string name = "") const;
    date::year_month_day weekday_day(int weekday, int shift) const;

    const std::vector<TimeToken>& tokens_;
    date::year_month_day today_;
    FerieWeeks ferie_;  // «fellesferien»
};

}  // namespace planbot::commands::time_detail
