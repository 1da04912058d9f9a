// Accounts linked into one person (/kobling, migration 11's tables): which accounts a
// person has, the account they last wrote from, the one-time codes by digest and the
// wrong codes tried. WorkState answers commands::State's linked questions through it
// and applies the link changes with it; like WorkState it never begins or commits a
// transaction, so a link commits with the update that made it.
//
// REQUIRES: external synchronization, like the Database it uses.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/state.hpp"
#include "storage/database.hpp"

namespace planbot::storage {

struct Account {
    std::string platform, user_id;
    friend bool operator==(const Account&, const Account&) = default;
};

class PersonLinks {
public:
    explicit PersonLinks(Database& database) : database_(database) {}

    // Whether any account is linked at all: without links every lookup below is the
    // account itself, and callers skip them (one read of a small index).
    bool any() const;
    // The person's other accounts, by platform, user id (none when not linked).
    std::vector<Account> others(std::string_view platform, std::string_view user_id) const;
    // The account itself, then its others.
    std::vector<Account> accounts(std::string_view platform, std::string_view user_id) const;
    // The account of the person that last wrote to the bot (users.last_active; never
    // written: the earliest in platform, user id order); the account itself when not linked.
    Account last_used(std::string_view platform, std::string_view user_id) const;

    std::optional<commands::LinkCode> code(std::string_view digest) const;  // owner without name
    int failures(std::string_view platform, std::string_view user_id, std::chrono::sys_seconds since) const;

    // The account's new code (its earlier one, and every expired code, deleted).
    void start(std::string_view platform, std::string_view user_id, std::string_view digest,
               std::chrono::sys_seconds expires, std::chrono::sys_seconds now);
    // Uses up the code `digest` and makes its owner and (platform, user_id) one person
    // (two persons become one). Throws StorageError when the code is not waiting or has
    // expired, so that the caller's transaction keeps nothing: a code works once.
    void link(std::string_view digest, std::string_view platform, std::string_view user_id,
              std::chrono::sys_seconds now);
    // The account leaves its person. `keep_roles`: its roles and chat-made admin rights
    // move to the person's account that wrote last (a person of one account is no
    // person any more, and its row goes too). Nothing when the account is not linked.
    void unlink(std::string_view platform, std::string_view user_id, bool keep_roles);
    // A wrong code tried (and the account's failures older than the window forgotten).
    void fail(std::string_view platform, std::string_view user_id, std::chrono::sys_seconds now);

private:
    std::optional<int64_t> person_of(std::string_view platform, std::string_view user_id) const;

    Database& database_;
};

}  // namespace planbot::storage
