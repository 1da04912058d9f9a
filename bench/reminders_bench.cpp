// Benchmark, run by hand: the reminder planner (commands::due_messages) over a SQLite
// database with 100,000 tasks added in the chat, spread over the plan's years and
// roles, with role holders, role channels and confirmations. Prints:
//   (a) one scheduler tick: median and p90 of due_messages for a 1-second window that
//       holds 09:00 Oslo on a busy day, and for a 1-second window with no send time;
//   (b) start-up: open the database, load the plan, plan the next 24 hours; median.
// Targets (issue 5): tick <= 5 ms, start-up <= 200 ms. Asserts nothing.
//   build/bench/bench_reminders [rounds] [directory for the database]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "commands/reminders/planner.hpp"
#include "bot/memory.hpp"
#include "config/plan_loader.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace {

using namespace planbot;
using Steady = std::chrono::steady_clock;

constexpr int kAddedTasks = 100000;
constexpr int kPeople = 400;
const std::filesystem::path kPlanFile = PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml";
const std::string kAdmin = "7100000000";
const std::vector<std::string> kConfigAdmins = {kAdmin};

// Every role of the plan, and a scoped role once per unit (lokallag roles once per
// region's first municipality), so the tasks and holders spread over all of them.
std::vector<config::RoleRef> role_refs(const config::Plan& plan) {
    std::vector<config::RoleRef> refs;
    for (const config::Role& role : plan.roles) {
        if (role.scope == config::Scope::none) refs.push_back({role.id, ""});
        if (role.scope == config::Scope::region)
            for (const config::Region& region : plan.regions) refs.push_back({role.id, region.id});
        if (role.scope == config::Scope::committee)
            for (const config::Committee& committee : plan.committees) refs.push_back({role.id, committee.id});
        if (role.scope == config::Scope::lokallag)
            for (const config::Region& region : plan.regions)
                if (!region.municipalities.empty()) refs.push_back({role.id, region.municipalities.front()});
    }
    return refs;
}

std::chrono::sys_seconds oslo(const date::time_zone* zone, date::year_month_day day, int hour, int minute, int second) {
    return zone->to_sys(date::local_days(day) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                        std::chrono::seconds(second));
}

double elapsed_ms(Steady::time_point began) {
    return std::chrono::duration<double, std::milli>(Steady::now() - began).count();
}

void print(const char* what, std::vector<double>& ms, size_t messages) {
    std::ranges::sort(ms);
    std::printf("%-44s median %9.3f ms   p90 %9.3f ms   (%zu runs, %zu messages due)\n", what, ms[ms.size() / 2],
                ms[ms.size() * 9 / 10], ms.size(), messages);
}

// The database the bench runs on: 100,000 added tasks (dates spread evenly over the
// plan's years, roles round-robin), kPeople holders on two thirds of the role
// references, a channel for every third one, and confirmations of 85% of the tasks
// due before `today` and 5% of the later ones. Tracking started on 1 January 2026.
void fill(storage::Database& database, const config::Plan& plan, const std::vector<config::RoleRef>& refs,
          date::year_month_day today, std::chrono::sys_seconds now) {
    storage::WorkState state(database);
    storage::Directory directory(database);
    storage::Transaction transaction(database);
    state.ensure_tracking_start(date::year(2026) / 1 / 1);
    for (size_t i = 0; i < refs.size(); ++i) {
        if (i % 3 != 0) continue;
        const std::string chat_id = std::to_string(-1001000000000LL - static_cast<int64_t>(i));
        commands::Channel channel{refs[i].role_id, refs[i].unit, "telegram", chat_id, "", "Gruppe " + std::to_string(i)};
        state.apply({commands::BindChannel{channel}, "bench"}, "telegram", kAdmin, now);
    }
    for (int i = 0; i < kPeople; ++i) {
        const std::string id = std::to_string(7100000001LL + i);
        const std::string number = std::to_string(i);
        std::string username = "p";
        username += number;  // (not "p" + number: GCC 12 -O2 warns falsely about that)
        directory.remember_user({"telegram", id, "Person", number, username}, now);
        const config::RoleRef& role = refs[static_cast<size_t>(i) % (refs.size() * 2 / 3)];
        state.apply({commands::GrantRole{{"telegram", id, "Person " + number, username}, role}, "bench"}, "telegram",
                    kAdmin, now);
    }
    const date::sys_days first = date::sys_days(date::year(plan.first_year) / 1 / 1);
    const int days = static_cast<int>((date::sys_days(date::year(plan.last_year) / 12 / 31) - first).count()) + 1;
    for (int i = 0; i < kAddedTasks; ++i) {
        const date::year_month_day due(first + date::days(static_cast<int>(static_cast<int64_t>(i) * days / kAddedTasks)));
        const int number = commands::kFirstAddedTask + i;
        commands::AddedTask task{number, refs[static_cast<size_t>(i) % refs.size()], "Oppgave " + std::to_string(i), due};
        state.apply({commands::AddTask{task}, "bench"}, "telegram", kAdmin, now);
        const bool confirmed = due < today ? i % 20 < 17 : i % 20 == 0;
        if (confirmed)
            state.apply({commands::Complete{{number, "", ""}, "gjort"}, "bench"}, "telegram", kAdmin, now);
    }
    transaction.commit();
}

}  // namespace

int main(int argc, char** argv) {
    planbot::bot::keep_freed_memory();
    const int rounds = argc > 1 ? std::max(10, std::atoi(argv[1])) : 100;
    const std::filesystem::path directory = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    const std::filesystem::path file = directory / "planbot-reminders-bench.db";
    auto remove_database = [&] {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    };
    remove_database();

    auto loaded = config::load_plan(kPlanFile);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().describe().c_str());
        return 1;
    }
    const config::Plan plan = std::move(*loaded);
    const std::vector<config::RoleRef> refs = role_refs(plan);
    const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    const config::ReminderSettings settings;  // the defaults: 14, 3 and 0 days before at 09:00, overdue weekly, …
    // A busy day: the end of a month and a quarter, the first deadline day after summer
    // time began (09:00 Oslo is 07:00 UTC).
    const date::year_month_day busy_day = date::year(2026) / 3 / 31;

    {
        storage::Database database(file);
        storage::migrate(database);
        const auto began = Steady::now();
        fill(database, plan, refs, busy_day, oslo(zone, busy_day, 8, 0, 0));
        const double fill_s = elapsed_ms(began) / 1000.0;
        storage::WorkState stored(database);
        const size_t added = stored.added_tasks_between(date::year(plan.first_year) / 1 / 1,
                                                        date::year(plan.last_year) / 12 / 31).size();
        std::printf("filled %s in %.1f s: %zu added tasks over %d-%d, %zu confirmed, %zu role references, %zu holders, "
                    "%zu channels, plan of %zu tiltak\n",
                    file.string().c_str(), fill_s, added, plan.first_year, plan.last_year,
                    stored.all_completions().size(), refs.size(), stored.all_holdings().size(), stored.channels().size(),
                    plan.tiltak.size());
    }

    // (a) One tick, as the scheduler runs it: WorkState over the open database.
    {
        storage::Database database(file);
        storage::WorkState state(database);
        auto time_window = [&](const char* what, std::chrono::sys_seconds until) {
            std::vector<double> ms;
            size_t messages = 0;
            for (int i = 0; i < rounds + 5; ++i) {
                const auto began = Steady::now();
                const auto due = commands::due_messages(plan, state, settings, zone, until - std::chrono::seconds(1),
                                                        until, "telegram", kConfigAdmins);
                const double took = elapsed_ms(began);
                if (i >= 5) ms.push_back(took);  // the first ones warm the statement and page caches
                messages = due.size();
            }
            print(what, ms, messages);
        };
        time_window("tick (08:59:59, 09:00:00] on 31 March 2026", oslo(zone, busy_day, 9, 0, 0));
        time_window("tick (09:00:00, 09:00:01] on 31 March 2026", oslo(zone, busy_day, 9, 0, 1));
        time_window("tick (13:37:00, 13:37:01] on 31 March 2026", oslo(zone, busy_day, 13, 37, 1));
    }

    // (b) Start-up: open the database (migrations: none to run), load the plan, plan
    // the next 24 hours, from 30 March 12:00, so the busy morning is in it.
    {
        const auto from = oslo(zone, date::year(2026) / 3 / 30, 12, 0, 0);
        std::vector<double> open_ms, plan_ms, next_day_ms, total_ms;
        size_t messages = 0;
        for (int i = 0; i < 11; ++i) {
            const auto began = Steady::now();
            storage::Database database(file);
            storage::migrate(database);
            open_ms.push_back(elapsed_ms(began));
            const auto plan_began = Steady::now();
            auto startup_plan = config::load_plan(kPlanFile);
            plan_ms.push_back(elapsed_ms(plan_began));
            if (!startup_plan) return 1;
            const auto day_began = Steady::now();
            storage::WorkState state(database);
            messages = commands::due_messages(*startup_plan, state, settings, zone, from, from + std::chrono::hours(24),
                                              "telegram", kConfigAdmins)
                           .size();
            next_day_ms.push_back(elapsed_ms(day_began));
            total_ms.push_back(elapsed_ms(began));
        }
        print("start-up: open the database", open_ms, 0);
        print("start-up: load the plan", plan_ms, 0);
        print("start-up: plan the next 24 h", next_day_ms, messages);
        print("start-up: total", total_ms, messages);
    }
    std::printf("targets: tick <= 5 ms, start-up <= 200 ms\n");
    remove_database();
    return 0;
}
