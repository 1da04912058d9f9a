// People, roles and channels: /rolle gi|fjern, /roller, /mineroller, /admin gi|fjern
// and /kanal. Pure: reads Context.state,
// returns replies and StateChanges.
#pragma once

#include <optional>

#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

// The rows of the command table for people, roles and channels.
const std::vector<CommandSpec>& people_commands();

// nullopt when `command` is not one of this file's commands.
std::optional<Outcome> handle_admin_command(const Event& event, const Context& context, const Command& command);

}  // namespace planbot::commands
