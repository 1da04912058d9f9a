// The organisation's work plan as plain values: the annual wheel (årshjul), the
// tiltak with their ansvarlig roles and default schedules, roles, regions and
// committees. Filled by plan_loader from config/plan/*.toml; knows nothing of
// chat platforms, sockets or the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace planbot::config {

// Which kind of unit a role (or a per-unit tiltak) is tied to.
// municipality: a municipal council (kommunestyre), one of the county's municipalities:
// the regions' ones and the plan's other_municipalities.
enum class Scope { none, region, committee, lokallag, municipality };

struct Role {
    std::string id;                    // stable key, e.g. "fylkessekretaer"
    std::string name;                  // as users read it, e.g. "Fylkessekretær"
    std::vector<std::string> aliases;  // other spellings users type ("arbeidsutvalget")
    Scope scope = Scope::none;         // a scoped role has one holder set per unit
    // The wheel event (its id) whose next occurrence ends a term given without an end
    // date: the annual meeting that elects the role. "": no default end.
    std::string term_until;
};

struct Region {
    std::string id;
    std::string name;
    std::vector<std::string> municipalities;
};

struct Committee {
    std::string id;            // "fagligpolitisk"
    std::string name;          // "Fagligpolitisk utvalg"
    std::string leader_title;  // "Faglig leder": the utvalgsleder of this committee
};

// A reference to a role, optionally narrowed to one unit: "utvalgsleder/fagligpolitisk"
// in the file becomes {role_id = "utvalgsleder", unit = "fagligpolitisk"}.
struct RoleRef {
    std::string role_id;
    std::string unit;  // empty: the role as a whole
    friend bool operator==(const RoleRef&, const RoleRef&) = default;
};

// One line of the wheel: an event held in `month` of each year in `years`.
// Fixed-day events carry their day; the rest have no day (never invent one).
struct WheelEvent {
    std::string id;
    std::string title;                 // as in the plan, e.g. "Fylkesårsmøte"
    int month = 0;                     // 1..12
    std::optional<int> day;            // set only for fixed-day events (8. mars, …)
    std::vector<int> years;            // plan years the event is on the wheel
    std::vector<std::string> aliases;  // extra search words ("sommerkampanje")
    std::string note;
};

enum class ScheduleKind {
    dates,         // fixed calendar dates: `dates` (YYYY-MM-DD)
    yearly,        // every year in `years` on each of `days` (MM-DD)
    months,        // end of each month in `months`, every year in `years`
    monthly,       // end of every month
    quarterly,     // end of each quarter (31 Mar, 30 Jun, 30 Sep, 31 Dec)
    weekly,        // every week on `weekday` (1 = Monday .. 7 = Sunday)
    admin_dates,   // no default dates: an admin enters them (before each meeting, …)
    ongoing,       // continuous work without deadlines
};

struct MonthDay {
    int month = 0;
    int day = 0;
    friend bool operator==(const MonthDay&, const MonthDay&) = default;
};

struct CalendarDate {
    int year = 0;
    int month = 0;
    int day = 0;
    friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
};

struct Schedule {
    ScheduleKind kind = ScheduleKind::ongoing;
    std::vector<CalendarDate> dates;  // kind == dates
    std::vector<MonthDay> days;       // kind == yearly
    std::vector<int> months;          // kind == months
    int weekday = 1;                  // kind == weekly
    std::vector<int> years;           // empty: every plan year
    std::string description;          // Norwegian, as shown to users ("hvert kvartal")
};

struct Tiltak {
    int number = 0;                    // 1..43, as in the plan
    std::string section;               // "Bygge organisasjonen", …
    std::string title;                 // the plan's wording (shortened)
    std::string short_title;           // fits one phone line
    std::string ansvarlig_text;        // copied as written in the plan; empty if none
    std::vector<RoleRef> ansvarlig;    // resolved roles; empty iff ansvarlig_missing
    bool ansvarlig_missing = false;    // the plan names nobody (rows 27 and 28)
    Scope per = Scope::none;           // one occurrence per region/committee/lokallag
    Schedule schedule;
    std::vector<std::string> keywords; // extra search words ("partiskatt")
    // The wheel event this tiltak is tied to ("fylkesarsmote"; "" none): when an admin
    // sets the event's day with /dato, the tiltak's deadline of that year (its last
    // scheduled date up to the end of the event's month) moves to `wheel_days_before`
    // days before that day.
    std::string wheel;
    int wheel_days_before = 0;
};

// The roles and the tiltak the bot itself gives a part, named in the plan's [special]
// table (never in code, so another organisation's plan can name its own). "" / 0: the
// plan names none, and what needs it falls back as each comment says.
struct SpecialRoles {
    // Hears escalations and "nobody holds the role" notices, may run /rapport, and is
    // whom non-members are told to ask about the forum (else the admins).
    std::string secretary;
    // Answers for tiltak that name nobody, and mentors the forum.
    std::string board;
    // Whose holders (one per municipality) are the forum's members.
    std::string forum_members;
    // The tiltak whose reminders list the forum's members and who has been quiet.
    int forum_follow_up_tiltak = 0;
};

struct Plan {
    std::string name;
    std::string organisation;
    int first_year = 0;
    int last_year = 0;
    std::vector<int> election_years;
    // The county's municipalities that belong to no region team (the regions list the
    // rest); units of the municipality scope together with the regions' ones.
    std::vector<std::string> other_municipalities;
    std::vector<Role> roles;
    std::vector<Region> regions;
    std::vector<Committee> committees;
    std::vector<WheelEvent> wheel;
    std::vector<Tiltak> tiltak;
    SpecialRoles special;

    const Role* find_role(std::string_view id) const;
    const Tiltak* find_tiltak(int number) const;
    // The wheel events of one month×year cell, in file order.
    std::vector<const WheelEvent*> wheel_cell(int year, int month) const;
};

}  // namespace planbot::config
