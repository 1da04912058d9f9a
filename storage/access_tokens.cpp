// See access_tokens.hpp. Read by the primary key (the digest) or by the account's
// index; both are a single row.
#include "storage/access_tokens.hpp"

#include "storage/time_columns.hpp"

namespace planbot::storage {

std::string_view kind_name(commands::AccessKind kind) {
    switch (kind) {
        case commands::AccessKind::calendar: return "calendar";
        case commands::AccessKind::calendar_all: return "calendar_all";
        case commands::AccessKind::overview: return "overview";
        case commands::AccessKind::overview_calendar: return "overview_calendar";
    }
    return "calendar";
}

std::optional<commands::AccessKind> kind_named(std::string_view name) {
    for (auto kind : {commands::AccessKind::calendar, commands::AccessKind::calendar_all, commands::AccessKind::overview,
                      commands::AccessKind::overview_calendar})
        if (kind_name(kind) == name) return kind;
    return std::nullopt;
}

std::optional<AccessToken> AccessTokens::find(std::string_view digest) const {
    auto& query = database_.cached("SELECT kind, platform, user_id, made_at FROM access_tokens WHERE digest = ?1");  // pk
    std::optional<AccessToken> out;
    if (query.bind(1, digest).step())
        if (auto kind = kind_named(query.column_text(0)))
            out = AccessToken{*kind, query.column_text(1), query.column_text(2), time_at(query.column_int64(3))};
    query.reset();
    return out;
}

std::optional<std::chrono::sys_seconds> AccessTokens::made(std::string_view platform, std::string_view user_id,
                                                           commands::AccessKind kind) const {
    auto& query = database_.cached(  // access_tokens_by_account
        "SELECT made_at FROM access_tokens WHERE platform = ?1 AND user_id = ?2 AND kind = ?3");
    std::optional<std::chrono::sys_seconds> out;
    if (query.bind(1, platform).bind(2, user_id).bind(3, kind_name(kind)).step()) out = time_at(query.column_int64(0));
    query.reset();
    return out;
}

void AccessTokens::issue(std::string_view platform, std::string_view user_id, commands::AccessKind kind,
                         std::string_view digest, std::chrono::sys_seconds now) {
    database_.cached("DELETE FROM access_tokens WHERE platform = ?1 AND user_id = ?2 AND kind = ?3")
        .bind(1, platform)
        .bind(2, user_id)
        .bind(3, kind_name(kind))
        .step();
    database_.cached("INSERT INTO access_tokens (digest, kind, platform, user_id, made_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, digest)
        .bind(2, kind_name(kind))
        .bind(3, platform)
        .bind(4, user_id)
        .bind(5, seconds(now))
        .step();
}

void AccessTokens::forget(std::string_view platform, std::string_view user_id) {
    database_.cached("DELETE FROM access_tokens WHERE platform = ?1 AND user_id = ?2")
        .bind(1, platform)
        .bind(2, user_id)
        .step();
}

}  // namespace planbot::storage
