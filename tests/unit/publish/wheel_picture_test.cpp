// The årshjul picture as a user sees it: the PNG decoded with Cairo and compared pixel
// by pixel (coarsely), the SVG read as text. The shipped plan, fixed days.
#include "publish/wheel_picture.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "commands/work/tasks_in.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace planbot::publish::wheel_picture_test {
namespace {

using test::shipped_plan;
using test::ymd;

struct DecodedPng {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{nullptr, cairo_surface_destroy};
    int width() const { return cairo_image_surface_get_width(surface.get()); }
    int height() const { return cairo_image_surface_get_height(surface.get()); }
    // The pixel's colour as 0xRRGGBB (the picture is opaque).
    uint32_t pixel(int x, int y) const {
        const unsigned char* row = cairo_image_surface_get_data(surface.get()) +
                                   static_cast<ptrdiff_t>(y) * cairo_image_surface_get_stride(surface.get());
        return reinterpret_cast<const uint32_t*>(row)[x] & 0xffffff;
    }
};

DecodedPng decode_png(const std::string& png) {
    struct Reader {
        const std::string& bytes;
        size_t at = 0;
    } reader{png};
    DecodedPng decoded;
    decoded.surface.reset(cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* data, unsigned int length) {
            auto* r = static_cast<Reader*>(closure);
            if (r->bytes.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
            std::copy_n(r->bytes.data() + r->at, length, data);
            r->at += length;
            return CAIRO_STATUS_SUCCESS;
        },
        &reader));
    REQUIRE(cairo_surface_status(decoded.surface.get()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(decoded.surface.get());
    return decoded;
}

// Pixels that differ in the square of side 2·half around (x, y).
int differing_pixels(const DecodedPng& a, const DecodedPng& b, int x, int y, int half) {
    int differing = 0;
    for (int row = y - half; row < y + half; ++row)
        for (int column = x - half; column < x + half; ++column)
            if (a.pixel(column, row) != b.pixel(column, row)) ++differing;
    return differing;
}

// The drawing's layout on a 1080 picture, as far as the tests look: centre (540, 566),
// January from twelve o'clock, the hub to radius 118, the deadline ring around it to
// about 175, sectors to 418, the month band to 470.
constexpr double kCenterX = 540, kCenterY = 566;

// Where a month's name sits: the band's middle at the sector's middle.
std::pair<int, int> month_band_point(int month) {
    const double angle = (month - 0.5) * std::numbers::pi / 6;
    return {static_cast<int>(kCenterX + 444 * std::sin(angle)), static_cast<int>(kCenterY - 444 * std::cos(angle))};
}

// A pixel's place around the centre: degrees clockwise from twelve o'clock (-180–180)
// and the distance.
std::pair<double, double> polar_of(int x, int y) {
    const double dx = x + 0.5 - kCenterX, dy = y + 0.5 - kCenterY;
    return {std::atan2(dx, -dy) * 180 / std::numbers::pi, std::hypot(dx, dy)};
}

WheelPictureRequest request_for(int year, date::year_month_day today, const commands::State* state = nullptr) {
    return WheelPictureRequest{shipped_plan(), state, year, today};
}

TEST_CASE("the wheel is a PNG of 1080 by 1080 pixels or of the size asked for") {
    const DecodedPng picture = decode_png(wheel_png(request_for(2027, ymd(2027, 5, 12))));
    CHECK(picture.width() == 1080);
    CHECK(picture.height() == 1080);
    CHECK(picture.pixel(3, 3) == 0xffffff);  // white, not transparent, for chat apps in dark mode

    WheelPictureRequest small = request_for(2027, ymd(2027, 5, 12));
    small.size = 540;
    const DecodedPng smaller = decode_png(wheel_png(small));
    CHECK(smaller.width() == 540);
    CHECK(smaller.height() == 540);
}

TEST_CASE("two years give two different wheels and the same year the same bytes") {
    const std::string first = wheel_png(request_for(2026, ymd(2025, 1, 10)));
    const std::string again = wheel_png(request_for(2026, ymd(2025, 1, 10)));
    CHECK(first == again);

    const DecodedPng year_2026 = decode_png(first);
    const DecodedPng year_2027 = decode_png(wheel_png(request_for(2027, ymd(2025, 1, 10))));
    // Coarsely: the whole picture (title, events, deadlines) differs in many pixels.
    CHECK(differing_pixels(year_2026, year_2027, 540, 540, 540) > 2000);
}

TEST_CASE("the current month is highlighted only in its own year") {
    const DecodedPng in_may = decode_png(wheel_png(request_for(2027, ymd(2027, 5, 12))));
    const DecodedPng other_year = decode_png(wheel_png(request_for(2027, ymd(2026, 5, 12))));
    const auto [may_x, may_y] = month_band_point(5);
    CHECK(differing_pixels(in_may, other_year, may_x, may_y, 20) > 600);  // most of the square
    const auto [jan_x, jan_y] = month_band_point(1);
    CHECK(differing_pixels(in_may, other_year, jan_x, jan_y, 20) == 0);
}

TEST_CASE("the wheel is also an SVG document of 1080 by 1080 points") {
    const std::string svg_2027 = wheel_svg(request_for(2027, ymd(2027, 5, 12)));
    CHECK(svg_2027.starts_with("<?xml"));
    CHECK(test::contains(svg_2027, "<svg"));
    CHECK(test::contains(svg_2027, "width=\"1080pt\""));
    CHECK(test::contains(svg_2027, "height=\"1080pt\""));
    CHECK(test::contains(svg_2027, "</svg>"));
    CHECK(svg_2027 != wheel_svg(request_for(2028, ymd(2027, 5, 12))));
}

TEST_CASE("a deadline confirmed done changes its mark on the wheel") {
    test::MemoryState state;
    const commands::Person kari = state.add_person("1", "Kari Nordmann");
    const std::string before = wheel_png(request_for(2027, ymd(2027, 5, 12), &state));

    // The first deadline of 2027 in the plan, confirmed.
    const auto due = commands::TaskCalendar(shipped_plan(), &state).in(ymd(2027, 1, 1), ymd(2027, 12, 31));
    const commands::DueTask* single = nullptr;
    for (const auto& task : due)
        if (task.task.per == config::Scope::none && !task.occurrences.empty()) {
            single = &task;
            break;
        }
    REQUIRE(single);
    state.done.push_back({single->occurrences.front().id, kari, test::oslo_time("2027-01-05T10:00"), "", false});
    const DecodedPng after = decode_png(wheel_png(request_for(2027, ymd(2027, 5, 12), &state)));
    const DecodedPng unconfirmed = decode_png(before);
    int in_ring = 0;  // the mark, filled (the hub's count changes too, inside radius 118)
    for (int y = 0; y < 1080; ++y)
        for (int x = 0; x < 1080; ++x)
            if (const double radius = polar_of(x, y).second;
                radius > 122 && radius < 180 && unconfirmed.pixel(x, y) != after.pixel(x, y))
                ++in_ring;
    CHECK(in_ring > 20);
}

TEST_CASE("a crowded month stays inside its own sector") {
    config::Plan crowded = shipped_plan();
    for (int i = 0; i < 30; ++i)
        crowded.wheel.push_back({"moete-" + std::to_string(i), "Medlemsmøte om økonomi og organisasjonsbygging", 3,
                                 i % 2 ? std::optional<int>(i % 28 + 1) : std::nullopt, {2027}, {}, ""});
    const DecodedPng plain = decode_png(wheel_png(request_for(2027, ymd(2026, 5, 12))));
    const DecodedPng busy = decode_png(wheel_png(WheelPictureRequest{crowded, nullptr, 2027, ymd(2026, 5, 12)}));
    // Every changed pixel lies in March's sector (60°–90° clockwise from twelve o'clock,
    // between the hub and the month band), with a pixel's slack for antialiasing.
    int inside = 0, outside = 0;
    for (int y = 0; y < 1080; ++y)
        for (int x = 0; x < 1080; ++x) {
            if (plain.pixel(x, y) == busy.pixel(x, y)) continue;
            const auto [degrees, radius] = polar_of(x, y);
            ++(degrees > 59 && degrees < 91 && radius > 115 && radius < 421 ? inside : outside);
        }
    CHECK(inside > 1000);
    CHECK(outside == 0);
}

TEST_CASE("a size too small to read or too large to send is refused") {
    WheelPictureRequest tiny = request_for(2027, ymd(2027, 5, 12));
    tiny.size = 50;
    CHECK_THROWS_AS(wheel_png(tiny), std::invalid_argument);
    WheelPictureRequest huge = request_for(2027, ymd(2027, 5, 12));
    huge.size = 20000;
    CHECK_THROWS_AS(wheel_svg(huge), std::invalid_argument);
}

TEST_CASE("a year outside the plan is drawn with no events and no deadlines") {
    const DecodedPng picture = decode_png(wheel_png(request_for(2031, ymd(2031, 3, 1))));
    CHECK(picture.width() == 1080);
    CHECK(test::contains(wheel_svg(request_for(2031, ymd(2031, 3, 1))), "<svg"));
}

}  // namespace
}  // namespace planbot::publish::wheel_picture_test
