// See role_questions.hpp.
#include "commands/people/role_questions.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"
#include "commands/language/stop_words.hpp"
#include "commands/people/roles.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands {

namespace {

bool is_bare_leader(std::string_view word) {
    return is_one_of(word, {"leder", "lederen", "leiar", "leiaren", "lear", "ledar"});
}

// "leder for Innherred": the scoped role named "…leder" whose units include the words
// after the preposition, in the plan's order of roles.
std::optional<RoleInWords> unit_leader(const config::Plan& plan, const std::vector<std::string>& words, size_t at) {
    size_t next = at + 1;
    if (next < words.size() && is_one_of(words[next], {"i", "for", "pa", "av", "fra", "til"})) ++next;
    if (next >= words.size()) return std::nullopt;
    const std::vector<std::string> rest(words.begin() + static_cast<long>(next), words.end());
    for (const config::Role& role : plan.roles) {
        if (role.scope == config::Scope::none || !fold(role.name).ends_with("leder")) continue;
        if (auto unit = read_unit(plan, role.scope, rest))
            return RoleInWords{{role.id, unit->first}, at, next - at + unit->second};
    }
    return std::nullopt;
}

}  // namespace

std::optional<RoleInWords> find_role_in(const config::Plan& plan, const std::vector<std::string>& words,
                                        const RoleNames* names) {
    for (size_t at = 0; at < words.size(); ++at) {
        if (is_stop_word(words[at])) continue;  // no role name starts with one, and reading a role is slow
        if (is_bare_leader(words[at]))
            if (auto leader = unit_leader(plan, words, at)) return leader;
        const std::vector<std::string> rest(words.begin() + static_cast<long>(at), words.end());
        if (auto read = read_role(plan, rest, names)) return RoleInWords{read->role, at, read->words};
    }
    return std::nullopt;
}

std::string role_holders_text(const Context& context, const config::RoleRef& role) {
    const std::string label = role_label(context.plan, role);
    if (!context.state) return detail::no_database_text() + " Uten den vet jeg ikke hvem som er " + label + ".";
    std::vector<Holding> holdings = context.state->holders(role.role_id, local_today(context));
    std::erase_if(holdings, [&](const Holding& holding) { return !role.unit.empty() && holding.role.unit != role.unit; });
    if (holdings.empty())
        return "Ingen har rollen " + label + " ennå. En admin gir den med /rolle gi, for eksempel «/rolle gi " +
               role.role_id + (role.unit.empty() ? "" : " " + role.unit) + " @navn».";
    std::ranges::stable_sort(holdings, {}, [](const Holding& holding) { return holding.role.unit; });
    std::string text;
    for (size_t i = 0; i < holdings.size();) {
        std::vector<std::string> names;
        size_t j = i;
        for (; j < holdings.size() && holdings[j].role.unit == holdings[i].role.unit; ++j)
            names.push_back(detail::display_name(holdings[j].person));
        text += (text.empty() ? "" : "\n") + role_label(context.plan, holdings[i].role) + ": " +
                detail::join_list(names) + ".";
        i = j;
    }
    return text;
}

}  // namespace planbot::commands
