// Private to the plan loader (plan_loader.cpp, plan_tiltak.cpp): the value readers
// both halves use, each failing at the value it reads (toml_reader's fail_at), and the
// two readers of the tiltak half.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/plan.hpp"
#include "config/toml_reader.hpp"

namespace planbot::config::plan_reading {

int days_in_month(int year, int month);

// Loops over [[name]] as tables, failing when an element is not a table.
template <typename Each>
void for_each_table(const toml::table& root, std::string_view name, Each each) {
    const toml::array* array = toml_reader::optional_array(root, name);
    if (!array) return;
    for (const toml::node& element : *array) {
        if (!element.is_table()) toml_reader::fail_at(element.source(), "[[" + std::string(name) + "]] must be a table");
        each(*element.as_table());
    }
}

Scope parse_scope(const toml::table& table, std::string_view key);
int parse_number(std::string_view text, bool& ok);
// "YYYY-MM-DD" → CalendarDate, or a failure at `where`.
CalendarDate parse_date(const std::string& text, const toml::source_region& where);
// "MM-DD" → MonthDay valid in every one of `years`.
MonthDay parse_month_day(const std::string& text, const std::vector<int>& years, const toml::source_region& where);
void check_month(const toml::table& table, std::string_view key, int month);
void check_years(const Plan& plan, const toml::table& table, std::string_view key, const std::vector<int>& years);
std::vector<int> plan_years(const Plan& plan);

// plan_tiltak.cpp: [[tiltak]] and [special], after the roles, units and wheel are read.
void read_tiltak(const toml::table& root, Plan& plan);
void read_special(const toml::table& root, Plan& plan);

}  // namespace planbot::config::plan_reading
