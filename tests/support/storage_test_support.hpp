// Shared by the tests that read SQLite directly (storage/ and bot/ tests).
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>

#include "storage/database.hpp"

namespace planbot::test {

// SELECT count(*) … as a number.
inline int64_t count_rows(storage::Database& database, std::string_view sql) {
    storage::Statement query = database.prepare(sql);
    REQUIRE(query.step());
    return query.column_int64(0);
}

}  // namespace planbot::test
