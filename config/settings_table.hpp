// The one table of the bot's settings (settings_table.cpp). Each row holds a setting's
// section and key, its environment variable, its type, its default, one line of
// documentation and how its text is applied to Settings. Reading the file and the
// environment, the "unknown setting" error, setting_names() and the README's
// configuration reference (settings_reference_markdown) are all produced from it, so
// a new setting is one new row (plus its field in Settings and a line in
// config/planbot.example.toml, which a test asks for).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"

namespace planbot::config {

// Applies a setting's text (a TOML value as text, or an environment variable's value)
// to `settings`; on a value it cannot accept it sets `problem` to what is wrong, never
// echoing a secret. `base` is the settings file's folder, against which relative paths
// are resolved; it is empty for values from the environment.
using ApplySetting = std::function<void(Settings& settings, const std::string& text,
                                        const std::filesystem::path& base, std::string& problem)>;

// A setting's type: its name in the reference and how its text is applied.
struct SettingType {
    std::string name;  // "whole number 1–3600", "true or false", "URL"
    ApplySetting apply;
};

struct SettingDefinition {
    std::string_view section;               // "http"; "" for a top-level key
    std::string_view key;                   // "listen"
    std::string_view environment_variable;  // PLANBOT_<SECTION>_<KEY>, PLANBOT_<KEY> at the top
    SettingType type;
    std::string_view default_text;   // the default as its text; "" when unset (the line says what that means)
    std::string_view documentation;  // one line, for the reference

    // "http.listen", or "public_url" for a top-level key: how messages name the setting.
    std::string name() const;
};

// Every setting in the order of the example file: the top-level keys, then by section.
const std::vector<SettingDefinition>& settings_table();

// The table's sections in table order: "bot", "telegram", "http", ….
std::vector<std::string_view> settings_sections();

// The table as Markdown, one row per setting (setting, environment variable, type,
// default, what it does): the README's configuration reference.
std::string settings_reference_markdown();

// The README lines around the generated reference.
inline constexpr std::string_view kSettingsReferenceBegin = "<!-- settings-reference -->";
inline constexpr std::string_view kSettingsReferenceEnd = "<!-- /settings-reference -->";

// `readme` with the lines between the two markers replaced by the reference; nullopt
// when a marker is missing.
std::optional<std::string> with_settings_reference(std::string_view readme);

}  // namespace planbot::config
