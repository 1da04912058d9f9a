// The plan's weekly tiltak, which listings name once ("Hver uke: …") instead of a line
// per week. Which tasks are due when is tasks_in.hpp's one rule.
#pragma once

#include <vector>

#include "config/plan.hpp"

namespace planbot::commands {

std::vector<const config::Tiltak*> weekly_tiltak(const config::Plan& plan);

}  // namespace planbot::commands
