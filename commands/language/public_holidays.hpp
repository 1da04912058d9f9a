// Norway's public holidays (helligdager and the two state holidays, 1. and 17. mai)
// for any year, and the fellesferie: the common summer holiday, a run of ISO weeks
// (weeks 28–30 unless the settings say otherwise). The reminders use them to keep
// quiet on days off; the time parser names the fellesferie. Pure: no clock, no
// settings (the caller hands in the weeks).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace planbot::commands {

struct PublicHoliday {
    date::year_month_day day;
    std::string_view name;  // as replies write it: "skjærtorsdag", "17. mai"
};

// The twelve public holidays of `year` (1. nyttårsdag, skjærtorsdag, langfredag, 1. and
// 2. påskedag, 1. mai, 17. mai, Kristi himmelfartsdag, 1. and 2. pinsedag, 1. and 2.
// juledag), in date order. Kristi himmelfartsdag may fall on 1. or 17. mai: both are listed.
std::vector<PublicHoliday> public_holidays(int year);

// The holiday on `day`, if it is one (the first listed when two fall together).
std::optional<PublicHoliday> public_holiday(date::year_month_day day);

// The shipped fellesferie: ISO weeks 28 to 30.
inline constexpr int kFellesferieFirstWeek = 28;
inline constexpr int kFellesferieLastWeek = 30;

// The fellesferie's ISO weeks as the settings have them (reminders.fellesferie), for
// the questions' «i fellesferien»; the shipped weeks by default.
struct FerieWeeks {
    int first = kFellesferieFirstWeek;
    int last = kFellesferieLastWeek;
};

// The Monday of ISO week `week` of `year` (week 1 holds the year's first Thursday).
date::year_month_day iso_week_monday(int year, int week);

// The days of the fellesferie in `year`: Monday of `first_week` to Sunday of
// `last_week`. nullopt when first_week is 0 (no fellesferie) or the weeks are reversed.
struct DaySpan {
    date::year_month_day first;
    date::year_month_day last;
};
std::optional<DaySpan> fellesferie(int year, int first_week = kFellesferieFirstWeek,
                                   int last_week = kFellesferieLastWeek);

}  // namespace planbot::commands
