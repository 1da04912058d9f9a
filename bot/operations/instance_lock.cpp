// See instance_lock.hpp.
#include "bot/operations/instance_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace planbot::bot::operations {

std::filesystem::path InstanceLock::file_of(const std::filesystem::path& database) {
    std::filesystem::path file = database;
    file += ".lock";
    return file;
}

std::expected<InstanceLock, std::string> InstanceLock::take(const std::filesystem::path& database, Mode mode) {
    const std::filesystem::path file = file_of(database);
    std::error_code ignored;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
    // Read-only is enough for flock, and 0644 lets the service's user open a lock file
    // root created (a restore run as root before the service's first start).
    const int descriptor = ::open(file.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor < 0)
        return std::unexpected("cannot open the lock file " + file.string() + ": " + std::strerror(errno));
    if (::flock(descriptor, (mode == Mode::shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0) return InstanceLock(descriptor);
    const int error = errno;
    ::close(descriptor);
    if (error != EWOULDBLOCK) return std::unexpected("cannot lock " + file.string() + ": " + std::strerror(error));
    if (mode == Mode::shared)
        return std::unexpected("a restore of " + database.string() + " is under way (it holds " + file.string() +
                               "); start planbot when it is done");
    return std::unexpected("planbot is running on " + database.string() + " (it holds " + file.string() +
                           "); stop it first, e.g. systemctl stop planbot");
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept : descriptor_(std::exchange(other.descriptor_, -1)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
    if (this != &other) {
        if (descriptor_ >= 0) ::close(descriptor_);
        descriptor_ = std::exchange(other.descriptor_, -1);
    }
    return *this;
}

InstanceLock::~InstanceLock() {
    if (descriptor_ >= 0) ::close(descriptor_);  // closing the last descriptor releases the flock
}

}  // namespace planbot::bot::operations
