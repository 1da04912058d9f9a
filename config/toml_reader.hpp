// Small helpers over toml++ that turn a wrong or missing value into a LoadError
// naming file, line and column. Shared by the plan loader and the settings loader.
// Throws TomlProblem internally; load functions catch it once and return it as a value.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/plan_loader.hpp"

namespace planbot::config::toml_reader {

struct TomlProblem {
    LoadError error;
};

// Throws TomlProblem at the node's place in the file.
[[noreturn]] void fail_at(const toml::source_region& where, std::string message);

// Rejects keys not in `allowed` (a typo like "mont" must not be silently ignored).
void reject_unknown_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                         std::string_view table_name);

const toml::table& require_table(const toml::table& parent, std::string_view key);
const toml::array* optional_array(const toml::table& parent, std::string_view key);

std::string require_string(const toml::table& table, std::string_view key);
std::optional<std::string> optional_string(const toml::table& table, std::string_view key);
int64_t require_integer(const toml::table& table, std::string_view key);
std::optional<int64_t> optional_integer(const toml::table& table, std::string_view key);
std::optional<bool> optional_bool(const toml::table& table, std::string_view key);
std::vector<std::string> string_list(const toml::table& table, std::string_view key);
std::vector<int> integer_list(const toml::table& table, std::string_view key);

// Where a key's value sits (falls back to the table itself when the key is absent).
toml::source_region place_of(const toml::table& table, std::string_view key);

// Parses the whole document, turning a syntax error into a TomlProblem.
toml::table parse_document(std::string_view text, std::string_view source_name);

}  // namespace planbot::config::toml_reader
