// See deadlines.hpp.
#include "commands/work/deadlines.hpp"

namespace planbot::commands {

std::vector<const config::Tiltak*> weekly_tiltak(const config::Plan& plan) {
    std::vector<const config::Tiltak*> out;
    for (const config::Tiltak& tiltak : plan.tiltak)
        if (tiltak.schedule.kind == config::ScheduleKind::weekly) out.push_back(&tiltak);
    return out;
}

}  // namespace planbot::commands
