// See reminder_commands.hpp.
#include "commands/reminder_commands.hpp"
