// The county board's overview page: one server-rendered HTML page with the wheel
// picture, this year's occurrences per tiltak and unit (done, open, overdue; who
// confirmed, comments) and links to the calendar feeds. No script, no external
// resource; every plan and user text HTML-escaped. Pure: no I/O, no clock.
#pragma once

#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::publish {

struct OverviewRequest {
    const config::Plan& plan;
    const commands::State* state = nullptr;
    int year = 0;                  // the year shown
    date::year_month_day today{};  // Oslo's day: what is overdue
    // Same-origin addresses the page links to (already holding the viewer's token):
    std::string wheel_picture_url;  // the wheel as SVG, shown as <img>
    std::string calendar_url;       // the organisation's feed (.ics)
    // Where the route serves overview_stylesheet(), linked with <link rel=stylesheet>:
    // the page carries no <style> element and no style attribute, so a
    // Content-Security-Policy of style-src 'self' holds. "": the page is unstyled.
    std::string stylesheet_url;
    // Europe/Oslo: the calendar day a confirmation is shown on (UTC when null).
    const date::time_zone* zone = nullptr;
};

// The whole HTML document (UTF-8). `state` null: the plan as planned, nothing confirmed.
std::string overview_page(const OverviewRequest& request);

// The page's CSS (system fonts, the table scrolling sideways on a phone, status colours
// that always come with the status in words). The same bytes for every request, so the
// route may cache it for long.
std::string_view overview_stylesheet();

// Text made safe inside HTML elements and attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace planbot::publish
