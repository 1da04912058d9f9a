// See tasks.hpp.
#include "commands/tasks.hpp"
