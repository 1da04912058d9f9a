// See settings_table.hpp. The README holds the reference between two marker lines;
// tests/unit/config/settings_test.cpp fails when it differs from the table, and the
// settings_reference program (tools/settings_reference.cpp) rewrites it.
#include "config/settings_table.hpp"

namespace planbot::config {

namespace {

// A table cell: '|' would end the cell early.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

std::string code(std::string_view text) {
    return "`" + std::string(text) + "`";
}

}  // namespace

std::string settings_reference_markdown() {
    std::string out = "| Setting | Environment variable | Type | Default | What it does |\n"
                      "|---|---|---|---|---|\n";
    for (const SettingDefinition& setting : settings_table()) {
        out += "| " + code(setting.name()) + " | " + code(setting.environment_variable) + " | " +
               cell(setting.type.name) + " | " +
               (setting.default_text.empty() ? std::string("unset") : code(setting.default_text)) + " | " +
               cell(setting.documentation) + " |\n";
    }
    return out;
}

std::optional<std::string> with_settings_reference(std::string_view readme) {
    const size_t begin = readme.find(kSettingsReferenceBegin);
    if (begin == std::string_view::npos) return std::nullopt;
    const size_t body = readme.find('\n', begin);
    const size_t end = readme.find(kSettingsReferenceEnd, begin);
    if (body == std::string_view::npos || end == std::string_view::npos || end < body) return std::nullopt;
    return std::string(readme.substr(0, body + 1)) + settings_reference_markdown() + std::string(readme.substr(end));
}

}  // namespace planbot::config
