// See processed_updates.hpp. Every query is served by the primary key.
#include "storage/processed_updates.hpp"

namespace planbot::storage {

bool ProcessedUpdates::contains(std::string_view platform, int64_t update_id) {
    auto& query = database_.cached("SELECT 1 FROM processed_updates WHERE platform = ?1 AND update_id = ?2");
    bool found = query.bind(1, platform).bind(2, update_id).step();
    query.reset();
    return found;
}

void ProcessedUpdates::insert(std::string_view platform, int64_t update_id, std::chrono::sys_seconds at) {
    database_.cached("INSERT INTO processed_updates (platform, update_id, processed_at) VALUES (?1, ?2, ?3)")
        .bind(1, platform)
        .bind(2, update_id)
        .bind(3, at.time_since_epoch().count())
        .step();
}

std::optional<int64_t> ProcessedUpdates::highest(std::string_view platform) {
    auto& query = database_.cached("SELECT MAX(update_id) FROM processed_updates WHERE platform = ?1");
    query.bind(1, platform).step();
    std::optional<int64_t> result;
    if (!query.column_is_null(0)) result = query.column_int64(0);
    query.reset();
    return result;
}

}  // namespace planbot::storage
