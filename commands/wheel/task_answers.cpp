// See task_answers.hpp.
#include "commands/wheel/task_answers.hpp"

#include <algorithm>
#include <tuple>

#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands::wheel_detail {

namespace {

using date::year_month_day;

bool is_weekly(const Task& task) {
    return task.tiltak && task.tiltak->schedule.kind == config::ScheduleKind::weekly;
}

// The plan's words, then the roles an admin added with /ansvar; an added task's role.
std::string ansvarlig_text(const config::Plan& plan, const Task& task) {
    std::vector<std::string> parts;
    if (task.tiltak && !task.tiltak->ansvarlig_text.empty()) parts.push_back(task.tiltak->ansvarlig_text);
    for (const config::RoleRef& role : task.roles)
        if (!task.tiltak || std::ranges::find(task.tiltak->ansvarlig, role) == task.tiltak->ansvarlig.end())
            parts.push_back(role_label(plan, role));
    return detail::join_list(parts, ", ");
}

// After "Ansvarlig: ".
std::string ansvarlig_line(const config::Plan& plan, const Task& task) {
    if (task.ansvarlig_missing) return "mangler i planen – fylkesstyret følger opp til noen får ansvaret";
    return ansvarlig_text(plan, task);
}

// "Det finnes ikke noe tiltak nr. 77 i planen (1–43)."
std::string no_such_number(const Context& context, int number) {
    int lowest = 0, highest = 0;
    for (const config::Tiltak& tiltak : context.plan.tiltak) {
        lowest = lowest == 0 ? tiltak.number : std::min(lowest, tiltak.number);
        highest = std::max(highest, tiltak.number);
    }
    std::string text = "Det finnes ikke noe tiltak nr. " + std::to_string(number) + " i planen (" +
                       std::to_string(lowest) + "–" + std::to_string(highest) + ")";
    if (context.state && number >= kFirstAddedTask)
        text += ", og ingen oppgave nr. " + std::to_string(number) + " lagt til med /ny";
    return text + ". Skriv et nummer fra planen, eller et ord fra tiltaket, for eksempel «hvem har ansvar for "
                  "partiskatt».";
}

}  // namespace

std::string ansvarlig_of(const config::Plan& plan, const Task& task) {
    if (task.ansvarlig_missing) return "ansvarlig mangler i planen – fylkesstyret følger opp";
    return ansvarlig_text(plan, task);
}

std::string per_unit_note(const Task& task) {
    switch (task.per) {
        case config::Scope::region: return ", for hver region";
        case config::Scope::committee: return ", for hvert utvalg";
        case config::Scope::lokallag: return ", for hvert lokallag";
        case config::Scope::municipality: return ", for hver kommune";
        case config::Scope::none: break;
    }
    return "";
}

std::vector<DueOn> due_between(const TaskCalendar& calendar, year_month_day first, year_month_day last) {
    std::vector<DueOn> out;
    for (DueTask& due : calendar.in(first, last)) {
        if (is_weekly(due.task)) continue;
        std::vector<year_month_day> days;
        for (const Occurrence& occurrence : due.occurrences)
            if (std::ranges::find(days, occurrence.due) == days.end()) days.push_back(occurrence.due);
        for (year_month_day day : days) out.push_back({day, due.task});
    }
    std::ranges::stable_sort(out, [](const DueOn& a, const DueOn& b) {
        return std::tie(a.date, a.task.number) < std::tie(b.date, b.task.number);
    });
    return out;
}

std::optional<year_month_day> next_due(const TaskCalendar& calendar, const Task& task, year_month_day from) {
    if (is_weekly(task)) return std::nullopt;
    const std::vector<Occurrence> found = calendar.occurrences_of(task, from, date::year::max() / 12 / 31);
    if (found.empty()) return std::nullopt;
    return std::ranges::min(found, {}, &Occurrence::due).due;
}

std::expected<std::vector<Task>, std::string> tasks_by_number(const Context& context, const TaskCalendar& calendar,
                                                              const std::vector<std::string>& topic) {
    std::vector<Task> out;
    for (const std::string& word : topic) {
        const std::optional<int> number = as_number(word);
        if (!number) continue;
        if (const config::Tiltak* tiltak = context.plan.find_tiltak(*number)) {
            out.push_back(calendar.task_of_tiltak(*tiltak));
        } else if (auto added = context.state ? context.state->added_task(*number) : std::nullopt) {
            out.push_back(task_of(*added));
        } else {
            return std::unexpected(no_such_number(context, *number));
        }
    }
    return out;
}

std::string who_entry(const Context& context, const TaskCalendar& calendar, const Task& task, year_month_day today) {
    const std::optional<year_month_day> next = next_due(calendar, task, today);
    std::string out = "Nr. " + std::to_string(task.number) + " " + (task.tiltak ? task.tiltak->title : task.title) +
                      "\nAnsvarlig: " + ansvarlig_line(context.plan, task) + per_unit_note(task) + "\nNår: ";
    if (!task.tiltak) return out + (next ? "frist " + format_day(*next, true) : "fristen er passert");
    out += task.tiltak->schedule.description;
    if (next) out += ", neste frist " + format_day(*next, true);
    return out;
}

std::string ask_which_tiltak(const std::vector<const config::Tiltak*>& offered) {
    std::vector<std::string> names;
    for (const config::Tiltak* tiltak : offered)
        names.push_back("nr. " + std::to_string(tiltak->number) + " " + tiltak->short_title);
    return "Mente du " + detail::join_list(names, " eller ") + "? Svar med nummeret, for eksempel «" +
           std::to_string(offered.front()->number) + "».";
}

std::string ask_which_event(const std::vector<const config::WheelEvent*>& offered) {
    std::vector<std::string> names;
    for (const config::WheelEvent* event : offered)
        if (std::ranges::find(names, event->title) == names.end()) names.push_back(event->title);
    return "Mente du " + detail::join_list(names, " eller ") + "? Skriv for eksempel «når er " +
           names.front() + "».";
}

}  // namespace planbot::commands::wheel_detail
