// People and roles: /rolle gi|fjern (for a term: terms.hpp), /roller, /mineroller and
// /admin [gi|fjern]. The
// person a command means is an @username, a text mention, the author of the message it
// answers, or «meg»; someone the state has never seen cannot be found. Nothing is
// written when the answer is "no change" (already held, not held).
#include <algorithm>
#include <expected>
#include <map>

#include "commands/people/admin_support.hpp"
#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/people/terms.hpp"

namespace planbot::commands::detail {

namespace {

bool is_config_admin(const Context& context, const Person& person, std::string_view platform) {
    return person.platform == platform &&
           std::ranges::find(context.config_admins, person.user_id) != context.config_admins.end();
}

// ---- people named in a command ---------------------------------------------

// Index of the first "@username" argument at or after `from` (not the bot itself);
// args.size() when there is none.
size_t username_index(const std::vector<std::string>& args, size_t from, std::string_view bot_username) {
    for (size_t i = from; i < args.size(); ++i) {
        if (args[i].size() < 2 || args[i].front() != '@') continue;
        if (!bot_username.empty() && fold(args[i].substr(1)) == fold(bot_username)) continue;
        return i;
    }
    return args.size();
}

std::string strip_username(std::string_view arg) {
    arg.remove_prefix(1);
    while (!arg.empty() && std::string_view(",.:;!?»)").find(arg.back()) != std::string_view::npos)
        arg.remove_suffix(1);
    return std::string(arg);
}

Person person_of(const Event& event, const UserRef& ref) { return {event.platform, ref.user_id, ref.name, ref.username}; }

// The person a command points at: "@username" (args[at]), else a text mention, else
// the author of the replied-to message. `named` says whether other words were left
// that may have been meant as a name. The error is the reply.
std::expected<Person, std::string> find_person(const Event& event, const Context& context,
                                               const std::vector<std::string>& args, size_t at, bool named,
                                               std::string_view usage) {
    if (at < args.size()) {
        std::string username = strip_username(args[at]);
        if (auto person = context.state->person_by_username(event.platform, username)) return *person;
        return std::unexpected("Jeg finner ikke @" + shortened(username, kLongestEcho) +
                               ". Personen må ha skrevet i en gruppe der jeg er med (eller til meg privat) "
                               "før jeg kan finne dem.");
    }
    // "/rolle gi kasserer meg": the caller (an admin giving themselves a role; the local
    // chat). Typed words win over the message replied to.
    if (!args.empty() && fold(args.back()) == "meg") return caller(event, context);
    if (!event.mentioned_users.empty()) return person_of(event, event.mentioned_users.front());
    if (event.reply_to_user) return person_of(event, *event.reply_to_user);
    if (named)
        return std::unexpected(
            "Jeg finner ikke personen. Skriv @brukernavn (eller «meg»), nevn personen slik at navnet blir en lenke, "
            "eller svar på en melding fra dem. Personen må ha skrevet i en gruppe der jeg er med (eller til meg privat) først.");
    return std::unexpected("Hvem gjelder det? " + std::string(usage));
}

constexpr std::string_view kRoleUsage =
    "Skriv for eksempel «/rolle gi kasserer @kari» eller «/rolle fjern kasserer @kari». Flere roller: «/rolle gi "
    "kasserer og au @kari». For en periode: «/rolle gi kasserer @kari til 28.2.2027». Du kan også svare på en "
    "melding fra personen med «/rolle gi kasserer».";

// The words of args[1…] but the @username at `skip`, each with the arg it came from,
// so that words that were not understood can be quoted as typed.
struct RoleWords {
    std::vector<std::string> words;
    std::vector<size_t> arg_of;
    // args[arg_of[from]…] as typed, without the @username and a final «meg».
    std::string typed_from(const std::vector<std::string>& args, size_t from, size_t skip) const {
        std::string text;
        for (size_t i = arg_of[from]; i < args.size(); ++i)
            if (i != skip && !(i + 1 == args.size() && fold(args[i]) == "meg"))
                text += (text.empty() ? "" : " ") + args[i];
        return text;
    }
};

RoleWords role_words(const std::vector<std::string>& args, size_t skip) {
    RoleWords out;
    for (size_t i = 1; i < args.size(); ++i)
        if (i != skip)
            for (std::string& word : words(args[i])) {
                out.words.push_back(std::move(word));
                out.arg_of.push_back(i);
            }
    return out;
}

// Whether `w` are all words of the name of someone the message mentions ("Lise Berg").
bool names_a_mention(const Event& event, const std::vector<std::string>& w) {
    return std::ranges::any_of(event.mentioned_users, [&](const UserRef& user) {
        const std::vector<std::string> name = words(user.name + " " + user.username);
        return std::ranges::all_of(
            w, [&](const std::string& word) { return std::ranges::find(name, word) != name.end(); });
    });
}

// The roles a /rolle names ("kasserer og au", "regionleder Innherred, kasserer"), and
// whether words were left that may name the person. Words that are neither a role, a
// role's unit, «og» nor the person make the error, which is the reply.
struct NamedRoles {
    std::vector<config::RoleRef> roles;
    bool leftover = false;
};

std::expected<NamedRoles, std::string> named_roles(const Event& event, const config::Plan& plan,
                                                   const std::vector<std::string>& args, size_t at, bool grant) {
    const RoleWords typed = role_words(args, at);
    std::vector<std::string> w = typed.words;
    if (!w.empty() && w.back() == "meg") w.pop_back();
    if (w.empty()) return std::unexpected("Hvilken rolle? " + std::string(kRoleUsage));
    NamedRoles named;
    size_t next = 0;
    std::optional<RoleRead> last;
    bool after_and = false;  // the word before `next` joined two roles
    while (next < w.size()) {
        if (!named.roles.empty() && is_one_of(w[next], {"og", "samt", "pluss"})) {
            after_and = true;
            ++next;
            continue;
        }
        std::optional<RoleRead> read =
            read_role(plan, std::vector<std::string>(w.begin() + static_cast<long>(next), w.end()));
        if (!read) break;
        if (std::ranges::find(named.roles, read->role) == named.roles.end()) named.roles.push_back(read->role);
        last = read;
        next += read->words;
        after_and = false;
    }
    if (named.roles.empty()) return std::unexpected(unknown_role(args[typed.arg_of.front()]));
    if (next == w.size()) return named;
    const std::vector<std::string> rest(w.begin() + static_cast<long>(next), w.end());
    if (names_a_mention(event, rest)) return NamedRoles{named.roles, true};
    const std::string rest_typed = typed.typed_from(args, next, at);
    if (after_and) return std::unexpected(unknown_role(rest_typed));
    const config::Role* role = plan.find_role(last->role.role_id);
    if (role->scope != config::Scope::none && last->role.unit.empty()) {
        const std::string before = std::string(grant ? "/rolle gi " : "/rolle fjern ") + role->id;
        return std::unexpected(
            unknown_unit(plan, role->scope, rest_typed, closest_units(plan, role->scope, rest), before, " @navn"));
    }
    // Someone is pointed at already: the words are no name either.
    if (at < args.size() || fold(args.back()) == "meg" || event.reply_to_user)
        return std::unexpected("Jeg skjønte ikke " + quoted(rest_typed) + ", så jeg har ikke endret noe. " +
                               std::string(kRoleUsage));
    return NamedRoles{named.roles, true};
}

// "Hvilken region?" with the choices, for a scoped role named without its unit.
std::string which_unit(const config::Plan& plan, const config::Role& role, std::string_view command) {
    const std::string prefix = "/" + std::string(command) + " ";
    std::vector<std::string> names;
    switch (role.scope) {
        case config::Scope::region: {
            for (const auto& region : plan.regions) names.push_back(region.name);
            std::string example = plan.regions.empty() ? "Innherred" : plan.regions.back().name;
            for (const auto& region : plan.regions)
                if (region.id == "innherred") example = region.name;
            return "Hvilken region? Skriv for eksempel «" + prefix + role.id + " " + example +
                   " @navn». Regionene: " + join_list(names) + ".";
        }
        case config::Scope::committee:
            for (const auto& committee : plan.committees)
                names.push_back(committee.leader_title.empty() ? committee.name : committee.leader_title);
            return "Hvilket utvalg? Skriv lederrollen, for eksempel «" + prefix + "kvinnepolitisk leder @navn». " +
                   "Valg: " + join_list(names, " eller ") + ".";
        case config::Scope::lokallag:
            return "Hvilket lokallag? Skriv kommunenavn, for eksempel «" + prefix + role.id + " Oppdal @navn».";
        case config::Scope::municipality:
            return "Hvilken kommune? Skriv for eksempel «" + prefix + role.id + " Oppdal @navn».";
        case config::Scope::none: break;
    }
    return "";
}

bool holds(const std::vector<config::RoleRef>& held, const config::RoleRef& role) {
    return std::ranges::find(held, role) != held.end();
}

// "har fått rollen Kasserer", "har fått rollene Kasserer og AU".
std::string roles_phrase(std::string_view verb, const std::vector<std::string>& labels) {
    return std::string(verb) + (labels.size() == 1 ? " rollen " : " rollene ") + join_list(labels);
}

// "Kasserer og AU til 28. februar 2027" when the terms are the same, else each with its own.
std::vector<std::string> with_terms(const std::vector<std::pair<std::string, std::optional<date::year_month_day>>>& roles) {
    std::vector<std::string> out;
    const bool same = std::ranges::all_of(roles, [&](const auto& role) { return role.second == roles.front().second; });
    for (const auto& [label, end] : roles) out.push_back(same ? label : label + term_phrase(end));
    if (same && !out.empty()) out.back() += term_phrase(roles.front().second);
    return out;
}

// `asked`: the term the command typed («til 28.2.2027», «til videre»); without, each
// role gets its default (terms.hpp). A role held already keeps its term unless one is typed.
Outcome grant_roles(const Event& event, const Context& context, const Person& person,
                    const std::vector<config::RoleRef>& roles, const std::optional<Term>& asked) {
    const config::Plan& plan = context.plan;
    const date::year_month_day today = local_today(context);
    const std::vector<config::RoleRef> held = context.state->roles_of(person.platform, person.user_id, today);
    const std::string name = display_name(person);
    std::vector<std::pair<std::string, std::optional<date::year_month_day>>> given, had, renewed;
    std::string notes;
    Outcome outcome;
    for (const config::RoleRef& role : roles) {
        const config::Role* definition = plan.find_role(role.role_id);
        if (definition->scope != config::Scope::none && role.unit.empty())
            return say(event, which_unit(plan, *definition, "rolle gi"));
        const std::string label = role_label(plan, role);
        const Term term = asked ? *asked : default_term(plan, context.state, role, today);
        const std::string until = term.end ? " til " + short_date(*term.end) : "";
        if (holds(held, role)) {
            const std::optional<date::year_month_day> end = current_end(context, person, role);
            if (!asked || asked->end == end) {
                had.emplace_back(label, end);
                continue;
            }
            renewed.emplace_back(label, term.end);
            outcome.changes.push_back({GrantRole{person, role, term.end, true},
                                       label + " for " + name + (term.end ? " forlenget" + until : " uten slutt")});
            continue;
        }
        given.emplace_back(label, term.end);
        if (notes.empty()) notes = term_note(term);
        outcome.changes.push_back({GrantRole{person, role, term.end}, label + " gitt til " + name + until});
    }
    std::string text;
    if (!given.empty()) text = name + " " + roles_phrase("har fått", with_terms(given)) + notes + ".";
    if (!renewed.empty())
        text += (text.empty() ? "" : " ") + name + " " + roles_phrase("har nå", with_terms(renewed)) + ".";
    if (!had.empty()) text += (text.empty() ? "" : " ") + name + " " + roles_phrase("har allerede", with_terms(had)) + ".";
    outcome.replies.push_back(reply_in(event, std::move(text)));
    return outcome;
}

Outcome revoke_roles(const Event& event, const Context& context, const Person& person,
                     const std::vector<config::RoleRef>& roles) {
    const config::Plan& plan = context.plan;
    const std::vector<config::RoleRef> held = context.state->roles_of(person.platform, person.user_id, local_today(context));
    const std::string name = display_name(person);
    std::vector<std::string> taken, not_held;
    Outcome outcome;
    for (config::RoleRef role : roles) {
        const config::Role* definition = plan.find_role(role.role_id);
        if (definition->scope != config::Scope::none && role.unit.empty()) {
            // Taking away a scoped role: the unit is clear when the person holds only one.
            std::vector<config::RoleRef> units;
            for (const auto& h : held)
                if (h.role_id == role.role_id) units.push_back(h);
            if (units.size() == 1)
                role = units.front();
            else if (units.size() > 1) {
                std::vector<std::string> labels;
                for (const auto& h : units) labels.push_back(role_label(plan, h));
                return say(event, name + " har flere slike roller: " + join_list(labels) +
                                      ". Skriv hvilken, for eksempel «/rolle fjern " + fold(labels.front()) +
                                      " @navn».");
            }
        }
        const std::string label = role_label(plan, role);
        if (!holds(held, role)) {
            not_held.push_back(label);
            continue;
        }
        taken.push_back(label);
        outcome.changes.push_back({RevokeRole{person, role}, label + " fjernet fra " + name});
    }
    std::string text;
    if (!taken.empty()) text = name + " " + roles_phrase("har ikke lenger", taken) + ".";
    if (!not_held.empty())
        text += (text.empty() ? "" : " ") + name + " " + roles_phrase("har ikke", not_held) +
                ", så det er ingenting å fjerne" + (taken.empty() ? "." : " der.");
    outcome.replies.push_back(reply_in(event, std::move(text)));
    return outcome;
}

Outcome list_admins(const Event& event, const Context& context) {
    std::vector<std::string> names;
    for (const AdminEntry& admin : all_admins(context, event.platform)) {
        std::string name = admin.person ? display_name(*admin.person) : "bruker " + admin.user_id;
        names.push_back(admin.from_config ? name + " (fra oppsettet)" : name);
    }
    if (names.empty()) return say(event, "Ingen er admin ennå. Admin settes i planbot-oppsettet (admins).");
    return say(event, "Admin: " + join_list(names) + ".\nEn admin gjør flere til admin med «/admin gi @navn».");
}

}  // namespace

Outcome role_command(const Event& event, const Context& context, const Command& command) {
    const config::Plan& plan = context.plan;
    if (!is_admin(event, context)) return refuse(event, context, "bare en admin kan gi og fjerne roller.");
    const std::vector<std::string> action = command.args.empty() ? std::vector<std::string>{} : words(command.args[0]);
    const bool grant = !action.empty() && is_one_of(action[0], {"gi", "giv", "tildel", "legg"});
    const bool revoke = !action.empty() && is_one_of(action[0], {"fjern", "fjerne", "ta", "slett"});
    if (!grant && !revoke) return say(event, std::string(kRoleUsage));

    // "… til 28.2.2027" at the end gives the term; the words before it name the rest.
    std::vector<std::string> args = command.args;
    std::optional<Term> term;
    if (grant) {
        auto read = read_term_words(args, local_today(context));
        if (!read) return say(event, read.error());
        if (*read) {
            args.resize((*read)->first_arg);
            term = (*read)->term;
        }
    }
    const size_t at = username_index(args, 1, context.bot_username);
    auto named = named_roles(event, plan, args, at, grant);
    if (!named) return say(event, named.error());
    auto person = find_person(event, context, args, at, named->leftover, kRoleUsage);
    if (!person) return say(event, person.error());
    return grant ? grant_roles(event, context, *person, named->roles, term)
                 : revoke_roles(event, context, *person, named->roles);
}

Outcome admin_command(const Event& event, const Context& context, const Command& command) {
    if (command.args.empty()) return list_admins(event, context);
    constexpr std::string_view usage =
        "Skriv «/admin gi @navn» eller «/admin fjern @navn», eller svar på en melding fra personen med «/admin gi». "
        "/admin alene viser hvem som er admin.";
    const std::vector<std::string> action = words(command.args[0]);
    const bool grant = !action.empty() && is_one_of(action[0], {"gi", "giv", "legg"});
    const bool revoke = !action.empty() && is_one_of(action[0], {"fjern", "fjerne", "ta", "slett"});
    if (!grant && !revoke) return say(event, std::string(usage));
    if (!is_admin(event, context)) return refuse(event, context, "bare en admin kan gjøre andre til admin.");

    const size_t at = username_index(command.args, 1, context.bot_username);
    auto person = find_person(event, context, command.args, at, !folded_words(command.args, 1, at).empty(), usage);
    if (!person) return say(event, person.error());
    const std::string name = display_name(*person);
    const bool from_config = is_config_admin(context, *person, event.platform);
    const bool in_chat = context.state->is_admin(person->platform, person->user_id);
    Outcome outcome;
    if (grant) {
        if (from_config || in_chat) return say(event, name + " er allerede admin.");
        outcome.changes.push_back({GrantAdmin{*person}, name + " er gjort til admin"});
        outcome.replies.push_back(reply_in(event, name + " er nå admin."));
        return outcome;
    }
    if (from_config)
        return say(event, name + " er admin fra planbot-oppsettet og kan ikke fjernes her i chatten. Det må gjøres "
                                 "i oppsettet (admins).");
    if (!in_chat) return say(event, name + " er ikke admin.");
    if (all_admins(context, event.platform).size() <= 1)
        return say(event, name + " er den eneste admin. Gjør noen andre til admin først, så ingen blir låst ute.");
    outcome.changes.push_back({RevokeAdmin{*person}, name + " er ikke lenger admin"});
    outcome.replies.push_back(reply_in(event, name + " er ikke lenger admin."));
    return outcome;
}

}  // namespace planbot::commands::detail
