// See handover.hpp.
#include "commands/work/handover.hpp"

#include <algorithm>
#include <chrono>

#include "commands/language/dates.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/tasks_in.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands {

namespace {

using config::RoleRef;
using detail::join_list;

constexpr size_t kOpenLines = 8;     // open tasks listed before "og N til"
constexpr size_t kDoneLines = 12;    // confirmations of the last twelve months
constexpr size_t kNoteLines = 10;    // newest notes
constexpr size_t kCommentShown = 200;
constexpr std::chrono::days kLookBack{365};

// The tasks `role` answers for (for some unit of a per-unit task): the plan's tiltak in
// plan order, then the added ones.
std::vector<Task> tasks_of(const Context& context, const RoleRef& role) {
    const config::Plan& plan = context.plan;
    const TaskCalendar calendar(plan, *context.state);
    std::vector<Task> out;
    for (const config::Tiltak& tiltak : plan.tiltak) {
        Task task = calendar.task_of_tiltak(tiltak);
        const std::vector<std::string> units = detail::task_units(plan, task);
        if (std::ranges::any_of(units, [&](const std::string& unit) {
                return answers_for_any({role}, responsible_for(plan, task, unit));
            }))
            out.push_back(std::move(task));
    }
    for (const AddedTask& added : context.state->added_tasks_for({role})) out.push_back(task_of(added));
    return out;
}

std::string tiltak_lines(const std::vector<Task>& tasks) {
    std::string text;
    for (const Task& task : tasks) {
        text += "\n• " + std::to_string(task.number) + " " + task.title;
        if (task.tiltak && !task.tiltak->schedule.description.empty())
            text += " (" + task.tiltak->schedule.description + ")";
    }
    return text;
}

std::string open_lines(const Context& context, const RoleRef& role) {
    const std::vector<std::string> lines = detail::agenda_lines(context, {role});
    if (lines.empty()) return "\nIngen åpne oppgaver nå.";
    std::string text;
    for (size_t i = 0; i < lines.size() && i < kOpenLines; ++i) text += "\n• " + lines[i];
    if (lines.size() > kOpenLines)
        text += "\n… og " + std::to_string(lines.size() - kOpenLines) + " til: «/oppgaver " +
                role_in_command(context.plan, role) + "».";
    return text;
}

// The confirmations and skips of the last twelve months, newest first, with comments.
std::string done_lines(const Context& context, const RoleRef& role, const std::vector<Task>& tasks) {
    const config::Plan& plan = context.plan;
    std::vector<int> numbers;
    for (const Task& task : tasks) numbers.push_back(task.number);
    std::vector<Completion> list = context.state->completions_of(numbers);
    std::erase_if(list, [&](const Completion& c) {
        const auto task = std::ranges::find(tasks, c.id.task, &Task::number);
        return context.now - c.at > kLookBack || task == tasks.end() ||
               !answers_for_any({role}, responsible_for(plan, *task, c.id.unit));
    });
    if (list.empty()) return "\nIngen bekreftet det siste året.";
    std::ranges::sort(list, [](const Completion& a, const Completion& b) { return a.at > b.at; });
    std::string text;
    for (size_t i = 0; i < list.size() && i < kDoneLines; ++i) {
        const Completion& c = list[i];
        const Task& task = *std::ranges::find(tasks, c.id.task, &Task::number);
        const std::vector<Occurrence> all =
            all_occurrences(plan, task, context.state->deadline_edits(task.number));
        auto found = std::ranges::find(all, c.id, &Occurrence::id);
        const std::string name = found != all.end() ? detail::occurrence_name(plan, task, *found)
                                                    : detail::task_heading(task);
        text += "\n• " + name + ": " + (c.skipped ? "hoppet over " : "ferdig ") +
                short_date(local_day(context.zone, c.at)) + " av " + detail::display_name(c.by);
        if (!c.comment.empty()) text += " – «" + detail::shortened(c.comment, kCommentShown) + "»";
    }
    if (list.size() > kDoneLines) text += "\n… og " + std::to_string(list.size() - kDoneLines) + " til.";
    return text;
}

std::string note_lines(const Context& context, const std::vector<Task>& tasks) {
    std::vector<int> numbers;
    for (const Task& task : tasks) numbers.push_back(task.number);
    const std::vector<TaskNote> notes = context.state->notes(numbers);
    std::string text;
    for (size_t i = 0; i < notes.size() && i < kNoteLines; ++i)
        text += "\n• Nr. " + std::to_string(notes[i].task) + ", " + detail::display_name(notes[i].by) + " " +
                short_date(local_day(context.zone, notes[i].at)) + ": «" + notes[i].text + "»";
    if (notes.size() > kNoteLines) text += "\n… og " + std::to_string(notes.size() - kNoteLines) + " eldre.";
    return text;
}

}  // namespace

std::string handover_text(const Context& context, const RoleRef& role) {
    const std::vector<Task> tasks = tasks_of(context, role);
    std::string text = "📋 Overlevering: " + role_label(context.plan, role);
    if (tasks.empty()) return text + "\nRollen har ingen tiltak i planen og ingen oppgaver lagt til i chatten.";
    text += "\n\nRollen har ansvar for dette i planen:" + tiltak_lines(tasks);
    text += "\n\nÅpne oppgaver og neste frister:" + open_lines(context, role);
    text += "\n\nBekreftet det siste året:" + done_lines(context, role, tasks);
    const std::string notes = note_lines(context, tasks);
    text += notes.empty() ? "\n\nIngen notater fra tidligere ennå." : "\n\nNotater til den som tar over:" + notes;
    return text + "\n\nLegg igjen et notat til neste med «/notat " + std::to_string(tasks.front().number) +
           " tekst». /oppgaver viser oppgavene dine, /ferdig melder dem ferdig.";
}

void add_handovers(const Event& event, const Context& context, Outcome& outcome) {
    std::vector<Reply> handovers;
    std::string told;
    for (const StateChange& change : outcome.changes) {
        const auto* grant = std::get_if<GrantRole>(&change.change);
        if (!grant || grant->renewal) continue;
        const Person& person = grant->person;
        const std::string text = handover_text(context, grant->role);
        const std::string label = role_label(context.plan, grant->role);
        const bool self = same_person(context.state, person, event.platform, event.user_id);
        if (person.platform == event.platform && context.state->knows_private_chat(person.platform, person.user_id) &&
            !(self && event.chat_kind == ChatKind::private_chat)) {
            handovers.push_back(message_to(person.user_id, text));
            told += "\nOverleveringen for " + label + " er sendt til " + detail::display_name(person) + " privat.";
        } else if (event.chat_kind == ChatKind::private_chat) {
            handovers.push_back(reply_in(event, text));
        } else {
            told += "\n" + detail::display_name(person) + " har ikke skrevet til meg privat ennå, så jeg kan ikke sende "
                    "overleveringen for " + label + ". Be dem starte en privat samtale med meg og skrive «/overlevering " +
                    role_in_command(context.plan, grant->role) + "».";
        }
    }
    if (!told.empty() && !outcome.replies.empty()) outcome.replies.front().text += told;
    std::ranges::move(handovers, std::back_inserter(outcome.replies));
}

}  // namespace planbot::commands
