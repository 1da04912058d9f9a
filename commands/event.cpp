// See event.hpp.
#include "commands/event.hpp"

#include <algorithm>

namespace planbot::commands {

date::year_month_day local_today(const Context& context) {
    auto local = date::make_zoned(context.zone, context.now).get_local_time();
    return date::year_month_day(date::floor<date::days>(local));
}

bool is_admin(const Event& event, const Context& context) {
    if (event.user_id.empty()) return false;
    if (std::ranges::find(context.config_admins, event.user_id) != context.config_admins.end()) return true;
    return context.state != nullptr && context.state->is_admin(event.platform, event.user_id);
}

}  // namespace planbot::commands
