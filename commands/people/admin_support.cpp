// See admin_support.hpp.
#include "commands/people/admin_support.hpp"

#include <set>

#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"

namespace planbot::commands::detail {

std::vector<std::string> folded_words(const std::vector<std::string>& args, size_t from, size_t to) {
    std::string text;
    for (size_t i = from; i < to && i < args.size(); ++i) text += args[i] + " ";
    return words(text);
}

std::vector<AdminEntry> all_admins(const Context& context, std::string_view platform) {
    std::vector<AdminEntry> out;
    std::set<std::string> seen;
    for (const std::string& id : context.config_admins)
        if (seen.insert(id).second) out.push_back({context.state->person(platform, id), id, true});
    for (const Person& person : context.state->admins())
        if (person.platform == platform && seen.insert(person.user_id).second)
            out.push_back({person, person.user_id, false});
    return out;
}

std::vector<std::string> admin_names(const Context& context, std::string_view platform) {
    std::vector<std::string> names;
    for (const AdminEntry& admin : all_admins(context, platform))
        if (admin.person) names.push_back(display_name(*admin.person));
    return names;
}

Outcome refuse(const Event& event, const Context& context, std::string_view rule) {
    const std::vector<std::string> names = admin_names(context, event.platform);
    std::string text = "Beklager, " + std::string(rule);
    text += names.empty() ? " Spør en admin i organisasjonen." : " Spør " + join_list(names, " eller ") + ".";
    return say(event, text);
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

}  // namespace planbot::commands::detail
