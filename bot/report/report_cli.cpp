// See report_cli.hpp.
#include "bot/report/report_cli.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include "commands/report/report.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

struct ReportOptions {
    int year = 0;
    commands::ReportFormat format = commands::ReportFormat::markdown;
    std::optional<std::filesystem::path> output;
};

// Reads one option's value into `options`; the error is a sentence for standard error.
bool read_option(const std::string& name, const std::string& value, const config::Plan& plan, ReportOptions& options,
                 std::string& error) {
    if (name == "--year") {
        auto [end, result] = std::from_chars(value.data(), value.data() + value.size(), options.year);
        if (result != std::errc() || end != value.data() + value.size()) {
            error = "--year: expected a year like 2026, got '" + value + "'";
            return false;
        }
        if (options.year < plan.first_year || options.year > plan.last_year) {
            error = "--year: the plan covers " + std::to_string(plan.first_year) + "–" +
                    std::to_string(plan.last_year) + ", not " + value;
            return false;
        }
    } else if (name == "--format") {
        if (value == "md" || value == "markdown") options.format = commands::ReportFormat::markdown;
        else if (value == "csv") options.format = commands::ReportFormat::csv;
        else if (value == "text" || value == "txt") options.format = commands::ReportFormat::chat;
        else {
            error = "--format: expected md or csv, got '" + value + "'";
            return false;
        }
    } else if (name == "--output") {
        if (value.empty()) {
            error = "--output needs a file name";
            return false;
        }
        options.output = value;
    }
    return true;
}

// `args` as given after "report" (without the options every command takes); the
// error is a sentence for standard error.
std::optional<ReportOptions> parse(const std::vector<std::string>& args, const config::Plan& plan,
                                   std::string& error) {
    ReportOptions options;
    bool have_year = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& name = args[i];
        if (name != "--year" && name != "--format" && name != "--output") {
            error = name.starts_with("-") ? "unknown option '" + name + "'" : "unexpected argument '" + name + "'";
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            error = name + " needs a value";
            return std::nullopt;
        }
        if (!read_option(name, args[++i], plan, options, error)) return std::nullopt;
        have_year = have_year || name == "--year";
    }
    if (!have_year) {
        error = "--year is required";
        return std::nullopt;
    }
    return options;
}

}  // namespace

std::string_view report_usage() {
    return "Usage: planbot report --year YEAR [--format md|csv] [--output FILE] [--config FILE] [--plan FILE]\n"
           "  --year YEAR     the plan year to report on, e.g. 2026\n"
           "  --format        md (markdown, the default) or csv\n"
           "  --output FILE   write to FILE instead of standard output\n";
}

int run_report_cli(const std::vector<std::string>& args, const config::Settings& settings, const config::Plan& plan,
                   const date::time_zone* zone, std::chrono::sys_seconds now, std::ostream& out, std::ostream& err) {
    std::string error;
    std::optional<ReportOptions> options = parse(args, plan, error);
    if (!options) {
        err << "planbot report: " << error << "\n" << report_usage();
        return 2;
    }
    const std::filesystem::path& path = settings.database_path;
    std::error_code status_error;
    if (!std::filesystem::is_regular_file(path, status_error)) {
        err << "planbot report: no database at " << path.string()
            << " (set database.path in the settings, or PLANBOT_DATABASE_PATH, to the bot's database)\n";
        return 1;
    }
    std::string report;
    try {
        storage::Database database(path);
        if (storage::schema_version(database) == 0) {
            err << "planbot report: " << path.string() << " is not a planbot database\n";
            return 1;
        }
        storage::migrate(database);  // an older planbot's database; a newer one is refused here
        const storage::WorkState state(database);
        const auto local = date::make_zoned(zone, now).get_local_time();
        const date::year_month_day today(date::floor<date::days>(local));
        report = commands::year_report(plan, state, options->year, today, zone, options->format);
    } catch (const std::exception& failure) {
        err << "planbot report: " << failure.what() << "\n";
        return 1;
    }
    if (!options->output) {
        out << report;
        if (!report.empty() && report.back() != '\n') out << "\n";
        out.flush();
        return out ? 0 : 1;
    }
    std::ofstream file(*options->output, std::ios::binary | std::ios::trunc);
    file << report;
    if (options->format != commands::ReportFormat::csv && !report.empty() && report.back() != '\n') file << "\n";
    file.close();
    if (!file) {
        err << "planbot report: cannot write " << options->output->string() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace planbot::bot
