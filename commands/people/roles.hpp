// Role names as people type them: case, æøå/ae-oe-aa, definite and plural forms
// ("fylkessekretæren", "lokallagene"), the plan's aliases ("arbeidsutvalget"), and a
// scoped role with its unit ("regionleder Innherred", "lokallagsleder Midtre Gauldal",
// "kvinnepolitisk leder" = utvalgsleder/kvinnepolitisk). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/plan.hpp"

namespace planbot::commands {

struct RoleRead {
    config::RoleRef role;  // unit set when the words named one
    size_t words = 0;      // how many of the given words the role used
};

// A name as read_role matches it: its words folded and normalised, and what it names.
struct NamePhrase {
    std::vector<std::string> words;
    std::string value;  // role id, or unit
    std::string unit;   // for roles: the unit the name itself gives ("Faglig leder")
};

// The plan's role names (ids, names, aliases, the committees' leader titles) as
// read_role matches them. Built once per plan by whoever owns the plan (bot/ at
// start-up, beside the SearchIndex) and handed to the core in Context::role_names, so a
// question does not fold every name again.
struct RoleNames {
    std::vector<NamePhrase> phrases;
};
RoleNames build_role_names(const config::Plan& plan);

// The longest role name (with its unit, for a scoped role) at the start of `words`
// (folded words, norwegian.hpp). nullopt when no role starts there. `names`: the plan's
// built once; null: built for this call.
std::optional<RoleRead> read_role(const config::Plan& plan, const std::vector<std::string>& words,
                                  const RoleNames* names = nullptr);

// A unit of `scope` at the start of `words`: its id (region, committee) or name
// (lokallag) and how many words it used.
std::optional<std::pair<std::string, size_t>> read_unit(const config::Plan& plan, config::Scope scope,
                                                        const std::vector<std::string>& words);

// Units named close to how they are spelled: the units of `scope` whose names are near
// `words` (folded), "Opdal" → Oppdal, "Inherrad" → Innherred, "trondh" → Trondheim;
// closest first, at most three, and how many words the closest used. Empty when
// nothing is near: a guess is offered, never taken.
struct UnitGuess {
    std::vector<std::string> units;  // as units_of gives them
    size_t words = 1;
};
UnitGuess closest_units(const config::Plan& plan, config::Scope scope, const std::vector<std::string>& words);

// The reply to words that should name a unit of `scope` and name none: "«Opdal» er
// ikke et lokallag jeg kjenner. Mente du Oppdal? Skriv for eksempel «/ferdig 12
// Oppdal»." `typed` is quoted as typed; the example is `before` + a name + `after`.
std::string unknown_unit(const config::Plan& plan, config::Scope scope, std::string_view typed, const UnitGuess& guess,
                         std::string_view before, std::string_view after = "");

// "Kasserer", "Regionleder Innherred", "Kvinnepolitisk leder", "Lokallagsleder Oppdal".
std::string role_label(const config::Plan& plan, const config::RoleRef& role);

// The role as /rolle reads it back: "kasserer", "regionleder Innherred", "faglig leder",
// for the commands replies show ("/rolle gi kasserer @navn").
std::string role_in_command(const config::Plan& plan, const config::RoleRef& role);

// The units a per-unit task has one occurrence for: region ids, committee ids or
// local chapter names, in the plan's order. Empty for Scope::none.
std::vector<std::string> units_of(const config::Plan& plan, config::Scope scope);
// How a unit reads in replies: "Innherred", "Fagligpolitisk utvalg", "Oppdal".
std::string unit_name(const config::Plan& plan, config::Scope scope, std::string_view unit);

}  // namespace planbot::commands
