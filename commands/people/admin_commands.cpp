// See admin_commands.hpp. The dispatcher for the admin commands; each family lives in
// its own file, with what they share in admin_support.hpp:
//   people_commands.cpp    /rolle, /roller, /mineroller, /admin
//   channel_commands.cpp   /kanal
//   overview_commands.cpp  /logg, /status, /rapport
// Every command answers in one short Norwegian reply; bad input gets a usage line with
// an example, never an exception. Writes are StateChanges with an audit description;
// nothing is written when the answer is "no change" (already held, not bound), so the
// log shows only what happened.
#include "commands/people/admin_commands.hpp"

#include <algorithm>
#include <iterator>

#include "commands/people/admin_support.hpp"

namespace planbot::commands {

using namespace detail;

std::optional<Outcome> handle_admin_command(const Event& event, const Context& context, const Command& command) {
    static constexpr std::string_view kNames[] = {"rolle", "roller", "mineroller", "admin",
                                                   "kanal", "logg",   "status",     "rapport"};
    if (std::ranges::find(kNames, command.name) == std::end(kNames)) return std::nullopt;
    if (!context.state)
        return say(event, "Roller, kanaler og oppgaver trenger databasen, og den er ikke tilgjengelig her.");
    if (command.name == "rolle") return role_command(event, context, command);
    if (command.name == "roller") return list_roles(event, context);
    if (command.name == "mineroller") return my_roles(event, context);
    if (command.name == "admin") return admin_command(event, context, command);
    if (command.name == "kanal") return channel_command(event, context, command);
    if (command.name == "logg") return log_command(event, context, command);
    if (command.name == "status") return status_command(event, context);
    return report_command(event, context, command);
}

}  // namespace planbot::commands
