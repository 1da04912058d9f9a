// See checkpointer.hpp.
#include "bot/schedule/checkpointer.hpp"

#include "bot/log.hpp"

namespace planbot::bot {

Checkpointer::Checkpointer(storage::Database& writer, const std::filesystem::path& file,
                           std::chrono::milliseconds interval)
    : file_(file), interval_(interval) {
    writer.execute("PRAGMA wal_autocheckpoint = 0");
    thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void Checkpointer::run() {
    try {
        storage::Database connection(file_);
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                wake_.wait_for(lock, interval_, [this] { return stopping_; });
            }
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)");
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
    } catch (const std::exception& error) {
        // The writer's data is safe in the WAL; it only grows until the next start.
        log::error("checkpoint_failed", {{"error", error.what()}});
    }
}

}  // namespace planbot::bot
