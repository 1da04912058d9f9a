// See log.hpp.
#include "bot/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

#include <date/date.h>

namespace planbot::bot::log {

namespace {
std::atomic<int> g_level{static_cast<int>(config::LogLevel::info)};

std::string_view level_name(config::LogLevel level) {
    switch (level) {
        case config::LogLevel::debug: return "debug";
        case config::LogLevel::info: return "info";
        case config::LogLevel::warn: return "warn";
        case config::LogLevel::error: return "error";
    }
    return "info";
}
}  // namespace

void set_level(config::LogLevel level) { g_level = static_cast<int>(level); }
bool enabled(config::LogLevel level) { return static_cast<int>(level) >= g_level.load(); }

std::string format_value(std::string_view value) {
    bool plain = !value.empty();
    for (char c : value) plain = plain && c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
    if (plain) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (static_cast<unsigned char>(c) < ' ') out += ' ';
        else out += c;
    }
    return out + "\"";
}

void write(config::LogLevel level, std::string_view event, std::initializer_list<Field> fields) {
    if (!enabled(level)) return;
    auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    std::string line = "ts=" + date::format("%FT%TZ", now) + " level=" + std::string(level_name(level)) +
                       " event=" + format_value(event);
    for (const Field& field : fields) line += " " + std::string(field.key) + "=" + format_value(field.value);
    line += "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);  // one write per line: lines never interleave
}

}  // namespace planbot::bot::log
