// Copies the SQLite write-ahead log back into the database file from a thread of
// its own, with its own connection, so the fsyncs this needs never stall the io
// thread that answers webhooks (SQLite would otherwise checkpoint inside a commit).
// PASSIVE checkpoints never block writers; committed data is safe in the WAL either way.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "storage/database.hpp"

namespace planbot::bot {

class Checkpointer {
public:
    // Turns automatic checkpoints off on `writer` and starts checkpointing `file`
    // every `interval` from a background thread.
    Checkpointer(storage::Database& writer, const std::filesystem::path& file,
                 std::chrono::milliseconds interval = std::chrono::milliseconds(500));
    ~Checkpointer();  // stops the thread after a last checkpoint

    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

private:
    void run();

    std::filesystem::path file_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace planbot::bot
