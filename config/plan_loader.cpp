// See plan_loader.hpp. Reading happens in two passes: first every table is turned
// into values (type errors point at the value), then cross-references are checked
// (unknown role, unknown unit, duplicate ids), again pointing at the value.
#include "config/plan_loader.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <date/date.h>

#include "config/toml_reader.hpp"

namespace planbot::config {

using namespace toml_reader;

std::string LoadError::describe() const {
    if (line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

const Role* Plan::find_role(std::string_view id) const {
    for (const Role& role : roles)
        if (role.id == id) return &role;
    return nullptr;
}

const Tiltak* Plan::find_tiltak(int number) const {
    for (const Tiltak& item : tiltak)
        if (item.number == number) return &item;
    return nullptr;
}

std::vector<const WheelEvent*> Plan::wheel_cell(int year, int month) const {
    std::vector<const WheelEvent*> out;
    for (const WheelEvent& event : wheel)
        if (event.month == month && std::ranges::find(event.years, year) != event.years.end())
            out.push_back(&event);
    return out;
}

namespace {

int days_in_month(int year, int month) {
    return static_cast<int>(static_cast<unsigned>(
        (date::year(year) / date::month(static_cast<unsigned>(month)) / date::last).day()));
}

// Loops over [[name]] as tables, failing when an element is not a table.
template <typename Each>
void for_each_table(const toml::table& root, std::string_view name, Each each) {
    const toml::array* array = optional_array(root, name);
    if (!array) return;
    for (const toml::node& element : *array) {
        if (!element.is_table()) fail_at(element.source(), "[[" + std::string(name) + "]] must be a table");
        each(*element.as_table());
    }
}

Scope parse_scope(const toml::table& table, std::string_view key) {
    auto text = optional_string(table, key);
    if (!text || *text == "none") return Scope::none;
    if (*text == "region") return Scope::region;
    if (*text == "committee") return Scope::committee;
    if (*text == "lokallag") return Scope::lokallag;
    if (*text == "kommune") return Scope::municipality;
    fail_at(place_of(table, key), "'" + std::string(key) + "' must be one of none, region, committee, lokallag, kommune (got '" +
                                      *text + "')");
}

int parse_number(std::string_view text, bool& ok) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    ok = error == std::errc() && end == text.data() + text.size() && !text.empty();
    return value;
}

// "YYYY-MM-DD" → CalendarDate, or a failure at `where`.
CalendarDate parse_date(const std::string& text, const toml::source_region& where) {
    bool ok_year = false, ok_month = false, ok_day = false;
    CalendarDate date;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        date.year = parse_number(std::string_view(text).substr(0, 4), ok_year);
        date.month = parse_number(std::string_view(text).substr(5, 2), ok_month);
        date.day = parse_number(std::string_view(text).substr(8, 2), ok_day);
    }
    if (!ok_year || !ok_month || !ok_day) fail_at(where, "date '" + text + "' must be written YYYY-MM-DD");
    if (date.month < 1 || date.month > 12) fail_at(where, "month in '" + text + "' must be 1-12");
    if (date.day < 1 || date.day > days_in_month(date.year, date.month))
        fail_at(where, "the date '" + text + "' does not exist");
    return date;
}

// "MM-DD" → MonthDay valid in every one of `years`.
MonthDay parse_month_day(const std::string& text, const std::vector<int>& years, const toml::source_region& where) {
    bool ok_month = false, ok_day = false;
    MonthDay result;
    if (text.size() == 5 && text[2] == '-') {
        result.month = parse_number(std::string_view(text).substr(0, 2), ok_month);
        result.day = parse_number(std::string_view(text).substr(3, 2), ok_day);
    }
    if (!ok_month || !ok_day) fail_at(where, "day '" + text + "' must be written MM-DD");
    if (result.month < 1 || result.month > 12) fail_at(where, "month in '" + text + "' must be 1-12");
    for (int year : years)
        if (result.day < 1 || result.day > days_in_month(year, result.month))
            fail_at(where, "the day '" + text + "' does not exist in " + std::to_string(year));
    return result;
}

void check_month(const toml::table& table, std::string_view key, int month) {
    if (month < 1 || month > 12)
        fail_at(place_of(table, key), "month must be 1-12 (got " + std::to_string(month) + ")");
}

void check_years(const Plan& plan, const toml::table& table, std::string_view key, const std::vector<int>& years) {
    const toml::array* array = optional_array(table, key);
    if (array && years.empty())
        fail_at(array->source(), "'" + std::string(key) + "' is empty; list the years, or leave it out for every year");
    for (size_t i = 0; i < years.size(); ++i) {
        if (years[i] < plan.first_year || years[i] > plan.last_year)
            fail_at(array ? (*array)[i].source() : table.source(),
                    "year " + std::to_string(years[i]) + " is outside the plan period " +
                        std::to_string(plan.first_year) + "-" + std::to_string(plan.last_year));
        if (std::find(years.begin(), years.begin() + static_cast<long>(i), years[i]) != years.begin() + static_cast<long>(i))
            fail_at(array ? (*array)[i].source() : table.source(), "year " + std::to_string(years[i]) + " is listed twice");
    }
}

std::vector<int> plan_years(const Plan& plan) {
    std::vector<int> years;
    for (int year = plan.first_year; year <= plan.last_year; ++year) years.push_back(year);
    return years;
}

void read_header(const toml::table& root, Plan& plan) {
    const toml::table& header = require_table(root, "plan");
    reject_unknown_keys(header, {"name", "organisation", "first_year", "last_year", "election_years", "other_municipalities"},
                       "[plan]");
    plan.name = require_string(header, "name");
    plan.organisation = require_string(header, "organisation");
    plan.first_year = static_cast<int>(require_integer(header, "first_year"));
    plan.last_year = static_cast<int>(require_integer(header, "last_year"));
    if (plan.first_year < 1970 || plan.last_year < plan.first_year || plan.last_year > plan.first_year + 20)
        fail_at(place_of(header, "last_year"), "the plan period must be 1-20 years from first_year");
    plan.election_years = integer_list(header, "election_years");
    check_years(plan, header, "election_years", plan.election_years);
    plan.other_municipalities = string_list(header, "other_municipalities");
}

void read_roles(const toml::table& root, Plan& plan) {
    std::set<std::string> ids;
    for_each_table(root, "roles", [&](const toml::table& table) {
        reject_unknown_keys(table, {"id", "name", "aliases", "scope"}, "[[roles]]");
        Role role;
        role.id = require_string(table, "id");
        if (!ids.insert(role.id).second) fail_at(place_of(table, "id"), "duplicate role id '" + role.id + "'");
        role.name = require_string(table, "name");
        role.aliases = string_list(table, "aliases");
        role.scope = parse_scope(table, "scope");
        plan.roles.push_back(std::move(role));
    });
    if (plan.roles.empty()) fail_at(root.source(), "the plan names no [[roles]]");
}

void read_units(const toml::table& root, Plan& plan) {
    std::set<std::string> ids;
    for_each_table(root, "regions", [&](const toml::table& table) {
        reject_unknown_keys(table, {"id", "name", "municipalities"}, "[[regions]]");
        Region region{require_string(table, "id"), require_string(table, "name"), string_list(table, "municipalities")};
        if (!ids.insert(region.id).second) fail_at(place_of(table, "id"), "duplicate region id '" + region.id + "'");
        plan.regions.push_back(std::move(region));
    });
    ids.clear();
    for_each_table(root, "committees", [&](const toml::table& table) {
        reject_unknown_keys(table, {"id", "name", "leader_title"}, "[[committees]]");
        Committee committee{require_string(table, "id"), require_string(table, "name"),
                            require_string(table, "leader_title")};
        if (!ids.insert(committee.id).second)
            fail_at(place_of(table, "id"), "duplicate committee id '" + committee.id + "'");
        plan.committees.push_back(std::move(committee));
    });
}

void read_wheel(const toml::table& root, Plan& plan) {
    std::set<std::string> ids;
    for_each_table(root, "wheel", [&](const toml::table& table) {
        reject_unknown_keys(table, {"id", "title", "month", "day", "years", "aliases", "note"}, "[[wheel]]");
        WheelEvent event;
        event.id = require_string(table, "id");
        if (!ids.insert(event.id).second) fail_at(place_of(table, "id"), "duplicate wheel id '" + event.id + "'");
        event.title = require_string(table, "title");
        event.month = static_cast<int>(require_integer(table, "month"));
        check_month(table, "month", event.month);
        event.years = integer_list(table, "years");
        check_years(plan, table, "years", event.years);
        if (event.years.empty()) event.years = plan_years(plan);
        if (auto day = optional_integer(table, "day")) {
            for (int year : event.years)
                if (*day < 1 || *day > days_in_month(year, event.month))
                    fail_at(place_of(table, "day"), "day " + std::to_string(*day) + " does not exist in month " +
                                                        std::to_string(event.month) + " of " + std::to_string(year));
            event.day = static_cast<int>(*day);
        }
        event.aliases = string_list(table, "aliases");
        event.note = optional_string(table, "note").value_or("");
        plan.wheel.push_back(std::move(event));
    });
}

}  // namespace
}  // namespace planbot::config

namespace planbot::config {
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

void read_tiltak(const toml::table& root, Plan& plan) {
    std::set<int> numbers;
    for_each_table(root, "tiltak", [&](const toml::table& table) {
        reject_unknown_keys(table, {"number", "section", "title", "short", "ansvarlig_text", "ansvarlig",
                                    "ansvarlig_missing", "per", "keywords", "schedule"},
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

}  // namespace

std::expected<Plan, LoadError> parse_plan(std::string_view text, std::string_view source_name) {
    try {
        toml::table root = parse_document(text, source_name);
        reject_unknown_keys(root, {"plan", "roles", "regions", "committees", "wheel", "tiltak", "special"},
                            "the plan file");
        Plan plan;
        read_header(root, plan);
        read_roles(root, plan);
        read_units(root, plan);
        read_wheel(root, plan);
        read_tiltak(root, plan);
        read_special(root, plan);
        return plan;
    } catch (const TomlProblem& problem) {
        LoadError error = problem.error;
        if (error.file.empty()) error.file = std::string(source_name);
        return std::unexpected(std::move(error));
    }
}

std::expected<Plan, LoadError> load_plan(const std::filesystem::path& file) {
    auto text = read_text_file(file, "plan");
    if (!text) return std::unexpected(text.error());
    return parse_plan(*text, file.string());
}

std::expected<std::string, LoadError> read_text_file(const std::filesystem::path& file, std::string_view what) {
    std::error_code error;
    if (std::filesystem::is_directory(file, error))
        return std::unexpected(LoadError{file.string(), 0, 0, "is a folder, not a " + std::string(what) + " file"});
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(LoadError{file.string(), 0, 0, "cannot open the " + std::string(what) + " file"});
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace planbot::config
