// See reminders.hpp.
#include "commands/reminders.hpp"
