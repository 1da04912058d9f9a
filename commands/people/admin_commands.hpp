// People, roles and channels: /rolle gi|fjern, /roller, /mineroller, /admin gi|fjern,
// /kanal, and the admins' /logg, /status and /rapport. Pure: reads Context.state,
// returns replies and StateChanges.
#pragma once

#include <optional>

#include "commands/command_line.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

// nullopt when `command` is not one of this file's commands.
std::optional<Outcome> handle_admin_command(const Event& event, const Context& context, const Command& command);

}  // namespace planbot::commands
