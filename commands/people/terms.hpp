// Role terms: how long a role is given for. "/rolle gi kasserer @kari til 28.2.2027"
// names the end; without a date a role ends at the next meeting of the wheel event the
// plan names for it (Role::term_until: the county annual meeting for the county's
// roles, the chapters' annual meetings for theirs); "til videre", or a role the plan
// names no meeting for, has no end. The term ends on its day: from then on the role
// goes to a successor, or its reminders to the fylkessekretær. Pure.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

struct Term {
    std::optional<date::year_month_day> end;     // nullopt: no end
    const config::WheelEvent* meeting = nullptr;  // the default's meeting; null for a typed date
    bool month_only = false;                      // the wheel knows only the meeting's month: its last day
};

// The term a role gets without a date: until the first day of its meeting after `today`
// (the day an admin set with /dato, from `state`'s wheel dates; else the plan's fixed
// day; else, for an event known only by month, the month's last day, month_only). No
// end when the plan names no meeting or has none left. `state` may be null (no database).
Term default_term(const config::Plan& plan, const State* state, const config::RoleRef& role,
                  date::year_month_day today);

// The words «til 28.2.2027» or «til videre» at the end of a /rolle gi's args.
struct TermWords {
    size_t first_arg = 0;  // where they start: the args before it name the roles and person
    Term term;
};

// nullopt when the args end with no "til"; the error (the reply) when the date after it
// cannot be read or is not after today.
std::expected<std::optional<TermWords>, std::string> read_term_words(const std::vector<std::string>& args,
                                                                     date::year_month_day today);

// " til 28. februar 2027", or "" for no end.
std::string term_phrase(const std::optional<date::year_month_day>& end);

// " (til fylkesårsmøtet, som planen bare kjenner måneden for: jeg har satt siste dag i
// februar)" for a month-only default; else "".
std::string term_note(const Term& term);

// How a holding reads in listings: " (til 28. februar 2027)", " (perioden endte 13.
// februar 2027)" when it is over on `today`, or "".
std::string holding_term_text(const Holding& holding, date::year_month_day today);

}  // namespace planbot::commands
