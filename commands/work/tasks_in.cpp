// See tasks_in.hpp.
#include "commands/work/tasks_in.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace planbot::commands {

namespace {

using date::year_month_day;

// Added tasks by their (only) occurrence's date, then number, as added_tasks_between lists them.
void sort_added(std::vector<DueTask>& tasks) {
    std::ranges::sort(tasks, [](const DueTask& a, const DueTask& b) {
        return std::tie(a.occurrences.front().due, a.task.number) < std::tie(b.occurrences.front().due, b.task.number);
    });
}

}  // namespace

const std::map<int, std::vector<DeadlineEdit>>& TaskCalendar::edits() const {
    if (!edits_) {
        edits_.emplace();
        if (state_ == nullptr) return *edits_;
        for (DeadlineEdit& edit : state_->all_deadline_edits()) (*edits_)[edit.id.task].push_back(std::move(edit));
    }
    return *edits_;
}

const std::vector<DeadlineEdit>& TaskCalendar::edits_of(int task) const {
    static const std::vector<DeadlineEdit> none;
    auto found = edits().find(task);
    return found == edits().end() ? none : found->second;
}

// Added tasks an admin moved: the date index finds them at their first date, so they
// are read by number instead (a few, like every admin edit).
const std::vector<AddedTask>& TaskCalendar::moved_added() const {
    if (!moved_added_) {
        moved_added_.emplace();
        for (const auto& [number, list] : edits())
            if (number >= kFirstAddedTask)
                if (auto added = state_->added_task(number)) moved_added_->push_back(std::move(*added));
    }
    return *moved_added_;
}

Task TaskCalendar::task_of_tiltak(const config::Tiltak& tiltak) const {
    if (!responsibility_) responsibility_ = state_ ? state_->responsibility_edits() : std::vector<ResponsibilityEdit>{};
    return task_of(plan_, tiltak, *responsibility_);
}

std::vector<Occurrence> TaskCalendar::occurrences_of(const Task& task, year_month_day first,
                                                     year_month_day last) const {
    return occurrences(plan_, task, edits_of(task.number), first, last);
}

std::vector<DueTask> TaskCalendar::plan_tasks_in(year_month_day first, year_month_day last) const {
    std::vector<DueTask> out;
    for (const config::Tiltak& tiltak : plan_.tiltak) {
        Task task = task_of_tiltak(tiltak);
        std::vector<Occurrence> found = occurrences_of(task, first, last);
        if (!found.empty()) out.push_back({std::move(task), std::move(found)});
    }
    return out;
}

std::vector<DueTask> TaskCalendar::added_tasks_in(year_month_day first, year_month_day last) const {
    const std::vector<AddedTask>& moved = moved_added();
    auto is_moved = [&](int number) {
        return std::ranges::binary_search(moved, number, {}, &AddedTask::number);
    };
    std::vector<DueTask> out;
    if (state_ == nullptr) return out;
    for (const AddedTask& added : state_->added_tasks_between(first, last)) {
        if (is_moved(added.number)) continue;  // counted at its new date, below
        Task task = task_of(added);
        std::vector<Occurrence> found = occurrences(plan_, task, {}, first, last);
        if (!found.empty()) out.push_back({std::move(task), std::move(found)});
    }
    std::vector<DueTask> moved_in = added_tasks_in(moved, first, last);
    if (moved_in.empty()) return out;
    std::ranges::move(moved_in, std::back_inserter(out));
    sort_added(out);
    return out;
}

std::vector<DueTask> TaskCalendar::added_tasks_in(const std::vector<AddedTask>& added, year_month_day first,
                                                  year_month_day last) const {
    std::vector<DueTask> out;
    for (const AddedTask& one : added) {
        Task task = task_of(one);
        std::vector<Occurrence> found = occurrences_of(task, first, last);
        if (!found.empty()) out.push_back({std::move(task), std::move(found)});
    }
    return out;
}

std::vector<DueTask> TaskCalendar::in(year_month_day first, year_month_day last) const {
    std::vector<DueTask> out = plan_tasks_in(first, last);
    std::ranges::move(added_tasks_in(first, last), std::back_inserter(out));
    return out;
}

// An added task's one occurrence counts for the year it is due in (occurrence_year), so
// the added part of a year is the added tasks due in it.
std::vector<DueTask> TaskCalendar::of_year(int year) const {
    std::vector<DueTask> out;
    for (const config::Tiltak& tiltak : plan_.tiltak) {
        Task task = task_of_tiltak(tiltak);
        std::vector<Occurrence> found = occurrences_of_year(plan_, task, edits_of(task.number), year);
        out.push_back({std::move(task), std::move(found)});
    }
    std::ranges::move(added_tasks_in(date::year(year) / 1 / 1, date::year(year) / 12 / 31), std::back_inserter(out));
    return out;
}

std::vector<DueTask> tasks_in(const config::Plan& plan, const State& state, year_month_day first,
                              year_month_day last) {
    return TaskCalendar(plan, state).in(first, last);
}

}  // namespace planbot::commands
