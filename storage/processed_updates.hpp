// Which incoming updates have been handled, per platform, so that an update delivered
// twice (platforms retry) is handled once. The mark is written in the same transaction
// as the update's state changes and replies.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "storage/database.hpp"

namespace planbot::storage {

class ProcessedUpdates {
public:
    explicit ProcessedUpdates(Database& database) : database_(database) {}

    bool contains(std::string_view platform, int64_t update_id);
    // Throws StorageError if (platform, update_id) is already there: check contains() first.
    void insert(std::string_view platform, int64_t update_id, std::chrono::sys_seconds at);
    // The highest update_id seen on `platform` (getUpdates' offset after a restart).
    std::optional<int64_t> highest(std::string_view platform);

private:
    Database& database_;
};

}  // namespace planbot::storage
