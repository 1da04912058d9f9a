// See calendar_feed.hpp. The feed is built as libical components (one VEVENT per wheel
// event and per deadline), and libical writes every line of it: this file only puts
// the events' text inside the calendar's, where libical itself would (calendar_feed),
// and escapes X-WR-CALNAME's value (below).
//
// What a subscriber sees, and why:
// - Every event is an all-day event: DTSTART;VALUE=DATE on its day, DTEND the next day.
//   The plan has no times of day (a wheel event has a day or a month, a deadline a
//   day), so no event carries a time, and the feed needs no VTIMEZONE; X-WR-TIMEZONE
//   only tells clients the organisation's zone. An event that gets a time must bring
//   a VTIMEZONE for Europe/Oslo with it.
// - A wheel event the plan gives only a month is one all-day event on the month's
//   first day, «Fylkesårsmøte i løpet av februar»: never an invented day. A day set
//   with /dato (or the plan's fixed day) puts it on that day.
// - UIDs name what the event is, never when it was made, so a client keeps its copy
//   across generations and restarts: wheel-<event id>-<year>@planbot and
//   task-<number>-<unit>-<key>@planbot (commands::OccurrenceId). Bytes other than
//   letters, digits, '.', '_' and '-' are %XX, and so is '-' inside a unit, so two
//   identities never share a UID.
// - Output is a pure function of plan and state (FeedRequest::now is not used), so
//   unchanged data gives byte-identical text, and the HTTP ETag over it holds:
//     DTSTAMP        the newest timestamped change that touched the event (a /dato's
//                    WheelDate::set_at, a confirmation's or skip's Completion::at),
//                    else the base: FeedRequest::plan_changed, else 1 January of the
//                    plan's first year, 00:00 UTC;
//     LAST-MODIFIED  that change's time, only when there is one;
//     SEQUENCE       how many changes the state shows on the event: +1 for a day set
//                    with /dato, +1 for a deadline moved by an admin, +1 for a
//                    confirmation or skip (left out while 0). The state keeps only the
//                    latest day and completion, so a day moved twice stays at 1 (its
//                    LAST-MODIFIED still moves), and /angre takes its 1 away again.
//   Moved deadlines and added tasks carry no time in the state: they change SEQUENCE
//   and the text (so the ETag), not LAST-MODIFIED.
// - People's names never appear: the feed says that a deadline was confirmed, not who
//   confirmed it. A skip's reason and an added task's title are the users' own words.
// - METHOD:PUBLISH without ORGANIZER: iTIP (RFC 5546) wants one for PUBLISH, but the
//   plan names no address to give, and subscribing clients do not ask for it.
//
// libical 3.0.16, as the tests check: lines end in CRLF and are folded at 75 octets,
// never inside a UTF-8 character; TEXT values escape backslash, semicolon, comma and
// newline; CR, backspace and form feed are dropped and a tab is written as is. But an
// X- property's value keeps its commas and semicolons unescaped (libical treats it as
// a list), so X-WR-CALNAME is escaped here after serialising (x_calname_escaped).
//
// Cost: the tiltak are expanded once each (not once per year), a person's feed expands
// only tiltak one of their roles answers for, and completions are read once and found
// by binary search. Nine tenths of the time is libical's, about 4 µs per event (per
// property it fills three 1 KB buffers and formats dates with snprintf), which is why
// events are written one by one through one reused VEVENT (FeedWriter).
#include "publish/calendar_feed.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/wheel/wheel_days.hpp"
#include "commands/work/tasks.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::publish {

namespace {
namespace ical_feed {  // named: publish/ is compiled as one unity file

using date::year_month_day;
using std::chrono::sys_seconds;

struct ComponentFree {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// One all-day event as the feed shows it.
struct FeedEvent {
    std::string uid;
    year_month_day day;
    std::string summary;
    std::string description;
    int sequence = 0;
    std::optional<sys_seconds> changed;  // the newest timestamped change that touched it
};

// ---- Identities ----

// `text` appended to a UID: letters, digits, '.', '_' and (when `keep_dash`) '-' as
// they are, every other byte as %XX.
void append_uid_part(std::string& uid, std::string_view text, bool keep_dash) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (char c : text) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                           c == '_' || (c == '-' && keep_dash);
        if (plain) {
            uid += c;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        uid += '%';
        uid += kHex[byte >> 4];
        uid += kHex[byte & 0xF];
    }
}

std::string wheel_uid(const config::WheelEvent& event, int year) {
    std::string uid = "wheel-";
    append_uid_part(uid, event.id, true);
    uid += '-';
    uid += std::to_string(year);
    return uid + "@planbot";
}

std::string task_uid(const commands::OccurrenceId& id) {
    std::string uid = "task-" + std::to_string(id.task) + "-";
    append_uid_part(uid, id.unit, false);
    uid += '-';
    append_uid_part(uid, id.key, true);
    return uid + "@planbot";
}

// ---- Text ----

// Users' words as a TEXT value may carry them: no control characters but a line break
// (written \n) and a tab. A CR goes (a CRLF is a line break), any other becomes a space.
std::string clean(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\r') continue;
        const bool control = (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F;
        out += control ? ' ' : c;
    }
    return out;
}

// "Fylkesstyret, Fylkessekretær og Kasserer".
std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " og " : ", ";
        out += names[i];
    }
    return out;
}

// ---- libical ----

icaltimetype ical_date(year_month_day day) {
    icaltimetype value = icaltime_null_date();
    value.year = static_cast<int>(day.year());
    value.month = static_cast<int>(static_cast<unsigned>(day.month()));
    value.day = static_cast<int>(static_cast<unsigned>(day.day()));
    return value;
}

icaltimetype ical_utc(sys_seconds at) {
    return icaltime_from_timet_with_zone(static_cast<time_t>(at.time_since_epoch().count()), 0,
                                         icaltimezone_get_utc_timezone());
}

// What libical writes for `component`, appended to `text`.
void append_written(std::string& text, icalcomponent* component) {
    char* written = icalcomponent_as_ical_string_r(component);
    text += written;
    icalmemory_free_buffer(written);
}

// The feed's text as it is written, event by event, and the newest change it shows.
// The events go through one VEVENT whose properties take each event's values in turn,
// so libical allocates a component and its properties once, not once per event (a
// tenth of the time); the optional properties are added and removed per event.
class FeedWriter {
public:
    FeedWriter(std::string text, sys_seconds base) : text_(std::move(text)), base_(base), newest_(base) {
        const icaltimetype none = icaltime_null_date();
        uid_ = attach(icalproperty_new_uid(""));
        stamp_ = attach(icalproperty_new_dtstamp(ical_utc(base)));
        start_ = attach(icalproperty_new_dtstart(none));
        end_ = attach(icalproperty_new_dtend(none));
        summary_ = attach(icalproperty_new_summary(""));
    }

    // The event, written by libical, appended to the text.
    void add(const FeedEvent& event) {
        const sys_seconds stamp = std::max(base_, event.changed.value_or(base_));
        newest_ = std::max(newest_, stamp);
        icalproperty_set_uid(uid_, event.uid.c_str());
        icalproperty_set_dtstamp(stamp_, ical_utc(stamp));
        icalproperty_set_dtstart(start_, ical_date(event.day));
        icalproperty_set_dtend(end_, ical_date(date::sys_days(event.day) + date::days(1)));
        icalproperty_set_summary(summary_, event.summary.c_str());
        icalproperty* optional[3] = {};
        if (!event.description.empty())
            optional[0] = attach(icalproperty_new_description(event.description.c_str()));
        if (event.sequence > 0) optional[1] = attach(icalproperty_new_sequence(event.sequence));
        if (event.changed) optional[2] = attach(icalproperty_new_lastmodified(ical_utc(*event.changed)));
        append_written(text_, vevent_.get());
        for (icalproperty* property : optional)
            if (property) {
                icalcomponent_remove_property(vevent_.get(), property);
                icalproperty_free(property);
            }
    }

    std::string& text() { return text_; }
    sys_seconds newest() const { return newest_; }

private:
    icalproperty* attach(icalproperty* property) {
        icalcomponent_add_property(vevent_.get(), property);
        return property;
    }

    std::string text_;
    const sys_seconds base_;
    sys_seconds newest_;
    Component vevent_{icalcomponent_new_vevent()};
    icalproperty* uid_ = nullptr;  // owned by vevent_, as are the others
    icalproperty* stamp_ = nullptr;
    icalproperty* start_ = nullptr;
    icalproperty* end_ = nullptr;
    icalproperty* summary_ = nullptr;
};

// `line` (one unfolded content line, without its CRLF) folded as RFC 5545 3.1 asks:
// at most 75 octets a line, continuation lines starting with a space, never cut inside
// a UTF-8 character.
std::string folded(std::string_view line) {
    std::string out;
    size_t room = 75;
    while (line.size() > room) {
        size_t cut = room;
        while (cut > 1 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        room = 74;
    }
    out.append(line);
    return out + "\r\n";
}

// The text with X-WR-CALNAME's commas and semicolons escaped: libical writes an X-
// property's backslashes and newlines escaped but these as they are.
std::string x_calname_escaped(std::string text) {
    static constexpr std::string_view kName = "\r\nX-WR-CALNAME:";
    const size_t start = text.find(kName);
    if (start == std::string::npos) return text;
    const size_t begin = start + 2;
    size_t end = begin;  // the CRLF that ends the content line (not a fold)
    while ((end = text.find("\r\n", end)) != std::string::npos && end + 2 < text.size() &&
           (text[end + 2] == ' ' || text[end + 2] == '\t'))
        end += 2;
    if (end == std::string::npos) return text;

    std::string line;
    for (size_t i = begin; i < end; ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {  // unfold
            i += 2;
            continue;
        }
        line += text[i];
    }
    std::string escaped;
    for (size_t i = 0; i < line.size(); ++i) {
        const bool in_value = i >= kName.size() - 2;
        if (in_value && line[i] == '\\' && i + 1 < line.size()) {  // already an escape pair
            escaped += line[i];
            escaped += line[++i];
            continue;
        }
        if (in_value && (line[i] == ',' || line[i] == ';')) escaped += '\\';
        escaped += line[i];
    }
    text.replace(begin, end + 2 - begin, folded(escaped));
    return text;
}

// ---- The wheel ----

void add_wheel(FeedWriter& feed, const FeedRequest& request) {
    const commands::WheelCalendar wheel(request.plan, request.state);
    for (const config::WheelEvent& event : request.plan.wheel)
        for (int year : event.years) {
            FeedEvent feed_event;
            feed_event.uid = wheel_uid(event, year);
            if (auto day = wheel.day(event, year)) {
                feed_event.day = *day;
                feed_event.summary = event.title;
            } else {
                const std::string month(commands::month_name(event.month));
                feed_event.day = date::year(year) / date::month(static_cast<unsigned>(event.month)) / 1;
                feed_event.summary = event.title + " i løpet av " + month;
                feed_event.description =
                    "Planen gir bare måneden, " + month + " " + std::to_string(year) + ", ikke dagen.";
            }
            if (const commands::WheelDate* set = wheel.set_date(event, year)) {
                feed_event.sequence = 1;
                if (set->set_at > sys_seconds{}) feed_event.changed = set->set_at;
            }
            feed.add(feed_event);
        }
}

// ---- Deadlines ----

// Who answers for a task's occurrences, per unit, worked out once per unit.
class Responsibility {
public:
    Responsibility(const config::Plan& plan, const commands::Task& task) : plan_(plan), task_(task) {}

    const std::vector<config::RoleRef>& roles(const std::string& unit) { return entry(unit).roles; }
    const std::string& line(const std::string& unit) { return entry(unit).line; }

private:
    struct Entry {
        std::vector<config::RoleRef> roles;
        std::string line;  // "Ansvarlig: …."
    };
    Entry& entry(const std::string& unit) {
        auto found = entries_.find(unit);
        if (found != entries_.end()) return found->second;
        Entry made{commands::responsible_for(plan_, task_, unit), ""};
        std::vector<std::string> names;
        for (const config::RoleRef& role : made.roles) names.push_back(commands::role_label(plan_, role));
        made.line = task_.ansvarlig_missing ? "Ansvarlig: mangler i planen – " + join_names(names) + " følger opp."
                                            : "Ansvarlig: " + join_names(names) + ".";
        return entries_.emplace(unit, std::move(made)).first->second;
    }

    const config::Plan& plan_;
    const commands::Task& task_;
    std::map<std::string, Entry> entries_;
};

// The tasks the feed shows, each with the occurrences it shows: every one for the
// organisation's feed, those `roles` answer for in a person's.
std::vector<commands::DueTask> shown_tasks(const FeedRequest& request, const commands::TaskCalendar& calendar) {
    const config::Plan& plan = request.plan;
    const year_month_day first = date::year(plan.first_year) / 1 / 1;
    const year_month_day last = date::year(plan.last_year) / 12 / 31;
    std::vector<commands::DueTask> out;
    for (const config::Tiltak& tiltak : plan.tiltak) {
        commands::Task task = calendar.task_of_tiltak(tiltak);
        // Narrowing to a unit only takes responsibility away: a tiltak none of the
        // roles answers for as a whole has no occurrence they answer for.
        if (request.roles && !commands::answers_for_any(*request.roles, task.roles)) continue;
        std::vector<commands::Occurrence> found =
            commands::all_occurrences(plan, task, calendar.edits_of(task.number));
        out.push_back({std::move(task), std::move(found)});
    }
    if (request.state) {
        auto added = request.roles
                         ? calendar.added_tasks_in(request.state->added_tasks_for(*request.roles), first, last)
                         : calendar.added_tasks_in(first, last);
        std::ranges::move(added, std::back_inserter(out));
    }
    if (request.roles)
        for (commands::DueTask& due : out) {
            Responsibility responsible(plan, due.task);
            std::erase_if(due.occurrences, [&](const commands::Occurrence& occurrence) {
                return !commands::answers_for_any(*request.roles, responsible.roles(occurrence.id.unit));
            });
        }
    std::erase_if(out, [](const commands::DueTask& due) { return due.occurrences.empty(); });
    return out;
}

// The completions of the shown tasks, read once.
std::vector<commands::Completion> completions_of(const FeedRequest& request,
                                                 const std::vector<commands::DueTask>& tasks) {
    if (!request.state) return {};
    if (!request.roles) return request.state->all_completions();
    std::vector<int> numbers;
    for (const commands::DueTask& due : tasks) numbers.push_back(due.task.number);
    return numbers.empty() ? std::vector<commands::Completion>{} : request.state->completions_of(numbers);
}

// The completions by id, for binary search (pointers: a Completion is big to move).
std::vector<const commands::Completion*> by_id(const std::vector<commands::Completion>& completions) {
    std::vector<const commands::Completion*> out;
    out.reserve(completions.size());
    for (const commands::Completion& completion : completions) out.push_back(&completion);
    std::ranges::sort(out, {}, &commands::Completion::id);
    return out;
}

const commands::Completion* completion_of(const std::vector<const commands::Completion*>& completions,
                                          const commands::OccurrenceId& id) {
    auto found = std::ranges::lower_bound(completions, id, {}, &commands::Completion::id);
    return found != completions.end() && (*found)->id == id ? *found : nullptr;
}

// "+2026-05-12" → 2026-05-12: an admin's added date, as the key names it.
std::optional<year_month_day> added_date(std::string_view key) {
    if (key.size() != 11 || key.front() != '+' || key[5] != '-' || key[8] != '-') return std::nullopt;
    for (size_t i : {1, 2, 3, 4, 6, 7, 9, 10})
        if (key[i] < '0' || key[i] > '9') return std::nullopt;
    int year = 0;
    unsigned month = 0, day = 0;
    for (char c : key.substr(1, 4)) year = year * 10 + (c - '0');
    for (char c : key.substr(6, 2)) month = month * 10 + static_cast<unsigned>(c - '0');
    for (char c : key.substr(9, 2)) day = day * 10 + static_cast<unsigned>(c - '0');
    const year_month_day made = date::year(year) / date::month(month) / date::day(day);
    return made.ok() ? std::optional(made) : std::nullopt;
}

FeedEvent deadline_event(const FeedRequest& request, const commands::Task& task,
                         const commands::Occurrence& occurrence, Responsibility& responsible,
                         const commands::Completion* completion) {
    const config::Plan& plan = request.plan;
    FeedEvent event;
    event.uid = task_uid(occurrence.id);
    event.day = occurrence.due;
    event.summary = "Frist: nr. " + std::to_string(task.number) + " " + (task.tiltak ? task.title : clean(task.title));
    if (!occurrence.id.unit.empty())
        event.summary += " (" + commands::unit_name(plan, task.per, occurrence.id.unit) + ")";

    std::string& text = event.description;
    if (task.tiltak && task.tiltak->title != task.title) text += task.tiltak->title + "\n";
    const auto added = added_date(occurrence.id.key);
    const bool moved = added ? occurrence.due != *added : occurrence.moved;
    // Which deadline it is shows in the day, unless an admin moved it. (A task added
    // with /ny has one deadline, named by nothing but its day.)
    if (moved && !task.tiltak && occurrence.id.key.empty())
        text += "Fristen er flyttet av en administrator.\n";
    else if (moved)
        text += "Fristen for " + commands::occurrence_label(plan, task, occurrence) +
                " er flyttet av en administrator.\n";
    else if (added)
        text += "Datoen er lagt inn av en administrator.\n";
    text += responsible.line(occurrence.id.unit);
    event.sequence = moved ? 1 : 0;
    if (completion) {
        if (completion->skipped)
            text += completion->comment.empty() ? "\nHoppet over." : "\nHoppet over: " + clean(completion->comment);
        else
            text += "\n✅ Meldt ferdig " + commands::long_day(commands::local_day(request.zone, completion->at)) + ".";
        ++event.sequence;
        if (completion->at > sys_seconds{}) event.changed = completion->at;
    }
    return event;
}

void add_deadlines(FeedWriter& feed, const FeedRequest& request) {
    const commands::TaskCalendar tasks(request.plan, request.state);
    const std::vector<commands::DueTask> shown = shown_tasks(request, tasks);
    const std::vector<commands::Completion> completions = completions_of(request, shown);
    const std::vector<const commands::Completion*> completion_index = by_id(completions);
    for (const commands::DueTask& due : shown) {
        Responsibility responsible(request.plan, due.task);
        for (const commands::Occurrence& occurrence : due.occurrences) {
            feed.add(deadline_event(request, due.task, occurrence, responsible,
                                    completion_of(completion_index, occurrence.id)));
        }
    }
}

}  // namespace ical_feed
}  // namespace

CalendarFeed calendar_feed(const FeedRequest& request) {
    using namespace ical_feed;
    const sys_seconds base =
        request.plan_changed.value_or(sys_seconds(date::sys_days(date::year(request.plan.first_year) / 1 / 1)));

    Component calendar(icalcomponent_new_vcalendar());
    icalcomponent* vcalendar = calendar.get();
    icalcomponent_add_property(vcalendar, icalproperty_new_prodid("-//planbot//Arbeidsplan//NB"));
    icalcomponent_add_property(vcalendar, icalproperty_new_version("2.0"));
    icalcomponent_add_property(vcalendar, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(vcalendar, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    const std::string name = clean(request.name.empty() ? request.plan.name : request.name);
    icalproperty* calname = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(calname, "X-WR-CALNAME");
    icalcomponent_add_property(vcalendar, calname);
    icalcomponent_add_property(vcalendar, icalproperty_new_name(name.c_str()));  // RFC 7986's own
    icalproperty* zone = icalproperty_new_x("Europe/Oslo");
    icalproperty_set_x_name(zone, "X-WR-TIMEZONE");
    icalcomponent_add_property(vcalendar, zone);

    // libical writes a VCALENDAR as its own lines, then its components', then its END
    // line. Each event is written as soon as it is built, into the calendar's text
    // before that END: the same bytes as one call on the whole tree, without holding a
    // thousand components and growing libical's buffer (a third of the time).
    std::string head;
    append_written(head, vcalendar);
    head = x_calname_escaped(std::move(head));
    static constexpr std::string_view kEnd = "END:VCALENDAR\r\n";
    if (!head.ends_with(kEnd)) throw std::logic_error("libical wrote a calendar without its END line");
    head.resize(head.size() - kEnd.size());
    head.reserve(1 << 18);
    FeedWriter feed(std::move(head), base);
    add_wheel(feed, request);
    add_deadlines(feed, request);
    feed.text() += kEnd;
    return {std::move(feed.text()), feed.newest()};
}

}  // namespace planbot::publish
