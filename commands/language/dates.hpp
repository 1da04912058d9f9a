// Dates as people type them in commands: "1.6.2027", "1.6.", "1. juni 2027",
// "1 juni", "2027-06-01", "1/6", "1/6-27", "i dag", "i morgen", "fredag",
// "neste fredag". Pure: `today` is the caller's (Europe/Oslo) date.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

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

// "1.6.2027" style, for replies that users can type back.
std::string short_date(date::year_month_day day);

}  // namespace planbot::commands
