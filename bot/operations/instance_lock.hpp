// The lock file beside the database (planbot.db.lock) that tells whether a planbot
// runs on it. Every running planbot (the Telegram service and the local chat) holds a
// shared flock(2) on it for as long as it runs; `planbot restore` takes it exclusively,
// so it is refused while any planbot runs, and a planbot started during a restore
// stops with a message instead of opening a half-installed database. The kernel drops
// the lock when the process ends, however it ends (kill -9, a crash), so a lock is
// never left behind; the file itself stays and means nothing while nobody holds it.
// `planbot backup`, `report` and `--check` only read and take no lock.
#pragma once

#include <expected>
#include <filesystem>
#include <string>

namespace planbot::bot::operations {

class InstanceLock {
public:
    enum class Mode { shared, exclusive };

    // The lock file of `database`: its path with ".lock" added.
    static std::filesystem::path file_of(const std::filesystem::path& database);

    // Takes the lock without waiting (creating the file and its folder if missing).
    // The error says who holds it, in an operator's words.
    static std::expected<InstanceLock, std::string> take(const std::filesystem::path& database, Mode mode);

    InstanceLock(InstanceLock&& other) noexcept;
    InstanceLock& operator=(InstanceLock&& other) noexcept;
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;
    ~InstanceLock();  // releases it

private:
    explicit InstanceLock(int descriptor) : descriptor_(descriptor) {}
    int descriptor_ = -1;
};

}  // namespace planbot::bot::operations
