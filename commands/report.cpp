// See report.hpp.
#include "commands/report.hpp"
