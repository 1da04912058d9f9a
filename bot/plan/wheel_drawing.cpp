// See wheel_drawing.hpp.
#include "bot/plan/wheel_drawing.hpp"

#include "publish/wheel_picture.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

std::string draw_wheel(storage::Database& database, const LivePlan& plans, const date::time_zone* zone,
                       std::chrono::sys_seconds now, int year, PictureFormat format) {
    const auto local = date::make_zoned(zone, now).get_local_time();
    const date::year_month_day today(date::floor<date::days>(local));
    const std::shared_ptr<const PlanInForce> plan = plans.in(static_cast<int>(today.year()));
    const storage::WorkState state(database);
    const publish::WheelPictureRequest request{plan->plan, &state, year, today};
    return format == PictureFormat::png ? publish::wheel_png(request) : publish::wheel_svg(request);
}

}  // namespace planbot::bot
