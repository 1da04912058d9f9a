// Shared by the tests that read SQLite directly (storage/ and bot/ tests).
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string_view>

#include "storage/database.hpp"

namespace planbot::test {

// 20 April 2027, 08:00 UTC, plus `offset` seconds: the storage tests' usual "now".
inline std::chrono::sys_seconds instant(int64_t offset = 0) {
    return std::chrono::sys_days(std::chrono::year(2027) / 4 / 20) + std::chrono::hours(8) + std::chrono::seconds(offset);
}

// SELECT count(*) … as a number.
inline int64_t count_rows(storage::Database& database, std::string_view sql) {
    storage::Statement query = database.prepare(sql);
    REQUIRE(query.step());
    return query.column_int64(0);
}

}  // namespace planbot::test
