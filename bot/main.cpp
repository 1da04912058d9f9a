// planbot's entry point: reads the command line and the settings, loads and checks
// the plan, sets up the one clock and starts the chat. With no chat platform
// configured it runs the local chat on the terminal or a pipe.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/clock.hpp"
#include "bot/local_chat.hpp"
#include "bot/log.hpp"
#include "bot/report_cli.hpp"
#include "bot/telegram/service.hpp"
#include "config/plan_loader.hpp"
#include "config/settings.hpp"
#include "storage/migrations.hpp"

namespace {

using namespace planbot;

constexpr std::string_view kUsage =
    "Usage: planbot [--config FILE] [--plan FILE] [--now INSTANT] [--check]\n"
    "       planbot report --year YEAR [--format md|csv] [--output FILE] [--config FILE] [--plan FILE]\n"
    "\n"
    "  --config FILE   settings file (see config/planbot.example.toml)\n"
    "  --plan FILE     the organisation's plan (default: the shipped Trøndelag SV plan)\n"
    "  --now INSTANT   start the clock at this local time, e.g. 2027-04-20T10:00\n"
    "  --check         load and validate the settings and the plan, then exit\n"
    "  report          print the year's evaluation (årsberetning) from the database\n"
    "\n"
    "With a Telegram token (PLANBOT_TELEGRAM_TOKEN or telegram.token) planbot runs as a\n"
    "Telegram bot. Without a chat platform configured, it answers questions typed on\n"
    "the terminal, or piped line by line: echo \"hva skjer i mai\" | planbot\n";

struct Options {
    std::optional<std::filesystem::path> config;
    std::optional<std::filesystem::path> plan;
    std::optional<std::string> now;
    bool check = false;
    bool report = false;
    std::vector<std::string> report_args;  // --year, --format, --output and their values
};

// Returns nullopt (after printing why) when the command line is wrong or --help.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
    Options options;
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "report") {
        options.report = true;
        first = 2;
    }
    for (int i = first; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&](std::string_view name) -> std::optional<std::string> {
            if (i + 1 < argc) return std::string(argv[++i]);
            std::cerr << "planbot: " << name << " needs a value\n" << kUsage;
            return std::nullopt;
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            exit_code = 0;
            return std::nullopt;
        } else if (arg == "--check") {
            options.check = true;
        } else if (arg == "--config" || arg == "--plan" || arg == "--now") {
            auto text = value(arg);
            if (!text) return std::nullopt;
            if (arg == "--config") options.config = *text;
            else if (arg == "--plan") options.plan = *text;
            else options.now = *text;
        } else if (options.report && (arg == "--year" || arg == "--format" || arg == "--output")) {
            auto text = value(arg);
            if (!text) return std::nullopt;
            options.report_args.emplace_back(arg);
            options.report_args.push_back(*text);
        } else {
            std::cerr << "planbot: unknown option '" << arg << "'\n" << kUsage;
            return std::nullopt;
        }
    }
    return options;
}

// The plan of the source tree this binary was built from, when it is there (so an
// edit is seen at once); otherwise the installed copy.
std::filesystem::path shipped_plan() {
    std::filesystem::path source(PLANBOT_SOURCE_PLAN);
    std::error_code ignored;
    if (std::filesystem::exists(source, ignored)) return source;
    return PLANBOT_INSTALLED_PLAN;
}

}  // namespace

int main(int argc, char** argv) {
    int exit_code = 2;
    std::optional<Options> options = parse_options(argc, argv, exit_code);
    if (!options) return exit_code;

    const config::Environment environment = config::process_environment();
    auto loaded = options->config ? config::load_settings(*options->config, environment)
                                  : config::settings_from_environment(environment);
    if (!loaded) {
        std::cerr << "planbot: " << loaded.error().describe() << "\n";
        return 2;
    }
    config::Settings settings = std::move(*loaded);
    if (options->plan) settings.plan = *options->plan;
    if (settings.plan.empty()) settings.plan = shipped_plan();
    if (options->now) {
        settings.now = config::parse_local_instant(*options->now);
        if (!settings.now) {
            std::cerr << "planbot: --now: expected a local time like 2027-04-20T10:00, got '" << *options->now
                      << "'\n";
            return 2;
        }
    }

    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(settings.timezone);  // a configured zone was checked with the settings
    } catch (const std::exception& error) {
        std::cerr << "planbot: time zone '" << settings.timezone << "' not found (is tzdata installed?): "
                  << error.what() << "\n";
        return 2;
    }

    auto plan = config::load_plan(settings.plan);
    if (!plan) {
        std::cerr << "planbot: " << plan.error().describe() << "\n";
        return 2;
    }
    if (options->check) {
        std::cout << "planbot: " << settings.plan.string() << ": " << plan->wheel.size() << " wheel events, "
                  << plan->tiltak.size() << " tiltak, " << plan->roles.size() << " roles: OK\n";
        return 0;
    }

    std::optional<std::chrono::sys_seconds> start;
    if (settings.now) start = zone->to_sys(*settings.now, date::choose::earliest);
    const bot::ProcessClock clock(start);
    bot::log::set_level(settings.log_level);
    if (options->report)
        return bot::run_report_cli(options->report_args, settings, *plan, zone, clock.now(), std::cout, std::cerr);
    if (settings.telegram_enabled()) return bot::telegram::run_service(settings, *plan, clock, zone);

    std::optional<storage::Database> database;
    try {
        if (settings.database_path.has_parent_path())
            std::filesystem::create_directories(settings.database_path.parent_path());
        database.emplace(settings.database_path);
        storage::migrate(*database);
    } catch (const std::exception& error) {
        std::cerr << "planbot: " << error.what() << "\n";
        return 2;
    }
    bot::LocalChatOptions chat_options{static_cast<bool>(isatty(STDIN_FILENO)),
                                       settings.username.empty() ? "planbot" : settings.username};
    return bot::run_local_chat(std::cin, std::cout, *plan, clock, zone, *database, chat_options);
}
