// See admin_support.hpp.
#include "commands/people/admin_support.hpp"

#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"

namespace planbot::commands::detail {

std::vector<std::string> folded_words(const std::vector<std::string>& args, size_t from, size_t to) {
    std::string text;
    for (size_t i = from; i < to && i < args.size(); ++i) text += args[i] + " ";
    return words(text);
}

std::string unknown_role(std::string_view typed) {
    return "Jeg kjenner ikke rollen " + quoted(typed) +
           ". Prøv for eksempel kasserer, fylkessekretær, AU, regionleder Innherred, kvinnepolitisk leder eller "
           "lokallagsleder Oppdal. /roller viser alle rollene.";
}

std::string label_of(const config::Plan& plan, const config::RoleRef& role) {
    if (!plan.find_role(role.role_id)) return role.unit.empty() ? role.role_id : role.role_id + " " + role.unit;
    return role_label(plan, role);
}

// The term the person holds `role` for now (nullopt: no end).
std::optional<date::year_month_day> current_end(const Context& context, const Person& person,
                                                const config::RoleRef& role) {
    for (const Holding& holding : context.state->holders(role.role_id, local_today(context)))
        if (holding.role == role && same_person(context.state, holding.person, person.platform, person.user_id))
            return holding.term_end;
    return std::nullopt;
}

}  // namespace planbot::commands::detail
