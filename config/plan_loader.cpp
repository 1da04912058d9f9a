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

#include "config/plan_reading.hpp"
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

namespace plan_reading {

int days_in_month(int year, int month) {
    return static_cast<int>(static_cast<unsigned>(
        (date::year(year) / date::month(static_cast<unsigned>(month)) / date::last).day()));
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

}  // namespace plan_reading

namespace {

using namespace plan_reading;

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
        reject_unknown_keys(table, {"id", "name", "aliases", "scope", "term_until"}, "[[roles]]");
        Role role;
        role.id = require_string(table, "id");
        if (!ids.insert(role.id).second) fail_at(place_of(table, "id"), "duplicate role id '" + role.id + "'");
        role.name = require_string(table, "name");
        role.aliases = string_list(table, "aliases");
        role.scope = parse_scope(table, "scope");
        role.term_until = optional_string(table, "term_until").value_or("");
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

// A role's term_until names a wheel event (read after the roles).
void check_role_terms(const toml::table& root, const Plan& plan) {
    for_each_table(root, "roles", [&](const toml::table& table) {
        const std::string event = optional_string(table, "term_until").value_or("");
        if (event.empty()) return;
        if (std::ranges::none_of(plan.wheel, [&](const WheelEvent& e) { return e.id == event; }))
            fail_at(place_of(table, "term_until"), "term_until '" + event + "' is not the id of a [[wheel]] event");
    });
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
        check_role_terms(root, plan);
        plan_reading::read_tiltak(root, plan);
        plan_reading::read_special(root, plan);
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
