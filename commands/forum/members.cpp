// The forum's members as the handlers see them: who is in the forum (forum_members,
// declared in forum.hpp), how an author is named, and whom a non-member should ask
// to join.
#include "commands/forum/forum_support.hpp"

#include <algorithm>
#include <tuple>

#include "commands/people/roles.hpp"

namespace planbot::commands::forum_detail {

namespace {

// "Sara Sekretær (@sara)": a name and how to reach them from a phone.
std::string reachable_name(const Person& person) {
    return person.username.empty() || person.name.empty() ? display_name(person)
                                                           : person.name + " (@" + person.username + ")";
}

// Who to ask for membership: the fylkessekretær, else the admins, by name.
std::string contact_names(const Event& event, const Context& context) {
    std::vector<std::string> names;
    for (const Holding& holding : context.state->holders(context.plan.special.secretary, local_today(context)))
        if (holding.person.platform == event.platform) names.push_back(reachable_name(holding.person));
    if (names.empty())
        for (const Person& admin : context.state->admins())
            if (admin.platform == event.platform) names.push_back(reachable_name(admin));
    if (names.empty()) return "fylkessekretæren eller en administrator";
    return join_list(names, " eller ");
}

}  // namespace

Members members_of(const Event& event, const Context& context) {
    Members members{forum_members(context.plan, *context.state, event.platform, context.config_admins,
                                  local_today(context)),
                    context.state};
    // An admin through a linked account (the settings name them on another platform) is
    // a member here too, though the list (made per platform) does not name them.
    if (!members.find(event.platform, event.user_id) && is_admin(event, context))
        members.list.push_back({context.state->person(event.platform, event.user_id)
                                    .value_or(Person{event.platform, event.user_id, event.user_name, ""}),
                                "admin"});
    return members;
}

// "Kari Nordmann (Oppdal)"; an author who is no longer a member by name only.
std::string author_name(const Members& members, const Person& author) {
    const ForumMember* member = members.find(author.platform, author.user_id);
    return display_name(author) + (member ? " (" + member->label + ")" : "");
}

Outcome not_a_member(const Event& event, const Context& context) {
    return say(event, "Forumet er for enpersonsgruppene i kommunestyrene, med fylkesstyret og administratorene som "
                      "mentorer, og jeg kan ikke vise deg noe fra det. Vil du være med, ta kontakt med " +
                          contact_names(event, context) + ".");
}

}  // namespace planbot::commands::forum_detail

namespace planbot::commands {

std::vector<ForumMember> forum_members(const config::Plan& plan, const State& state, std::string_view platform,
                                       const std::vector<std::string>& config_admins, date::year_month_day on) {
    std::vector<ForumMember> out;
    auto add = [&](const Person& person, std::string label) {
        if (person.platform != platform) return;
        if (std::ranges::any_of(out, [&](const ForumMember& m) { return m.person.user_id == person.user_id; })) return;
        out.push_back({person, std::move(label)});
    };
    auto by_name = [](std::vector<Holding> list) {
        std::ranges::stable_sort(list, [](const Holding& a, const Holding& b) {
            return std::tie(a.role.unit, a.person.name) < std::tie(b.role.unit, b.person.name);
        });
        return list;
    };
    const config::SpecialRoles& special = plan.special;
    if (!special.forum_members.empty())
        for (const Holding& holding : by_name(state.holders(special.forum_members, on)))
            add(holding.person, holding.role.unit.empty() ? role_label(plan, holding.role) : holding.role.unit);
    if (!special.board.empty())
        for (const Holding& holding : by_name(state.holders(special.board, on))) add(holding.person, special.board);
    for (const Person& admin : state.admins()) add(admin, "admin");
    for (const std::string& user_id : config_admins) {
        Person admin = state.person(platform, user_id).value_or(Person{std::string(platform), user_id, "", ""});
        add(admin, "admin");
    }
    return out;
}

}  // namespace planbot::commands
