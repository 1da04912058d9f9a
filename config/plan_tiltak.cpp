// The plan's tiltak and its [special] table, the second half of plan_loader.cpp's
// reading: each tiltak's schedule (by kind, refusing keys another kind would use), its
// responsible roles (role ids, optionally with a unit), and the special roles the core
// must know by name. Failures point at the value, as the rest of the loader's do.
#include <algorithm>
#include <set>

#include "config/plan_reading.hpp"
#include "config/toml_reader.hpp"

namespace planbot::config::plan_reading {

using namespace toml_reader;

namespace {

ScheduleKind parse_schedule_kind(const toml::table& table) {
    static const std::pair<std::string_view, ScheduleKind> kinds[] = {
        {"dates", ScheduleKind::dates},         {"yearly", ScheduleKind::yearly},
        {"months", ScheduleKind::months},       {"monthly", ScheduleKind::monthly},
        {"quarterly", ScheduleKind::quarterly}, {"weekly", ScheduleKind::weekly},
        {"admin_dates", ScheduleKind::admin_dates}, {"ongoing", ScheduleKind::ongoing},
    };
    std::string kind = require_string(table, "kind");
    for (const auto& [name, value] : kinds)
        if (name == kind) return value;
    fail_at(place_of(table, "kind"), "unknown schedule kind '" + kind +
                                         "' (known: dates, yearly, months, monthly, quarterly, weekly, "
                                         "admin_dates, ongoing)");
}

// "dates" on a quarterly schedule would be silently ignored: refuse it instead.
void reject_keys_not_for_kind(const toml::table& table, ScheduleKind kind) {
    const std::pair<std::string_view, ScheduleKind> owners[] = {{"dates", ScheduleKind::dates},
                                                                {"days", ScheduleKind::yearly},
                                                                {"months", ScheduleKind::months},
                                                                {"weekday", ScheduleKind::weekly}};
    for (const auto& [key, owner] : owners)
        if (table.contains(key) && kind != owner)
            fail_at(place_of(table, key), "'" + std::string(key) + "' does not belong to a schedule of kind '" +
                                              std::string(*table["kind"].value<std::string_view>()) + "'");
}

Schedule read_schedule(const Plan& plan, const toml::table& table) {
    reject_unknown_keys(table, {"kind", "dates", "days", "months", "weekday", "years", "description"}, "schedule");
    Schedule schedule;
    schedule.kind = parse_schedule_kind(table);
    schedule.description = optional_string(table, "description").value_or("");
    schedule.years = integer_list(table, "years");
    check_years(plan, table, "years", schedule.years);
    const std::vector<int> years = schedule.years.empty() ? plan_years(plan) : schedule.years;

    if (const toml::array* dates = optional_array(table, "dates"))
        for (const toml::node& element : *dates) {
            if (!element.is_string()) fail_at(element.source(), "every element of 'dates' must be a string");
            CalendarDate date = parse_date(element.as_string()->get(), element.source());
            if (date.year < plan.first_year || date.year > plan.last_year)
                fail_at(element.source(), "the date is outside the plan period");
            schedule.dates.push_back(date);
        }
    if (const toml::array* days = optional_array(table, "days"))
        for (const toml::node& element : *days) {
            if (!element.is_string()) fail_at(element.source(), "every element of 'days' must be a string");
            schedule.days.push_back(parse_month_day(element.as_string()->get(), years, element.source()));
        }
    schedule.months = integer_list(table, "months");
    for (int month : schedule.months) check_month(table, "months", month);
    schedule.weekday = static_cast<int>(optional_integer(table, "weekday").value_or(1));
    if (schedule.weekday < 1 || schedule.weekday > 7)
        fail_at(place_of(table, "weekday"), "weekday must be 1 (Monday) to 7 (Sunday)");

    reject_keys_not_for_kind(table, schedule.kind);
    if (schedule.kind == ScheduleKind::dates && schedule.dates.empty())
        fail_at(table.source(), "a schedule of kind 'dates' needs dates = [\"YYYY-MM-DD\", ...]");
    if (schedule.kind == ScheduleKind::yearly && schedule.days.empty())
        fail_at(table.source(), "a schedule of kind 'yearly' needs days = [\"MM-DD\", ...]");
    if (schedule.kind == ScheduleKind::months && schedule.months.empty())
        fail_at(table.source(), "a schedule of kind 'months' needs months = [1, ...]");
    return schedule;
}

// "role" or "role/unit", checked against the roles and the unit lists.
RoleRef read_role_ref(const Plan& plan, const std::string& text, const toml::source_region& where) {
    RoleRef ref;
    auto slash = text.find('/');
    ref.role_id = text.substr(0, slash);
    if (slash != std::string::npos) ref.unit = text.substr(slash + 1);
    const Role* role = plan.find_role(ref.role_id);
    if (!role) fail_at(where, "unknown role '" + ref.role_id + "' (add it to [[roles]] or fix the spelling)");
    if (ref.unit.empty()) return ref;
    bool known_unit = false;
    switch (role->scope) {
        case Scope::none:
            fail_at(where, "role '" + ref.role_id + "' has no scope, so it cannot be narrowed to '" + ref.unit + "'");
        case Scope::region:
            for (const Region& region : plan.regions) known_unit = known_unit || region.id == ref.unit;
            break;
        case Scope::committee:
            for (const Committee& committee : plan.committees) known_unit = known_unit || committee.id == ref.unit;
            break;
        case Scope::lokallag:
            for (const Region& region : plan.regions)
                known_unit = known_unit || std::ranges::find(region.municipalities, ref.unit) !=
                                               region.municipalities.end();
            break;
        case Scope::municipality:
            for (const Region& region : plan.regions)
                known_unit = known_unit || std::ranges::find(region.municipalities, ref.unit) !=
                                               region.municipalities.end();
            known_unit = known_unit || std::ranges::find(plan.other_municipalities, ref.unit) !=
                                           plan.other_municipalities.end();
            break;
    }
    if (!known_unit) fail_at(where, "unknown unit '" + ref.unit + "' for role '" + ref.role_id + "'");
    return ref;
}

void read_ansvarlig(const Plan& plan, const toml::table& table, Tiltak& item) {
    item.ansvarlig_text = optional_string(table, "ansvarlig_text").value_or("");
    item.ansvarlig_missing = optional_bool(table, "ansvarlig_missing").value_or(false);
    if (const toml::array* refs = optional_array(table, "ansvarlig"))
        for (const toml::node& element : *refs) {
            if (!element.is_string()) fail_at(element.source(), "every element of 'ansvarlig' must be a role id");
            RoleRef ref = read_role_ref(plan, element.as_string()->get(), element.source());
            if (std::ranges::find(item.ansvarlig, ref) != item.ansvarlig.end())
                fail_at(element.source(), "role '" + element.as_string()->get() + "' is listed twice");
            item.ansvarlig.push_back(std::move(ref));
        }
    if (item.ansvarlig.empty() && !item.ansvarlig_missing)
        fail_at(table.source(), "tiltak " + std::to_string(item.number) +
                                    " names no ansvarlig; list roles, or set ansvarlig_missing = true");
    if (!item.ansvarlig.empty() && item.ansvarlig_missing)
        fail_at(place_of(table, "ansvarlig_missing"),
                "tiltak " + std::to_string(item.number) + " has ansvarlig_missing = true but also lists roles");
}

}  // namespace

void read_tiltak(const toml::table& root, Plan& plan) {
    std::set<int> numbers;
    for_each_table(root, "tiltak", [&](const toml::table& table) {
        reject_unknown_keys(table, {"number", "section", "title", "short", "ansvarlig_text", "ansvarlig",
                                    "ansvarlig_missing", "per", "keywords", "schedule", "wheel", "wheel_days_before"},
                            "[[tiltak]]");
        Tiltak item;
        item.number = static_cast<int>(require_integer(table, "number"));
        if (item.number < 1) fail_at(place_of(table, "number"), "tiltak number must be 1 or more");
        if (!numbers.insert(item.number).second)
            fail_at(place_of(table, "number"), "duplicate tiltak number " + std::to_string(item.number));
        item.section = optional_string(table, "section").value_or("");
        item.title = require_string(table, "title");
        item.short_title = optional_string(table, "short").value_or(item.title);
        read_ansvarlig(plan, table, item);
        item.per = parse_scope(table, "per");
        item.keywords = string_list(table, "keywords");
        item.schedule = read_schedule(plan, require_table(table, "schedule"));
        item.wheel = optional_string(table, "wheel").value_or("");
        if (!item.wheel.empty() &&
            std::ranges::none_of(plan.wheel, [&](const WheelEvent& event) { return event.id == item.wheel; }))
            fail_at(place_of(table, "wheel"), "no [[wheel]] event has the id '" + item.wheel + "'");
        const int64_t before = optional_integer(table, "wheel_days_before").value_or(0);
        if (before < 0 || before > 365)
            fail_at(place_of(table, "wheel_days_before"), "wheel_days_before must be 0 to 365 days");
        if (before > 0 && item.wheel.empty())
            fail_at(place_of(table, "wheel_days_before"), "wheel_days_before needs wheel = \"<wheel id>\"");
        item.wheel_days_before = static_cast<int>(before);
        plan.tiltak.push_back(std::move(item));
    });
}

// [special]: which of the plan's roles and tiltak the bot gives a part of its own.
void read_special(const toml::table& root, Plan& plan) {
    const toml::table* special = root["special"].as_table();
    if (!special) return;
    reject_unknown_keys(*special, {"secretary", "board", "forum_members", "forum_follow_up_tiltak"}, "[special]");
    auto role = [&](std::string_view key) {
        std::string id = optional_string(*special, key).value_or("");
        if (!id.empty() && !plan.find_role(id))
            fail_at(place_of(*special, key), "no role has the id '" + id + "' (see [[roles]])");
        return id;
    };
    plan.special.secretary = role("secretary");
    plan.special.board = role("board");
    plan.special.forum_members = role("forum_members");
    if (auto number = optional_integer(*special, "forum_follow_up_tiltak")) {
        if (*number < 1 || *number > std::numeric_limits<int>::max() || !plan.find_tiltak(static_cast<int>(*number)))
            fail_at(place_of(*special, "forum_follow_up_tiltak"), "no [[tiltak]] has this number");
        plan.special.forum_follow_up_tiltak = static_cast<int>(*number);
    }
}

}  // namespace planbot::config::plan_reading
