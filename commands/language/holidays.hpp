// The Norwegian calendar's named times: Easter (the computus) and the days it moves,
// the fixed holidays, the seasons, and the elections. Each named time is defined once,
// here, as the days it covers in one year ("occurrence"); time_expressions.cpp picks
// the occurrence a question means. Pure: no clock.
//
// The intervals, as planbot reads them (README, "Questions about the plan"):
//   påsken    palmesøndag – 2. påskedag (Easter − 7 … Easter + 1)
//   pinsen    pinseaften – 2. pinsedag (Easter + 48 … Easter + 50)
//   jula      julaften – nyttårsdag (24 December – 1 January), occurrence year = December's
//   romjula   27–30 December: the working days between 2. juledag and nyttårsaften
//   nyttår    nyttårsaften – nyttårsdag (31 December – 1 January)
//   våren     March–May; sommeren June–August; høsten September–November;
//   vinteren  December–February, occurrence year = February's ("vinteren 2027" = Dec 2026–Feb 2027)
//   fellesferien  ISO weeks 28–30, or the weeks of the setting reminders.fellesferie
//             (public_holidays.hpp's FerieWeeks, handed in by the caller)
//   valget    election day, the second Monday of September: Storting in 2025, 2029, …,
//             local (kommune- og fylkestingsvalg) in 2027, 2031, …
#pragma once

#include <optional>
#include <string_view>

#include <date/date.h>

#include "commands/language/public_holidays.hpp"

namespace planbot::commands {

// Easter Sunday of `year` in the Gregorian calendar (Meeus/Jones/Butcher).
date::year_month_day easter_sunday(int year);

// Election day in `year` (second Monday of September), if Norway holds an election that year.
enum class Election { any, storting, local };
std::optional<date::year_month_day> election_day(int year, Election which = Election::any);

// A named time found in a word: an index into the table of named times.
struct NamedTime {
    size_t index = 0;
};

// "påska", "påskå", "jula", "romjula", "sommeren", "haust", "julaften", "skjærtorsdag",
// "stortingsvalget": the named time a folded word means; with allow_typo, also a long
// word one typo away from only one named time ("romjulenn", "skjertorsdag").
std::optional<NamedTime> lookup_named_time(std::string_view folded_word, bool allow_typo = true);

// The ordinal days: "1./første juledag", "2./andre påskedag", "andre pinsedag".
std::optional<NamedTime> lookup_numbered_day(int ordinal, std::string_view folded_word);

// True for "vår" (folded "var"), which is also "was" and "our": a season only after a
// preposition or a relative word.
bool needs_preposition(NamedTime named);

// The days a named time covers in its occurrence `year`, or nothing (no election that
// year); the fellesferie is `ferie`'s weeks.
struct NamedDays {
    date::year_month_day first;
    date::year_month_day last;
};
std::optional<NamedDays> named_days(NamedTime named, int year, FerieWeeks ferie = {});

// How replies name it: "påsken", "julaften"; and whether it is one day.
std::string_view named_label(NamedTime named);
bool is_single_day(NamedTime named);
// For a named time of several days, the days it runs between in words ("palmesøndag –
// 2. påskedag", "juni – august"), as the intervals above define them.
std::string_view named_extent(NamedTime named);

}  // namespace planbot::commands
