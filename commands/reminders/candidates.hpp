// Private to the reminder planner: the open occurrences that can have a reminder in a
// window, as tasks_in.hpp counts them (moved ones at their new date). The plan's tiltak
// are few and expanded whole; of the tasks added in the chat (possibly a hundred
// thousand) only those due on the dates a reminder of the window can belong to are
// read, each date once per planner. Confirmed occurrences, and those due before
// tracking started, are left out. Pure: reads the State only.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "commands/reminders/schedule.hpp"
#include "commands/state.hpp"
#include "commands/work/tasks_in.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"

namespace planbot::commands::detail {

// An open occurrence, with its task and that task's reminder rules.
struct Candidate {
    size_t entry;  // OpenOccurrences::task / rules
    Occurrence occurrence;
};

class OpenOccurrences {
public:
    OpenOccurrences(const config::Plan& plan, const State& state, const config::ReminderSettings& settings,
                    date::year_month_day overdue_end);

    // The added tasks are `tasks` instead of those read by date (one person's).
    void use_added_tasks(std::vector<AddedTask> tasks);

    // Indexes of the candidates that can have a reminder (or escalation) on a nominal day of `nominal`.
    std::vector<size_t> for_days(DayRange nominal);

    const Candidate& candidate(size_t index) const { return candidates_[index]; }
    const Task& task(const Candidate& candidate) const { return entries_[candidate.entry].task; }
    const ReminderRules& rules(const Candidate& candidate) const { return entries_[candidate.entry].rules; }

private:
    struct Entry {
        Task task;
        ReminderRules rules;
    };

    void load();
    void add(std::vector<DueTask> tasks, std::vector<Candidate>& out);
    std::vector<size_t> keep_open(std::vector<Candidate> found);
    std::vector<DayRange> due_ranges(DayRange nominal) const;
    std::vector<size_t> added_for(DayRange nominal);
    void read_added(date::year_month_day first, date::year_month_day last);

    const config::Plan& plan_;
    const State& state_;
    const config::ReminderSettings& settings_;
    TaskCalendar calendar_;
    date::year_month_day since_;  // tracking start, or the plan's first day
    date::year_month_day overdue_end_;

    bool loaded_ = false;
    std::vector<Entry> entries_;
    std::vector<Candidate> candidates_;
    std::vector<size_t> always_;  // the plan's and the given added tasks'
    std::vector<AddedTask> given_added_;
    bool added_given_ = false;
    std::map<int, std::vector<size_t>> added_by_day_;  // by due day (days since epoch); every day read has an entry
};

}  // namespace planbot::commands::detail
