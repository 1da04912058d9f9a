// Private to the reminder planner: what reminders, "Ingen mottaker" notices and
// escalations say. Short Norwegian for phones; every date relative to `today`, the
// Oslo day the message is read (a late reminder counts from when it is sent). Pure.
#pragma once

#include <string>
#include <vector>

#include <date/date.h>

#include "commands/state.hpp"
#include "commands/work/tasks.hpp"
#include "config/plan.hpp"

namespace planbot::commands::detail {

// A responsible role as one chat stands for it, and its holders there (pointing into
// the planner's copy of the state's holdings, which outlives the texts).
struct Party {
    config::RoleRef role;
    std::vector<const Person*> holders;
};

// "@kari" for someone with a username (the platform notifies them), else the name.
std::string mention_name(const Person& person);

// "nr. 9 Følge opp partiskatt (1. kvartal 2026)"; for several units of one deadline the
// label without the unit ("nr. 3 Arrangement i hvert regionteam (2026)").
std::string reminder_subject(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences);

// A task reminder for one occurrence, or for one deadline of several units of the task
// (a fylkessekretær's channel gets one message, not one per region). `private_chat`:
// to one holder, who is addressed as "du". `buttons`: the message carries the ✅ Ferdig
// button, and says «Trykk ✅»; without, it names the command to type.
std::string reminder_text(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences,
                          date::year_month_day today, const std::vector<Party>& parties, bool private_chat, bool late,
                          bool buttons);

// To an admin when nobody can receive a reminder: starts "Ingen mottaker for …" and
// says how to fix it (/rolle gi, /kanal).
std::string no_recipient_text(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences,
                              date::year_month_day today, const std::vector<config::RoleRef>& roles, bool late);

// The same notice as one line of an admin's list: "nr. 9 … (1. kvartal 2026) har frist
// tirsdag 31. mars (om 14 dager): ingen har rollen Kasserer eller Gruppeledere."
std::string no_recipient_line(const config::Plan& plan, const Task& task, const std::vector<Occurrence>& occurrences,
                              date::year_month_day today, const std::vector<config::RoleRef>& roles);

// Several notices to one admin as one message: "Ingen mottaker for N påminnelser", a
// line each (every one listed: a long message is split by the platform adapter, never
// cut), and how to fix it, with `example` as the role in the commands shown.
std::string no_recipient_list_text(const config::Plan& plan, const std::vector<std::string>& lines,
                                   const config::RoleRef& example, bool late);

// One line of an escalation: a deadline (of one or several units) and who answers for it.
struct OverdueItem {
    const Task* task = nullptr;
    std::vector<Occurrence> occurrences;
    std::vector<Party> parties;
};

// The escalation list (to the fylkessekretær, or the admins).
std::string escalation_text(const config::Plan& plan, const std::vector<OverdueItem>& items, int days,
                            date::year_month_day today, bool late);

// What a reminder adds for roles whose terms ended without a successor (Audience::
// vacated): "Kasserer mangler etter årsmøtet." and the /rolle command that gives it on.
std::string vacated_lines(const config::Plan& plan, const std::vector<config::RoleRef>& roles);

// A role whose term ends soon with nobody to take it over, and who holds it until then.
struct EndingTerm {
    config::RoleRef role;
    std::vector<const Person*> holders;
};

// The question a week before terms end on `end`: who holds the roles next, with the
// exact /rolle command to type for each.
std::string term_question_text(const config::Plan& plan, const std::vector<EndingTerm>& terms,
                               date::year_month_day end, date::year_month_day today, bool late);
// The same in a line of /påminnelser: "hvem som tar over som Kasserer (Kari Nordmann)
// når perioden går ut 28. februar".
std::string term_question_summary(const config::Plan& plan, const std::vector<EndingTerm>& terms,
                                  date::year_month_day end, date::year_month_day today);

}  // namespace planbot::commands::detail
