// See plan_cli.hpp.
#include "bot/plan/plan_cli.hpp"

#include <filesystem>
#include <optional>
#include <ostream>

#include "config/plan_loader.hpp"
#include "storage/database.hpp"
#include "storage/plan_record.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

using date::year_month_day;

constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};

std::string when(int month, std::optional<int> day) {
    if (month < 1 || month > 12) return "?";
    return (day ? std::to_string(*day) + " " : std::string()) + std::string(kMonths[month - 1]);
}

std::string years(const std::vector<int>& list) {
    std::string out;
    for (int year : list) out += (out.empty() ? "" : ", ") + std::to_string(year);
    return out;
}

std::string iso(year_month_day day) { return date::format("%F", day); }

std::string wheel_line(const commands::WheelChange& change) {
    using commands::ChangeKind;
    if (change.kind == ChangeKind::added)
        return "wheel: added '" + change.title + "' (" + when(change.month_after, change.day_after) + "; " +
               years(change.years_after) + ")";
    if (change.kind == ChangeKind::removed) return "wheel: removed '" + change.title + "'";
    std::string line = "wheel: '" + change.title + "'";
    if (change.month_before != change.month_after || change.day_before != change.day_after)
        line += " moved from " + when(change.month_before, change.day_before) + " to " +
                when(change.month_after, change.day_after);
    if (change.years_before != change.years_after)
        line += ", years " + years(change.years_before) + " -> " + years(change.years_after);
    return line;
}

std::string deadline_line(const commands::DeadlineChange& change) {
    using commands::ChangeKind;
    std::string line = "tiltak " + std::to_string(change.task) + " '" + change.title + "': ";
    if (change.kind == ChangeKind::added) line += "new deadline " + iso(*change.after);
    else if (change.kind == ChangeKind::removed) line += "deadline " + iso(*change.before) + " removed";
    else line += "deadline " + iso(*change.before) + " -> " + iso(*change.after);
    if (change.units > 1) line += " (" + std::to_string(change.units) + " units)";
    return line;
}

// The plan in force as planbot last read it, from the database; nullopt when there
// is no database or it has no record yet. Throws StorageError on a broken database.
std::optional<std::string> text_in_force(const std::filesystem::path& database_file) {
    std::error_code ignored;
    if (!std::filesystem::exists(database_file, ignored)) return std::nullopt;
    storage::Database database(database_file);
    return storage::PlanRecord(database).text_in_force();
}

}  // namespace

std::string_view plan_usage() {
    return "Usage: planbot plan check FILE [--config FILE]\n"
           "\n"
           "  Validates FILE as a plan (errors name the file, line and column) and prints what\n"
           "  it would change against the plan in force (as the running planbot last read it,\n"
           "  kept in its database). Then `systemctl reload planbot`, or an admin's\n"
           "  \"/plan last inn\", puts the file in force.\n";
}

std::string describe_changes(const commands::PlanChanges& changes) {
    if (changes.empty()) return "no changes to the wheel, the deadlines or who is responsible\n";
    std::string out;
    if (changes.name_before != changes.name_after)
        out += "plan: '" + changes.name_before + "' -> '" + changes.name_after + "'\n";
    for (const auto& change : changes.wheel) out += wheel_line(change) + "\n";
    for (const auto& change : changes.deadlines) out += deadline_line(change) + "\n";
    for (const auto& change : changes.responsible)
        out += "tiltak " + std::to_string(change.task) + " '" + change.title + "': responsible '" + change.before +
               "' -> '" + change.after + "'\n";
    return out;
}

int run_plan_cli(const std::vector<std::string>& args, const config::Settings& settings, const date::time_zone* zone,
                 std::chrono::sys_seconds now, std::ostream& out, std::ostream& err) {
    if (args.size() != 2 || args[0] != "check") {
        err << (args.empty() ? "planbot plan: what should I do with the plan?\n"
                             : "planbot plan: unknown arguments\n")
            << plan_usage();
        return 2;
    }
    const std::filesystem::path file = args[1];
    auto edited = config::load_plan(file);
    if (!edited) {
        err << edited.error().describe() << "\n";
        return 1;
    }
    if (auto problem = config::reminder_settings_problem(settings, *edited)) {
        err << file.string() << ": does not fit the settings: " << *problem << "\n";
        return 1;
    }
    out << file.string() << ": OK: " << edited->name << ", " << edited->wheel.size() << " wheel events, "
        << edited->tiltak.size() << " tiltak, " << edited->roles.size() << " roles\n";

    std::optional<std::string> running;
    std::string running_name;
    try {
        running = text_in_force(settings.database_path);
        running_name = "the plan in force (" + settings.database_path.string() + ")";
    } catch (const std::exception& error) {
        err << "planbot plan: " << settings.database_path.string() << ": " << error.what() << "\n";
        return 1;
    }
    if (!running) {
        auto text = config::read_text_file(settings.plan, "the plan file");
        if (!text) {
            err << text.error().describe() << "\n";
            return 1;
        }
        running = std::move(*text);
        running_name = settings.plan.string() + " (planbot has not run on " + settings.database_path.string() + " yet)";
    }
    auto before = config::parse_plan(*running, running_name);
    if (!before) {
        err << "planbot plan: the plan in force does not load any more: " << before.error().describe() << "\n";
        return 1;
    }
    const year_month_day today(date::floor<date::days>(date::make_zoned(zone, now).get_local_time()));
    out << "Changes from " << iso(today) << " against " << running_name << ":\n";
    out << describe_changes(commands::compare_plans(*before, *edited, nullptr, today));
    return 0;
}

}  // namespace planbot::bot
