// planbot's entry point: reads the command line and the settings, loads and checks
// the plan, sets up the one clock and starts the chat. With no chat platform
// configured it runs the local chat on the terminal or a pipe.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bot/schedule/clock.hpp"
#include "bot/language/hunspell_speller.hpp"
#include "bot/memory.hpp"
#include "bot/operations/backup_cli.hpp"
#include "bot/operations/instance_lock.hpp"
#include "bot/local/local_chat.hpp"
#include "bot/log.hpp"
#include "bot/plan/live_plan.hpp"
#include "bot/plan/plan_cli.hpp"
#include "bot/report/report_cli.hpp"
#include "bot/service.hpp"
#include "config/plan_loader.hpp"
#include "config/settings.hpp"
#include "storage/migrations.hpp"

namespace {

using namespace planbot;

constexpr std::string_view kUsage =
    "Usage: planbot [--config FILE] [--plan FILE] [--now INSTANT] [--clock-rate N] [--check]\n"
    "       planbot report --year YEAR [--format md|csv] [--output FILE] [--config FILE] [--plan FILE]\n"
    "       planbot plan check FILE [--config FILE]\n"
    "       planbot backup FILE [--config FILE]\n"
    "       planbot restore FILE [--config FILE]\n"
    "\n"
    "  --config FILE   settings file (see config/planbot.example.toml)\n"
    "  --plan FILE     the organisation's plan (default: the shipped Trøndelag SV plan)\n"
    "  --now INSTANT   start the clock at this local time, e.g. 2027-04-20T10:00\n"
    "  --clock-rate N  run the clock N times faster than real time (demos, tests)\n"
    "  --check         validate the settings and the plan, check an existing database\n"
    "                  read-only (PRAGMA integrity_check), then exit (1 on problems)\n"
    "  report          print the year's evaluation (årsberetning) from the database\n"
    "  plan check      validate an edited plan file and show what it would change\n"
    "  backup FILE     write a consistent copy of the database to FILE (planbot may run)\n"
    "  restore FILE    put a backup in the database's place (planbot stopped)\n"
    "\n"
    "With a Telegram token (PLANBOT_TELEGRAM_TOKEN or telegram.token) planbot runs as a\n"
    "Telegram bot; with a Slack bot token and signing secret (PLANBOT_SLACK_BOT_TOKEN,\n"
    "PLANBOT_SLACK_SIGNING_SECRET) as a Slack app; with both, on both in one process.\n"
    "Without a chat platform configured, it answers questions typed on\n"
    "the terminal, or piped line by line: echo \"hva skjer i mai\" | planbot\n"
    "SIGHUP (systemctl reload planbot) reads the plan file again; a file with an error\n"
    "is refused and the plan in force stays.\n";

struct Options {
    std::optional<std::filesystem::path> config;
    std::optional<std::filesystem::path> plan;
    std::optional<std::string> now;
    std::optional<std::string> clock_rate;
    bool check = false;
    bool report = false;
    bool plan_command = false;
    std::vector<std::string> report_args;  // the rest after "report" or "plan", for its own reader
    std::string database_command;            // "backup" or "restore" (bot/operations/backup_cli.hpp)
    std::vector<std::string> database_args;  // its arguments but --config
};

// Returns nullopt (after printing why) when the command line is wrong or --help. After
// "report", the arguments the report reads are its own to check (run_report_cli), and
// its usage is the one shown.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
    Options options;
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "report") {
        options.report = true;
        first = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "plan") {
        options.plan_command = true;
        first = 2;
    } else if (argc > 1 && bot::operations::is_database_command(argv[1])) {
        options.database_command = argv[1];
        first = 2;
    }
    const bool subcommand = options.report || options.plan_command;
    const std::string_view command =
        options.report ? "planbot report: " : options.plan_command ? "planbot plan: " : "planbot: ";
    const std::string_view usage =
        options.report ? bot::report_usage() : options.plan_command ? bot::plan_usage() : kUsage;
    for (int i = first; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&](std::string_view name) -> std::optional<std::string> {
            if (i + 1 < argc) return std::string(argv[++i]);
            std::cerr << command << name << " needs a value\n" << usage;
            return std::nullopt;
        };
        if (!options.database_command.empty() && arg != "--config" && arg != "--help" && arg != "-h") {
            options.database_args.emplace_back(arg);
            continue;
        }
        if (arg == "--help" || arg == "-h") {
            std::cout << (options.database_command.empty() ? usage : bot::operations::database_command_usage());
            exit_code = 0;
            return std::nullopt;
        } else if (arg == "--check" && !subcommand) {
            options.check = true;
        } else if (arg == "--config" || arg == "--plan" || arg == "--now" || arg == "--clock-rate") {
            auto text = value(arg);
            if (!text) return std::nullopt;
            if (arg == "--config") options.config = *text;
            else if (arg == "--plan") options.plan = *text;
            else if (arg == "--now") options.now = *text;
            else options.clock_rate = *text;
        } else if (subcommand) {
            options.report_args.emplace_back(arg);
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

// `--check` of the database: SQLite's own consistency check, read-only, so it is safe
// next to a running planbot (it takes no write lock) and never creates the database
// (SQLite may add the -wal and -shm files it reads a WAL database through). A missing
// file is no problem: planbot creates it at its first start. Returns the problems,
// empty when the database is sound.
std::vector<std::string> database_problems(const std::filesystem::path& file) {
    using Connection = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
    using Query = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;
    sqlite3* raw_connection = nullptr;
    const int opened = sqlite3_open_v2(file.c_str(), &raw_connection, SQLITE_OPEN_READONLY, nullptr);
    const Connection connection(raw_connection, &sqlite3_close);
    if (opened != SQLITE_OK)
        return {std::string("cannot open: ") + (raw_connection ? sqlite3_errmsg(raw_connection) : sqlite3_errstr(opened))};
    sqlite3_busy_timeout(connection.get(), 5000);  // a running planbot may be checkpointing
    sqlite3_stmt* raw_query = nullptr;
    if (sqlite3_prepare_v2(connection.get(), "PRAGMA integrity_check", -1, &raw_query, nullptr) != SQLITE_OK)
        return {sqlite3_errmsg(connection.get())};  // e.g. "file is not a database"
    const Query query(raw_query, &sqlite3_finalize);
    std::vector<std::string> rows;
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(query.get())) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(query.get(), 0);
        rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (stepped != SQLITE_DONE) rows.emplace_back(sqlite3_errmsg(connection.get()));
    if (rows.size() == 1 && rows.front() == "ok") rows.clear();
    return rows;
}

// Prints "database: ok" or each problem; false on problems.
bool check_database(const std::filesystem::path& file) {
    std::error_code ignored;
    if (!std::filesystem::exists(file, ignored)) {
        std::cout << "database: " << file.string() << " does not exist yet (created at the first start)\n";
        return true;
    }
    const std::vector<std::string> problems = database_problems(file);
    if (problems.empty()) {
        std::cout << "database: ok\n";
        return true;
    }
    // integrity_check puts several findings in one row, a line each: one line per finding.
    for (const std::string& problem : problems) {
        std::istringstream lines(problem);
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) std::cout << "database: " << file.string() << ": " << line << "\n";
    }
    return false;
}

// A misspelt PLANBOT_* variable would otherwise be ignored without a word: each one no
// setting reads is named on stderr (the journal, under systemd), never its value.
void report_unknown_environment_variables() {
    std::vector<std::string> names;
    for (char** entry = environ; *entry; ++entry) {
        const std::string_view text(*entry);
        names.emplace_back(text.substr(0, text.find('=')));
    }
    for (const std::string& problem : config::unknown_environment_variables(names))
        std::cerr << "planbot: " << problem << ": ignored\n";
}

// The settings from the file or the environment, with the command line's overrides
// (which are checked like them), or nullopt after saying on stderr what is wrong.
std::optional<config::Settings> settings_for(const Options& options) {
    const config::Environment environment = config::process_environment();
    config::Environment with_options = environment;
    if (options.clock_rate) {
        // The command line wins over the file and the environment, and is checked like them.
        with_options = [&](const std::string& name) -> std::optional<std::string> {
            if (name == "PLANBOT_BOT_CLOCK_RATE") return options.clock_rate;
            return environment(name);
        };
    }
    auto loaded = options.config ? config::load_settings(*options.config, with_options)
                                 : config::settings_from_environment(with_options);
    if (!loaded) {
        std::string problem = loaded.error().describe();
        const std::string from_option = "environment: PLANBOT_BOT_CLOCK_RATE";
        if (options.clock_rate && problem.starts_with(from_option))
            problem = "--clock-rate" + problem.substr(from_option.size());
        std::cerr << "planbot: " << problem << "\n";
        return std::nullopt;
    }
    report_unknown_environment_variables();
    config::Settings settings = std::move(*loaded);
    if (options.plan) settings.plan = *options.plan;
    if (settings.plan.empty()) settings.plan = shipped_plan();
    if (options.now) {
        settings.now = config::parse_local_instant(*options.now);
        if (!settings.now) {
            std::cerr << "planbot: --now: expected a local time like 2027-04-20T10:00, got '" << *options.now
                      << "'\n";
            return std::nullopt;
        }
    }
    return settings;
}

// The local chat: the terminal is the chat, on the configured database.
int run_local(const config::Settings& settings, std::shared_ptr<bot::LivePlan> plans, const bot::Clock& clock,
              const date::time_zone* zone, const commands::Speller* speller) {
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
    // The terminal is the chat: an operator's info lines would come between the answers.
    bot::log::set_level(std::max(settings.log_level, config::LogLevel::warn));
    bot::LocalChatOptions chat_options{static_cast<bool>(isatty(STDIN_FILENO)),
                                       settings.username.empty() ? "planbot" : settings.username, speller};
    return bot::run_local_chat(STDIN_FILENO, std::cout, std::move(plans), clock, zone, *database, settings,
                               chat_options);
}

// The dictionaries of language.dictionaries (none when it is empty); false when they
// cannot be loaded, and the reason is on stderr.
bool load_dictionaries(const config::Settings& settings, std::unique_ptr<bot::HunspellSpeller>& speller) {
    if (settings.dictionaries.empty()) return true;
    auto loaded = bot::HunspellSpeller::load(settings.dictionaries);
    if (!loaded) {
        std::cerr << "planbot: language.dictionaries: " << loaded.error()
                  << "; install it, or set dictionaries = \"\" to run without\n";
        return false;
    }
    speller = std::move(*loaded);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    planbot::bot::keep_freed_memory();
    int exit_code = 2;
    std::optional<Options> options = parse_options(argc, argv, exit_code);
    if (!options) return exit_code;
    std::optional<config::Settings> settings = settings_for(*options);
    if (!settings) return 2;
    if (!options->database_command.empty())
        return bot::operations::run_database_command(options->database_command, options->database_args, *settings,
                                                     std::cout, std::cerr);

    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(settings->timezone);  // a configured zone was checked with the settings
    } catch (const std::exception& error) {
        std::cerr << "planbot: time zone '" << settings->timezone << "' not found (is tzdata installed?): "
                  << error.what() << "\n";
        return 2;
    }
    std::optional<std::chrono::sys_seconds> start;
    if (settings->now) start = zone->to_sys(*settings->now, date::choose::earliest);
    const bot::ProcessClock clock(start, settings->clock_rate);
    if (options->plan_command)
        return bot::run_plan_cli(options->report_args, *settings, zone, clock.now(), std::cout, std::cerr);

    auto loaded = bot::LivePlan::load(*settings);
    if (!loaded) {
        std::cerr << "planbot: " << (options->config ? options->config->string() + ": " : std::string())
                  << loaded.error() << "\n";
        return 2;
    }
    std::shared_ptr<bot::LivePlan> plans = std::move(*loaded);
    std::unique_ptr<bot::HunspellSpeller> speller;
    if (!options->report && !load_dictionaries(*settings, speller)) return 2;
    if (options->check) {
        const std::pair<std::filesystem::path, std::shared_ptr<const bot::PlanInForce>> read[] = {
            {settings->plan, plans->current()}, {settings->next_plan, plans->next()}};
        for (const auto& [file, plan] : read)
            if (plan)
                std::cout << "planbot: " << file.string() << ": " << plan->plan.wheel.size() << " wheel events, "
                          << plan->plan.tiltak.size() << " tiltak, " << plan->plan.roles.size() << " roles: OK\n";
        return check_database(settings->database_path) ? 0 : 1;
    }

    bot::log::set_level(settings->log_level);
    if (options->report)
        return bot::run_report_cli(options->report_args, *settings, plans->current()->plan, zone, clock.now(),
                                   std::cout, std::cerr);
    // Held while planbot runs, so `planbot restore` is refused meanwhile.
    auto running = bot::operations::InstanceLock::take(settings->database_path, bot::operations::InstanceLock::Mode::shared);
    if (!running) {
        std::cerr << "planbot: " << running.error() << "\n";
        return 2;
    }
    if (settings->telegram_enabled() || settings->slack_enabled())
        return bot::run_service(*settings, plans, clock, zone, speller.get());
    return run_local(*settings, plans, clock, zone, speller.get());
}
