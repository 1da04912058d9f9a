// See toml_reader.hpp.
#include "config/toml_reader.hpp"

#include <memory>

namespace planbot::config::toml_reader {

void fail_at(const toml::source_region& where, std::string message) {
    LoadError error;
    error.file = where.path ? std::string(*where.path) : std::string();
    error.line = static_cast<int>(where.begin.line);
    error.column = static_cast<int>(where.begin.column);
    error.message = std::move(message);
    throw TomlProblem{std::move(error)};
}

toml::source_region place_of(const toml::table& table, std::string_view key) {
    if (const toml::node* node = table.get(key)) return node->source();
    return table.source();
}

void reject_unknown_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                         std::string_view table_name) {
    for (const auto& [key, value] : table) {
        bool known = false;
        for (std::string_view name : allowed) known = known || key.str() == name;
        if (!known) {
            std::string list;
            for (std::string_view name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
            fail_at(key.source().begin.line ? key.source() : value.source(),
                    "unknown setting '" + std::string(key.str()) + "' in " + std::string(table_name) +
                        " (known: " + list + ")");
        }
    }
}

const toml::table& require_table(const toml::table& parent, std::string_view key) {
    const toml::node* node = parent.get(key);
    if (!node) fail_at(parent.source(), "missing table [" + std::string(key) + "]");
    if (!node->is_table()) fail_at(node->source(), "'" + std::string(key) + "' must be a table");
    return *node->as_table();
}

const toml::array* optional_array(const toml::table& parent, std::string_view key) {
    const toml::node* node = parent.get(key);
    if (!node) return nullptr;
    if (!node->is_array()) fail_at(node->source(), "'" + std::string(key) + "' must be an array");
    return node->as_array();
}

std::optional<std::string> optional_string(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (!node->is_string()) fail_at(node->source(), "'" + std::string(key) + "' must be a string");
    return node->as_string()->get();
}

std::string require_string(const toml::table& table, std::string_view key) {
    auto value = optional_string(table, key);
    if (!value) fail_at(table.source(), "missing '" + std::string(key) + "'");
    return *value;
}

namespace {
// Every number in our files is small (years, months, days, counts); anything else is
// a typo, and must not be silently wrapped into range by a cast to int.
constexpr int64_t kLargest = 1'000'000;

int64_t checked(const toml::node& node, std::string_view key) {
    int64_t value = node.as_integer()->get();
    if (value < -kLargest || value > kLargest)
        fail_at(node.source(), "'" + std::string(key) + "' is out of range (" + std::to_string(value) + ")");
    return value;
}
}  // namespace

std::optional<int64_t> optional_integer(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (!node->is_integer()) fail_at(node->source(), "'" + std::string(key) + "' must be an integer");
    return checked(*node, key);
}

int64_t require_integer(const toml::table& table, std::string_view key) {
    auto value = optional_integer(table, key);
    if (!value) fail_at(table.source(), "missing '" + std::string(key) + "'");
    return *value;
}

std::optional<bool> optional_bool(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (!node->is_boolean()) fail_at(node->source(), "'" + std::string(key) + "' must be true or false");
    return node->as_boolean()->get();
}

std::vector<std::string> string_list(const toml::table& table, std::string_view key) {
    std::vector<std::string> out;
    const toml::array* array = optional_array(table, key);
    if (!array) return out;
    for (const toml::node& element : *array) {
        if (!element.is_string())
            fail_at(element.source(), "every element of '" + std::string(key) + "' must be a string");
        out.push_back(element.as_string()->get());
    }
    return out;
}

std::vector<int> integer_list(const toml::table& table, std::string_view key) {
    std::vector<int> out;
    const toml::array* array = optional_array(table, key);
    if (!array) return out;
    for (const toml::node& element : *array) {
        if (!element.is_integer())
            fail_at(element.source(), "every element of '" + std::string(key) + "' must be an integer");
        out.push_back(static_cast<int>(checked(element, key)));
    }
    return out;
}

toml::table parse_document(std::string_view text, std::string_view source_name) {
    try {
        return toml::parse(text, source_name);
    } catch (const toml::parse_error& error) {
        LoadError load_error;
        load_error.file = std::string(source_name);
        load_error.line = static_cast<int>(error.source().begin.line);
        load_error.column = static_cast<int>(error.source().begin.column);
        load_error.message = "syntax error: " + std::string(error.description());
        throw TomlProblem{std::move(load_error)};
    }
}

}  // namespace planbot::config::toml_reader
