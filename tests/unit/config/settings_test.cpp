// The bot's settings: defaults, the file, environment variables that win over the
// file, and errors that name the setting and where it came from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>

#include "config/settings.hpp"
#include "config/settings_table.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot::config;

namespace {

Environment environment(std::map<std::string, std::string> values = {}) {
    return [values](const std::string& name) -> std::optional<std::string> {
        auto found = values.find(name);
        if (found == values.end()) return std::nullopt;
        return found->second;
    };
}

}  // namespace

TEST_CASE("an empty settings file gives the defaults: local chat, loopback, a database under var/") {
    auto settings = parse_settings("", "planbot.toml", "/etc/planbot", environment());
    REQUIRE(settings.has_value());
    CHECK(settings->username.empty());
    CHECK(settings->timezone == "Europe/Oslo");
    CHECK(settings->plan.empty());
    CHECK_FALSE(settings->now.has_value());
    CHECK_FALSE(settings->telegram_enabled());
    CHECK(settings->telegram_api_url == "https://api.telegram.org");
    CHECK(settings->listen.host == "127.0.0.1");
    CHECK(settings->listen.port == 8080);
    CHECK(settings->database_path == "var/planbot.db");
}

TEST_CASE("settings are read and relative paths are taken from the settings folder") {
    auto settings = parse_settings("admins = [111, 222]\n[bot]\nusername = \"@trondelag_planbot\"\nplan = \"plan/x.toml\"\n"
                                   "now = \"2027-04-20T10:00\"\n[database]\npath = \"data/bot.db\"\n"
                                   "[http]\nlisten = \"[::1]:8443\"\n",
                                   "planbot.toml", "/etc/planbot", environment());
    REQUIRE(settings.has_value());
    CHECK(settings->username == "trondelag_planbot");
    CHECK(settings->plan == "/etc/planbot/plan/x.toml");
    CHECK(settings->database_path == "/etc/planbot/data/bot.db");
    CHECK(settings->admins == std::vector<planbot::config::PlatformUser>{{"telegram", "111"}, {"telegram", "222"}});
    CHECK(settings->listen.host == "::1");
    CHECK(settings->listen.port == 8443);
    REQUIRE(settings->now.has_value());
    CHECK(*settings->now == date::local_days(date::year(2027) / 4 / 20) + std::chrono::hours(10));
}

TEST_CASE("an environment variable wins over the file") {
    auto settings = parse_settings("[http]\nlisten = \"127.0.0.1:9000\"\n[telegram]\ntoken = \"from-file\"\n",
                                   "planbot.toml", ".",
                                   environment({{"PLANBOT_HTTP_LISTEN", "0.0.0.0:8443"},
                                                {"PLANBOT_TELEGRAM_TOKEN", "123:abc"},
                                                {"PLANBOT_ADMINS", "5, telegram:6"},
                                                {"PLANBOT_PUBLIC_URL", "https://bot.example.org/"},
                                                {"PLANBOT_TELEGRAM_WEBHOOK_SECRET", "s3cret_-X"},
                                                {"PLANBOT_DATABASE_PATH", "/var/lib/planbot/planbot.db"}}));
    REQUIRE(settings.has_value());
    CHECK(settings->listen.host == "0.0.0.0");
    CHECK(settings->telegram_token == "123:abc");
    CHECK(settings->admins == std::vector<planbot::config::PlatformUser>{{"telegram", "5"}, {"telegram", "6"}});
    CHECK(settings->public_url == "https://bot.example.org");
    CHECK(settings->database_path == "/var/lib/planbot/planbot.db");
}

TEST_CASE("a wrong setting names the setting and what is wrong") {
    auto bad_listen = settings_from_environment(environment({{"PLANBOT_HTTP_LISTEN", "localhost"}}));
    REQUIRE_FALSE(bad_listen.has_value());
    CHECK(bad_listen.error().describe() ==
          "environment: PLANBOT_HTTP_LISTEN: expected host:port such as 127.0.0.1:8080 or [::1]:8443, got 'localhost'");

    auto bad_now = parse_settings("[bot]\n\nnow = \"20. april\"\n", "planbot.toml", ".", environment());
    REQUIRE_FALSE(bad_now.has_value());
    CHECK(bad_now.error().describe().starts_with("planbot.toml:3:7: bot.now: must be a local time"));

    auto bad_level = parse_settings("log_level = \"loud\"\n", "planbot.toml", ".", environment());
    REQUIRE_FALSE(bad_level.has_value());
    CHECK(bad_level.error().message == "log_level: expected debug, info, warn or error, got 'loud'");
}

TEST_CASE("plain http to the Bot API is accepted only on loopback") {
    CHECK(settings_from_environment(environment({{"PLANBOT_TELEGRAM_API_URL", "http://127.0.0.1:9001"}})).has_value());
    CHECK(settings_from_environment(environment({{"PLANBOT_TELEGRAM_API_URL", "http://[::1]:9001"}})).has_value());
    auto remote = settings_from_environment(environment({{"PLANBOT_TELEGRAM_API_URL", "http://api.example.org"}}));
    REQUIRE_FALSE(remote.has_value());
    CHECK(remote.error().message.find("only for loopback") != std::string::npos);
    CHECK_FALSE(is_loopback_url("http://127.0.0.1.example.org/"));
    CHECK_FALSE(is_loopback_url("http://10.0.0.1/"));
    CHECK(is_loopback_url("http://localhost:8080/x"));
}

TEST_CASE("a webhook needs a token and a well-formed secret, and the secret is never echoed") {
    auto no_secret = settings_from_environment(environment({{"PLANBOT_TELEGRAM_TOKEN", "1:x"},
                                                            {"PLANBOT_PUBLIC_URL", "https://bot.example.org"}}));
    REQUIRE_FALSE(no_secret.has_value());
    CHECK(no_secret.error().message.find("webhooks need a secret") != std::string::npos);

    auto bad_secret = settings_from_environment(environment({{"PLANBOT_TELEGRAM_WEBHOOK_SECRET", "has space!"}}));
    REQUIRE_FALSE(bad_secret.has_value());
    CHECK(bad_secret.error().message.find("has space") == std::string::npos);

    auto no_token = settings_from_environment(environment({{"PLANBOT_PUBLIC_URL", "https://bot.example.org"}}));
    REQUIRE_FALSE(no_token.has_value());
}

TEST_CASE("an unknown setting is rejected") {
    auto settings = parse_settings("[bot]\nusernme = \"x\"\n", "planbot.toml", ".", environment());
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().describe().starts_with("planbot.toml:2:"));
    CHECK(settings.error().message == "unknown setting 'bot.usernme' (did you mean 'bot.username'?)");
}

TEST_CASE("an unknown setting suggests the closest known one only when one is close") {
    auto message = [](const std::string& text) {
        auto settings = parse_settings(text, "planbot.toml", ".", environment());
        REQUIRE_FALSE(settings.has_value());
        return settings.error().describe();
    };
    CHECK(message("[bot]\ntiemzone = \"Europe/Oslo\"\n") ==
          "planbot.toml:2:1: unknown setting 'bot.tiemzone' (did you mean 'bot.timezone'?)");
    // the right key in the wrong place
    CHECK(message("listen = \"127.0.0.1:9000\"\n") ==
          "planbot.toml:1:1: unknown setting 'listen' (did you mean 'http.listen'?)");
    CHECK(message("[telegram]\nlisten = \"127.0.0.1:9000\"\n") ==
          "planbot.toml:2:1: unknown setting 'telegram.listen' (did you mean 'http.listen'?)");
    // a misspelt section
    CHECK(message("[htp]\nlisten = \"127.0.0.1:9000\"\n") ==
          "planbot.toml:1:2: unknown setting 'htp' (did you mean 'http'?)");
    // nothing close: no guess
    CHECK(message("[bot]\ncolour = \"blue\"\n") == "planbot.toml:2:1: unknown setting 'bot.colour'");
    CHECK(message("[storage]\nx = 1\n") == "planbot.toml:1:2: unknown setting 'storage'");
}

TEST_CASE("the settings table: environment variables follow the rule, defaults are Settings' own") {
    const Settings defaults;
    for (const SettingDefinition& setting : settings_table()) {
        INFO(setting.name());
        std::string expected = "PLANBOT_";
        for (char c : setting.name()) expected += c == '.' ? '_' : static_cast<char>(std::toupper(c));
        CHECK(setting.environment_variable == expected);
        CHECK_FALSE(setting.type.name.empty());
        CHECK_FALSE(setting.documentation.empty());
        CHECK(setting.documentation.find('\n') == std::string_view::npos);
        if (setting.default_text.empty()) continue;
        // The default as text, applied to the defaults, changes nothing.
        Settings applied;
        std::string problem;
        setting.type.apply(applied, std::string(setting.default_text), {}, problem);
        CHECK(problem.empty());
        CHECK(applied == defaults);
    }
    CHECK(settings_sections() ==
          std::vector<std::string_view>{"bot", "telegram", "slack", "http", "database", "outbox", "language", "reminders", "digests",
                                        "backups"});
}

TEST_CASE("a default that differs from Settings' own is caught by the table's check") {
    // The check above is only worth having if applying another value shows.
    const SettingDefinition& listen = *std::ranges::find(settings_table(), "listen", &SettingDefinition::key);
    Settings applied;
    std::string problem;
    listen.type.apply(applied, "127.0.0.1:9000", {}, problem);
    CHECK(problem.empty());
    CHECK_FALSE(applied == Settings{});
}

TEST_CASE("the README's configuration reference is the one rendered from the settings table") {
    std::ifstream in(PLANBOT_SOURCE_DIR "/README.md");
    const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t begin = readme.find(kSettingsReferenceBegin), end = readme.find(kSettingsReferenceEnd);
    INFO("README.md needs the lines " << kSettingsReferenceBegin << " and " << kSettingsReferenceEnd);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const size_t body = readme.find('\n', begin) + 1;
    REQUIRE(body <= end);
    INFO("README.md's settings reference is out of date; regenerate it with\n"
         "  ninja -C build settings_reference && build/config/settings_reference --update README.md");
    CHECK(readme.substr(body, end - body) == settings_reference_markdown());
}

TEST_CASE("the settings reference is a Markdown table, and settings_reference --update replaces only it") {
    const std::string reference = settings_reference_markdown();
    CHECK(reference.starts_with("| Setting | Environment variable | Type | Default | What it does |\n|---|"));
    CHECK(reference.find("\n| `http.listen` | `PLANBOT_HTTP_LISTEN` | host:port | `127.0.0.1:8080` | Where the HTTP(S) "
                         "server (webhook, /healthz) listens; IPv6 in brackets (\"[::1]:8443\"). |\n") !=
          std::string::npos);
    CHECK(reference.find("\n| `public_url` | `PLANBOT_PUBLIC_URL` | URL | unset | ") != std::string::npos);
    CHECK(reference.find("\n| `http.max_connections` | `PLANBOT_HTTP_MAX_CONNECTIONS` | whole number 1–100000 | "
                         "`2048` | ") != std::string::npos);

    const std::string begin(kSettingsReferenceBegin), end(kSettingsReferenceEnd);
    CHECK(with_settings_reference("# Title\n" + begin + "\nold table\n" + end + "\nmore\n") ==
          "# Title\n" + begin + "\n" + reference + end + "\nmore\n");
    CHECK_FALSE(with_settings_reference("# Title\n" + begin + "\nold table\n").has_value());
    CHECK_FALSE(with_settings_reference("# Title\n").has_value());
}

TEST_CASE("local instants are read in the forms the README shows") {
    CHECK(parse_local_instant("2027-04-20T10:00").has_value());
    CHECK(parse_local_instant("2027-04-20 10:00:30").has_value());
    CHECK(parse_local_instant("2027-04-20") == date::local_days(date::year(2027) / 4 / 20));
    CHECK_FALSE(parse_local_instant("2027-02-30T10:00").has_value());
    CHECK_FALSE(parse_local_instant("2027-04-20T25:00").has_value());
    CHECK_FALSE(parse_local_instant("i morgen").has_value());
}

TEST_CASE("the example settings file is valid and documents every setting") {
    auto settings = load_settings(PLANBOT_SOURCE_DIR "/config/planbot.example.toml", environment());
    INFO((settings ? std::string() : settings.error().describe()));
    REQUIRE(settings.has_value());
    CHECK(settings->listen.port == 8080);
    // The values it writes out are the defaults (its relative database path aside).
    CHECK(settings->database_path == PLANBOT_SOURCE_DIR "/config/var/planbot.db");
    settings->database_path = Settings{}.database_path;
    CHECK(*settings == Settings{});
    std::ifstream in(PLANBOT_SOURCE_DIR "/config/planbot.example.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::vector<std::string> names = setting_names();
    CHECK(names.size() == 47);
    for (const std::string& name : names) {
        // "http.listen" is written as `listen = ` under [http]
        const std::string key = name.substr(name.find('.') + 1);
        const std::string section = name.find('.') == std::string::npos ? "" : "[" + name.substr(0, name.find('.')) + "]";
        INFO(name);
        const size_t section_at = section.empty() ? 0 : text.find(section);
        REQUIRE(section_at != std::string::npos);
        CHECK(text.find(key + " = ", section_at) != std::string::npos);
    }
}

TEST_CASE("an unknown time zone is refused where it is written") {
    auto settings = parse_settings("[bot]\ntimezone = \"Europe/Trondheim\"\n", "planbot.toml", ".", environment());
    REQUIRE_FALSE(settings.has_value());
    CHECK(settings.error().describe() ==
          "planbot.toml:2:12: bot.timezone: unknown time zone 'Europe/Trondheim' (an IANA name such as Europe/Oslo)");
}

TEST_CASE("the public URL must be one Telegram can deliver webhooks to") {
    auto with_url = [](const std::string& url) {
        return settings_from_environment(environment({{"PLANBOT_TELEGRAM_TOKEN", "1:x"},
                                                      {"PLANBOT_TELEGRAM_WEBHOOK_SECRET", "abc"},
                                                      {"PLANBOT_PUBLIC_URL", url}}));
    };
    CHECK(with_url("https://planbot.example.org").has_value());
    CHECK(with_url("https://planbot.example.org:8443/bot").has_value());
    CHECK(with_url("http://127.0.0.1:9000").has_value());  // a test emulator on loopback
    auto plain = with_url("http://planbot.example.org");
    REQUIRE_FALSE(plain.has_value());
    CHECK(plain.error().message.find("https://") != std::string::npos);
    auto port = with_url("https://planbot.example.org:9000");
    REQUIRE_FALSE(port.has_value());
    CHECK(port.error().message == "PLANBOT_PUBLIC_URL: Telegram sends webhooks only to ports 443, 80, 88 and 8443, not 9000");
}

TEST_CASE("reminder settings are read from the file, and bad ones name the setting") {
    auto settings = parse_settings(R"toml(
[bot]
clock_rate = 3600
[reminders]
days_before = [3, 14]
per_role = ["kasserer: 7, 1, 0", "au: 30"]
per_task = ["16: 30, 14"]
time = "09:30"
quiet_hours = "22:00-07:00"
weekends = false
[digests]
weekly = false
time = "07:45"
)toml",
                                   "planbot.toml", "", environment());
    REQUIRE(settings.has_value());
    CHECK(settings->clock_rate == 3600.0);
    CHECK(settings->reminders.days_before == std::vector<int>{14, 3});
    CHECK(settings->reminders.days_before_per_role.at("kasserer") == std::vector<int>{7, 1, 0});
    CHECK(settings->reminders.days_before_per_role.at("au") == std::vector<int>{30});
    CHECK(settings->reminders.days_before_per_task.at(16) == std::vector<int>{30, 14});
    CHECK(settings->reminders.send_minute == 9 * 60 + 30);
    CHECK(settings->reminders.quiet_from_minute == 22 * 60);
    CHECK(settings->reminders.quiet_until_minute == 7 * 60);
    CHECK_FALSE(settings->reminders.weekends);
    CHECK_FALSE(settings->reminders.weekly_digest);
    CHECK(settings->reminders.monthly_digest);
    CHECK(settings->reminders.digest_minute == 7 * 60 + 45);

    for (const char* bad : {"[reminders]\ntime = \"9\"\n", "[reminders]\ndays_before = [400]\n",
                            "[reminders]\nweekends = \"ja\"\n", "[reminders]\nquiet_hours = \"sent\"\n",
                            "[bot]\nclock_rate = 0\n", "[reminders]\nper_task = [\"x: 1\"]\n"}) {
        INFO(bad);
        auto refused = parse_settings(bad, "planbot.toml", "", environment());
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().describe().starts_with("planbot.toml:2:"));
    }
}

TEST_CASE("the fellesferie is read as ISO weeks, \"\" for none, and a bad range names the setting") {
    CHECK(Settings{}.reminders.fellesferie_first_week == 28);
    CHECK(Settings{}.reminders.fellesferie_last_week == 30);
    auto settings = parse_settings("[reminders]\nfellesferie = \"27-29\"\n", "planbot.toml", "", environment());
    REQUIRE(settings.has_value());
    CHECK(settings->reminders.fellesferie_first_week == 27);
    CHECK(settings->reminders.fellesferie_last_week == 29);
    settings = parse_settings("", "planbot.toml", "", environment({{"PLANBOT_REMINDERS_FELLESFERIE", ""}}));
    REQUIRE(settings.has_value());
    CHECK(settings->reminders.fellesferie_first_week == 0);
    for (const char* bad : {"30-28", "uke 28", "28-60", "1-53"}) {
        INFO(bad);
        auto refused = parse_settings("[reminders]\nfellesferie = \"" + std::string(bad) + "\"\n", "planbot.toml", "",
                                      environment());
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().describe().find("fellesferie") != std::string::npos);
    }
}

TEST_CASE("a reminder setting naming a role the plan does not have is refused once the plan is known") {
    auto settings = parse_settings("[reminders]\nper_role = [\"kaserer: 7\"]\n", "planbot.toml", "", environment());
    REQUIRE(settings.has_value());
    auto problem = reminder_settings_problem(*settings, planbot::test::shipped_plan());
    REQUIRE(problem.has_value());
    CHECK(problem->find("'kaserer'") != std::string::npos);
    settings->reminders.days_before_per_role = {{"kasserer", {7}}};
    CHECK_FALSE(reminder_settings_problem(*settings, planbot::test::shipped_plan()).has_value());
}

TEST_CASE("admins are named as platform:user id, a bare number being a Telegram id") {
    auto settings = parse_settings("admins = [\"telegram:111\", 222, \"local:local\"]\n", "planbot.toml", ".",
                                   environment({}));
    REQUIRE(settings.has_value());
    CHECK(settings->admins ==
          std::vector<planbot::config::PlatformUser>{{"telegram", "111"}, {"telegram", "222"}, {"local", "local"}});
    CHECK(settings->admins_on("telegram") == std::vector<std::string>{"111", "222"});
    CHECK(settings->admins_on("slack").empty());

    for (const char* wrong : {"\"telegram:@kari\"", "\"telegram:\"", "\"Telegram:1\"", "\":1\"", "\"kari\""}) {
        INFO(wrong);
        auto refused = parse_settings(std::string("admins = [") + wrong + "]\n", "planbot.toml", ".", environment({}));
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().describe().starts_with("planbot.toml:1:"));
        CHECK(refused.error().message.find("platform:user id") != std::string::npos);
    }
}

TEST_CASE("unknown PLANBOT_ environment variables are named, with the closest known one when it is a typo") {
    const std::vector<std::string> unknown = planbot::config::unknown_environment_variables(
        {"HOME", "PLANBOT_HTTP_LISTEN", "PLANBOT_HTTP_LISTN", "PLANBOT_DATABSE_PATH", "PLANBOT_FROBNICATE", "PATH"});
    REQUIRE(unknown.size() == 3);
    CHECK(unknown[0] == "unknown environment variable PLANBOT_HTTP_LISTN (did you mean PLANBOT_HTTP_LISTEN?)");
    CHECK(unknown[1] == "unknown environment variable PLANBOT_DATABSE_PATH (did you mean PLANBOT_DATABASE_PATH?)");
    CHECK(unknown[2] == "unknown environment variable PLANBOT_FROBNICATE");
    CHECK(planbot::config::unknown_environment_variables({"PLANBOT_TELEGRAM_TOKEN", "PLANBOT_ADMINS"}).empty());
}

TEST_CASE("Slack needs its token and signing secret together, and a token with a stray line break is refused unechoed") {
    const auto both = parse_settings("", "planbot.toml", ".",
                                     environment({{"PLANBOT_SLACK_BOT_TOKEN", "xoxb-1-2-abc"},
                                                  {"PLANBOT_SLACK_SIGNING_SECRET", "8f742231b10e"}}));
    REQUIRE(both.has_value());
    CHECK(both->slack_enabled());
    CHECK_FALSE(both->telegram_enabled());
    const auto no_secret =
        parse_settings("", "planbot.toml", ".", environment({{"PLANBOT_SLACK_BOT_TOKEN", "xoxb-1-2-abc"}}));
    REQUIRE_FALSE(no_secret.has_value());
    CHECK(no_secret.error().describe().find("slack.signing_secret") != std::string::npos);
    const auto broken = parse_settings("[slack]\nbot_token = \"xoxb-1-2-abc\\n\"\nsigning_secret = \"s\"\n",
                                       "planbot.toml", ".", environment());
    REQUIRE_FALSE(broken.has_value());
    const std::string message = broken.error().describe();
    CHECK(message.find("planbot.toml:2") == 0);
    CHECK(message.find("slack.bot_token") != std::string::npos);
    CHECK(message.find("xoxb-1-2-abc") == std::string::npos);
}
