// See work_commands.hpp. The dispatcher for the work commands; each family lives in its
// own file, with what they share in work_support.hpp:
//   listings.cpp       /oppgaver, /frister
//   confirmations.cpp  /ferdig, /angre (and the posts to the roles' channels)
//   edits.cpp          the admins' /frist, /ny, /ansvar
//   work_questions.cpp      the natural questions (answer_work_question)
#include "commands/work/work_commands.hpp"

#include "commands/language/norwegian.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands {

using namespace detail;

std::optional<Outcome> handle_work_command(const Event& event, const Context& context, const Command& command) {
    const std::string& name = command.name;
    if (!is_one_of(name, {"oppgaver", "frister", "ferdig", "angre", "frist", "ny", "ansvar"})) return std::nullopt;
    if (context.state == nullptr) return say(event, std::string(kNoDatabase));
    if (name == "oppgaver") return tasks_command(event, context, command.args);
    if (name == "frister") return deadlines_command(event, context, command.args);
    if (name == "ferdig") return confirm_command(event, context, command);
    if (name == "angre") return undo_command(event, context, command);
    if (name == "frist") return deadline_command(event, context, command);
    if (name == "ny") return new_task_command(event, context, command);
    return responsible_command(event, context, command);
}

}  // namespace planbot::commands
