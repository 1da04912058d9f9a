// See wheel_questions.hpp (answer_role_duties).
#include "commands/wheel/wheel_questions.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/wheel/task_answers.hpp"

namespace planbot::commands {

using namespace wheel_detail;

namespace {

// "• nr. 9 Følge opp partiskatt – hvert kvartal, neste frist torsdag 31. desember 2026"
std::string duty_line(const TaskCalendar& calendar, const Task& task, date::year_month_day today) {
    const std::optional<date::year_month_day> next = next_due(calendar, task, today);
    std::string line = "• nr. " + std::to_string(task.number) + " " + task.title + " – ";
    if (!task.tiltak) return line + "frist " + format_day(*task.added_date, true);
    line += task.tiltak->schedule.description;
    if (next) line += ", neste frist " + format_day(*next, true);
    return line;
}

}  // namespace

std::string answer_role_duties(const Context& context, const config::RoleRef& role) {
    const date::year_month_day today = local_today(context);
    const TaskCalendar calendar(context.plan, context.state);
    std::vector<std::string> lines;
    for (const config::Tiltak& tiltak : context.plan.tiltak) {
        const Task task = calendar.task_of_tiltak(tiltak);
        if (task.ansvarlig_missing) continue;  // the board only stands in
        // Asked without a unit, a role answers for its tasks in every unit ("lokallagsstyret":
        // also tiltak 2, which is Oppdal's).
        const bool theirs = std::ranges::any_of(task.roles, [&](const config::RoleRef& responsible) {
            return responsible.role_id == role.role_id &&
                   (role.unit.empty() || responsible.unit.empty() || responsible.unit == role.unit);
        });
        if (theirs) lines.push_back(duty_line(calendar, task, today));
    }
    if (context.state)
        for (const AddedTask& added : context.state->added_tasks_for({role}))
            if (added.date >= today) lines.push_back(duty_line(calendar, task_of(added), today));
    const std::string label = role_label(context.plan, role);
    if (lines.empty()) return label + " har ikke ansvar for noe tiltak i planen.";
    std::string text = label + " har ansvar for " +
                       (lines.size() == 1 ? "ett tiltak" : std::to_string(lines.size()) + " tiltak") + " i planen:";
    for (const std::string& line : lines) text += "\n" + line;
    return text;
}

}  // namespace planbot::commands
