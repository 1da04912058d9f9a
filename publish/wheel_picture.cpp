// See wheel_picture.hpp. The picture is drawn in a fixed 1080×1080 design space and
// scaled to the requested size, so every size shows the same layout. Layout first
// (what goes where: pure values), then one drawing function that paints it on any
// Cairo surface: an image surface for PNG, an SVG surface for SVG. Cairo and Pango
// objects are owned by unique_ptrs; nothing here touches files or the clock.
#include "publish/wheel_picture.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <csetjmp>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <utility>
#include <vector>

#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <png.h>

#include "commands/language/norwegian.hpp"
#include "commands/wheel/wheel_days.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::publish {
// A named namespace around the anonymous one: publish/ is built as one unity file, so
// the helpers must not meet the other publish files' helpers.
namespace wheel_art {
namespace {

// ---- Owning Cairo, Pango and GLib objects ----

template <auto destroy>
struct Destroyer {
    template <class T>
    void operator()(T* object) const { destroy(object); }
};
using Surface = std::unique_ptr<cairo_surface_t, Destroyer<cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, Destroyer<cairo_destroy>>;
using FontOptions = std::unique_ptr<cairo_font_options_t, Destroyer<cairo_font_options_destroy>>;
using PangoContextPtr = std::unique_ptr<PangoContext, Destroyer<g_object_unref>>;
using Layout = std::unique_ptr<PangoLayout, Destroyer<g_object_unref>>;
using Font = std::unique_ptr<PangoFontDescription, Destroyer<pango_font_description_free>>;
using GString = std::unique_ptr<gchar, Destroyer<g_free>>;

void check(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("årshjul: ") + what + ": " + cairo_status_to_string(status));
}

// ---- Geometry, in design units (1080 = the picture's width) ----

constexpr double kDesign = 1080;
constexpr double kPi = std::numbers::pi;
constexpr double kCenterX = 540, kCenterY = 566;
constexpr double kOuter = 470;       // the month band's outer edge
constexpr double kBandInner = 418;   // the month band's inner edge: sectors inside it
constexpr double kHub = 118;         // the hub with the year
constexpr double kMarkBase = 131;    // the deadline ring's first row of marks
constexpr double kMarkStep = 10.5;   // further rows, outward, where marks would touch
constexpr double kMarkRadius = 4.2;
constexpr int kMarkRows = 4;
constexpr double kTextInner = kMarkBase + kMarkStep * (kMarkRows - 1) + 14;  // event text keeps clear of the marks
constexpr double kTextOuter = kBandInner - 7;
constexpr double kTextMargin = 9;    // from a sector's dividing lines
constexpr std::array<double, 3> kEventSizes{21, 19, 17};  // the events' font sizes, first choice first
constexpr double kSmallestEventSize = 15;  // at the last size, for an event whose long word needs it
constexpr double kEventGap = 6;      // between two events
constexpr long kMinLettersPerLine = 9;  // fewer on average, and the size is too large for the place
constexpr size_t kMostEvents = 10;   // more never fit a sector: not tried

struct Point {
    double x = 0, y = 0;
};
// A point at `angle` radians clockwise from twelve o'clock, `radius` from the centre.
Point polar(double angle, double radius) {
    return {kCenterX + radius * std::sin(angle), kCenterY - radius * std::cos(angle)};
}
double month_start(int month) { return (month - 1) * kPi / 6; }
// A day's angle: each month is an equal sector, and its days share it evenly.
double day_angle(date::year_month_day day) {
    const int month = static_cast<int>(static_cast<unsigned>(day.month()));
    const auto last = static_cast<unsigned>((day.year() / day.month() / date::last).day());
    return month_start(month) + (static_cast<unsigned>(day.day()) - 0.5) / last * kPi / 6;
}

struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

// Where a month's events are written: upright lines (a phone shows them without
// turning), each as wide as the sector is at its height. The sector's text region lies
// between kTextInner and kTextOuter, kTextMargin inside its dividing lines.
struct Span {
    double left = 0, right = 0;
    double width() const { return right - left; }
};

// The text region's extent at height y; empty (width <= 0) where the line misses it.
// Months 1–6 lie right of the centre, 7–12 left of it, so the extent is one piece.
Span span_at(int month, double y) {
    const double vy = y - kCenterY;
    if (std::abs(vy) >= kTextOuter) return {};
    const double outer = std::sqrt(kTextOuter * kTextOuter - vy * vy);
    const double inner = std::abs(vy) < kTextInner ? std::sqrt(kTextInner * kTextInner - vy * vy) : 0;
    const bool right_side = month <= 6;
    Span span = right_side ? Span{inner, outer} : Span{-outer, -inner};
    // Inside the dividing line at `angle`, kTextMargin from it: cross(direction, v) on
    // the sector's side. Linear in vx; a horizontal dividing line bounds y alone.
    auto keep = [&](double angle, double sign) {
        const double dx = std::sin(angle), dy = -std::cos(angle);
        const double constant = sign * dx * vy, slope = -sign * dy;  // sign·cross = constant + slope·vx
        if (std::abs(slope) < 1e-9) {
            if (constant < kTextMargin) span = {};
            return;
        }
        const double bound = (kTextMargin - constant) / slope;
        if (slope > 0) span.left = std::max(span.left, bound);
        else span.right = std::min(span.right, bound);
    };
    keep(month_start(month), 1);
    keep(month_start(month + 1), -1);
    return {span.left + kCenterX, span.right + kCenterX};
}

// The extent common to every height in [top, bottom].
Span span_over(int month, double top, double bottom) {
    Span common = span_at(month, top);
    for (double y = top + 2; y < bottom + 2; y += 2) {
        const Span here = span_at(month, std::min(y, bottom));
        common = {std::max(common.left, here.left), std::min(common.right, here.right)};
    }
    return common;
}

constexpr double kMinLineWidth = 84;  // narrower than this, a line holds too few letters

// The heights where the region is at least kMinLineWidth wide, and its width at each
// whole height (index: y in design units).
struct TextRegion {
    double top = 0, bottom = 0;
    std::vector<double> widths;
};
const std::array<TextRegion, 12>& text_regions() {
    static const std::array<TextRegion, 12> regions = [] {
        std::array<TextRegion, 12> found{};
        for (int month = 1; month <= 12; ++month) {
            TextRegion& region = found[month - 1];
            region.top = kDesign;
            region.widths.resize(static_cast<size_t>(kDesign));
            for (size_t y = 0; y < region.widths.size(); ++y) {
                const double width = span_at(month, static_cast<double>(y)).width();
                region.widths[y] = width;
                if (width < kMinLineWidth) continue;
                region.top = std::min(region.top, static_cast<double>(y));
                region.bottom = std::max(region.bottom, static_cast<double>(y));
            }
        }
        return found;
    }();
    return regions;
}

// Where a block `height` tall goes in the month's region: the top that leaves its
// narrowest line widest (the wide end of a sector, not its pointed one).
double widest_top(int month, double height) {
    const TextRegion& region = text_regions()[month - 1];
    const double last = std::max(region.top, region.bottom - height);
    double best_top = region.top, best_width = -1;
    for (double top = region.top; top <= last; top += 2) {
        double narrowest = kDesign;
        for (double y = top; y <= top + height && y <= region.bottom; y += 2)
            narrowest = std::min(narrowest, region.widths[static_cast<size_t>(y)]);
        if (narrowest > best_width + 0.5) {
            best_width = narrowest;
            best_top = top;
        }
    }
    return best_top;
}

// ---- What the picture shows ----

struct Mark {
    date::year_month_day due;
    int occurrences = 0;  // of one task on one day (a per-unit task has one per unit)
    int done = 0;
    int skipped = 0;
    int row = 0;          // 0 on the inner edge of the ring, outward from there
    bool closed() const { return done + skipped == occurrences; }
};

struct Picture {
    std::string title;                          // «Årshjul 2027 – Trøndelag SV»
    std::string footer;                         // the plan's name
    int year = 0;
    int highlighted = 0;                        // the current month, 0 when none
    std::optional<date::year_month_day> today;  // when it is in `year`
    std::array<std::vector<std::string>, 12> events;  // Pango markup, a line per event
    std::vector<Mark> marks;                    // by day, rows assigned
    int deadlines = 0, done = 0;                // occurrences due in the year, and confirmed done
};

constexpr std::array<const char*, 12> kShortMonths{"jan", "feb", "mar", "apr", "mai", "jun",
                                                   "jul", "aug", "sep", "okt", "nov", "des"};

std::string escaped(const std::string& text) { return GString(g_markup_escape_text(text.c_str(), -1)).get(); }

// A title for a narrow sector: «Valgkampforberedelser/listestilling» may wrap after
// the slash (a zero-width space there; Unicode line breaking keeps «a/b» together).
std::string wrappable(std::string text) {
    for (size_t at = text.find('/'); at != std::string::npos; at = text.find('/', at + 1))
        text.insert(at + 1, "\u200b");
    return text;
}

// «<b>13. feb</b> Fylkesårsmøte», the date kept on one line; an event named after its
// day («1. mai») is its title.
std::string event_line(const config::WheelEvent& event, const std::optional<date::year_month_day>& day) {
    const std::string title = wrappable(escaped(event.title));
    if (!day) return title;
    const unsigned month = static_cast<unsigned>(day->month());
    const std::string number = std::to_string(static_cast<unsigned>(day->day())) + ".";
    if (event.title == number + " " + std::string(commands::month_name(static_cast<int>(month))))
        return "<b>" + title + "</b>";
    return "<span foreground=\"#a3162b\" weight=\"bold\">" + number + "\u00a0" + kShortMonths[month - 1] +
           "</span> " + title;
}

// A month's events: those with a day in day order, then the rest in the plan's order.
std::vector<std::string> month_lines(const commands::WheelCalendar& wheel, int year, int month) {
    auto entries = wheel.month(year, month);
    std::ranges::stable_sort(entries, [](const auto& a, const auto& b) {
        if (a.day.has_value() != b.day.has_value()) return a.day.has_value();
        return a.day && *a.day < *b.day;
    });
    std::vector<std::string> lines;
    for (const auto& entry : entries) lines.push_back(event_line(*entry.event, entry.day));
    return lines;
}

// Rows so that no two marks touch: each mark takes the innermost row where the marks
// already placed are far enough away along the ring (which wraps at new year).
void assign_rows(std::vector<Mark>& marks) {
    std::array<std::vector<double>, kMarkRows> taken;  // angles per row
    for (Mark& mark : marks) {
        const double angle = day_angle(mark.due);
        mark.row = kMarkRows - 1;  // crowded beyond every row: the outermost, overlapping
        for (int row = 0; row < kMarkRows; ++row) {
            const double gap = (2 * kMarkRadius + 2.5) / (kMarkBase + row * kMarkStep);
            const bool free = std::ranges::none_of(taken[row], [&](double other) {
                const double apart = std::fmod(std::abs(angle - other), 2 * kPi);
                return std::min(apart, 2 * kPi - apart) < gap;
            });
            if (free) {
                mark.row = row;
                break;
            }
        }
        taken[mark.row].push_back(angle);
    }
}

// The deadlines due in the year (a calendar year's wheel shows what falls in it), one
// mark per task and day; closed when every occurrence of it that day is done or skipped.
std::vector<Mark> deadline_marks(const config::Plan& plan, const commands::State* state, int year) {
    std::map<commands::OccurrenceId, bool> closings;  // id → skipped
    if (state)
        for (const commands::Completion& completion : state->all_completions())
            closings.emplace(completion.id, completion.skipped);
    std::map<std::pair<int, int>, Mark> by_day_and_task;  // (day number, task)
    const commands::TaskCalendar calendar(plan, state);
    for (const commands::DueTask& due : calendar.in(date::year(year) / 1 / 1, date::year(year) / 12 / 31))
        for (const commands::Occurrence& occurrence : due.occurrences) {
            const int day = date::sys_days(occurrence.due).time_since_epoch().count();
            Mark& mark = by_day_and_task[{day, due.task.number}];
            mark.due = occurrence.due;
            ++mark.occurrences;
            if (auto found = closings.find(occurrence.id); found != closings.end())
                ++(found->second ? mark.skipped : mark.done);
        }
    std::vector<Mark> marks;
    for (auto& [key, mark] : by_day_and_task) marks.push_back(mark);
    assign_rows(marks);
    return marks;
}

Picture picture_of(const WheelPictureRequest& request) {
    Picture picture;
    picture.year = request.year;
    picture.title = "Årshjul " + std::to_string(request.year);
    if (!request.plan.organisation.empty()) picture.title += " – " + request.plan.organisation;
    picture.footer = request.plan.name;
    if (request.today.ok() && static_cast<int>(request.today.year()) == request.year) {
        picture.today = request.today;
        picture.highlighted = static_cast<int>(static_cast<unsigned>(request.today.month()));
    }
    const commands::WheelCalendar wheel(request.plan, request.state);
    for (int month = 1; month <= 12; ++month) picture.events[month - 1] = month_lines(wheel, request.year, month);
    picture.marks = deadline_marks(request.plan, request.state, request.year);
    for (const Mark& mark : picture.marks) {
        picture.deadlines += mark.occurrences;
        picture.done += mark.done;
    }
    return picture;
}

// ---- Drawing ----

struct Colour {
    double r, g, b;
};
constexpr Colour rgb(unsigned hex) {
    return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}
constexpr Colour kInk = rgb(0x1f2933), kMuted = rgb(0x52606d), kLine = rgb(0xd3d9e0);
constexpr Colour kBandA = rgb(0xe3e8ee), kBandB = rgb(0xeef1f5), kSectorA = rgb(0xf6f8fa), kSectorB = rgb(0xffffff);
constexpr Colour kAccent = rgb(0xc8102e), kAccentLight = rgb(0xfdecee);
constexpr Colour kOpen = rgb(0x334e68), kDone = rgb(0x2f855a), kSkipped = rgb(0x9aa5b1), kHubFill = rgb(0xf0f4f8);

void set(cairo_t* cr, Colour colour) { cairo_set_source_rgb(cr, colour.r, colour.g, colour.b); }

// Text laid out by Pango: one shared context, so fonts are looked up once per picture.
class Writer {
public:
    explicit Writer(cairo_t* cr) : cr_(cr), context_(pango_cairo_create_context(cr)) {
        // Unhinted metrics: the same layout at every size and turned to any angle.
        FontOptions options(cairo_font_options_create());
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_.get(), options.get());
    }

    // A layout of `markup` in DejaVu Sans of `size` design units; width > 0 wraps at
    // it, and `lines` > 0 caps each paragraph at that many lines, ending in «…».
    Layout layout(const std::string& markup, double size, bool bold = false, double width = 0, int lines = 0,
                  bool condensed = false) const {
        Layout layout(pango_layout_new(context_.get()));
        Font font(pango_font_description_from_string("DejaVu Sans"));
        pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
        if (bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
        if (condensed) pango_font_description_set_stretch(font.get(), PANGO_STRETCH_CONDENSED);
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_markup(layout.get(), markup.c_str(), -1);
        if (width > 0) {
            pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
            pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
            pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
            if (lines > 0) pango_layout_set_height(layout.get(), -lines);
        }
        return layout;
    }

    static Box extents(PangoLayout* layout) {
        PangoRectangle logical;
        pango_layout_get_extents(layout, nullptr, &logical);
        return {logical.x / double(PANGO_SCALE), logical.y / double(PANGO_SCALE), logical.width / double(PANGO_SCALE),
                logical.height / double(PANGO_SCALE)};
    }

    void show(PangoLayout* layout, double x, double y) const {
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, layout);
    }

private:
    cairo_t* cr_;
    PangoContextPtr context_;
};

void sector_path(cairo_t* cr, int month, double inner, double outer) {
    // Cairo's arcs start at three o'clock; ours at twelve.
    const double a0 = month_start(month) - kPi / 2, a1 = month_start(month + 1) - kPi / 2;
    cairo_new_path(cr);
    cairo_arc(cr, kCenterX, kCenterY, outer, a0, a1);
    cairo_arc_negative(cr, kCenterX, kCenterY, inner, a1, a0);
    cairo_close_path(cr);
}

void draw_sectors(cairo_t* cr, const Picture& picture) {
    for (int month = 1; month <= 12; ++month) {
        const bool current = month == picture.highlighted;
        sector_path(cr, month, kHub, kBandInner);
        set(cr, current ? kAccentLight : month % 2 ? kSectorA : kSectorB);
        cairo_fill(cr);
        sector_path(cr, month, kBandInner, kOuter);
        set(cr, current ? kAccent : month % 2 ? kBandA : kBandB);
        cairo_fill(cr);
    }
    set(cr, kLine);
    cairo_set_line_width(cr, 1.5);
    for (int month = 1; month <= 12; ++month) {
        const Point from = polar(month_start(month), kHub), to = polar(month_start(month), kOuter);
        cairo_move_to(cr, from.x, from.y);
        cairo_line_to(cr, to.x, to.y);
    }
    cairo_stroke(cr);
    cairo_new_sub_path(cr);
    cairo_arc(cr, kCenterX, kCenterY, kOuter, 0, 2 * kPi);
    cairo_stroke(cr);
    if (picture.highlighted) {  // the current month outlined, so it stands out in grey scale too
        sector_path(cr, picture.highlighted, kHub, kOuter);
        set(cr, kAccent);
        cairo_set_line_width(cr, 3);
        cairo_stroke(cr);
    }
}

// The month names along the band, turned with it; upright in the lower half too.
void draw_month_names(cairo_t* cr, const Writer& writer, const Picture& picture) {
    for (int month = 1; month <= 12; ++month) {
        const bool current = month == picture.highlighted;
        const double angle = month_start(month) + kPi / 12;
        const Point at = polar(angle, (kOuter + kBandInner) / 2);
        Layout name = writer.layout(std::string(commands::month_name(month)), 24, current);
        const Box size = Writer::extents(name.get());
        cairo_save(cr);
        cairo_translate(cr, at.x, at.y);
        cairo_rotate(cr, angle > kPi / 2 && angle < 3 * kPi / 2 ? angle + kPi : angle);
        set(cr, current ? Colour{1, 1, 1} : kInk);
        writer.show(name.get(), -size.width / 2 - size.x, -size.height / 2 - size.y);
        cairo_restore(cr);
    }
}

// One event laid out, and where it goes.
struct PlacedLine {
    Layout layout;
    double left = 0, top = 0, height = 0;
};

// Whether Pango had to break a word to fit the width (it then inserts a hyphen):
// a line that ends between two letters.
bool breaks_word(PangoLayout* layout) {
    const char* text = pango_layout_get_text(layout);
    for (GSList* item = pango_layout_get_lines_readonly(layout); item && item->next; item = item->next) {
        const auto* line = static_cast<const PangoLayoutLine*>(item->data);
        const char* end = text + line->start_index + line->length;
        if (line->length == 0 || *end == '\0') continue;
        if (g_unichar_isalnum(g_utf8_get_char(g_utf8_prev_char(end))) && g_unichar_isalnum(g_utf8_get_char(end)))
            return true;
    }
    return false;
}

// How well an event fits its width: at the size asked; smaller; with its title cut
// short («…»); with a word broken.
enum class Fit { whole, shrunk, cut, broken };

// One event in `width`, at most three lines (then «…»), centred: at `size`, or at a
// smaller one if that keeps its long words whole (Norwegian compounds are long, and
// Pango knows no Norwegian hyphenation) and its title uncut. Failing that, its title
// cut short with its words whole, or else at `size` with a word broken.
Layout event_layout(const Writer& writer, const std::string& line, double size, double width, Fit& fit) {
    Layout cut, broken;
    for (double smaller = size; smaller >= kSmallestEventSize; smaller -= 2) {
        Layout candidate = writer.layout(line, smaller, false, width, 3, true);
        pango_layout_set_alignment(candidate.get(), PANGO_ALIGN_CENTER);
        if (breaks_word(candidate.get())) {
            if (!broken) broken = std::move(candidate);
        } else if (pango_layout_is_ellipsized(candidate.get())) {
            if (!cut) cut = std::move(candidate);
        } else {
            fit = smaller < size ? Fit::shrunk : Fit::whole;
            return candidate;
        }
    }
    fit = cut ? Fit::cut : Fit::broken;
    return cut ? std::move(cut) : std::move(broken);
}

struct Flow {
    std::vector<PlacedLine> lines;
    double height = 0;
    bool fits = true;     // every line in the region and wide enough
    Fit worst = Fit::whole;
    bool cramped = false; // an event in lines of a word or two («Skolering / nye / folkevalgte»)
};

// Lays `lines` out from `top` down, each centred in the region's extent over its own
// height.
Flow flow(const Writer& writer, int month, const std::vector<std::string>& lines, double size, double top) {
    const TextRegion& region = text_regions()[month - 1];
    Flow flow;
    double y = top;
    for (const std::string& line : lines) {
        PlacedLine here{nullptr, 0, y, size * 1.2};  // a guess: one line
        for (int attempt = 0; attempt < 3; ++attempt) {  // again in the extent over its real height
            const Span span = span_over(month, y, y + here.height);
            Fit fit = Fit::whole;
            here.layout = event_layout(writer, line, size, std::max(span.width(), kMinLineWidth), fit);
            here.left = span.left;
            const double height = Writer::extents(here.layout.get()).height;
            const bool grew = height > here.height + 0.5;
            here.height = height;
            if (!grew) {
                if (span.width() < kMinLineWidth) flow.fits = false;
                flow.worst = std::max(flow.worst, fit);
                const int line_count = pango_layout_get_line_count(here.layout.get());
                const auto letters = g_utf8_strlen(pango_layout_get_text(here.layout.get()), -1);
                flow.cramped = flow.cramped || (line_count > 1 && letters < kMinLettersPerLine * line_count);
                break;
            }
            if (attempt == 2) flow.fits = false;
        }
        if (y < region.top || y + here.height > region.bottom) flow.fits = false;
        y += here.height + kEventGap;
        flow.lines.push_back(std::move(here));
    }
    flow.height = y - kEventGap - top;
    return flow;
}

// `lines` where the region is widest for them. nullopt when they do not fit, or fit
// only smaller than `size`, with a word broken or cramped, unless `any_fit`.
std::optional<std::vector<PlacedLine>> place(const Writer& writer, int month, const std::vector<std::string>& lines,
                                             double size, bool any_fit) {
    double height = lines.size() * (size * 1.2 + kEventGap) - kEventGap;  // a guess: one line each
    std::optional<std::vector<PlacedLine>> placed;
    // The block's place depends on its height, and its height on the widths there.
    for (int pass = 0; pass < 3; ++pass) {
        Flow laid = flow(writer, month, lines, size, widest_top(month, height));
        const bool settled = std::abs(laid.height - height) < 1;
        if (laid.fits && (any_fit || (laid.worst == Fit::whole && !laid.cramped))) placed = std::move(laid.lines);
        if (settled) break;
        height = laid.height;
    }
    return placed;
}

// A month's events in its sector. Font sizes are tried from large to small until every
// event fits with its words whole; at the smallest, an event may be smaller still, and
// the last events give way to «+N til».
void draw_events(const Writer& writer, int month, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    std::optional<std::vector<PlacedLine>> placed;
    if (lines.size() <= kMostEvents)
        for (const double size : kEventSizes)
            if ((placed = place(writer, month, lines, size, size == kEventSizes.back()))) break;
    for (size_t shown = std::min(lines.size(), kMostEvents); !placed && shown-- > 0;) {
        std::vector<std::string> fitting(lines.begin(), lines.begin() + static_cast<ptrdiff_t>(shown));
        fitting.push_back("<span foreground=\"#52606d\" style=\"italic\">+" + std::to_string(lines.size() - shown) +
                          " til</span>");
        placed = place(writer, month, fitting, kEventSizes.back(), true);
    }
    if (!placed) return;  // not even «+N til» fits: cannot happen with these sizes
    for (const PlacedLine& line : *placed) writer.show(line.layout.get(), line.left, line.top);
}

// One deadline mark; `mark` null: an open one (for the legend).
void draw_mark(cairo_t* cr, Point at, const Mark* mark) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, at.x, at.y, kMarkRadius, 0, 2 * kPi);
    // Open: hollow. Closed: filled, green when done, grey when skipped.
    const bool closed = mark && mark->closed();
    const Colour colour = !closed ? kOpen : mark->done ? kDone : kSkipped;
    set(cr, closed ? colour : Colour{1, 1, 1});
    cairo_fill_preserve(cr);
    set(cr, colour);
    cairo_set_line_width(cr, 1.8);
    cairo_stroke(cr);
}

// The hub with the year, the deadline ring around it, and today's place on both rings.
void draw_hub_and_marks(cairo_t* cr, const Writer& writer, const Picture& picture) {
    cairo_new_path(cr);
    cairo_arc(cr, kCenterX, kCenterY, kHub, 0, 2 * kPi);
    set(cr, kHubFill);
    cairo_fill_preserve(cr);
    set(cr, kLine);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);

    Layout year = writer.layout(std::to_string(picture.year), 52, true);
    const std::string count = std::to_string(picture.deadlines) + (picture.deadlines == 1 ? " frist\n" : " frister\n") +
                              std::to_string(picture.done) + " ferdig";
    Layout counts = writer.layout(count, 18);
    pango_layout_set_alignment(counts.get(), PANGO_ALIGN_CENTER);
    const Box y_size = Writer::extents(year.get()), c_size = Writer::extents(counts.get());
    const double top = kCenterY - (y_size.height + c_size.height) / 2;
    set(cr, kInk);
    writer.show(year.get(), kCenterX - y_size.width / 2, top);
    set(cr, kMuted);
    writer.show(counts.get(), kCenterX - c_size.width / 2, top + y_size.height);

    if (picture.today) {  // a red line across the deadline ring and a notch outside the band
        const double angle = day_angle(*picture.today);
        const Point from = polar(angle, kHub), to = polar(angle, kMarkBase + kMarkStep * (kMarkRows - 1) + 8);
        set(cr, kAccent);
        cairo_set_line_width(cr, 3);
        cairo_move_to(cr, from.x, from.y);
        cairo_line_to(cr, to.x, to.y);
        cairo_stroke(cr);
        const Point tip = polar(angle, kOuter + 2), left = polar(angle - 0.03, kOuter + 22),
                    right = polar(angle + 0.03, kOuter + 22);
        cairo_move_to(cr, tip.x, tip.y);
        cairo_line_to(cr, left.x, left.y);
        cairo_line_to(cr, right.x, right.y);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    for (const Mark& mark : picture.marks)
        draw_mark(cr, polar(day_angle(mark.due), kMarkBase + mark.row * kMarkStep), &mark);
}

// The title over the wheel, the legend in the lower left corner, the plan's name in
// the lower right: the corners the round wheel leaves free.
void draw_frame(cairo_t* cr, const Writer& writer, const Picture& picture) {
    Layout title = writer.layout(escaped(picture.title), 42, true, kDesign - 60, 1);
    const Box t_size = Writer::extents(title.get());
    set(cr, kInk);
    writer.show(title.get(), (kDesign - t_size.width) / 2, 22);

    double y = 946;
    const Mark done{{}, 1, 1, 0, 0}, skipped{{}, 1, 0, 1, 0};
    for (const auto& [mark, text] : {std::pair<const Mark*, const char*>{nullptr, "frist"}, {&done, "ferdig"},
                                     {&skipped, "hoppet over"}}) {
        draw_mark(cr, {40, y + 13}, mark);
        Layout label = writer.layout(text, 20);
        set(cr, kMuted);
        writer.show(label.get(), 56, y);
        y += 30;
    }
    set(cr, kAccent);
    cairo_move_to(cr, 40, y + 22);
    cairo_line_to(cr, 33, y + 4);
    cairo_line_to(cr, 47, y + 4);
    cairo_close_path(cr);
    cairo_fill(cr);
    Layout label = writer.layout("i dag", 20);
    set(cr, kMuted);
    writer.show(label.get(), 56, y);

    Layout footer = writer.layout(escaped(picture.footer), 18, false, 270, 3);
    pango_layout_set_alignment(footer.get(), PANGO_ALIGN_RIGHT);
    const Box f_size = Writer::extents(footer.get());
    writer.show(footer.get(), kDesign - 24 - 270, kDesign - 22 - f_size.height);
}

void draw(cairo_t* cr, const Picture& picture, int size) {
    cairo_scale(cr, size / kDesign, size / kDesign);
    // White, not transparent: chat apps in dark mode would show a transparent picture dark.
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const Writer writer(cr);
    draw_sectors(cr, picture);
    draw_month_names(cr, writer, picture);
    set(cr, kInk);
    for (int month = 1; month <= 12; ++month) draw_events(writer, month, picture.events[month - 1]);
    draw_hub_and_marks(cr, writer, picture);
    draw_frame(cr, writer, picture);
    check(cairo_status(cr), "drawing");
}

int checked_size(int size) {
    if (size < 200 || size > 4096)
        throw std::invalid_argument("årshjul: size must be 200–4096, not " + std::to_string(size));
    return size;
}

// Cairo's write callback: no exception may cross Cairo's C frames.
cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) noexcept {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const std::bad_alloc&) {
        return CAIRO_STATUS_NO_MEMORY;
    }
}

// ---- PNG ----
//
// Written with libpng rather than cairo_surface_write_to_png_stream: Cairo's writer
// tries every row filter at zlib's default level, which took three quarters of a
// picture's time (50–70 ms at 1080 px on the 2-core build machine). A flat-coloured
// drawing packs best unfiltered: at zlib's level 2 that takes ~10 ms, and the file is
// smaller too (218 kB, not 253 kB).

struct PngFailure {
    char message[160] = "";
};

void png_failed(png_structp png, png_const_charp message) {
    auto* failure = static_cast<PngFailure*>(png_get_error_ptr(png));
    g_strlcpy(failure->message, message, sizeof failure->message);
    png_longjmp(png, 1);
}
void png_warned(png_structp, png_const_charp) {}

void png_append(png_structp png, png_bytep data, size_t length) {
    bool full = false;
    try {
        static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
    } catch (const std::bad_alloc&) {
        full = true;
    }
    if (full) png_error(png, "out of memory");  // a longjmp: outside the catch block
}
void png_flushed(png_structp) {}

// libpng reports an error by longjmp to the setjmp below, so nothing here may need a
// destructor: plain pointers only. Cairo's RGB24 pixels are 32-bit words 0x00RRGGBB in
// the machine's byte order; libpng is told so (filler byte, and BGR on little-endian).
bool write_png(const unsigned char* pixels, int width, int height, int stride, std::string* out,
               PngFailure* failure) noexcept {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, failure, png_failed, png_warned);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        g_strlcpy(failure->message, "out of memory", sizeof failure->message);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, out, png_append, png_flushed);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 2);
    png_write_info(png, info);
    if constexpr (std::endian::native == std::endian::little) {
        png_set_filler(png, 0, PNG_FILLER_AFTER);
        png_set_bgr(png);
    } else {
        png_set_filler(png, 0, PNG_FILLER_BEFORE);
    }
    for (int row = 0; row < height; ++row)
        png_write_row(png, pixels + static_cast<ptrdiff_t>(row) * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

std::string png_of(cairo_surface_t* image) {
    cairo_surface_flush(image);
    std::string png;
    png.reserve(512 * 1024);  // a year's wheel at 1080 px is about 220 kB
    PngFailure failure;
    if (!write_png(cairo_image_surface_get_data(image), cairo_image_surface_get_width(image),
                   cairo_image_surface_get_height(image), cairo_image_surface_get_stride(image), &png, &failure))
        throw std::runtime_error(std::string("årshjul: PNG: ") + failure.message);
    return png;
}

}  // namespace
}  // namespace wheel_art

std::string wheel_png(const WheelPictureRequest& request) {
    using namespace wheel_art;
    const int size = checked_size(request.size);
    const Picture picture = picture_of(request);
    // RGB24: the picture is opaque, and a PNG without alpha is smaller and quicker to write.
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, size, size));
    check(cairo_surface_status(surface.get()), "image surface");
    {
        Cairo cr(cairo_create(surface.get()));
        draw(cr.get(), picture, size);
    }
    return png_of(surface.get());
}

std::string wheel_svg(const WheelPictureRequest& request) {
    using namespace wheel_art;
    const int size = checked_size(request.size);
    const Picture picture = picture_of(request);
    std::string svg;
    Surface surface(cairo_svg_surface_create_for_stream(append, &svg, size, size));
    check(cairo_surface_status(surface.get()), "SVG surface");
    {
        Cairo cr(cairo_create(surface.get()));
        draw(cr.get(), picture, size);
    }
    cairo_surface_finish(surface.get());  // writes the document's end into `svg`
    check(cairo_surface_status(surface.get()), "SVG");
    return svg;
}

}  // namespace planbot::publish
