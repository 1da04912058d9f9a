// Benchmark, run by hand: what the webhook's storage work costs per update when
// several updates share one transaction (group commit) instead of one each, as
// UpdateHandler::handle does today. Each update does what handle() does: BEGIN
// IMMEDIATE (once per batch), processed_updates lookup, users and chats upserts, one
// outbox row of a typical answer's size, processed_updates insert, COMMIT (once per
// batch). Prints microseconds per update for each batch size; asserts nothing.
//   build/bench/bench_storage_batch [updates per configuration] [directory for the databases]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "bot/memory.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/processed_updates.hpp"

namespace {

using namespace planbot::storage;
using Clock = std::chrono::steady_clock;

struct Config {
    int batch;           // updates per transaction
    bool exclusive;      // PRAGMA locking_mode = EXCLUSIVE (no fcntl locks, no -shm)
};

double run(const Config& config, int updates, const std::filesystem::path& file) {
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
    std::optional<Database> database(std::in_place, file);
    if (config.exclusive) database->execute("PRAGMA locking_mode = EXCLUSIVE");
    migrate(*database);
    ProcessedUpdates processed(*database);
    Directory directory(*database);
    Outbox outbox(*database);
    // A reply of the average size seen in the webhook benchmark's outbox (about 410 bytes).
    std::string text;
    while (text.size() < 410) text += "• nr. 15 Rekruttere medlemmer ved aksjoner (Lokallagene og fylkesstyret)\n";
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

    const auto start = Clock::now();
    for (int first = 0; first < updates; first += config.batch) {
        Transaction transaction(*database);
        for (int i = first; i < first + config.batch && i < updates; ++i) {
            const int64_t update_id = 100000000 + i;
            if (processed.contains("telegram", update_id)) continue;
            const std::string user = std::to_string(5000000000 + (i % 200) * 7717);
            const bool group = i % 5 < 2;
            const std::string chat = group ? std::to_string(-1001000000000 - (i % 20) * 1013) : user;
            directory.remember_user({"telegram", user, "Kari", "Nordmann", "medlem"}, now);
            directory.remember_chat({"telegram", chat, group ? "supergroup" : "private", group ? "SV Trondheim" : "Kari"},
                                    now);
            OutboxMessage message;
            message.platform = "telegram";
            message.chat_id = chat;
            message.text = text;
            message.parse_mode = "HTML";
            outbox.append(message, now);
            processed.insert("telegram", update_id, now);
        }
        transaction.commit();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    database.reset();
    return seconds * 1e6 / updates;
}

}  // namespace

int main(int argc, char** argv) {
    planbot::bot::keep_freed_memory();
    const int updates = argc > 1 ? std::atoi(argv[1]) : 20000;
    const std::filesystem::path directory = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    const std::filesystem::path file = directory / "planbot-storage-batch-bench.db";
    const std::vector<Config> configs = {{1, false}, {4, false}, {16, false}, {64, false}, {256, false},
                                         {1, true},  {64, true}};
    for (const Config& config : configs) {
        const double us = run(config, updates, file);
        std::printf("batch %3d%s: %7.2f us per update (%.0f updates/s on one core), %d updates\n", config.batch,
                    config.exclusive ? " exclusive locking" : "                  ", us, 1e6 / us, updates);
    }
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
    return 0;
}
