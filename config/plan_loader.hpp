// Reads an organisation's plan from TOML into config::Plan and validates it.
// Every rejection names the file, line and column of the offending value, so an
// operator can fix the file without reading code. Does no other I/O than reading
// the one file it is given.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "config/plan.hpp"

namespace planbot::config {

// Where and why a configuration file was rejected.
struct LoadError {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem has no single place (missing file)
    int column = 0;  // 1-based; 0 as above
    std::string message;  // English, for operators

    // "file:line:column: message" (or "file: message" without a place).
    std::string describe() const;
};

std::expected<Plan, LoadError> load_plan(const std::filesystem::path& file);

// The whole file as text, or why it cannot be read ("cannot open the plan file").
std::expected<std::string, LoadError> read_text_file(const std::filesystem::path& file, std::string_view what);

// Parses `text` as if it had been read from `source_name` (tests and benchmarks).
std::expected<Plan, LoadError> parse_plan(std::string_view text, std::string_view source_name);

}  // namespace planbot::config
