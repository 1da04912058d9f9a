// The admins' overview: /logg (the latest audit entries), /status (this year's
// occurrences per responsible role) and /rapport (the year's evaluation, report.hpp).
// Pure: reads Context.state, returns replies.
#pragma once

#include <optional>
#include <vector>

#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

// The rows of the command table for the overview.
const std::vector<CommandSpec>& overview_commands();

// nullopt when `command` is not one of this file's commands.
std::optional<Outcome> handle_overview_command(const Event& event, const Context& context, const Command& command);

}  // namespace planbot::commands
