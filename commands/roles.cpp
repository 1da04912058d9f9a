// See roles.hpp.
#include "commands/roles.hpp"
