// WorkState's answers for a person with linked accounts (/kobling): the rows stay under
// the account that made them (work_state.cpp's stored_* reads), and these answers put
// them together. Without any link (PersonLinks::any) each is the stored read as it was,
// so a database that never linked pays one small index read per call.
#include <algorithm>
#include <map>
#include <tuple>

#include "storage/state_rows.hpp"
#include "storage/work_state.hpp"

namespace planbot::storage {

namespace {

bool ends_later(const std::optional<date::year_month_day>& a, const std::optional<date::year_month_day>& b) {
    if (!a) return b.has_value();  // no end is the latest
    return b && *a > *b;
}

}  // namespace

std::vector<commands::Person> WorkState::linked_accounts(std::string_view platform, std::string_view user_id) const {
    std::vector<commands::Person> out;
    for (const Account& account : links_.others(platform, user_id))
        out.push_back(person(account.platform, account.user_id)
                          .value_or(commands::Person{account.platform, account.user_id, account.user_id, ""}));
    return out;
}

bool WorkState::is_admin(std::string_view platform, std::string_view user_id) const {
    if (stored_admin(platform, user_id)) return true;
    for (const Account& other : links_.others(platform, user_id))
        if (stored_admin(other.platform, other.user_id)) return true;
    return false;
}

std::vector<config::RoleRef> WorkState::roles_of(std::string_view platform, std::string_view user_id,
                                                 date::year_month_day on) const {
    std::vector<config::RoleRef> roles = stored_roles_of(platform, user_id, on);
    const std::vector<Account> others = links_.others(platform, user_id);
    if (others.empty()) return roles;
    for (const Account& other : others) std::ranges::copy(stored_roles_of(other.platform, other.user_id, on),
                                                          std::back_inserter(roles));
    auto order = [](const config::RoleRef& role) { return std::tie(role.role_id, role.unit); };
    std::ranges::sort(roles, {}, order);
    auto [first, last] = std::ranges::unique(roles, {}, order);
    roles.erase(first, last);
    return roles;
}

std::vector<commands::Holding> WorkState::by_person(std::vector<commands::Holding> holdings) const {
    if (!links_.any()) return holdings;
    std::map<std::pair<std::string, std::string>, commands::Person> reached;  // account → where it is reached
    for (commands::Holding& holding : holdings) {
        auto key = std::pair{holding.person.platform, holding.person.user_id};
        auto found = reached.find(key);
        if (found == reached.end()) {
            const Account used = links_.last_used(holding.person.platform, holding.person.user_id);
            commands::Person at = holding.person;
            if (used.platform != at.platform || used.user_id != at.user_id)
                at = person(used.platform, used.user_id)
                         .value_or(commands::Person{used.platform, used.user_id, used.user_id, ""});
            found = reached.emplace(std::move(key), std::move(at)).first;
        }
        holding.person = found->second;
    }
    auto order = [](const commands::Holding& h) {
        return std::tie(h.role.role_id, h.role.unit, h.person.name, h.person.platform, h.person.user_id);
    };
    std::ranges::stable_sort(holdings, {}, order);
    // One person holding a role through two accounts holds it once, for the longer term.
    std::vector<commands::Holding> out;
    for (commands::Holding& holding : holdings) {
        if (!out.empty() && out.back().role == holding.role && out.back().person == holding.person) {
            if (ends_later(holding.term_end, out.back().term_end)) out.back().term_end = holding.term_end;
            continue;
        }
        out.push_back(std::move(holding));
    }
    return out;
}

std::vector<commands::Holding> WorkState::holders(std::string_view role_id, date::year_month_day on) const {
    return by_person(stored_holders(role_id, on));
}

std::vector<commands::Holding> WorkState::all_holdings() const { return by_person(stored_holdings()); }

std::vector<commands::Person> WorkState::admins() const {
    std::vector<commands::Person> admins = stored_admins();
    if (!links_.any()) return admins;
    for (commands::Person& admin : admins) {
        const Account used = links_.last_used(admin.platform, admin.user_id);
        if (used.platform != admin.platform || used.user_id != admin.user_id)
            admin = person(used.platform, used.user_id)
                        .value_or(commands::Person{used.platform, used.user_id, used.user_id, ""});
    }
    auto order = [](const commands::Person& p) { return std::tie(p.name, p.platform, p.user_id); };
    std::ranges::sort(admins, {}, order);
    auto [first, last] = std::ranges::unique(admins, {}, order);
    admins.erase(first, last);
    return admins;
}

bool WorkState::forum_muted(std::string_view platform, std::string_view user_id) const {
    if (forum_.muted(platform, user_id)) return true;
    for (const Account& other : links_.others(platform, user_id))
        if (forum_.muted(other.platform, other.user_id)) return true;
    return false;
}

std::optional<std::chrono::sys_seconds> WorkState::forum_last_post_by(std::string_view platform,
                                                                      std::string_view user_id) const {
    std::optional<std::chrono::sys_seconds> last = forum_.last_post_by(platform, user_id);
    for (const Account& other : links_.others(platform, user_id))
        if (auto at = forum_.last_post_by(other.platform, other.user_id); at && (!last || *at > *last)) last = at;
    return last;
}

bool WorkState::grant_to_linked(const commands::GrantRole& grant, std::string_view platform) {
    for (const Account& other : links_.others(platform, grant.person.user_id)) {
        auto& statement = database_.cached(  // the primary key
            "UPDATE role_holders SET term_end = ?5 WHERE role_id = ?1 AND unit = ?2 AND platform = ?3 AND user_id = ?4");
        statement.bind(1, grant.role.role_id).bind(2, grant.role.unit).bind(3, other.platform).bind(4, other.user_id);
        if (grant.until) statement.bind(5, date_text(*grant.until));
        else statement.bind_null(5);
        statement.step();
        if (database_.changes() > 0) return true;
    }
    return false;
}

}  // namespace planbot::storage
