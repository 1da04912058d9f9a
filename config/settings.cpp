// See settings.hpp. Each setting of the table (settings_table.hpp) is read as text
// from the file or the environment (the environment wins), remembering where it came
// from, and then applied by its row, so every message names the setting and the place:
// "planbot.toml:7:10: http.listen: …" or "environment: PLANBOT_HTTP_LISTEN: …".
#include "config/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

#include "config/settings_table.hpp"
#include "config/toml_reader.hpp"

namespace planbot::config {

using namespace toml_reader;

namespace {

// One raw setting value and where it came from.
struct RawValue {
    std::string text;
    LoadError place;  // file/line/column or "environment"; message empty
};

// A TOML value as the text an environment variable would hold.
std::string as_text(const toml::node& node, const std::string& name) {
    if (auto text = node.value<std::string>()) return *text;
    if (node.is_integer()) return std::to_string(node.as_integer()->get());
    if (node.is_boolean()) return node.as_boolean()->get() ? "true" : "false";
    if (node.is_floating_point()) {
        std::ostringstream text;
        text << node.as_floating_point()->get();
        return text.str();
    }
    if (const toml::array* array = node.as_array()) {
        std::string joined;
        for (const toml::node& element : *array) joined += (joined.empty() ? "" : ",") + as_text(element, name);
        return joined;
    }
    fail_at(node.source(), name + ": expected a string, a number or true/false");
}

// The edit distance of two names, a swap of neighbours counting as one edit
// ("tiemzone" is one from "timezone").
size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// The known name closest to `key` in `section` ("" for the top level), if one is close
// enough to be a typo, or has the same key in another section ("listen" at the top for
// http.listen). At the top level the sections are candidates too ("htp" for http).
std::optional<std::string> closest_setting(std::string_view section, std::string_view key) {
    const std::string name = section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
    size_t best_distance = std::max<size_t>(1, key.size() / 3) + 1;
    std::optional<std::string> best;
    auto consider = [&](std::string candidate, size_t distance) {
        if (distance < best_distance) best_distance = distance, best = std::move(candidate);
    };
    for (const SettingDefinition& setting : settings_table())
        consider(setting.name(), setting.key == key ? 1 : edit_distance(name, setting.name()));
    if (section.empty())
        for (std::string_view known : settings_sections()) consider(std::string(known), edit_distance(key, known));
    return best;
}

// The known variable closest to `name` ("PLANBOT_HTTP_LISTN"), if close enough to be
// a typo.
std::optional<std::string> closest_variable(std::string_view name) {
    size_t best_distance = std::max<size_t>(1, name.size() / 6) + 1;
    std::optional<std::string> best;
    for (const SettingDefinition& setting : settings_table()) {
        const size_t distance = edit_distance(name, setting.environment_variable);
        if (distance < best_distance) best_distance = distance, best = std::string(setting.environment_variable);
    }
    return best;
}

[[noreturn]] void fail_unknown(const toml::key& key, std::string_view section) {
    std::string message = "unknown setting '" + (section.empty() ? "" : std::string(section) + ".") +
                          std::string(key.str()) + "'";
    if (auto closest = closest_setting(section, key.str())) message += " (did you mean '" + *closest + "'?)";
    fail_at(key.source(), std::move(message));
}

bool is_known(std::string_view section, std::string_view key) {
    return std::ranges::any_of(settings_table(), [&](const SettingDefinition& setting) {
        return setting.section == section && setting.key == key;
    });
}

// Rejects keys the table does not know: at the top a setting or a section, inside a
// section one of its settings.
void reject_unknown_settings(const toml::table& root) {
    const std::vector<std::string_view> sections = settings_sections();
    for (const auto& [key, node] : root) {
        if (!is_known("", key.str()) && std::ranges::find(sections, key.str()) == sections.end())
            fail_unknown(key, "");
        if (!node.is_table()) continue;
        for (const auto& [inner, value] : *node.as_table())
            if (!is_known(key.str(), inner.str())) fail_unknown(inner, key.str());
    }
}

// Reads the file's values for every known setting, rejecting unknown ones.
std::map<std::string, RawValue> file_values(const toml::table& root, std::string_view source_name) {
    reject_unknown_settings(root);
    std::map<std::string, RawValue> values;
    for (const SettingDefinition& setting : settings_table()) {
        const toml::table* section = setting.section.empty() ? &root : root[setting.section].as_table();
        const toml::node* node = section ? section->get(setting.key) : nullptr;
        if (!node) continue;
        const auto& where = node->source();
        values[setting.name()] = RawValue{as_text(*node, setting.name()),
                                          LoadError{std::string(source_name), static_cast<int>(where.begin.line),
                                                    static_cast<int>(where.begin.column), ""}};
    }
    return values;
}

void check_combinations(const Settings& s, const std::map<std::string, RawValue>& values) {
    auto fail = [&](const std::string& setting, std::string message) {
        auto found = values.find(setting);
        LoadError error = found != values.end() ? found->second.place : LoadError{"settings", 0, 0, ""};
        error.message = setting + ": " + std::move(message);
        throw TomlProblem{std::move(error)};
    };
    if (!s.public_url.empty() && !s.telegram_enabled())
        fail("public_url", "a public URL is set, but no Telegram token (telegram.token / PLANBOT_TELEGRAM_TOKEN)");
    if (!s.public_url.empty() && s.telegram_webhook_secret.empty())
        fail("public_url", "webhooks need a secret: set telegram.webhook_secret / PLANBOT_TELEGRAM_WEBHOOK_SECRET");
    if (s.slack_enabled() && s.slack_signing_secret.empty())
        fail("slack.bot_token", "Slack needs the app's signing secret too: set slack.signing_secret / "
                                "PLANBOT_SLACK_SIGNING_SECRET");
    if (!s.slack_signing_secret.empty() && !s.slack_enabled())
        fail("slack.signing_secret", "a signing secret is set, but no Slack bot token (slack.bot_token / "
                                     "PLANBOT_SLACK_BOT_TOKEN)");
    if (!s.telegram_certificate.empty() && s.public_url.empty())
        fail("telegram.certificate", "a certificate is uploaded with the webhook: set public_url too");
    if (s.tls_certificate.empty() != s.tls_key.empty())
        fail(s.tls_certificate.empty() ? "http.tls_key" : "http.tls_certificate",
             "HTTPS needs both http.tls_certificate and http.tls_key");
}

Settings build(std::map<std::string, RawValue> values, const std::filesystem::path& base, const Environment& environment) {
    for (const SettingDefinition& setting : settings_table())
        if (auto text = environment(std::string(setting.environment_variable)))
            values[setting.name()] = RawValue{*text, LoadError{"environment", 0, 0, ""}};
    Settings settings;
    for (const SettingDefinition& setting : settings_table()) {
        auto found = values.find(setting.name());
        if (found == values.end()) continue;
        std::string problem;
        const bool from_environment = found->second.place.file == "environment";
        setting.type.apply(settings, found->second.text, from_environment ? std::filesystem::path() : base, problem);
        if (!problem.empty()) {
            LoadError error = found->second.place;
            error.message =
                (from_environment ? std::string(setting.environment_variable) : setting.name()) + ": " + problem;
            throw TomlProblem{std::move(error)};
        }
    }
    check_combinations(settings, values);
    return settings;
}

}  // namespace

std::vector<std::string> unknown_environment_variables(const std::vector<std::string>& names) {
    std::vector<std::string> unknown;
    for (const std::string& name : names) {
        if (!name.starts_with("PLANBOT_")) continue;
        const bool known = std::ranges::any_of(settings_table(), [&](const SettingDefinition& setting) {
            return setting.environment_variable == name;
        });
        if (known) continue;
        std::string message = "unknown environment variable " + name;
        if (auto closest = closest_variable(name)) message += " (did you mean " + *closest + "?)";
        unknown.push_back(std::move(message));
    }
    return unknown;
}

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
    };
}

std::expected<Settings, LoadError> parse_settings(std::string_view text, std::string_view source_name,
                                                  const std::filesystem::path& base_directory,
                                                  const Environment& environment) {
    try {
        toml::table root = parse_document(text, source_name);
        return build(file_values(root, source_name), base_directory, environment);
    } catch (const TomlProblem& problem) {
        return std::unexpected(problem.error);
    }
}

std::expected<Settings, LoadError> settings_from_environment(const Environment& environment) {
    try {
        return build({}, {}, environment);
    } catch (const TomlProblem& problem) {
        return std::unexpected(problem.error);
    }
}

std::expected<Settings, LoadError> load_settings(const std::filesystem::path& file, const Environment& environment) {
    auto text = read_text_file(file, "settings");
    if (!text) return std::unexpected(text.error());
    return parse_settings(*text, file.string(), file.parent_path(), environment);
}

std::optional<std::string> reminder_settings_problem(const Settings& settings, const Plan& plan) {
    for (const auto& [role, days] : settings.reminders.days_before_per_role)
        if (!plan.find_role(role))
            return "reminders.per_role: '" + role + "' is not a role id of the plan (see [[roles]] in " +
                   settings.plan.string() + ")";
    for (const auto& [task, days] : settings.reminders.days_before_per_task)
        if (!plan.find_tiltak(task) && task < 101)
            return "reminders.per_task: the plan has no tiltak " + std::to_string(task);
    return std::nullopt;
}

std::string Settings::links_address() const {
    if (!web_address.empty()) return web_address;
    return public_url;  // "" without either: a link to this machine's own address would not open on a phone
}

std::vector<std::string> Settings::admins_on(std::string_view platform) const {
    std::vector<std::string> out;
    for (const PlatformUser& admin : admins)
        if (admin.platform == platform) out.push_back(admin.user_id);
    return out;
}

}  // namespace planbot::config
