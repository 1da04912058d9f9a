// The secret links' tokens (/kalender, /oversikt; migration 15's access_tokens), by
// their digest: the database holds no token that works, only what finds one. An
// account has at most one token of each kind; a new one replaces it, and the old link
// stops working. Like WorkState it never begins or commits a transaction.
//
// REQUIRES: external synchronization, like the Database it uses.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "commands/state.hpp"
#include "storage/database.hpp"

namespace planbot::storage {

struct AccessToken {
    commands::AccessKind kind = commands::AccessKind::calendar;
    std::string platform, user_id;  // whose link it is
    std::chrono::sys_seconds made{};
};

class AccessTokens {
public:
    explicit AccessTokens(Database& database) : database_(database) {}

    // The token whose digest is `digest`; nullopt for none (never made, or replaced).
    std::optional<AccessToken> find(std::string_view digest) const;
    // When the account's token of `kind` was made; nullopt: it has none.
    std::optional<std::chrono::sys_seconds> made(std::string_view platform, std::string_view user_id,
                                                 commands::AccessKind kind) const;
    // The account's new token of `kind` (its earlier one deleted).
    void issue(std::string_view platform, std::string_view user_id, commands::AccessKind kind,
               std::string_view digest, std::chrono::sys_seconds now);
    // Every token of the account (it was forgotten).
    void forget(std::string_view platform, std::string_view user_id);

private:
    Database& database_;
};

// The stored name of a kind ("calendar", "calendar_all", "overview", "overview_calendar") and back.
std::string_view kind_name(commands::AccessKind kind);
std::optional<commands::AccessKind> kind_named(std::string_view name);

}  // namespace planbot::storage
