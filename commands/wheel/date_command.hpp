// The admins' /dato: the day of a wheel event the plan gives only a month, or a new
// day for one («/dato fylkesårsmøte 13.2.2027», «/dato landsmøte 2027 5.3.2027»). The
// tiltak tied to the event in the plan (Tiltak::wheel) get their deadline of that year
// from the day, so their reminders follow it. Pure: reads Context.state, returns
// replies and StateChanges.
#pragma once

#include <vector>

#include "commands/command_spec.hpp"

namespace planbot::commands {

// The rows of the command table for the wheel: /dato.
const std::vector<CommandSpec>& wheel_commands();

}  // namespace planbot::commands
