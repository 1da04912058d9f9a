// /notat and /overlevering. «/notat 9 tekst» leaves a note on task 9 for whoever holds
// its role next, «/notat 9» shows the notes on it (both for a holder of a role answering
// for the task, or an admin); «/overlevering kasserer» shows a role's handover
// (handover.hpp) to its holders and the admins.
#include <algorithm>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/handover.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

namespace {

constexpr std::string_view kNotatUsage =
    "Skriv nummeret på tiltaket og notatet, for eksempel «/notat 9 Husk å sende påminnelse om partiskatt i januar». "
    "Notatet vises i overleveringen til den som får rollen etter deg. «/notat 9» viser notatene på tiltak 9.";
constexpr std::string_view kOverleveringUsage =
    "Hvilken rolle? Skriv for eksempel «/overlevering kasserer» eller «/overlevering regionleder Innherred».";

std::string notes_on(const Context& context, const Task& task) {
    const std::vector<TaskNote> notes = context.state->notes({task.number});
    if (notes.empty())
        return task_heading(task) + " har ingen notater ennå. Skriv «/notat " + std::to_string(task.number) +
               " tekst» for å legge igjen et.";
    std::string text = "Notater på " + task_name(task) + ":";
    for (const TaskNote& note : notes)
        text += "\n• " + display_name(note.by) + " " + short_date(local_day(context.zone, note.at)) + ": «" +
                note.text + "»";
    return text;
}

}  // namespace

Outcome note_command(const Event& event, const Context& context, const Command& command) {
    size_t at = 0;
    const std::optional<int> number = task_number(command.args, at);
    if (!number) return say(event, std::string(kNotatUsage));
    const std::optional<Task> task = find_task(context.plan, *context.state, *number);
    if (!task) return say(event, unknown_task(context.plan, *number));
    const std::string text = text_after(command.rest, at);
    // Notes are for whoever holds the task's role next, as the handover is: read and
    // written by a holder of a role answering for the task, or an admin.
    const std::vector<config::RoleRef> held =
        context.state->roles_of(event.platform, event.user_id, local_today(context));
    const bool may = is_admin(event, context) || answers_for_any(held, task->roles);
    if (text.empty()) {
        if (!may)
            return say(event, "Beklager, notatene på " + task_name(*task) + " kan bare ses av " +
                                  who_can(context, task->roles) + ".");
        return say(event, notes_on(context, *task));
    }
    if (const size_t length = character_count(text); length > kMaxNote)
        return say(event, "Notatet er for langt (" + std::to_string(length) + " tegn). Det kan være høyst " +
                              std::to_string(kMaxNote) + " tegn. Ingenting er lagret.");
    if (!may)
        return say(event, "Beklager, notater på " + task_name(*task) + " kan bare skrives av " +
                              who_can(context, task->roles) + ".");
    Outcome outcome;
    outcome.changes.push_back({AddNote{task->number, text}, "Notat på " + task_name(*task) + ": " + text});
    outcome.replies.push_back(reply_in(event, "📝 Notatet på " + task_name(*task) +
                                                  " er lagret. Den som får rollen etter deg, ser det i overleveringen."));
    return outcome;
}

Outcome handover_command(const Event& event, const Context& context, const Command& command) {
    const std::vector<std::string> typed = words(join_words(command.args));
    if (typed.empty()) return say(event, std::string(kOverleveringUsage));
    const std::optional<RoleRead> read = read_role(context.plan, typed);
    if (!read || read->words != typed.size()) return say(event, unknown_role(context.plan, join_words(command.args)));
    config::RoleRef role = read->role;
    const std::vector<config::RoleRef> held =
        context.state->roles_of(event.platform, event.user_id, local_today(context));
    const config::Role* definition = context.plan.find_role(role.role_id);
    if (definition && definition->scope != config::Scope::none && role.unit.empty()) {
        // A holder of one unit of a scoped role means their own.
        std::vector<config::RoleRef> own;
        for (const config::RoleRef& mine : held)
            if (mine.role_id == role.role_id) own.push_back(mine);
        if (own.size() != 1)
            return say(event, "Hvilken? Skriv enheten etter rollen, for eksempel «/overlevering " + role.role_id + " " +
                                  unit_name(context.plan, definition->scope,
                                            units_of(context.plan, definition->scope).front()) + "».");
        role = own.front();
    }
    if (!is_admin(event, context) && std::ranges::find(held, role) == held.end())
        return say(event, "Overleveringen for " + role_label(context.plan, role) +
                              " kan bare ses av den som har rollen, eller en admin.");
    return say(event, handover_text(context, role));
}

}  // namespace planbot::commands::detail
