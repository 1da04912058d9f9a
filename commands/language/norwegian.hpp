// Norwegian language helpers for the question engine: folding text for tolerant
// matching (case, æøå, punctuation), month and weekday names in bokmål, nynorsk
// and abbreviations, typo-tolerant month lookup and date wording for replies.
// Pure functions: no I/O, no clock, no locale.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace planbot::commands {

// Lower-cases (ASCII and the Norwegian letters, UTF-8) and maps æ→ae, ø→o, å→a,
// é/è/ê→e, ä→a, ö→o, ü→u, "aa"→"a", so that "Fylkesårsmøtet", "FYLKESAARSMØTET" and
// "fylkesarsmotet" all become "fylkesarsmotet". Other punctuation becomes a space.
std::string fold(std::string_view text);

// fold(text) split into words. Punctuation separates words ("1. mai" gives "1" and
// "mai"); a hyphen inside a word stays ("su-medlemmene").
std::vector<std::string> folded_words(std::string_view text);

// folded_words(text) read through the table of nynorsk and dialect forms
// (word_forms.hpp): «kva skjer i haust» gives "hva", "skjer", "i", "host". Everything
// that reads what a member wrote reads these words; text that is kept and searched as
// written (forum posts) uses folded_words.
std::vector<std::string> words(std::string_view text);

// True when `word` is one of `list`.
bool is_one_of(std::string_view word, std::initializer_list<std::string_view> list);

// A whole number written with digits only ("12", not "12a" or "-5").
std::optional<int> as_number(std::string_view word);

// Words for a small count: "en", "ei", "ett", "to" … "ti", or digits.
std::optional<int> as_count(std::string_view word);

// Damerau–Levenshtein distance (insert, delete, substitute, swap neighbours).
int edit_distance(std::string_view a, std::string_view b);
// edit_distance(a, b) <= 1, in one pass over the words instead of a table: most
// comparisons a message makes (every word against every signal word) ask only this.
bool within_one_edit(std::string_view a, std::string_view b);

enum class MonthMatch { none, exact, typo, ambiguous };

struct MonthLookup {
    MonthMatch match = MonthMatch::none;
    int month = 0;                  // 1..12 when exact or typo
    std::vector<int> candidates;    // when ambiguous ("jui": juni or juli)
};

// A folded word as a month: full names, abbreviations (jan, feb, mar, apr, jun, jul,
// aug, sep/sept, okt, nov, des), or a full name with one typo when only one month is
// that close.
MonthLookup lookup_month(std::string_view folded_word);

// A folded word as a weekday, 1 = Monday … 7 = Sunday: bokmål and ø typed as "oe".
// Nynorsk ("tysdag", "laurdag") and Trøndelag forms ("freda") are read as bokmål by
// words() first (word_forms.tsv).
std::optional<int> lookup_weekday(std::string_view folded_word);

// "januar" … "desember"; weekday 1 = "mandag" … 7 = "søndag" (ISO numbering).
std::string_view month_name(int month);
std::string_view weekday_name(int iso_weekday);
int iso_weekday(date::year_month_day day);

// "fredag 1. mai", "fredag 1. mai 2027" (with_year), "1.–7. juni" style ranges.
std::string format_day(date::year_month_day day, bool with_year = false);
// "tirsdag 17. mars", with the year only when it is not `today`'s.
std::string format_day_in(date::year_month_day day, date::year_month_day today);
std::string format_range(date::year_month_day first, date::year_month_day last);

// Capitalises the first letter (ASCII or æøå) for the start of a line.
std::string capitalise(std::string_view text);

}  // namespace planbot::commands
