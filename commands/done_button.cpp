// See work_commands.hpp (handle_done_button).
#include "commands/work_commands.hpp"
