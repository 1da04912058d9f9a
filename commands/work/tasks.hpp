// Tasks and their occurrences: the plan's tiltak (with the admins' edits laid over
// them) and the one-off tasks added in the chat, expanded into concrete deadlines in
// the plan's calendar. Pure: plan + edits in, values out. Replaces deadlines.hpp's
// plan-only view for everything that can be confirmed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "commands/state.hpp"
#include "commands/people/roles.hpp"  // units_of, unit_name
#include "config/plan.hpp"

namespace planbot::commands {

// A task: a tiltak of the plan, or a one-off task added with /ny.
struct Task {
    int number = 0;
    std::string title;                       // the short title (fits a phone line)
    const config::Tiltak* tiltak = nullptr;  // null for an added task
    // Who is responsible: the plan's roles plus the /ansvar edits. When the plan names
    // nobody and no admin has assigned anyone, the county board (fylkesstyret) stands in
    // and ansvarlig_missing stays true, so listings can say "ansvarlig mangler".
    std::vector<config::RoleRef> roles;
    bool ansvarlig_missing = false;
    config::Scope per = config::Scope::none;  // one occurrence per unit of this kind
    std::optional<date::year_month_day> added_date;  // the date of an added task
};

// A tiltak as a task, with the /ansvar edits. A tiltak that names nobody answers to the
// plan's board ([special] board), flagged ansvarlig_missing; with no board, to nobody.
Task task_of(const config::Plan& plan, const config::Tiltak& tiltak, const std::vector<ResponsibilityEdit>& edits);
Task task_of(const AddedTask& added);
// The plan's tiltak or an added task, by number; nullopt when there is none.
std::optional<Task> find_task(const config::Plan& plan, const State& state, int number);

struct Occurrence {
    OccurrenceId id;
    date::year_month_day due;
    bool moved = false;  // the date is an admin's (moved or added), not the plan's
};

// The dates a dated schedule (not weekly, admin-dated or ongoing) gives in one year,
// in date order; a plan day that does not exist that year (29 February) falls on the
// month's last day.
std::vector<date::year_month_day> scheduled_dates(const config::Schedule& schedule, int year);

// The task's occurrences due in [first, last] (clamped to the plan period), with
// `edits` (this task's DeadlineEdits) applied: a moved occurrence is listed at its new
// date, an added date is an occurrence of its own. Sorted by date, then unit, then key.
// Weekly tasks give one per ISO week on the schedule's weekday. admin_dates and
// ongoing tasks have only the added dates.
std::vector<Occurrence> occurrences(const config::Plan& plan, const Task& task,
                                    const std::vector<DeadlineEdit>& edits, date::year_month_day first,
                                    date::year_month_day last);

// The year an occurrence counts for in reports and status: the year of its key (the
// plan's date, the ISO week's year, an added date's year), so a plan deadline an admin
// moved across new year still counts for its own year. A task added with /ny has no
// year of its own but its date: it counts for the year it is due in, moved or not.
int occurrence_year(const Task& task, const Occurrence& occurrence);

// The task's occurrences that count for `year` (occurrence_year), in date order.
std::vector<Occurrence> occurrences_of_year(const config::Plan& plan, const Task& task,
                                            const std::vector<DeadlineEdit>& edits, int year);

// Every occurrence of the task over the whole plan period.
std::vector<Occurrence> all_occurrences(const config::Plan& plan, const Task& task,
                                        const std::vector<DeadlineEdit>& edits);

// The roles responsible for one occurrence: the task's roles, with a scoped role the
// task is per-unit for narrowed to the occurrence's unit (tiltak 3 in Innherred:
// regionleder/innherred and fylkessekretaer).
std::vector<config::RoleRef> responsible_for(const config::Plan& plan, const Task& task, std::string_view unit);

// True when a holder of `held` answers for `responsible`: same role, and the
// responsible ref has no unit or the same unit.
bool answers_for(const config::RoleRef& held, const config::RoleRef& responsible);
bool answers_for_any(const std::vector<config::RoleRef>& held, const std::vector<config::RoleRef>& responsible);

// How an occurrence is named when a task has several: "2. kvartal 2026", "uke 5 2026",
// "Innherred 2026", "31. desember 2026" — short, for lists and confirmations.
std::string occurrence_label(const config::Plan& plan, const Task& task, const Occurrence& occurrence);

}  // namespace planbot::commands
