// See admin_commands.hpp.
#include "commands/admin_commands.hpp"
