// How the questions about the wheel and the plan name tasks: who answers for one, its
// next deadline, the dated tasks of a period, tasks asked for by number. Every answer
// reads the tasks as the state has them (tasks_in.hpp: the plan with the admins' /frist
// and /ansvar laid over it, and the tasks added with /ny), or the plan alone when there
// is no database (context.state null). Pure.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "commands/event.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::commands::wheel_detail {

// Inside a list: "Kasserer og gruppeledere", "AU" for a tiltak an admin gave AU with
// /ansvar, or "ansvarlig mangler i planen – fylkesstyret følger opp".
std::string ansvarlig_of(const config::Plan& plan, const Task& task);
// ", for hver region" for a task with one deadline per unit; "" otherwise.
std::string per_unit_note(const Task& task);

// One line of a period's deadlines: a task due on a day (its units due that day together).
struct DueOn {
    date::year_month_day date;
    Task task;
};

// The dated tasks due in [first, last], by date, then number; weekly tasks are left to
// the "Hver uke" line.
std::vector<DueOn> due_between(const TaskCalendar& calendar, date::year_month_day first, date::year_month_day last);

// The task's first deadline on or after `from`; none for a weekly task ("hver uke" says it).
std::optional<date::year_month_day> next_due(const TaskCalendar& calendar, const Task& task,
                                             date::year_month_day from);

// "hvem har ansvar for nr. 9": the tasks the topic's numbers name. The error, when a
// number names no tiltak (nor task added with /ny), is the reply: it says so rather
// than guess another.
std::expected<std::vector<Task>, std::string> tasks_by_number(const Context& context, const TaskCalendar& calendar,
                                                              const std::vector<std::string>& topic);

// "Nr. 9 Følge opp innbetaling av partiskatt\nAnsvarlig: …\nNår: hvert kvartal, neste frist …".
std::string who_entry(const Context& context, const TaskCalendar& calendar, const Task& task,
                      date::year_month_day today);

// The question back when a topic fits several tiltak about as well (choose_topic):
// "Mente du nr. 9 Følge opp partiskatt eller nr. 10 Øke inntekter fra støttegiro? Svar
// med nummeret, for eksempel «9»." A bare number answers it (intents.hpp).
std::string ask_which_tiltak(const std::vector<const config::Tiltak*>& offered);
// The same for wheel events, which have no number: "Mente du Årsmøter lokallag eller
// Fylkesårsmøte? Skriv for eksempel «når er Årsmøter lokallag»."
std::string ask_which_event(const std::vector<const config::WheelEvent*>& offered);

}  // namespace planbot::commands::wheel_detail
