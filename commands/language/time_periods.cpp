// See time_periods.hpp.
#include "commands/language/time_periods.hpp"

#include <optional>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands {

using date::year_month_day;

year_month_day add_days(year_month_day day, int days) {
    return year_month_day(date::sys_days(day) + date::days(days));
}

Period day_period(year_month_day day, std::string name) {
    std::string label = name.empty() ? format_day(day, true) : std::move(name) + ", " + format_day(day, true);
    return {PeriodKind::day, day, day, std::move(label)};
}

namespace {

// "neste uke (uke 49, 30. november – 6. desember 2026)"; a name that already says the
// week's number ("uke 12") is not told it twice.
Period week_starting(year_month_day monday, std::string name) {
    const year_month_day sunday = add_days(monday, 6);
    const std::string number = "uke " + std::to_string(iso_week(monday).week);
    const std::string inside = name == number ? format_range(monday, sunday) : number + ", " + format_range(monday, sunday);
    return {PeriodKind::week, monday, sunday, std::move(name) + " (" + inside + ")"};
}

}  // namespace

Period week_period(year_month_day today, int weeks_ahead, std::string name) {
    return week_starting(add_days(today, 1 - iso_weekday(today) + 7 * weeks_ahead), std::move(name));
}

std::optional<Period> numbered_week(int year, int number) {
    const year_month_day january_4 = date::year(year) / 1 / 4;
    const year_month_day monday = add_days(january_4, 1 - iso_weekday(january_4) + 7 * (number - 1));
    if (number < 1 || iso_week(monday).year != year) return std::nullopt;
    return week_starting(monday, "uke " + std::to_string(number));
}

Period weekend_period(year_month_day today, int shift) {
    const int weekday = iso_weekday(today);
    int to_saturday = weekday <= 5 ? 6 - weekday : (weekday == 6 ? 0 : -1);
    to_saturday += 7 * shift;
    const year_month_day saturday = add_days(today, to_saturday);
    const char* name = shift > 0 ? "neste helg" : shift < 0 ? "forrige helg" : "helga";
    return {PeriodKind::weekend, saturday, add_days(saturday, 1),
            std::string(name) + " (" + format_range(saturday, add_days(saturday, 1)) + ")"};
}

Period month_period(int year, int month) {
    const year_month_day first = date::year(year) / date::month(static_cast<unsigned>(month)) / 1;
    const year_month_day last = date::year(year) / date::month(static_cast<unsigned>(month)) / date::last;
    return {PeriodKind::month, first, last, std::string(month_name(month)) + " " + std::to_string(year)};
}

Period month_ahead(year_month_day today, int months_ahead) {
    date::year_month ym = today.year() / today.month();
    ym += date::months(months_ahead);
    return month_period(static_cast<int>(ym.year()), static_cast<int>(static_cast<unsigned>(ym.month())));
}

Period quarter_period(int year, int quarter, std::string name) {
    const year_month_day first = date::year(year) / date::month(static_cast<unsigned>(3 * quarter - 2)) / 1;
    const year_month_day last = date::year(year) / date::month(static_cast<unsigned>(3 * quarter)) / date::last;
    return span_period(first, last, std::move(name));
}

Period half_year_period(int year, int half, std::string name) {
    const year_month_day first = date::year(year) / date::month(static_cast<unsigned>(6 * half - 5)) / 1;
    const year_month_day last = date::year(year) / date::month(static_cast<unsigned>(6 * half)) / date::last;
    return span_period(first, last, std::move(name));
}

Period year_period(int year) {
    return {PeriodKind::year, date::year(year) / 1 / 1, date::year(year) / 12 / 31, std::to_string(year)};
}

Period span_period(year_month_day first, year_month_day last, std::string name) {
    return {PeriodKind::span, first, last, std::move(name) + " (" + format_range(first, last) + ")"};
}

Period coming_days(year_month_day today, int count) {
    return span_period(today, add_days(today, count - 1), "de neste " + count_words(count, "dagen", "dagene"));
}

std::string period_phrase(const Period& period) {
    const std::string& label = period.label;
    if (period.kind == PeriodKind::day || label.empty()) return label;
    if (period.kind == PeriodKind::year) return "i " + label;
    if (label.front() >= '0' && label.front() <= '9') return "i perioden " + label;
    for (std::string_view own : {"i ", "neste ", "forrige ", "denne ", "dette ", "de ", "om ", "for ", "resten ",
                                 "ut "})
        if (label.starts_with(own)) return label;
    return "i " + label;
}

std::string count_words(int count, std::string_view one, std::string_view many) {
    static constexpr std::string_view kNames[] = {"null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti"};
    std::string number = count >= 0 && count <= 10 ? std::string(kNames[count]) : std::to_string(count);
    return number + " " + std::string(count == 1 ? one : many);
}

}  // namespace planbot::commands
