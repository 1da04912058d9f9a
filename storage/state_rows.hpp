// Reading SQLite rows into the core's values: the pieces shared by the repositories
// behind commands::State (work_state.cpp, forum.cpp). Internal to storage/; nothing
// outside it includes this header.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <optional>
#include <vector>

#include "commands/state.hpp"
#include "storage/database.hpp"
#include "storage/time_columns.hpp"

namespace planbot::storage {

// Four columns from `first`: platform, user id, name, username (see PLANBOT_PERSON_COLUMNS).
inline commands::Person person_at(const Statement& row, int first) {
    return {row.column_text(first), row.column_text(first + 1), row.column_text(first + 2),
            row.column_text(first + 3)};
}

// 'YYYY-MM-DD' (an Oslo calendar day in a TEXT column): text order is date order.
inline std::string date_text(date::year_month_day day) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

template <class T, class Read>
std::vector<T> read_all(Statement& query, Read read) {
    std::vector<T> rows;
    while (query.step()) rows.push_back(read(query));
    return rows;
}

template <class T, class Read>
std::optional<T> read_one(Statement& query, Read read) {
    std::optional<T> row;
    if (query.step()) row = read(query);
    query.reset();  // ends the read snapshot of a query stopped after one row
    return row;
}

}  // namespace planbot::storage

// The `users` columns as a person (platform, user id, name, username), for a table
// aliased `x` joined as PLANBOT_JOIN_USERS. The name is first and last name, trimmed;
// the user id for someone never seen or nameless, so lists can be ordered by it.
#define PLANBOT_PERSON_COLUMNS                                                                         \
    "x.platform, x.user_id, coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), x.user_id) " \
    "AS name, coalesce(u.username, '')"
#define PLANBOT_JOIN_USERS " LEFT JOIN users AS u ON u.platform = x.platform AND u.user_id = x.user_id "
