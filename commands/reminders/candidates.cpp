// See candidates.hpp.
#include "commands/reminders/candidates.hpp"

#include <algorithm>

#include "commands/work/task_text.hpp"

namespace planbot::commands::detail {

namespace {

using date::year_month_day;

int day_number(year_month_day day) { return static_cast<int>(date::sys_days(day).time_since_epoch().count()); }

}  // namespace

OpenOccurrences::OpenOccurrences(const config::Plan& plan, const State& state,
                                 const config::ReminderSettings& settings, year_month_day overdue_end)
    : plan_(plan), state_(state), settings_(settings), calendar_(plan, state),
      since_(std::max(state.tracking_start(), plan_first(plan))), overdue_end_(overdue_end) {}

void OpenOccurrences::use_added_tasks(std::vector<AddedTask> tasks) {
    given_added_ = std::move(tasks);
    added_given_ = true;
}

std::vector<size_t> OpenOccurrences::for_days(DayRange nominal) {
    load();
    std::vector<size_t> out(always_);
    for (size_t index : added_for(nominal)) out.push_back(index);
    return out;
}

void OpenOccurrences::load() {
    if (loaded_) return;
    loaded_ = true;
    std::vector<Candidate> found;
    add(calendar_.plan_tasks_in(since_, plan_last(plan_)), found);
    if (added_given_) add(calendar_.added_tasks_in(given_added_, since_, plan_last(plan_)), found);
    always_ = keep_open(std::move(found));
}

void OpenOccurrences::add(std::vector<DueTask> tasks, std::vector<Candidate>& out) {
    for (DueTask& due : tasks) {
        ReminderRules rules = rules_for(settings_, due.task);
        entries_.push_back({std::move(due.task), std::move(rules)});
        for (Occurrence& occurrence : due.occurrences) out.push_back({entries_.size() - 1, std::move(occurrence)});
    }
}

// Drops the confirmed ones; the rest become candidates, whose indexes are returned.
std::vector<size_t> OpenOccurrences::keep_open(std::vector<Candidate> found) {
    std::vector<int> numbers;
    for (const Candidate& candidate : found) numbers.push_back(entries_[candidate.entry].task.number);
    std::ranges::sort(numbers);
    numbers.erase(std::ranges::unique(numbers).begin(), numbers.end());
    const DoneSet done(numbers.empty() ? std::vector<Completion>{} : state_.completions_of(numbers));
    std::vector<size_t> out;
    for (Candidate& candidate : found)
        if (!done.find(candidate.occurrence.id)) {
            out.push_back(candidates_.size());
            candidates_.push_back(std::move(candidate));
        }
    return out;
}

// The due dates a reminder on a day of `nominal` can belong to: n days later for every
// "before" rule of any task, the overdue series' days earlier, the escalation's.
std::vector<DayRange> OpenOccurrences::due_ranges(DayRange nominal) const {
    std::set<int> days{settings_.days_before.begin(), settings_.days_before.end()};
    for (const auto& [role, list] : settings_.days_before_per_role) days.insert(list.begin(), list.end());
    for (const auto& [task, list] : settings_.days_before_per_task) days.insert(list.begin(), list.end());
    std::vector<DayRange> out;
    for (int before : days) out.push_back({add_days(nominal.first, before), add_days(nominal.last, before)});
    const int first = std::max(1, settings_.overdue_first_days);
    const int repeat = std::max(1, settings_.overdue_repeat_days);
    const year_month_day last = std::min(nominal.last, overdue_end_);
    if (days_from(nominal.first, nominal.last) + 1 >= repeat) {
        out.push_back({since_, add_days(last, -first)});
    } else {
        for (int after = first; add_days(last, -after) >= since_; after += repeat)
            out.push_back({add_days(nominal.first, -after), add_days(last, -after)});
    }
    if (settings_.escalate_after_days > 0)
        out.push_back({add_days(nominal.first, -settings_.escalate_after_days),
                       add_days(nominal.last, -settings_.escalate_after_days)});
    return out;
}

std::vector<size_t> OpenOccurrences::added_for(DayRange nominal) {
    if (added_given_) return {};
    std::vector<size_t> out;
    for (DayRange range : due_ranges(nominal)) {
        range.first = std::max(range.first, since_);
        range.last = std::min(range.last, plan_last(plan_));
        for (year_month_day day = range.first; day <= range.last;) {
            if (auto known = added_by_day_.find(day_number(day)); known != added_by_day_.end()) {
                out.insert(out.end(), known->second.begin(), known->second.end());
                day = add_days(day, 1);
                continue;
            }
            year_month_day end = day;  // the run of days not read yet
            while (end < range.last && !added_by_day_.contains(day_number(end) + 1)) end = add_days(end, 1);
            read_added(day, end);
        }
    }
    std::ranges::sort(out);
    out.erase(std::ranges::unique(out).begin(), out.end());
    return out;
}

void OpenOccurrences::read_added(year_month_day first, year_month_day last) {
    // Moved ones by their new date: a day read once holds every added task due on it.
    std::vector<Candidate> found;
    add(calendar_.added_tasks_in(first, last), found);
    for (year_month_day day = first; day <= last; day = add_days(day, 1)) added_by_day_[day_number(day)];
    for (size_t index : keep_open(std::move(found)))
        added_by_day_[day_number(candidates_[index].occurrence.due)].push_back(index);
}

}  // namespace planbot::commands::detail
