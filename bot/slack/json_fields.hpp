// Reading fields of Slack's JSON defensively, for the adapter's files only (not part of
// its interface, adapter.hpp): a field of the wrong type is treated as absent, and
// nothing here throws on network input.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace planbot::bot::slack::json_fields {

// The field `key` of `object`; null when `object` is no object or has no such field.
inline const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

// "" when absent or not a string.
inline std::string text_of(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json* value = member(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

// The object `key` of `object`, or an empty object.
inline const nlohmann::json& object_of(const nlohmann::json& object, std::string_view key) {
    static const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json* value = member(object, key);
    return value && value->is_object() ? *value : empty;
}

}  // namespace planbot::bot::slack::json_fields
