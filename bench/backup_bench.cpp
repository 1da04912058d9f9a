// Benchmark, run by hand: backup and restore of a database with realistic content,
// about four busy years of the organisation: 1,500 members, each with messages in
// their private chat (questions about the wheel and the plan, /oppgaver, /frister)
// handled through the whole Telegram path (UpdateHandler), so the processed updates,
// the members and chats and the replies in the outbox are as planbot writes them.
// Prints the database's size, the time of `planbot backup` (VACUUM INTO, flushed) and
// its size, the integrity check and the time of `planbot restore`; asserts nothing.
//   build/bench/bench_backup [updates, default 60000] [directory for the files]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/log.hpp"
#include "bot/operations/backup_cli.hpp"
#include "bot/operations/backups.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/telegram/update_handler.hpp"
#include "config/plan_loader.hpp"
#include "storage/database_file.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace {

using namespace planbot;
using Steady = std::chrono::steady_clock;

constexpr int kMembers = 1500;
const char* const kTexts[] = {"hva skjer i mai", "/oppgaver", "når er fylkesårsmøtet?", "/frister",
                              "hvem har ansvar for partiskatt", "ka skjer neste uke", "tiltak 12",
                              "hva skjer i høst", "/hjelp", "har vi noe i juni"};

std::string private_message(int64_t update_id, const std::string& text, int64_t user) {
    nlohmann::json from = {{"id", user}, {"is_bot", false}, {"first_name", "Medlem"}, {"username", "m" + std::to_string(user)}};
    nlohmann::json message = {{"message_id", update_id}, {"date", 1780000000}, {"from", from},
                              {"chat", {{"id", user}, {"type", "private"}, {"first_name", "Medlem"}}}, {"text", text}};
    if (text.starts_with("/"))
        message["entities"] = {{{"type", "bot_command"}, {"offset", 0}, {"length", std::min(text.find(' '), text.size())}}};
    return nlohmann::json{{"update_id", update_id}, {"message", message}}.dump();
}

double seconds_since(Steady::time_point began) {
    return std::chrono::duration<double>(Steady::now() - began).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int updates = argc > 1 ? std::atoi(argv[1]) : 60000;
    const std::filesystem::path directory = argc > 2 ? argv[2] : std::filesystem::temp_directory_path() / "planbot-backup-bench";
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    const std::filesystem::path file = directory / "planbot.db";
    bot::log::set_level(config::LogLevel::error);

    auto plan = config::load_plan(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml");
    if (!plan) return 1;
    const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    const bot::ProcessClock clock(zone->to_sys(date::local_days(date::year(2026) / 11 / 28) + std::chrono::hours(10)));
    {
        storage::Database database(file);
        storage::migrate(database);
        bot::telegram::BotIdentity identity{"planbot", 1};
        bot::telegram::UpdateHandler handler(database, *plan, clock, zone, identity, {});
        const auto filling = Steady::now();
        std::vector<std::string> batch;
        for (int64_t id = 1; id <= updates; ++id) {
            batch.push_back(private_message(id, kTexts[id % std::size(kTexts)], 7000000000LL + id % kMembers));
            if (batch.size() == 100 || id == updates) {
                const std::vector<std::string_view> views(batch.begin(), batch.end());
                handler.handle_batch(views);
                batch.clear();
            }
        }
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        std::printf("filled: %d updates from %d members through UpdateHandler in %.1f s\n", updates, kMembers,
                    seconds_since(filling));
        auto count = [&](const char* sql) {
            auto query = database.prepare(sql);
            query.step();
            return query.column_int64(0);
        };
        std::printf("database: %.1f MB (%lld processed updates, %lld outbox rows, %lld users)\n",
                    static_cast<double>(std::filesystem::file_size(file)) / 1e6,
                    static_cast<long long>(count("SELECT count(*) FROM processed_updates")),
                    static_cast<long long>(count("SELECT count(*) FROM outbox")),
                    static_cast<long long>(count("SELECT count(*) FROM users")));
    }
    for (int round = 0; round < 3; ++round) {
        const std::filesystem::path copy = directory / ("backup-" + std::to_string(round) + ".db");
        const bot::operations::BackupMade made = bot::operations::make_backup(file, copy);
        std::printf("backup: %.1f MB in %lld ms\n", static_cast<double>(made.bytes) / 1e6,
                    static_cast<long long>(made.took.count()));
    }
    const auto checking = Steady::now();
    const storage::DatabaseFileReport report = storage::inspect_database_file(directory / "backup-0.db");
    std::printf("integrity_check of the backup: %s in %.0f ms\n", report.problems.empty() ? "ok" : "PROBLEMS",
                seconds_since(checking) * 1000);
    for (int round = 0; round < 3; ++round) {
        std::ostringstream out, err;
        const auto restoring = Steady::now();
        const int code = bot::operations::restore_database(file, directory / ("backup-" + std::to_string(round) + ".db"), out, err);
        std::printf("restore (checks included): exit %d in %.0f ms\n", code, seconds_since(restoring) * 1000);
        if (code != 0) std::printf("%s", err.str().c_str());
    }
    std::filesystem::remove_all(directory);
    return 0;
}
