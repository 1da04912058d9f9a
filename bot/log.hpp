// One log line per event on stderr, in key=value form (journald-friendly):
//   ts=2026-11-28T10:00:00Z level=info event=update_handled update_id=5 replies=1
// Callers pass only what may be shown: never a token, a secret or a URL with a token.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "config/settings.hpp"

namespace planbot::bot::log {

struct Field {
    std::string_view key;
    std::string value;
    Field(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    Field(std::string_view k, const char* v) : key(k), value(v) {}
    template <typename Number>
        requires std::is_arithmetic_v<Number>
    Field(std::string_view k, Number v) : key(k), value(std::to_string(v)) {}
};

void set_level(config::LogLevel level);
bool enabled(config::LogLevel level);
void write(config::LogLevel level, std::string_view event, std::initializer_list<Field> fields = {});

inline void debug(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(config::LogLevel::debug, event, fields);
}
inline void info(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(config::LogLevel::info, event, fields);
}
inline void warn(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(config::LogLevel::warn, event, fields);
}
inline void error(std::string_view event, std::initializer_list<Field> fields = {}) {
    write(config::LogLevel::error, event, fields);
}

// The value as it appears in a line: bare when safe, else quoted with escapes.
std::string format_value(std::string_view value);

}  // namespace planbot::bot::log
