// /hopp: closing an occurrence as skipped, with a reason ("ikke relevant i år"). The
// same occurrence and the same right as /ferdig (closing.hpp); a skipped occurrence
// gets no more reminders, leaves /oppgaver, can be reopened with /angre, and stands in
// the year report as «hoppet over» with its reason, apart from done and missed.
#include "commands/work/closing.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

namespace {

constexpr std::string_view kHoppUsage =
    "Skriv nummeret på oppgaven og hvorfor den hoppes over, for eksempel «/hopp 13 Innherred ikke relevant i år» "
    "eller «/hopp 9 2027 ingen inntekter». /angre 13 åpner den igjen.";

}  // namespace

Outcome skip_command(const Event& event, const Context& context, const Command& command) {
    auto closing = choose_to_close(event, context, command, {"hopp", kHoppUsage, "Begrunnelsen", "hoppes over"});
    if (!closing) return say(event, closing.error());
    const std::string name = occurrence_name(context.plan, closing->task, closing->occurrence);
    if (closing->text.empty())
        return say(event, "Hvorfor skal " + lower_first(name) + " hoppes over? Skriv grunnen etter, for eksempel «/hopp " +
                              join_words(command.args) + " ikke relevant i år». Ingenting er lagret.");
    const std::string& reason = closing->text;
    Outcome outcome;
    outcome.changes.push_back({Skip{closing->occurrence.id, reason}, name + " hoppet over: " + reason});
    const bool stop = std::string_view(".!?").find(reason.back()) != std::string_view::npos;
    outcome.replies.push_back(reply_in(event, "⏭ " + name + " er hoppet over: " + reason + (stop ? "" : ".") +
                                                  "\nDen får ingen flere påminnelser. /angre " +
                                                  std::to_string(closing->task.number) + " åpner den igjen."));
    const std::string post = "⏭ " + name + " er hoppet over av " + display_name(caller(event, context)) + ": " + reason;
    post_to_channels(event, context, responsible_for(context.plan, closing->task, closing->occurrence.id.unit),
                     closing->occurrence.id.unit, post, outcome);
    return outcome;
}

}  // namespace planbot::commands::detail
