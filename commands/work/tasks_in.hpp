// Which tasks fall in a date window, computed in one place for every listing (/oppgaver,
// /frister), digest, reminder, /status and the report: the plan's tiltak with the
// admins' /ansvar and /frist edits laid over them, and the tasks added with /ny. A
// moved occurrence counts at its new date and not at its old one, so a /ny task moved
// from 1.6.2027 to 1.12.2026 is in December 2026 everywhere and in June 2027 nowhere.
//
// Cost: the plan's tiltak are few and expanded whole. Of the tasks added in the chat
// (possibly a hundred thousand) only those due in the window are read, through the
// state's date index (added_tasks_between), plus the few an admin moved, read once by
// number. A caller asking about many windows (the reminder planner) keeps one
// TaskCalendar, so the edits are read once. Pure: reads the State only. Without a
// state (no database) the calendar is the plan alone.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include <date/date.h>

#include "commands/state.hpp"
#include "commands/work/tasks.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

// A task and its occurrences in a window (or of a year), in the order occurrences() gives.
struct DueTask {
    Task task;
    std::vector<Occurrence> occurrences;
};

// The tasks as the state has them. Constructing one reads nothing; each kind of edit
// is read on first use and kept, so one calendar serves one request (not threads).
class TaskCalendar {
public:
    TaskCalendar(const config::Plan& plan, const State& state) : plan_(plan), state_(&state) {}
    // `state` may be null: the plan's tiltak as planned, and no added tasks.
    TaskCalendar(const config::Plan& plan, const State* state) : plan_(plan), state_(state) {}

    // Every task with an occurrence due in [first, last] (clamped to the plan period):
    // the plan's tiltak in plan order, then the added tasks by date and number.
    std::vector<DueTask> in(date::year_month_day first, date::year_month_day last) const;
    // The plan's part of in(): tiltak with an occurrence due in [first, last], plan order.
    std::vector<DueTask> plan_tasks_in(date::year_month_day first, date::year_month_day last) const;
    // The added part of in(): those the date index finds in [first, last] that no admin
    // moved, and the moved ones whose new date is in it; by date, then number.
    std::vector<DueTask> added_tasks_in(date::year_month_day first, date::year_month_day last) const;
    // Added tasks the caller already has (state.added_tasks_for: one person's), with
    // their occurrence in [first, last]; those without one are left out. Caller's order.
    std::vector<DueTask> added_tasks_in(const std::vector<AddedTask>& added, date::year_month_day first,
                                        date::year_month_day last) const;

    // For /status and the report: every tiltak, with its occurrences that count for
    // `year` (occurrence_year; possibly none, which the report says), then the added
    // tasks with one that does, by date and number.
    std::vector<DueTask> of_year(int year) const;

    // One task's occurrences due in [first, last], with the admins' date edits applied.
    std::vector<Occurrence> occurrences_of(const Task& task, date::year_month_day first,
                                           date::year_month_day last) const;
    // One task's DeadlineEdits (by unit, key); none when an admin moved nothing.
    const std::vector<DeadlineEdit>& edits_of(int task) const;
    // A tiltak as a task, with the /ansvar edits.
    Task task_of_tiltak(const config::Tiltak& tiltak) const;

private:
    const std::map<int, std::vector<DeadlineEdit>>& edits() const;
    const std::vector<AddedTask>& moved_added() const;  // by number

    const config::Plan& plan_;
    const State* state_;  // null: the plan alone
    mutable std::optional<std::map<int, std::vector<DeadlineEdit>>> edits_;
    mutable std::optional<std::vector<ResponsibilityEdit>> responsibility_;
    mutable std::optional<std::vector<AddedTask>> moved_added_;
};

// TaskCalendar(plan, state).in(first, last): for a caller asking about one window.
std::vector<DueTask> tasks_in(const config::Plan& plan, const State& state, date::year_month_day first,
                              date::year_month_day last);

}  // namespace planbot::commands
