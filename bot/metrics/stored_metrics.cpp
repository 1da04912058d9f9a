// See stored_metrics.hpp.
#include "bot/metrics/stored_metrics.hpp"

#include <filesystem>

#include "storage/forum.hpp"
#include "storage/outbox.hpp"
#include "storage/reminder_log.hpp"

namespace planbot::bot {

namespace {

int64_t bytes_of(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    return error ? 0 : static_cast<int64_t>(size);
}

}  // namespace

StoredMetrics read_stored_metrics(storage::Database& database, std::chrono::sys_seconds now,
                                  const std::map<std::string, std::string, std::less<>>& plain_methods) {
    StoredMetrics stored;
    for (const auto& [key, count] : storage::Outbox(database).pending_by_method()) {
        const auto& [platform, method] = key;
        const auto plain = plain_methods.find(platform);
        const std::string name = !method.empty() ? method : plain != plain_methods.end() ? plain->second : platform;
        stored.outbox_pending[name] += count;
    }
    stored.forum_posts = storage::Forum(database).stored_post_count();
    if (const auto checked = storage::ReminderLog(database).checked_until(); checked && now > *checked)
        stored.scheduler_lag_seconds = static_cast<double>((now - *checked).count());
    const std::filesystem::path& file = database.path();
    stored.database_bytes = bytes_of(file) + bytes_of(file.string() + "-wal");
    return stored;
}

}  // namespace planbot::bot
