// The intervals time expressions name, built and labelled one way: a day, an ISO week,
// a weekend, a month, a quarter, a half-year, a year, or any other span of days. The
// labels are Norwegian and are what replies show: "neste uke (uke 49, 30. november –
// 6. desember 2026)", "påsken (21.–29. mars 2027)", "i dag, lørdag 28. november 2026".
// Pure: "today" is always the caller's local (Europe/Oslo) date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace planbot::commands {

// `span` is any other run of days: a season, a holiday, a quarter, "resten av året".
enum class PeriodKind { day, week, weekend, month, year, span };

struct Period {
    PeriodKind kind = PeriodKind::month;
    date::year_month_day first;  // inclusive
    date::year_month_day last;   // inclusive
    std::string label;           // Norwegian, e.g. "mai 2027", "neste uke (uke 49, …)"
};

date::year_month_day add_days(date::year_month_day day, int days);

// "i morgen, søndag 29. november 2026"; without a name "søndag 29. november 2026".
Period day_period(date::year_month_day day, std::string name = "");
// The ISO week `weeks_ahead` weeks from the one holding `today`, named `name`.
Period week_period(date::year_month_day today, int weeks_ahead, std::string name);
// ISO week `number` of ISO year `year` ("uke 12 (22.–28. mars 2027)"), if it exists.
std::optional<Period> numbered_week(int year, int number);
// The weekend `shift` weekends from now: 0 is this one (today, if it is Saturday or
// Sunday), +1 the one after it, −1 the one before.
Period weekend_period(date::year_month_day today, int shift);
// The whole calendar month, labelled "mai 2027".
Period month_period(int year, int month);
Period month_ahead(date::year_month_day today, int months_ahead);
// Quarter 1–4 or half-year 1–2 of `year`, named e.g. "neste kvartal" or "3. kvartal".
Period quarter_period(int year, int quarter, std::string name);
Period half_year_period(int year, int half, std::string name);
// The year, labelled "2027".
Period year_period(int year);
// Any other days: "påsken (21.–29. mars 2027)".
Period span_period(date::year_month_day first, date::year_month_day last, std::string name);

// From today, `count` days: "de neste 14 dagene (28. november – 11. desember 2026)".
Period coming_days(date::year_month_day today, int count);

// The period as a sentence names it after a verb: "i juni 2027", "i uke 12 (…)", "i
// påsken (…)", "i perioden 1.–15. mai 2027"; labels that carry their own preposition
// or need none stay as they are: "neste uke (…)", "i dag, …", "lørdag 12. desember 2026".
std::string period_phrase(const Period& period);

// "én uke", "to uker", "14 dager".
std::string count_words(int count, std::string_view one, std::string_view many);

}  // namespace planbot::commands
