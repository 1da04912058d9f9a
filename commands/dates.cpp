// See dates.hpp.
#include "commands/dates.hpp"
