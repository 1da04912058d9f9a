// The årshjul drawn as a wheel: twelve month sectors, the wheel's events on the ring,
// the year's deadlines as marks, the current month highlighted. Drawn with Cairo, the
// text laid out with Pango (Norwegian letters, long titles wrapped). Pure: plan, state
// and the day in, PNG or SVG bytes out; no files, no clock.
#pragma once

#include <string>

#include <date/date.h>

#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::publish {

struct WheelPictureRequest {
    const config::Plan& plan;
    const commands::State* state = nullptr;  // null: the plan alone
    int year = 0;                            // a plan year
    date::year_month_day today{};            // its month is highlighted when it is in `year`
    int size = 1080;                         // width and height in pixels (PNG) or points (SVG)
};

// Both throw std::invalid_argument for a size outside 200–4096, and std::runtime_error
// when Cairo or libpng fail (out of memory). The process's first picture also loads
// the fonts (fontconfig, Pango's font map for the thread): some 50 ms more, once.
std::string wheel_png(const WheelPictureRequest& request);  // PNG file bytes
std::string wheel_svg(const WheelPictureRequest& request);  // SVG document (UTF-8)

}  // namespace planbot::publish
