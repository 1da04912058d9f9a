// See work_commands.hpp. The dispatcher for the work commands; each family lives in its
// own file, with what they share in work_support.hpp:
//   listings.cpp       /oppgaver, /frister
//   closing.cpp        which occurrence /ferdig and /hopp close
//   confirmations.cpp  /ferdig, /angre (and the posts to the roles' channels)
//   skips.cpp          /hopp
//   notes.cpp          /notat, /overlevering (handover.cpp writes the handover)
//   edits.cpp          the admins' /frist, /ny, /ansvar
//   work_questions.cpp      the natural questions (answer_work_question)
#include "commands/work/work_commands.hpp"

#include "commands/work/work_support.hpp"

namespace planbot::commands {

using namespace detail;

const std::vector<CommandSpec>& work_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "oppgaver",
         .handler = [](const Event& e, const Context& c, const Command& cmd) { return tasks_command(e, c, cmd.args); },
         .help = "dine åpne oppgaver (/oppgaver kasserer for en rolle)",
         .menu = "Dine åpne oppgaver med frister"},
        {.name = "frister",
         .handler = [](const Event& e, const Context& c, const Command& cmd) { return deadlines_command(e, c, cmd.args); },
         .needs_person = false,
         .help = "frister de neste 30 dagene (/frister juni)",
         .menu = "Frister de neste 30 dagene (eller /frister juni)"},
        {.name = "ferdig",
         .handler = confirm_command,
         .usage = "/ferdig 9 betalt inn",
         .help = "meld oppgave 9 ferdig (/angre 9 angrer)",
         .menu = "Meld en oppgave ferdig: /ferdig 9 kommentar"},
        {.name = "angre", .handler = undo_command, .menu = "Angre din ferdigmelding: /angre 9"},
        {.name = "hopp",
         .aliases = {"hoppover", "hoppa", "hoppe"},
         .handler = skip_command,
         .usage = "/hopp 13 Innherred ikke relevant i år",
         .help = "hopp over en frist med en grunn (/angre 13 åpner den igjen)",
         .menu = "Hopp over en frist: /hopp 13 grunn"},
        {.name = "notat",
         .aliases = {"notater", "notis"},
         .handler = note_command,
         .usage = "/notat 9 tekst",
         .help = "legg igjen et notat på tiltak 9 til den som tar over rollen",
         .menu = "Notat til den som tar over: /notat 9 tekst"},
        {.name = "overlevering",
         .aliases = {"overleveringa", "overleveringen", "overlevere"},
         .handler = handover_command,
         .usage = "/overlevering kasserer",
         .help = "det en ny i rollen trenger: tiltak, frister, fjorårets kommentarer, notater",
         .menu = "Overlevering for en rolle: /overlevering kasserer"},
        {.name = "frist",
         .handler = deadline_command,
         .admin_only = true,
         .admin_usage = "/frist 7 1.9.2027",
         .admin_rule = "sette eller flytte frister"},
        {.name = "ny",
         .handler = new_task_command,
         .admin_only = true,
         .admin_usage = "/ny kasserer 1.6.2027 tekst",
         .admin_rule = "legge til oppgaver"},
        {.name = "ansvar",
         .handler = responsible_command,
         .admin_only = true,
         .admin_usage = "/ansvar 27 au",
         .admin_rule = "endre hvem som har ansvar"},
    };
    return rows;
}

std::optional<Outcome> handle_work_command(const Event& event, const Context& context, const Command& command) {
    return run_command(work_commands(), event, context, command);
}

}  // namespace planbot::commands
