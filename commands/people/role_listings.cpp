// /roller and /mineroller: who holds which role, with each holding's term («til 28.
// februar 2027», «perioden endte …» once it is over and nobody has taken over).
#include <algorithm>
#include <map>

#include "commands/language/norwegian.hpp"
#include "commands/people/admin_support.hpp"
#include "commands/people/roles.hpp"
#include "commands/people/terms.hpp"

namespace planbot::commands::detail {

Outcome list_roles(const Event& event, const Context& context) {
    const config::Plan& plan = context.plan;
    const date::year_month_day today = local_today(context);
    std::map<std::string, std::vector<Holding>> by_role;
    for (Holding& holding : context.state->all_holdings()) by_role[holding.role.role_id].push_back(std::move(holding));

    std::string text = "Roller og hvem som har dem:";
    std::vector<std::string> nobody;
    auto list_role = [&](const std::string& role_id, std::vector<Holding>& holdings, const config::Role* role) {
        // Units in the plan's order, then any unit the plan no longer has.
        std::vector<std::string> units;
        if (role) units = units_of(plan, role->scope);
        std::ranges::stable_sort(holdings, [&](const Holding& a, const Holding& b) {
            auto rank = [&](const std::string& unit) {
                if (unit.empty()) return -1L;
                return static_cast<long>(std::ranges::find(units, unit) - units.begin());
            };
            return std::pair(rank(a.role.unit), a.role.unit) < std::pair(rank(b.role.unit), b.role.unit);
        });
        for (size_t i = 0; i < holdings.size();) {
            std::vector<std::string> names;
            size_t j = i;
            for (; j < holdings.size() && holdings[j].role.unit == holdings[i].role.unit; ++j)
                names.push_back(display_name(holdings[j].person) + holding_term_text(holdings[j], today));
            text += "\n" + label_of(plan, {role_id, holdings[i].role.unit}) + ": " + join_list(names, ", ");
            i = j;
        }
    };
    for (const config::Role& role : plan.roles) {
        auto found = by_role.find(role.id);
        if (found == by_role.end()) {
            nobody.push_back(role.name);
            continue;
        }
        list_role(role.id, found->second, &role);
        by_role.erase(found);
    }
    for (auto& [role_id, holdings] : by_role) list_role(role_id, holdings, nullptr);
    if (nobody.size() == plan.roles.size() && by_role.empty())
        return say(event, "Ingen har fått en rolle ennå. En admin gir roller med «/rolle gi kasserer @navn».");
    if (!nobody.empty()) text += "\nIngen har: " + join_list(nobody, ", ") + ".";
    return say(event, text);
}

Outcome my_roles(const Event& event, const Context& context) {
    const std::vector<config::RoleRef> held = context.state->roles_of(event.platform, event.user_id, local_today(context));
    const bool admin = is_admin(event, context);
    if (held.empty()) {
        if (admin)
            return say(event, "Du har ingen roller ennå, men du er admin. Gi deg selv en med «/rolle gi kasserer meg».");
        const std::vector<std::string> names = admin_names(context, event.platform);
        return say(event, "Du har ingen roller ennå. En admin gir deg en med /rolle gi" +
                              (names.empty() ? std::string(".") : ": spør " + join_list(names, " eller ") + "."));
    }
    std::vector<std::string> labels;
    for (const auto& role : held)
        labels.push_back(label_of(context.plan, role) + term_phrase(current_end(context, caller(event, context), role)));
    std::string text = (held.size() == 1 ? "Rollen din: " : "Rollene dine: ") + join_list(labels) + ".";
    if (admin) text += "\nDu er også admin.";
    text += "\n/oppgaver viser oppgavene dine.";
    return say(event, text);
}

}  // namespace planbot::commands::detail
