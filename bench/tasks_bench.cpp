// Benchmark, run by hand: /oppgaver and /ferdig through the whole Telegram path
// (UpdateHandler::handle: parse the JSON, dedupe, the core with its SQLite reads, the
// state change, the outbox rows, COMMIT) against a database with 100 roles, 2,000
// people holding them, the full plan expanded over its four years and 10,000 tasks
// added in the chat. Prints the median and 90th percentile per command; asserts
// nothing.
//   build/bench/bench_tasks [rounds] [directory for the database]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/schedule/clock.hpp"
#include "bot/memory.hpp"
#include "bot/log.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bench/update_support.hpp"
#include "config/plan_loader.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace {

using namespace planbot;
using Steady = std::chrono::steady_clock;

constexpr int kPeople = 2000;
constexpr int kExtraRoles = 80;
constexpr int kAddedTasks = 10000;
const std::string kUser = "7000000000";       // runs the commands: kasserer
const std::string kSecretary = "7000000001";  // fylkessekretær: the longest task list of the plan

// The shipped plan with 80 more roles, so there are 100 role references to hold.
config::Plan bench_plan() {
    std::string text = config::read_text_file(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml", "plan").value();
    for (int i = 0; i < kExtraRoles; ++i)
        text += "\n[[roles]]\nid = \"rolle-" + std::to_string(i) + "\"\nname = \"Rolle " + std::to_string(i) + "\"\n";
    auto plan = config::parse_plan(text, "bench plan");
    if (!plan) {
        std::fprintf(stderr, "%s\n", plan.error().describe().c_str());
        std::exit(1);
    }
    return *plan;
}

std::vector<config::RoleRef> role_refs(const config::Plan& plan) {
    std::vector<config::RoleRef> refs;
    for (const config::Role& role : plan.roles) {
        if (role.scope == config::Scope::none) refs.push_back({role.id, ""});
        else if (role.scope == config::Scope::region) refs.push_back({role.id, "innherred"});
        else if (role.scope == config::Scope::committee) refs.push_back({role.id, "fagligpolitisk"});
        else refs.push_back({role.id, "Oppdal"});
    }
    return refs;
}

}  // namespace

int main(int argc, char** argv) {
    planbot::bot::keep_freed_memory();
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 500;
    const std::filesystem::path directory = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    const std::filesystem::path file = directory / "planbot-tasks-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    bot::log::set_level(config::LogLevel::error);

    const config::Plan plan = bench_plan();
    const std::vector<config::RoleRef> refs = role_refs(plan);
    const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    const auto start = zone->to_sys(date::local_days(date::year(2026) / 11 / 28) + std::chrono::hours(10));
    const bot::ProcessClock clock(start);

    storage::Database database(file);
    storage::migrate(database);
    storage::WorkState state(database);
    storage::Directory directory_of_people(database);
    {
        storage::Transaction transaction(database);
        state.ensure_tracking_start(date::year(2026) / 1 / 1);
        for (int i = 0; i < kPeople; ++i) {
            const std::string id = std::to_string(7000000000LL + i);
            const std::string number = std::to_string(i);
            std::string username = "p";
            username += number;  // (not "p" + number: GCC 12 -O2 warns falsely about that)
            directory_of_people.remember_user({"telegram", id, "Person", number, username}, start);
            commands::Person person{"telegram", id, "Person " + number, username};
            state.apply({commands::GrantRole{person, refs[static_cast<size_t>(i) % refs.size()]}, "bench"}, "telegram",
                        kUser, start);
        }
        commands::Person kari{"telegram", kUser, "Person 0", "p0"};
        state.apply({commands::GrantRole{kari, {"kasserer", ""}}, "bench"}, "telegram", kUser, start);
        commands::Person secretary{"telegram", kSecretary, "Person 1", "p1"};
        state.apply({commands::GrantRole{secretary, {"fylkessekretaer", ""}}, "bench"}, "telegram", kUser, start);
        for (int i = 0; i < kAddedTasks; ++i) {
            const auto day = date::sys_days(date::year(2025) / 1 / 1) + date::days(i % 1460);
            commands::AddedTask task{commands::kFirstAddedTask + i, refs[static_cast<size_t>(i) % refs.size()],
                                     "Oppgave " + std::to_string(i), date::year_month_day(day)};
            state.apply({commands::AddTask{task}, "bench"}, "telegram", kUser, start);
        }
        transaction.commit();
    }
    // The kasserer's added tasks, to confirm one per /ferdig.
    std::vector<int> kasserer_tasks;
    for (const commands::AddedTask& task : state.added_tasks_for({{"kasserer", ""}})) kasserer_tasks.push_back(task.number);

    bot::telegram::BotIdentity identity{"planbot", 1};
    bot::telegram::UpdateHandler handler(database, plan, clock, zone, identity, {});
    int64_t update_id = 1;
    auto time_one = [&](const std::string& text, const std::string& user = kUser) {
        const std::string body = bench::private_command(update_id++, text, std::stoll(user));
        const auto began = Steady::now();
        auto result = handler.handle(body);
        const double us = std::chrono::duration<double, std::micro>(Steady::now() - began).count();
        if (result != bot::telegram::UpdateHandler::Result::handled) std::fprintf(stderr, "not handled: %s\n", text.c_str());
        return us;
    };
    for (int i = 0; i < 20; ++i) time_one("/oppgaver");  // warm the statement cache and the page cache

    std::vector<double> oppgaver, secretary_list, ferdig;
    for (int i = 0; i < rounds; ++i) oppgaver.push_back(time_one("/oppgaver"));
    for (int i = 0; i < rounds; ++i) secretary_list.push_back(time_one("/oppgaver", kSecretary));
    for (int i = 0; i < rounds && i < static_cast<int>(kasserer_tasks.size()); ++i)
        ferdig.push_back(time_one("/ferdig " + std::to_string(kasserer_tasks[static_cast<size_t>(i)]) + " betalt"));
    std::printf("%d people, %zu role references, %d added tasks, plan of %zu tiltak over %d-%d\n", kPeople, refs.size(),
                kAddedTasks, plan.tiltak.size(), plan.first_year, plan.last_year);
    bench::print_micros("/oppgaver (kasserer)", oppgaver);
    bench::print_micros("/oppgaver (fylkessekretær)", secretary_list);
    bench::print_micros("/ferdig <nr> betalt", ferdig);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    return 0;
}
