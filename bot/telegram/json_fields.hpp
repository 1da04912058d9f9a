// Reading fields of Telegram's JSON defensively, for update_reader.cpp and
// reply_renderer.cpp only (not part of the adapter's interface, adapter.hpp): a field of
// the wrong type is treated as absent, and nothing here throws on network input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace planbot::bot::telegram::json_fields {

// The field `key` of `object`; null when `object` is no object or has no such field.
inline const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

inline std::optional<int64_t> int_of(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json* value = member(object, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    return value->get<int64_t>();
}

// "" when absent or not a string.
inline std::string text_of(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json* value = member(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

// false when absent or not a boolean.
inline bool bool_of(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json* value = member(object, key);
    return value && value->is_boolean() && value->get<bool>();
}

}  // namespace planbot::bot::telegram::json_fields
