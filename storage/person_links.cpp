// See person_links.hpp. Every query names its index; a person has a handful of
// accounts at most, so a person's accounts are read whole.
#include "storage/person_links.hpp"

#include "storage/time_columns.hpp"

namespace planbot::storage {

bool PersonLinks::any() const {
    auto& query = database_.cached("SELECT 1 FROM person_accounts LIMIT 1");  // person_accounts_by_person
    const bool found = query.step();
    query.reset();
    return found;
}

std::optional<int64_t> PersonLinks::person_of(std::string_view platform, std::string_view user_id) const {
    auto& query = database_.cached("SELECT person FROM person_accounts WHERE platform = ?1 AND user_id = ?2");  // pk
    std::optional<int64_t> person;
    if (query.bind(1, platform).bind(2, user_id).step()) person = query.column_int64(0);
    query.reset();
    return person;
}

std::vector<Account> PersonLinks::others(std::string_view platform, std::string_view user_id) const {
    const std::optional<int64_t> person = person_of(platform, user_id);
    if (!person) return {};
    auto& query = database_.cached(  // person_accounts_by_person
        "SELECT platform, user_id FROM person_accounts WHERE person = ?1 AND NOT (platform = ?2 AND user_id = ?3) "
        "ORDER BY platform, user_id");
    query.bind(1, *person).bind(2, platform).bind(3, user_id);
    std::vector<Account> out;
    while (query.step()) out.push_back({query.column_text(0), query.column_text(1)});
    return out;
}

std::vector<Account> PersonLinks::accounts(std::string_view platform, std::string_view user_id) const {
    std::vector<Account> out{{std::string(platform), std::string(user_id)}};
    for (Account& other : others(platform, user_id)) out.push_back(std::move(other));
    return out;
}

Account PersonLinks::last_used(std::string_view platform, std::string_view user_id) const {
    const std::optional<int64_t> person = person_of(platform, user_id);
    if (!person) return {std::string(platform), std::string(user_id)};
    auto& query = database_.cached(  // person_accounts_by_person; users' primary key
        "SELECT a.platform, a.user_id FROM person_accounts AS a "
        "LEFT JOIN users AS u ON u.platform = a.platform AND u.user_id = a.user_id WHERE a.person = ?1 "
        "ORDER BY coalesce(u.last_active, 0) DESC, a.platform, a.user_id LIMIT 1");
    Account out{std::string(platform), std::string(user_id)};
    if (query.bind(1, *person).step()) out = {query.column_text(0), query.column_text(1)};
    query.reset();
    return out;
}

std::optional<commands::LinkCode> PersonLinks::code(std::string_view digest) const {
    auto& query = database_.cached("SELECT platform, user_id, expires_at FROM link_codes WHERE digest = ?1");  // pk
    std::optional<commands::LinkCode> out;
    if (query.bind(1, digest).step())
        out = commands::LinkCode{{query.column_text(0), query.column_text(1), "", ""}, time_at(query.column_int64(2))};
    query.reset();
    return out;
}

int PersonLinks::failures(std::string_view platform, std::string_view user_id, std::chrono::sys_seconds since) const {
    auto& query = database_.cached(  // link_failures_by_account
        "SELECT count(*) FROM link_failures WHERE platform = ?1 AND user_id = ?2 AND at > ?3");
    query.bind(1, platform).bind(2, user_id).bind(3, seconds(since)).step();
    const int count = static_cast<int>(query.column_int64(0));
    query.reset();
    return count;
}

void PersonLinks::start(std::string_view platform, std::string_view user_id, std::string_view digest,
                        std::chrono::sys_seconds expires, std::chrono::sys_seconds now) {
    database_.cached("DELETE FROM link_codes WHERE platform = ?1 AND user_id = ?2")  // link_codes_by_account
        .bind(1, platform)
        .bind(2, user_id)
        .step();
    // A scan of a table of a few rows: codes live ten minutes.
    database_.cached("DELETE FROM link_codes WHERE expires_at <= ?1").bind(1, seconds(now)).step();
    database_.cached("INSERT INTO link_codes (digest, platform, user_id, expires_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, digest)
        .bind(2, platform)
        .bind(3, user_id)
        .bind(4, seconds(expires))
        .step();
}

void PersonLinks::link(std::string_view digest, std::string_view platform, std::string_view user_id,
                       std::chrono::sys_seconds now) {
    // Used up here: a second use in another update finds no row and throws.
    auto& take = database_.cached(  // the primary key
        "DELETE FROM link_codes WHERE digest = ?1 AND expires_at > ?2 RETURNING platform, user_id");
    if (!take.bind(1, digest).bind(2, seconds(now)).step()) throw StorageError("link code not waiting or expired");
    const Account owner{take.column_text(0), take.column_text(1)};
    while (take.step()) {
    }
    if (owner == Account{std::string(platform), std::string(user_id)}) throw StorageError("link code of the same account");
    const std::optional<int64_t> owner_person = person_of(owner.platform, owner.user_id);
    const std::optional<int64_t> own_person = person_of(platform, user_id);
    if (owner_person && own_person && *owner_person == *own_person) return;
    int64_t person = 0;
    if (owner_person) person = *owner_person;
    else if (own_person) person = *own_person;
    else {
        auto& next = database_.cached("SELECT coalesce(max(person), 0) + 1 FROM person_accounts");  // person_accounts_by_person
        next.step();
        person = next.column_int64(0);
        next.reset();
    }
    auto add = [&](const Account& account) {
        database_.cached("INSERT INTO person_accounts (platform, user_id, person, linked_at) VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT DO NOTHING")
            .bind(1, account.platform)
            .bind(2, account.user_id)
            .bind(3, person)
            .bind(4, seconds(now))
            .step();
    };
    add(owner);
    add({std::string(platform), std::string(user_id)});
    // Two persons become one: the other one's accounts join (person_accounts_by_person).
    if (owner_person && own_person)
        database_.cached("UPDATE person_accounts SET person = ?1 WHERE person = ?2").bind(1, person).bind(2, *own_person).step();
}

void PersonLinks::unlink(std::string_view platform, std::string_view user_id, bool keep_roles) {
    const std::optional<int64_t> person = person_of(platform, user_id);
    if (!person) return;
    database_.cached("DELETE FROM person_accounts WHERE platform = ?1 AND user_id = ?2")  // the primary key
        .bind(1, platform)
        .bind(2, user_id)
        .step();
    auto& rest = database_.cached("SELECT platform, user_id FROM person_accounts WHERE person = ?1");  // by_person
    std::vector<Account> remaining;
    rest.bind(1, *person);
    while (rest.step()) remaining.push_back({rest.column_text(0), rest.column_text(1)});
    if (remaining.empty()) return;
    const Account heir = last_used(remaining.front().platform, remaining.front().user_id);
    if (remaining.size() == 1)
        database_.cached("DELETE FROM person_accounts WHERE person = ?1").bind(1, *person).step();
    if (!keep_roles) return;
    // role_holders_by_person and the admins' primary key, for the leaving account's rows.
    for (std::string_view table : {"role_holders", "admins"}) {
        const std::string columns = table == "admins" ? "" : "role_id, unit, term_end, ";
        database_
            .cached("INSERT INTO " + std::string(table) + " (" + columns + "platform, user_id) SELECT " + columns +
                    "?3, ?4 FROM " + std::string(table) + " WHERE platform = ?1 AND user_id = ?2 ON CONFLICT DO NOTHING")
            .bind(1, platform)
            .bind(2, user_id)
            .bind(3, heir.platform)
            .bind(4, heir.user_id)
            .step();
        database_.cached("DELETE FROM " + std::string(table) + " WHERE platform = ?1 AND user_id = ?2")
            .bind(1, platform)
            .bind(2, user_id)
            .step();
    }
}

void PersonLinks::fail(std::string_view platform, std::string_view user_id, std::chrono::sys_seconds now) {
    database_.cached("DELETE FROM link_failures WHERE platform = ?1 AND user_id = ?2 AND at <= ?3")  // by_account
        .bind(1, platform)
        .bind(2, user_id)
        .bind(3, seconds(now - commands::kLinkAttemptWindow))
        .step();
    database_.cached("INSERT INTO link_failures (platform, user_id, at) VALUES (?1, ?2, ?3)")
        .bind(1, platform)
        .bind(2, user_id)
        .bind(3, seconds(now))
        .step();
}

}  // namespace planbot::storage
