// See reminder_log.hpp.
#include "storage/reminder_log.hpp"
