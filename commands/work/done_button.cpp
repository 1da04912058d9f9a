// See work_commands.hpp (handle_done_button). The button confirms exactly the occurrence
// its reminder was about, with /ferdig's permission rule (an admin, or a holder of a
// role responsible for that occurrence). The press is always answered (the app shows
// a spinner until then); the reminder is edited only when the occurrence is done, so
// a refused press leaves it as it was.
//
// A button's data can be forged (a client may send any data for any message it sees),
// so whoever may not confirm the occurrence gets one answer, kNotYours, whether the
// data names a task that exists, is done or skipped (and by whom), or names nothing.
#include "commands/work/work_commands.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/tasks.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands {

namespace {

using config::RoleRef;
using detail::display_name;
using detail::post_to_channels;

constexpr std::string_view kDoneMark = "\n\n✅ Ferdig – meldt av ";
constexpr std::string_view kNotYours =
    "Bare den som har ansvar for denne oppgaven, eller en admin, kan melde den ferdig her. Dine egne oppgaver ser du "
    "med /oppgaver.";



// The answer to the press: a short notice on the presser's screen.
void answer(Outcome& outcome, const Event& event, const std::string& text) {
    // The platform shortens it to what its apps show.
    outcome.replies.push_back(Reply{event.chat_id, text, AnswerButton{event.button->id}});
}

// The reminder edited to say who confirmed it, unless it already says so.
void mark_done(Outcome& outcome, const Event& event, const std::string& by, date::year_month_day day) {
    const Event::ButtonPress& button = *event.button;
    if (button.message_id.empty() || button.message_text.empty() ||
        button.message_text.find(kDoneMark) != std::string::npos)
        return;
    outcome.replies.push_back(Reply{event.chat_id, button.message_text + std::string(kDoneMark) + by + " " +
                                                       day_month(day),
                                    EditMessage{button.message_id}});
}



}  // namespace

Outcome handle_done_button(const Event& event, const Context& context) {
    Outcome outcome;
    if (!event.button) return outcome;
    if (context.state == nullptr) {
        answer(outcome, event, detail::no_database_text());
        return outcome;
    }
    const State& state = *context.state;
    const std::optional<OccurrenceId> id = read_done_button_data(event.button->data);
    std::optional<Task> task = id ? find_task(context.plan, state, id->task) : std::nullopt;
    std::optional<Occurrence> occurrence;
    if (task)
        for (const Occurrence& candidate : all_occurrences(context.plan, *task, state.deadline_edits(task->number)))
            if (candidate.id == *id) occurrence = candidate;
    // Who may confirm it: an admin, or a holder of a role answering for the occurrence (for
    // an occurrence that is gone, for the task's unit).
    const std::vector<RoleRef> responsible =
        task ? responsible_for(context.plan, *task, id->unit) : std::vector<RoleRef>{};
    const bool may_confirm =
        is_admin(event, context) ||
        (task && answers_for_any(state.roles_of(event.platform, event.user_id, local_today(context)), responsible));
    if (!may_confirm) {
        answer(outcome, event, std::string(kNotYours));
        return outcome;
    }
    if (!occurrence) {
        answer(outcome, event, "Denne oppgaven finnes ikke lenger.");
        return outcome;
    }
    const std::string name = detail::occurrence_name(context.plan, *task, *occurrence);

    const std::vector<Completion> completions = state.completions(task->number);
    if (auto done = std::ranges::find(completions, *id, &Completion::id); done != completions.end()) {
        const std::string by = display_name(done->by);
        const date::year_month_day day = local_day(context.zone, done->at);
        if (done->skipped) {
            // Skipped is not done: the reminder stays as it was, the answer says why.
            answer(outcome, event, "Denne er hoppet over (/hopp) av " + by + " " + day_month(day) +
                                       (done->comment.empty() ? "" : ": «" + done->comment + "»") +
                                       ". Den er ikke meldt ferdig. Skriv «/angre " + std::to_string(id->task) +
                                       "» hvis den skal gjøres likevel.");
            return outcome;
        }
        answer(outcome, event, "Allerede meldt ferdig av " + by + " " + day_month(day) + ".");
        mark_done(outcome, event, by, day);
        return outcome;
    }
    const Person me = detail::caller(event, context);
    outcome.changes.push_back({Complete{*id, ""}, name + " meldt ferdig"});
    answer(outcome, event, "✅ Registrert. Takk!");
    mark_done(outcome, event, display_name(me), local_today(context));
    post_to_channels(event, context, responsible, occurrence->id.unit,
                     "✅ " + name + " er meldt ferdig av " + display_name(me) + ".", outcome);
    return outcome;
}

}  // namespace planbot::commands
