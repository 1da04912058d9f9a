// Private to storage/: times in SQLite columns, INTEGER unix seconds, UTC.
#pragma once

#include <chrono>
#include <cstdint>

namespace planbot::storage {

inline int64_t seconds(std::chrono::sys_seconds time) { return time.time_since_epoch().count(); }
inline std::chrono::sys_seconds time_at(int64_t value) { return std::chrono::sys_seconds(std::chrono::seconds(value)); }

}  // namespace planbot::storage
