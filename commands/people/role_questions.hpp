// Questions about who holds a role, as members ask them: the role found inside a
// question ("hvem er kassereren", "hvem sitter i AU", "hvem er leder for Innherred")
// and the answer from the state's holdings. Pure: reads Context.state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/event.hpp"
#include "commands/people/roles.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

// A role named somewhere in `words` (folded): the first place a role name starts, with
// its unit when one follows ("regionleder i Innherred"). A bare «leder» followed by a
// unit is that unit's leader: "leder for Innherred" is regionleder/innherred, "leder i
// Oppdal" lokallagsleder/Oppdal.
struct RoleInWords {
    config::RoleRef role;
    size_t first = 0;  // the role's first word
    size_t count = 0;  // how many words it used
};
// `names`: the plan's role names built once (Context::role_names); null: built per call.
std::optional<RoleInWords> find_role_in(const config::Plan& plan, const std::vector<std::string>& words,
                                        const RoleNames* names = nullptr);

// "Kasserer: Kari Nordmann." or, for a scoped role asked without a unit, one line per
// unit; "Ingen har rollen Kasserer ennå." when nobody holds it; without a database,
// that the answer needs it.
std::string role_holders_text(const Context& context, const config::RoleRef& role);

}  // namespace planbot::commands
