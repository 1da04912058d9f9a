// /paminnelser (also written «påminnelser»): the next reminders the caller will get,
// everyone's for admins; /pause <til dato> and /fortsett: admins pause all reminders
// during a holiday and resume them. Pure: reads Context.state and Context.reminders.
#pragma once

#include <optional>

#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

// The rows of the command table for reminders.
const std::vector<CommandSpec>& reminder_commands();

// nullopt when `command` is not one of these.
std::optional<Outcome> handle_reminder_command(const Event& event, const Context& context, const Command& command);

}  // namespace planbot::commands
