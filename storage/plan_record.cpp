// See plan_record.hpp.
#include "storage/plan_record.hpp"

namespace planbot::storage {

namespace {
constexpr std::string_view kKey = "plan_in_force";
}

std::optional<std::string> PlanRecord::text_in_force() {
    auto& query = database_.cached("SELECT value FROM meta WHERE key = ?1");  // meta's primary key
    std::optional<std::string> text;
    if (query.bind(1, kKey).step()) text = query.column_text(0);
    query.reset();
    return text;
}

void PlanRecord::set_text_in_force(std::string_view text) {
    database_
        .cached("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value")  // meta's primary key
        .bind(1, kKey)
        .bind(2, text)
        .step();
}

}  // namespace planbot::storage
