// The gauges /metrics reads from the database at each scrape: outbox rows pending by
// method, forum posts, how far the scheduler is behind the clock, the database's size.
// A few indexed counts and a scan of the pending rows: cheap at a scrape every few
// seconds, too dear for every request (which is why /healthz does not do it).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string_view>

#include "bot/metrics/metrics.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

// `plain_methods`: each platform's name for an outbox row's method "" (telegram:
// "sendMessage", slack: "chat.postMessage"); a platform not named: its own name.
// Throws StorageError when SQLite fails.
StoredMetrics read_stored_metrics(storage::Database& database, std::chrono::sys_seconds now,
                                  const std::map<std::string, std::string, std::less<>>& plain_methods);

}  // namespace planbot::bot
