// See admin_commands.hpp. The table rows of the people commands; each family lives in
// its own file, with what they share in admin_support.hpp:
//   people_commands.cpp    /rolle, /roller, /mineroller, /admin
//   channel_commands.cpp   /kanal
//   personal_data.cpp      /mine data, /slett meg
// Every command answers in one short Norwegian reply; bad input gets a usage line with
// an example, never an exception. Writes are StateChanges with an audit description;
// nothing is written when the answer is "no change" (already held, not bound), so the
// log shows only what happened.
#include "commands/people/admin_commands.hpp"

#include "commands/people/admin_support.hpp"

namespace planbot::commands {

using namespace detail;

const std::vector<CommandSpec>& people_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "rolle", .handler = role_command, .admin_usage = "/rolle gi kasserer @navn"},
        {.name = "roller",
         .handler = [](const Event& e, const Context& c, const Command&) { return list_roles(e, c); },
         .needs_person = false,
         .help = "alle roller og hvem som har dem",
         .menu = "Alle roller og hvem som har dem"},
        {.name = "mineroller",
         .handler = [](const Event& e, const Context& c, const Command&) { return my_roles(e, c); },
         .help = "rollene dine",
         .menu = "Rollene dine"},
        {.name = "mine",
         .aliases = {"minedata", "mineopplysninger", "mineopplysningar"},  // «/mine_data» reads as minedata
         .handler = my_data_command,
         .usage = "/mine data",
         .help = "alt planbot lagrer om deg, som en fil (i privat chat)"},
        {.name = "slett",
         .aliases = {"slette", "sletta", "slettmeg"},
         .handler = forget_me_command,
         .usage = "/slett meg",
         .help = "få planbot til å glemme deg (i privat chat, du bekrefter først)"},
        {.name = "admin", .handler = admin_command, .admin_usage = "/admin gi @navn"},
        {.name = "kanal",
         .handler = channel_command,
         .admin_usage = "/kanal kasserer",
         .help = "hvilke grupper rollene bruker",
         .menu = "Hvilke grupper rollene bruker"},
    };
    return rows;
}

std::optional<Outcome> handle_admin_command(const Event& event, const Context& context, const Command& command) {
    return run_command(people_commands(), event, context, command);
}

}  // namespace planbot::commands
