// See work_commands.hpp.
#include "commands/work_commands.hpp"
