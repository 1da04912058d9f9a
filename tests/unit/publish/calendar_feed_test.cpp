// The calendar feed as a phone's calendar reads it: the text is parsed back with
// libical, and the raw lines are checked where the wire format is the point (CRLF,
// folding at 75 octets without cutting a letter, escaping). Fixed plan, state and
// times; two generations of unchanged data must be the same bytes.
#include "publish/calendar_feed.hpp"

#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <set>

#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace planbot::calendar_feed_test {

using commands::Person;
using test::contains;
using test::ymd;
using std::chrono::sys_seconds;

const Person kari{"telegram", "11", "Kari Nordmann", "kari"};

publish::FeedRequest request_for(const commands::State* state, std::string name = "Trøndelag SV") {
    return publish::FeedRequest{.plan = test::shipped_plan(),
                                .state = state,
                                .zone = test::oslo(),
                                .now = test::oslo_time("2027-05-10T12:00"),
                                .roles = std::nullopt,
                                .name = std::move(name)};
}

publish::FeedRequest personal_request(const commands::State* state, std::vector<config::RoleRef> roles) {
    publish::FeedRequest request = request_for(state, "Mine frister");
    request.roles = std::move(roles);
    return request;
}

// ---- Reading the feed back ----

struct ComponentFree {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Calendar = std::unique_ptr<icalcomponent, ComponentFree>;

Calendar parsed(const std::string& text) {
    Calendar calendar(icalparser_parse_string(text.c_str()));
    REQUIRE(calendar);
    REQUIRE(icalcomponent_isa(calendar.get()) == ICAL_VCALENDAR_COMPONENT);
    return calendar;
}

date::year_month_day day_of(icaltimetype time) {
    return date::year(time.year) / date::month(static_cast<unsigned>(time.month)) /
           date::day(static_cast<unsigned>(time.day));
}

struct Event {
    std::string uid;
    std::string summary;
    std::string description;
    date::year_month_day start;
    date::year_month_day end;
    bool all_day = false;
    int sequence = 0;
    std::optional<sys_seconds> last_modified;
};

std::vector<Event> events_of(const std::string& text) {
    Calendar calendar = parsed(text);
    std::vector<Event> out;
    for (icalcomponent* vevent = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT); vevent;
         vevent = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
        Event event;
        const char* uid = icalcomponent_get_uid(vevent);
        const char* summary = icalcomponent_get_summary(vevent);
        const char* description = icalcomponent_get_description(vevent);
        event.uid = uid ? uid : "";
        event.summary = summary ? summary : "";
        event.description = description ? description : "";
        const icaltimetype start = icalcomponent_get_dtstart(vevent);
        const icaltimetype end = icalcomponent_get_dtend(vevent);
        event.start = day_of(start);
        event.end = day_of(end);
        event.all_day = start.is_date && end.is_date;
        event.sequence = icalcomponent_get_sequence(vevent);
        if (icalproperty* modified = icalcomponent_get_first_property(vevent, ICAL_LASTMODIFIED_PROPERTY))
            event.last_modified = sys_seconds(std::chrono::seconds(icaltime_as_timet_with_zone(
                icalproperty_get_lastmodified(modified), icaltimezone_get_utc_timezone())));
        out.push_back(std::move(event));
    }
    return out;
}

const Event& event_with_uid(const std::vector<Event>& events, const std::string& uid) {
    auto found = std::ranges::find(events, uid, &Event::uid);
    REQUIRE(found != events.end());
    return *found;
}

// The calendar's own X- property `name`, as a reader unescapes it.
std::string x_property(const std::string& text, const std::string& name) {
    Calendar calendar = parsed(text);
    for (icalproperty* property = icalcomponent_get_first_property(calendar.get(), ICAL_X_PROPERTY); property;
         property = icalcomponent_get_next_property(calendar.get(), ICAL_X_PROPERTY))
        if (name == icalproperty_get_x_name(property)) return icalproperty_get_x(property);
    FAIL("no " << name);
    return "";
}

// The text with its folds undone (RFC 5545 3.1: CRLF followed by one space or tab).
std::string unfolded(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\r\n") == 0 && i + 2 < text.size() && (text[i + 2] == ' ' || text[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

// The unfolded content lines that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    const std::string whole = unfolded(text);
    for (size_t start = 0; start < whole.size();) {
        size_t end = whole.find("\r\n", start);
        if (end == std::string::npos) end = whole.size();
        if (whole.compare(start, prefix.size(), prefix) == 0) out.push_back(whole.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

// Whether `bytes` is whole UTF-8 characters: no character cut at either end.
bool whole_utf8(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size();) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const size_t length = lead < 0x80           ? 1
                              : (lead >> 5) == 0x6  ? 2
                              : (lead >> 4) == 0xE  ? 3
                              : (lead >> 3) == 0x1E ? 4
                                                    : 0;
        if (length == 0 || i + length > bytes.size()) return false;
        for (size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

// Every line ends in CRLF, has at most 75 octets and holds whole UTF-8 characters.
void check_lines(const std::string& text) {
    REQUIRE(text.ends_with("\r\n"));
    std::vector<std::string> bad;  // the lines that break a rule, for the failure message
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();  // (not reached: the text ends in CRLF)
        const std::string_view line(text.data() + start, end - start);
        if (line.size() > 75 || line.find_first_of("\r\n") != std::string_view::npos || !whole_utf8(line))
            bad.emplace_back(line);
        start = end + 2;
    }
    CHECK(bad == std::vector<std::string>{});
}

std::vector<std::string> uids_of(const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const Event& event : events) out.push_back(event.uid);
    return out;
}

TEST_CASE("the feed is a published Gregorian calendar with a name, and all-day events need no time zone",
          "[calendar_feed]") {
    const test::MemoryState state;
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state));
    const std::string whole = unfolded(feed.text);
    CHECK(feed.text.starts_with("BEGIN:VCALENDAR\r\n"));
    CHECK(feed.text.ends_with("END:VCALENDAR\r\n"));
    for (const char* line : {"\r\nVERSION:2.0\r\n", "\r\nCALSCALE:GREGORIAN\r\n", "\r\nMETHOD:PUBLISH\r\n",
                             "\r\nX-WR-TIMEZONE:Europe/Oslo\r\n", "\r\nX-WR-CALNAME:Trøndelag SV\r\n",
                             "\r\nPRODID:"})
        CHECK(contains(whole, line));
    CHECK_FALSE(contains(whole, "VTIMEZONE"));
    // Every start and end is a date: no event carries a time.
    const auto starts = lines_starting(feed.text, "DTSTART");
    REQUIRE(starts.size() > 100);
    CHECK(std::ranges::all_of(starts, [](const std::string& line) { return line.starts_with("DTSTART;VALUE=DATE:"); }));
    const auto ends = lines_starting(feed.text, "DTEND");
    CHECK(ends.size() == starts.size());
    CHECK(std::ranges::all_of(ends, [](const std::string& line) { return line.starts_with("DTEND;VALUE=DATE:"); }));
    CHECK(std::ranges::all_of(events_of(feed.text), [](const Event& event) {
        return event.all_day && date::sys_days(event.end) == date::sys_days(event.start) + date::days(1);
    }));
    check_lines(feed.text);
}

TEST_CASE("libical's RFC 5545 check finds nothing missing or repeated in any component", "[calendar_feed]") {
    test::MemoryState state;
    state.wheel_days.push_back({"fylkesarsmote", 2027, ymd(2027, 2, 13), kari, test::oslo_time("2026-12-06T10:00")});
    state.done.push_back({{6, "", "2027-5"}, kari, test::oslo_time("2027-05-03T18:30"), "", false});
    state.done.push_back({{6, "", "2027-6"}, kari, test::oslo_time("2027-06-03T18:30"), "Ferie", true});
    state.edits.push_back({{9, "", "2027-6"}, ymd(2027, 6, 20)});
    state.added.push_back({101, {"kasserer", ""}, "Budsjett 2028", ymd(2027, 10, 1)});
    Calendar calendar = parsed(publish::calendar_feed(request_for(&state)).text);
    // iTIP's rules for METHOD:PUBLISH (RFC 5546) also want an ORGANIZER, which a feed
    // of the plan has no address for; RFC 5545's own rules are checked without it.
    icalproperty* method = icalcomponent_get_first_property(calendar.get(), ICAL_METHOD_PROPERTY);
    REQUIRE(method);
    icalcomponent_remove_property(calendar.get(), method);
    icalproperty_free(method);
    CHECK(icalrestriction_check(calendar.get()) == 1);
    CHECK(icalcomponent_count_errors(calendar.get()) == 0);
}

TEST_CASE("lines are CRLF, at most 75 octets, never cut inside æ, ø or å, and unfold to the original text",
          "[calendar_feed]") {
    test::MemoryState state;
    const std::string long_title =
        "Søknad om støtte til årsmøtet på Røros: bære, frø, gåsegrønt, ærfugl, øyvær og blåbær – "
        "Ærlig talt, Øystein og Åse må få med seg både vårdugnad og høstmøte i Østfold ✅";
    // Shifted by one to six letters, so the 75th octet lands on each byte of æ, ø and å.
    for (int shift = 0; shift < 6; ++shift)
        state.added.push_back({101 + shift, {"kasserer", ""}, std::string(static_cast<size_t>(shift), 'x') + long_title,
                               ymd(2027, 3, 1 + shift)});
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state));
    check_lines(feed.text);

    const auto events = events_of(feed.text);
    for (int shift = 0; shift < 6; ++shift) {
        const std::string original = std::string(static_cast<size_t>(shift), 'x') + long_title;
        const auto& event = event_with_uid(events, "task-" + std::to_string(101 + shift) + "--@planbot");
        CHECK(event.summary == "Frist: nr. " + std::to_string(101 + shift) + " " + original);
        CHECK(event.start == ymd(2027, 3, 1 + shift));
    }
    // Unfolded by hand too (RFC 5545 3.1), the line is the title, escaped.
    const auto summaries = lines_starting(feed.text, "SUMMARY:Frist: nr. 103 ");
    REQUIRE(summaries.size() == 1);
    CHECK(summaries.front() ==
          "SUMMARY:Frist: nr. 103 xx" +
              std::string("Søknad om støtte til årsmøtet på Røros: bære\\, frø\\, gåsegrønt\\, ærfugl\\, øyvær og "
                          "blåbær – Ærlig talt\\, Øystein og Åse må få med seg både vårdugnad og høstmøte i Østfold ✅"));
}

TEST_CASE("backslash, semicolon, comma and line breaks are escaped and read back unchanged", "[calendar_feed]") {
    test::MemoryState state;
    const std::string title = "Budsjett; del 1, 2 \\ 3\nneste linje";
    const std::string reason = "Ingen møte; ferie, se C:\\plan\nNeste gang i august";
    state.added.push_back({101, {"kasserer", ""}, title, ymd(2027, 9, 1)});
    state.done.push_back({{6, "", "2027-6"}, kari, test::oslo_time("2027-06-02T09:00"), reason, true});
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state));
    check_lines(feed.text);

    const auto events = events_of(feed.text);
    CHECK(event_with_uid(events, "task-101--@planbot").summary == "Frist: nr. 101 " + title);
    CHECK(contains(event_with_uid(events, "task-6--2027-6@planbot").description,
                   "Hoppet over: " + reason));
    const auto raw = lines_starting(feed.text, "SUMMARY:Frist: nr. 101 ");
    REQUIRE(raw.size() == 1);
    CHECK(raw.front() == "SUMMARY:Frist: nr. 101 Budsjett\\; del 1\\, 2 \\\\ 3\\nneste linje");
}

TEST_CASE("the calendar's name is escaped as text too, though libical leaves an X- property's commas alone",
          "[calendar_feed]") {
    const test::MemoryState state;
    const std::string name = "Kari: kasserer, AU; og styret \\ i Trøndelag SV, æøåæøåæøåæøåæøå: lang tittel";
    const std::string escaped =
        "Kari: kasserer\\, AU\\; og styret \\\\ i Trøndelag SV\\, æøåæøåæøåæøåæøå: lang tittel";
    // Shifted by one to three letters, so the fold falls on each byte of æ, ø and å.
    for (size_t shift = 0; shift < 4; ++shift) {
        const std::string shifted = std::string(shift, 'x') + name;
        const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state, shifted));
        check_lines(feed.text);
        CHECK(lines_starting(feed.text, "X-WR-CALNAME:") ==
              std::vector<std::string>{"X-WR-CALNAME:" + std::string(shift, 'x') + escaped});
        CHECK(lines_starting(feed.text, "NAME:") ==
              std::vector<std::string>{"NAME:" + std::string(shift, 'x') + escaped});
        CHECK(x_property(feed.text, "X-WR-CALNAME") == shifted);
    }
}

TEST_CASE("a wheel event with a fixed day is an all-day event on that day", "[calendar_feed]") {
    const test::MemoryState state;
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state));
    const auto may_day = event_with_uid(events_of(feed.text), "wheel-forste-mai-2027@planbot");
    CHECK(may_day.summary == "1. mai");
    CHECK(may_day.all_day);
    CHECK(may_day.start == ymd(2027, 5, 1));
    CHECK(may_day.end == ymd(2027, 5, 2));
    CHECK(may_day.sequence == 0);
    CHECK_FALSE(may_day.last_modified);
    CHECK(contains(unfolded(feed.text), "UID:wheel-forste-mai-2027@planbot\r\nDTSTAMP:20250101T000000Z\r\n"
                                        "DTSTART;VALUE=DATE:20270501\r\nDTEND;VALUE=DATE:20270502\r\n"));
}

TEST_CASE("a wheel event the plan gives only a month is on the month's first day, saying «i løpet av»",
          "[calendar_feed]") {
    const test::MemoryState state;
    const auto events = events_of(publish::calendar_feed(request_for(&state)).text);
    const auto& meeting = event_with_uid(events, "wheel-fylkesarsmote-2027@planbot");
    CHECK(meeting.summary == "Fylkesårsmøte i løpet av februar");
    CHECK(meeting.all_day);
    CHECK(meeting.start == ymd(2027, 2, 1));
    CHECK(meeting.end == ymd(2027, 2, 2));
    CHECK(contains(meeting.description, "bare måneden"));
    CHECK(event_with_uid(events, "wheel-lokal-pride-2026@planbot").summary == "Lokal Pride i løpet av juni");
}

TEST_CASE("a day set with /dato moves the wheel event to it, with the same UID and a higher SEQUENCE",
          "[calendar_feed]") {
    test::MemoryState state;
    const auto before = events_of(publish::calendar_feed(request_for(&state)).text);
    const auto set_at = test::oslo_time("2026-12-06T10:00");
    state.wheel_days.push_back({"fylkesarsmote", 2027, ymd(2027, 2, 13), kari, set_at});
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state));
    const auto after = events_of(feed.text);

    const auto& was = event_with_uid(before, "wheel-fylkesarsmote-2027@planbot");
    const auto& now = event_with_uid(after, "wheel-fylkesarsmote-2027@planbot");
    CHECK(now.summary == "Fylkesårsmøte");
    CHECK(now.start == ymd(2027, 2, 13));
    CHECK(now.end == ymd(2027, 2, 14));
    CHECK(now.sequence > was.sequence);
    CHECK(now.last_modified == set_at);
    CHECK(feed.last_modified == set_at);
    CHECK_FALSE(contains(feed.text, "Kari"));
    // The other years keep their month.
    CHECK(event_with_uid(after, "wheel-fylkesarsmote-2028@planbot").summary == "Fylkesårsmøte i løpet av februar");
    CHECK(uids_of(before) == uids_of(after));
}

TEST_CASE("unchanged data gives the same bytes and the same UIDs, whenever and however often it is asked",
          "[calendar_feed]") {
    test::MemoryState state;
    state.wheel_days.push_back({"fylkesarsmote", 2027, ymd(2027, 2, 13), kari, test::oslo_time("2026-12-06T10:00")});
    state.done.push_back({{6, "", "2027-5"}, kari, test::oslo_time("2027-05-03T18:30"), "", false});
    state.edits.push_back({{9, "", "2027-6"}, ymd(2027, 6, 20)});
    state.added.push_back({101, {"kasserer", ""}, "Budsjett 2028", ymd(2027, 10, 1)});
    publish::FeedRequest first = request_for(&state);
    publish::FeedRequest later = request_for(&state);
    later.now = test::oslo_time("2027-11-30T23:59");
    const test::MemoryState restarted = state;  // the same data read again, as after a restart
    const publish::CalendarFeed one = publish::calendar_feed(first);
    const publish::CalendarFeed two = publish::calendar_feed(later);
    const publish::CalendarFeed three = publish::calendar_feed(request_for(&restarted));
    CHECK(one.text == two.text);
    CHECK(one.text == three.text);
    CHECK(one.last_modified == two.last_modified);

    // UIDs: one per event, from safe characters only.
    const auto uids = uids_of(events_of(one.text));
    CHECK(std::set<std::string>(uids.begin(), uids.end()).size() == uids.size());
    std::vector<std::string> unsafe;
    for (const std::string& uid : uids)
        if (!uid.ends_with("@planbot") || !std::ranges::all_of(uid, [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._%@").find(c) != std::string_view::npos;
            }))
            unsafe.push_back(uid);
    CHECK(unsafe == std::vector<std::string>{});
    // A per-unit deadline names its unit, which its UID carries escaped.
    const auto events = events_of(one.text);
    CHECK(event_with_uid(events, "task-12-Midtre%20Gauldal-2027-12@planbot").summary ==
          "Frist: nr. 12 Besøke alle lokallag (Midtre Gauldal)");
    CHECK(event_with_uid(events, "task-3-melhus%2Dskaun%2Dorkland-2026-12@planbot").summary ==
          "Frist: nr. 3 Arrangement i hvert regionteam (Melhus/Skaun/Orkland)");
    CHECK(event_with_uid(events, "task-12-R%C3%B8ros-2026-12@planbot").start == ymd(2026, 12, 31));
}

TEST_CASE("a confirmed deadline says so in the next generation, with a higher SEQUENCE and its time as LAST-MODIFIED",
          "[calendar_feed]") {
    test::MemoryState state;
    const std::string uid = "task-6--2027-5@planbot";
    const auto before = event_with_uid(events_of(publish::calendar_feed(request_for(&state)).text), uid);
    CHECK(before.summary == "Frist: nr. 6 Fylkesstyremøte");
    CHECK(before.start == ymd(2027, 5, 31));
    CHECK(contains(before.description, "Ansvarlig: Fylkesstyret og Fylkessekretær."));
    CHECK_FALSE(contains(before.description, "Meldt ferdig"));

    const auto at = test::oslo_time("2027-05-03T23:30");  // 21:30 UTC: Oslo's day is the 3rd
    state.done.push_back({{6, "", "2027-5"}, kari, at, "Referat sendt", false});
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(&state));
    const auto after = event_with_uid(events_of(feed.text), uid);
    CHECK(contains(after.description, "✅ Meldt ferdig 3. mai 2027."));
    CHECK(after.sequence > before.sequence);
    CHECK(after.last_modified == at);
    CHECK(feed.last_modified == at);
    CHECK(contains(unfolded(feed.text), "UID:" + uid + "\r\nDTSTAMP:20270503T213000Z\r\n"));
    CHECK_FALSE(contains(feed.text, "Kari"));  // no one's name in the feed
    CHECK_FALSE(contains(feed.text, "kari"));
}

TEST_CASE("a skipped deadline gives the reason, and a moved one its new day under the same UID", "[calendar_feed]") {
    test::MemoryState state;
    state.done.push_back(
        {{6, "", "2027-6"}, kari, test::oslo_time("2027-06-02T09:00"), "Styret har sommerferie", true});
    state.edits.push_back({{6, "", "2027-5"}, ymd(2027, 5, 20)});
    const auto events = events_of(publish::calendar_feed(request_for(&state)).text);
    const auto& skipped = event_with_uid(events, "task-6--2027-6@planbot");
    CHECK(contains(skipped.description, "Hoppet over: Styret har sommerferie"));
    CHECK_FALSE(contains(skipped.description, "Meldt ferdig"));
    CHECK(skipped.sequence == 1);
    const auto& moved = event_with_uid(events, "task-6--2027-5@planbot");
    CHECK(moved.start == ymd(2027, 5, 20));
    CHECK(moved.sequence == 1);
    CHECK(contains(moved.description, "Fristen for mai 2027 er flyttet av en administrator."));
    CHECK_FALSE(moved.last_modified);  // a moved deadline carries no time in the state
}

TEST_CASE("May 2027 in the organisation's feed: 1. mai, the month's wheel theme and the month's deadlines",
          "[calendar_feed]") {
    const test::MemoryState state;
    std::vector<std::string> may;  // "03 Frist: …", by day, then summary
    for (const Event& event : events_of(publish::calendar_feed(request_for(&state)).text))
        if (event.start >= ymd(2027, 5, 1) && event.start <= ymd(2027, 5, 31)) {
            const auto day = static_cast<unsigned>(event.start.day());
            may.push_back((day < 10 ? "0" : "") + std::to_string(day) + " " + event.summary);
        }
    std::ranges::sort(may);
    const std::string weekly = "Frist: nr. 30 Ukentlig koordineringsmøte";  // Mondays
    const std::string social = "Frist: nr. 42 Sosiale medier";               // Fridays
    const std::vector<std::string> expected = {
        "01 1. mai",
        "01 Frist: nr. 15 Rekruttere medlemmer ved aksjoner",
        "01 Valgkampskolering lokallag i løpet av mai",
        "03 " + weekly,
        "07 " + social,
        "10 " + weekly,
        "14 " + social,
        "17 " + weekly,
        "21 " + social,
        "24 " + weekly,
        "28 " + social,
        "29 Frist: nr. 39 Aksjonsdager og merkedager",
        "31 " + weekly,
        "31 Frist: nr. 41 Kronikker og leserinnlegg",
        "31 Frist: nr. 6 Fylkesstyremøte",
    };
    CHECK(may == expected);
}

TEST_CASE("a kasserer's feed holds the wheel and the kasserer's deadlines, not another role's", "[calendar_feed]") {
    test::MemoryState state;
    state.added.push_back({101, {"kasserer", ""}, "Budsjett 2028", ymd(2027, 10, 1)});
    state.added.push_back({102, {"au", ""}, "Leie lokale", ymd(2027, 10, 2)});
    const auto organisation = events_of(publish::calendar_feed(request_for(&state)).text);
    const publish::CalendarFeed feed = publish::calendar_feed(personal_request(&state, {{"kasserer", ""}}));
    check_lines(feed.text);
    const auto events = events_of(feed.text);

    std::set<std::string> deadlines;
    size_t wheel = 0, wheel_in_organisation = 0;
    for (const Event& event : events) {
        if (event.uid.starts_with("wheel-")) ++wheel;
        else deadlines.insert(event.summary);
    }
    for (const Event& event : organisation) wheel_in_organisation += event.uid.starts_with("wheel-") ? 1 : 0;
    CHECK(wheel == wheel_in_organisation);
    CHECK(wheel > 50);
    CHECK(deadlines == std::set<std::string>{"Frist: nr. 9 Følge opp partiskatt",
                                             "Frist: nr. 10 Øke inntekter fra støttegiro",
                                             "Frist: nr. 101 Budsjett 2028"});
    CHECK(std::ranges::count(events, "Frist: nr. 9 Følge opp partiskatt", &Event::summary) == 16);  // quarterly
    CHECK(x_property(feed.text, "X-WR-CALNAME") == "Mine frister");
}

TEST_CASE("a person who holds no role gets the wheel alone", "[calendar_feed]") {
    test::MemoryState state;
    state.added.push_back({101, {"kasserer", ""}, "Budsjett 2028", ymd(2027, 10, 1)});
    const auto events = events_of(publish::calendar_feed(personal_request(&state, {})).text);
    CHECK(events.size() > 50);
    CHECK(std::ranges::all_of(events, [](const Event& event) { return event.uid.starts_with("wheel-"); }));
}

TEST_CASE("a regional leader's feed holds their region's occurrences of a per-region tiltak only", "[calendar_feed]") {
    const test::MemoryState state;
    const auto events =
        events_of(publish::calendar_feed(personal_request(&state, {{"regionleder", "innherred"}})).text);
    std::vector<std::string> deadlines;
    for (const Event& event : events)
        if (event.uid.starts_with("task-")) deadlines.push_back(event.uid);
    CHECK(deadlines == std::vector<std::string>{"task-3-innherred-2025-12@planbot", "task-3-innherred-2026-12@planbot",
                                                "task-3-innherred-2027-12@planbot",
                                                "task-3-innherred-2028-12@planbot"});
    CHECK(contains(event_with_uid(events, "task-3-innherred-2027-12@planbot").description,
                   "Ansvarlig: Regionleder Innherred og Fylkessekretær."));
}

TEST_CASE("without a state the feed is the plan as planned, stamped with the plan's start", "[calendar_feed]") {
    const publish::CalendarFeed feed = publish::calendar_feed(request_for(nullptr));
    check_lines(feed.text);
    CHECK(feed.last_modified == sys_seconds(date::sys_days(ymd(2025, 1, 1))));
    const auto events = events_of(feed.text);
    CHECK(event_with_uid(events, "wheel-fylkesarsmote-2025@planbot").start == ymd(2025, 2, 1));
    CHECK(event_with_uid(events, "task-27--2027-9@planbot").description ==
          "Sørge for at det arrangeres valgvake rundt om fylket\n"
          "Ansvarlig: mangler i planen – Fylkesstyret følger opp.");
    CHECK(std::ranges::none_of(events, [](const Event& event) { return event.sequence > 0 || event.last_modified; }));

    publish::FeedRequest request = request_for(nullptr);
    request.plan_changed = test::oslo_time("2026-08-01T12:00");
    const publish::CalendarFeed stamped = publish::calendar_feed(request);
    CHECK(stamped.last_modified == test::oslo_time("2026-08-01T12:00"));
    CHECK(contains(stamped.text, "DTSTAMP:20260801T100000Z\r\n"));
}

}  // namespace planbot::calendar_feed_test
