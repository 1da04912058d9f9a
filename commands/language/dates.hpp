// Dates as people type them in commands: "1.6.2027", "1.6.", "1. juni 2027",
// "1 juni", "2027-06-01", "1/6", "1/6-27", "i dag", "i morgen", "fredag",
// "neste fredag"; and as replies write them ("1. juni 2027", "1.6.2027"), with the
// local day of an instant. Weekday dates ("mandag 1. juni") are norwegian.hpp's
// format_day. Pure: `today` is the caller's (Europe/Oslo) date.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include <chrono>

#include <date/date.h>
#include <date/tz.h>

namespace planbot::commands {

struct DateRead {
    date::year_month_day date;
    size_t tokens = 0;  // how many of the given tokens the date used
};

// Reads a date from the start of `tokens` (raw words as typed, split at spaces).
// Without a year, the first such date on or after `today`; a weekday name is the next
// such day after today. The error is a Norwegian sentence for the user:
// "31.2.2027 finnes ikke: februar 2027 har 28 dager." or "Jeg skjønte ikke datoen «…».
// Skriv for eksempel 1.6.2027 eller «1. juni»."
std::expected<DateRead, std::string> read_date(const std::vector<std::string>& tokens, date::year_month_day today);

// ---- Dates as replies write them: one function per kind, used everywhere ----

// "1.6.2027" style, for replies that users can type back.
std::string short_date(date::year_month_day day);
// "1.6.", for columns and stamps where the year is known.
std::string short_day(date::year_month_day day);
// "1. juni".
std::string day_month(date::year_month_day day);
// "1. juni 2027".
std::string long_day(date::year_month_day day);
// "1. juni", with the year only when it is not `today`'s: "1. juni 2027".
std::string day_in(date::year_month_day day, date::year_month_day today);
// "2026-03-17" (reminder keys, CSV).
std::string iso_date(date::year_month_day day);

// A day's year and month as the plain numbers the plan uses.
inline int year_of(date::year_month_day day) { return static_cast<int>(day.year()); }
inline int month_of(date::year_month_day day) { return static_cast<int>(static_cast<unsigned>(day.month())); }

// The ISO 8601 week of a day: weeks start on Monday, and week 1 holds the year's first
// Thursday, so 31 December 2024 is in week 1 of 2025 (year 2025).
struct IsoWeek {
    int year = 0;
    int week = 0;
};
IsoWeek iso_week(date::year_month_day day);

// ---- The plan's calendar: an instant's local time and day ----

// The local time of `at` in `zone` (Europe/Oslo, from the caller); UTC when zone is null.
date::local_seconds local_time(const date::time_zone* zone, std::chrono::sys_seconds at);
// The calendar day of `at` in `zone` (UTC when zone is null).
date::year_month_day local_day(const date::time_zone* zone, std::chrono::sys_seconds at);

}  // namespace planbot::commands
