// See event.hpp.
#include "commands/event.hpp"

namespace planbot::commands {

date::year_month_day local_today(const Context& context) {
    auto local = date::make_zoned(context.zone, context.now).get_local_time();
    return date::year_month_day(date::floor<date::days>(local));
}

}  // namespace planbot::commands
