// See admin_commands.hpp. Every command here answers in one short Norwegian reply;
// bad input gets a usage line with an example, never an exception. Writes are
// StateChanges with an audit description; nothing is written when the answer is "no
// change" (already held, not bound), so the log shows only what happened.
#include "commands/admin_commands.hpp"

#include <algorithm>
#include <expected>
#include <map>
#include <set>

#include "commands/norwegian.hpp"
#include "commands/report.hpp"
#include "commands/roles.hpp"
#include "commands/tasks.hpp"

namespace planbot::commands {

namespace {

constexpr int kDefaultLogEntries = 10;
constexpr int kMostLogEntries = 50;

Outcome say(const Event& event, std::string text) {
    Outcome outcome;
    outcome.replies.push_back({event.chat_id, std::move(text), event.thread_id});
    return outcome;
}

std::string display_name(const Person& person) {
    if (!person.name.empty()) return person.name;
    if (!person.username.empty()) return "@" + person.username;
    return "bruker " + person.user_id;
}

// "a", "a og b", "a, b og c".
std::string join_list(const std::vector<std::string>& items, std::string_view last = " og ") {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(last) : std::string(", ");
        out += items[i];
    }
    return out;
}

// "5.3." in the year the caller shows elsewhere.
std::string day_month(date::year_month_day day) {
    return std::to_string(static_cast<unsigned>(day.day())) + "." + std::to_string(static_cast<unsigned>(day.month())) +
           ".";
}

// The folded words of args[from, to).
std::vector<std::string> folded_words(const std::vector<std::string>& args, size_t from, size_t to) {
    std::string text;
    for (size_t i = from; i < to && i < args.size(); ++i) text += args[i] + " ";
    return words(text);
}

// ---- admins ----------------------------------------------------------------

// What the user typed, shortened for echoing back in a reply (at a character boundary).
std::string clip(std::string_view typed) {
    constexpr size_t kLongest = 40;
    if (typed.size() <= kLongest) return std::string(typed);
    size_t cut = kLongest;
    while (cut > 0 && (static_cast<unsigned char>(typed[cut]) & 0xC0) == 0x80) --cut;
    return std::string(typed.substr(0, cut)) + "…";
}

bool is_config_admin(const Context& context, const Person& person, std::string_view platform) {
    return person.platform == platform &&
           std::ranges::find(context.config_admins, person.user_id) != context.config_admins.end();
}

// Everyone who is admin on `platform`: the config's first (unknown ones by id), then the chat's.
struct AdminEntry {
    std::optional<Person> person;
    std::string user_id;
    bool from_config = false;
};
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

// `rule` says who may: "Bare admin kan se loggen."
Outcome refuse(const Event& event, const Context& context, std::string_view rule) {
    std::vector<std::string> names;
    for (const AdminEntry& admin : all_admins(context, event.platform))
        if (admin.person) names.push_back(display_name(*admin.person));
    std::string text = "Beklager, " + std::string(rule);
    text += names.empty() ? " Spør en admin i organisasjonen." : " Spør " + join_list(names, " eller ") + ".";
    return say(event, text);
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
        return std::unexpected("Jeg finner ikke @" + clip(username) +
                               ". Personen må ha skrevet i en gruppe der jeg er med (eller til meg privat) "
                               "før jeg kan finne dem.");
    }
    if (!event.mentioned_users.empty()) return person_of(event, event.mentioned_users.front());
    if (event.reply_to_user) return person_of(event, *event.reply_to_user);
    // "/rolle gi kasserer meg": the caller (an admin giving themselves a role; the local chat).
    if (!args.empty() && fold(args.back()) == "meg") {
        if (auto me = context.state->person(event.platform, event.user_id)) return *me;
        return Person{event.platform, event.user_id, event.user_name, ""};
    }
    if (named)
        return std::unexpected(
            "Jeg finner ikke personen. Skriv @brukernavn (eller «meg»), nevn personen slik at navnet blir en lenke, "
            "eller svar på en melding fra dem. Personen må ha skrevet i en gruppe der jeg er med (eller til meg privat) først.");
    return std::unexpected("Hvem gjelder det? " + std::string(usage));
}

// ---- roles -----------------------------------------------------------------

std::string unknown_role(std::string_view typed) {
    return "Jeg kjenner ikke rollen «" + clip(typed) +
           "». Prøv for eksempel kasserer, fylkessekretær, AU, regionleder Innherred, kvinnepolitisk leder eller "
           "lokallagsleder Oppdal. /roller viser alle rollene.";
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
        case config::Scope::none: break;
    }
    return "";
}

bool holds(const std::vector<config::RoleRef>& held, const config::RoleRef& role) {
    return std::ranges::find(held, role) != held.end();
}

Outcome role_command(const Event& event, const Context& context, const Command& command) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    if (!is_admin(event, context)) return refuse(event, context, "bare admin kan gi og fjerne roller.");
    constexpr std::string_view usage =
        "Skriv for eksempel «/rolle gi kasserer @kari» eller «/rolle fjern kasserer @kari». Du kan også svare på en "
        "melding fra personen med «/rolle gi kasserer».";
    const std::vector<std::string> action = command.args.empty() ? std::vector<std::string>{} : words(command.args[0]);
    const bool grant = !action.empty() && is_one_of(action[0], {"gi", "giv", "tildel", "legg"});
    const bool revoke = !action.empty() && is_one_of(action[0], {"fjern", "fjerne", "ta", "slett"});
    if (!grant && !revoke) return say(event, std::string(usage));

    const size_t at = username_index(command.args, 1, context.bot_username);
    const std::vector<std::string> role_words = folded_words(command.args, 1, at);
    if (role_words.empty()) return say(event, "Hvilken rolle? " + std::string(usage));
    std::optional<RoleRead> read = read_role(plan, role_words);
    const config::Role* definition = read ? plan.find_role(read->role.role_id) : nullptr;
    if (!definition) return say(event, unknown_role(command.args[1]));
    config::RoleRef role = read->role;

    auto person = find_person(event, context, command.args, at, read->words < role_words.size(), usage);
    if (!person) return say(event, person.error());
    const std::string name = display_name(*person);
    const std::vector<config::RoleRef> held = state.roles_of(person->platform, person->user_id);

    if (definition->scope != config::Scope::none && role.unit.empty()) {
        if (grant) return say(event, which_unit(plan, *definition, "rolle gi"));
        // Taking away a scoped role: the unit is clear when the person holds only one.
        std::vector<config::RoleRef> units;
        for (const auto& h : held)
            if (h.role_id == role.role_id) units.push_back(h);
        if (units.size() == 1) role = units.front();
        else if (units.size() > 1) {
            std::vector<std::string> labels;
            for (const auto& h : units) labels.push_back(role_label(plan, h));
            return say(event, name + " har flere slike roller: " + join_list(labels) +
                                  ". Skriv hvilken, for eksempel «/rolle fjern " + fold(labels.front()) + " @navn».");
        }
    }
    const std::string label = role_label(plan, role);
    Outcome outcome;
    if (grant) {
        if (holds(held, role)) return say(event, name + " har allerede rollen " + label + ".");
        outcome.changes.push_back({GrantRole{*person, role}, label + " gitt til " + name});
        outcome.replies.push_back({event.chat_id, name + " har fått rollen " + label + ".", event.thread_id});
    } else {
        if (!holds(held, role)) return say(event, name + " har ikke rollen " + label + ", så det er ingenting å fjerne.");
        outcome.changes.push_back({RevokeRole{*person, role}, label + " fjernet fra " + name});
        outcome.replies.push_back({event.chat_id, name + " har ikke lenger rollen " + label + ".", event.thread_id});
    }
    return outcome;
}

std::string label_of(const config::Plan& plan, const config::RoleRef& role) {
    if (!plan.find_role(role.role_id)) return role.unit.empty() ? role.role_id : role.role_id + " " + role.unit;
    return role_label(plan, role);
}

Outcome list_roles(const Event& event, const Context& context) {
    const config::Plan& plan = context.plan;
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
                names.push_back(display_name(holdings[j].person));
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
    const std::vector<config::RoleRef> held = context.state->roles_of(event.platform, event.user_id);
    const bool admin = is_admin(event, context);
    if (held.empty()) {
        if (admin)
            return say(event, "Du har ingen roller ennå, men du er admin. Gi deg selv en med «/rolle gi kasserer meg».");
        std::vector<std::string> names;
        for (const AdminEntry& entry : all_admins(context, event.platform))
            if (entry.person) names.push_back(display_name(*entry.person));
        return say(event, "Du har ingen roller ennå. En admin gir deg en med /rolle gi" +
                              (names.empty() ? std::string(".") : ": spør " + join_list(names, " eller ") + "."));
    }
    std::vector<std::string> labels;
    for (const auto& role : held) labels.push_back(label_of(context.plan, role));
    std::string text = (held.size() == 1 ? "Rollen din: " : "Rollene dine: ") + join_list(labels) + ".";
    if (admin) text += "\nDu er også admin.";
    text += "\n/oppgaver viser oppgavene dine.";
    return say(event, text);
}

// ---- /admin ----------------------------------------------------------------

Outcome list_admins(const Event& event, const Context& context) {
    std::vector<std::string> names;
    for (const AdminEntry& admin : all_admins(context, event.platform)) {
        std::string name = admin.person ? display_name(*admin.person) : "bruker " + admin.user_id;
        names.push_back(admin.from_config ? name + " (fra oppsettet)" : name);
    }
    if (names.empty()) return say(event, "Ingen er admin ennå. Admin settes i planbot-oppsettet (admins).");
    return say(event, "Admin: " + join_list(names) + ".\nEn admin gjør flere til admin med «/admin gi @navn».");
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
    if (!is_admin(event, context)) return refuse(event, context, "bare admin kan gjøre andre til admin.");

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
        outcome.replies.push_back({event.chat_id, name + " er nå admin.", event.thread_id});
        return outcome;
    }
    if (from_config)
        return say(event, name + " er admin fra planbot-oppsettet og kan ikke fjernes her i chatten. Det må gjøres "
                                 "i oppsettet (admins).");
    if (!in_chat) return say(event, name + " er ikke admin.");
    if (all_admins(context, event.platform).size() <= 1)
        return say(event, name + " er den eneste admin. Gjør noen andre til admin først, så ingen blir låst ute.");
    outcome.changes.push_back({RevokeAdmin{*person}, name + " er ikke lenger admin"});
    outcome.replies.push_back({event.chat_id, name + " er ikke lenger admin.", event.thread_id});
    return outcome;
}

// ---- /kanal ----------------------------------------------------------------

std::string group_name(const Channel& channel) {
    return channel.title.empty() ? "gruppa " + channel.chat_id : "«" + channel.title + "»";
}

// "«Styret» er nå kanal for Kasserer", "… er nå hovedkanalen": the audit log's words.
std::string binding_text(const Channel& channel, std::string_view label, bool bound) {
    const std::string now = bound ? " er nå " : " er ikke lenger ";
    if (channel.target == kMainChannel) return group_name(channel) + now + "hovedkanalen";
    if (channel.target == kForumChannel) return group_name(channel) + now + "kanalen for forumet";
    return group_name(channel) + now + "kanal for " + std::string(label);
}

std::string target_label(const config::Plan& plan, std::string_view target, std::string_view unit) {
    if (target == kMainChannel) return "Hovedkanal";
    if (target == kForumChannel) return "Forum";
    return label_of(plan, {std::string(target), std::string(unit)});
}

Outcome list_channels(const Event& event, const Context& context) {
    const std::vector<Channel> channels = context.state->channels();
    if (channels.empty())
        return say(event, "Ingen grupper er koblet til ennå. En admin skriver «/kanal kasserer» i gruppa som skal få "
                          "kasserens meldinger, eller «/kanal hoved» i hovedgruppa.");
    std::string text = "Kanaler:";
    for (const Channel& channel : channels) {
        text += "\n" + target_label(context.plan, channel.target, channel.unit) + " → " + group_name(channel);
        if (!channel.thread_id.empty()) text += " (eget emne)";
    }
    return say(event, text);
}

Outcome channel_command(const Event& event, const Context& context, const Command& command) {
    if (command.args.empty()) return list_channels(event, context);
    if (event.chat_kind == ChatKind::private_chat)
        return say(event, "Skriv det i gruppa som skal bli kanalen, for eksempel «/kanal kasserer» der. "
                          "/kanal alene viser hvilke grupper som er koblet til.");
    if (!is_admin(event, context)) return refuse(event, context, "bare admin kan koble grupper til roller.");
    constexpr std::string_view usage =
        "Skriv «/kanal kasserer» for å gjøre denne gruppa til kasserens kanal, «/kanal hoved» for hovedkanalen, "
        "«/kanal forum» for forumet, eller «/kanal fjern kasserer».";
    std::vector<std::string> w = folded_words(command.args, 0, command.args.size());
    const bool remove = !w.empty() && is_one_of(w.front(), {"fjern", "fjerne", "slett"});
    if (remove) w.erase(w.begin());
    if (w.empty()) return say(event, std::string(usage));

    std::string target;
    std::string unit;
    if (is_one_of(w.front(), {"hoved", "hovedkanal", "hovedkanalen", "hovedgruppe", "hovedgruppa", "main"})) {
        target = kMainChannel;
    } else if (is_one_of(w.front(), {"forum", "forumet"})) {
        target = kForumChannel;
    } else {
        std::optional<RoleRead> read = read_role(context.plan, w);
        if (!read || !context.plan.find_role(read->role.role_id))
            return say(event, unknown_role(command.args[remove && command.args.size() > 1 ? 1 : 0]));
        target = read->role.role_id;
        unit = read->role.unit;
    }
    const std::string label = target_label(context.plan, target, unit);
    const std::string lower_label = target == kMainChannel    ? "hovedkanalen"
                                    : target == kForumChannel ? "kanalen for forumet"
                                                              : "kanal for " + label;
    const std::vector<Channel> channels = context.state->channels();
    auto same_target = [&](const Channel& c) {
        return c.target == target && c.unit == unit && c.platform == event.platform;
    };
    auto here = std::ranges::find_if(channels, [&](const Channel& c) { return same_target(c) && c.chat_id == event.chat_id; });

    Outcome outcome;
    Channel channel{target, unit, event.platform, event.chat_id, event.thread_id, event.chat_title};
    if (remove) {
        if (here == channels.end()) return say(event, "Denne gruppa er ikke " + lower_label + ".");
        outcome.changes.push_back({UnbindChannel{*here}, binding_text(*here, label, false)});
        outcome.replies.push_back({event.chat_id, "Denne gruppa er ikke lenger " + lower_label + ".", event.thread_id});
        return outcome;
    }
    if (here != channels.end() && here->thread_id == event.thread_id)
        return say(event, "Denne gruppa er allerede " + lower_label + ".");
    outcome.changes.push_back({BindChannel{channel}, binding_text(channel, label, true)});
    // A target has one channel per platform: binding it here moves it from elsewhere.
    std::vector<std::string> moved_from;
    for (const Channel& old : channels) {
        if (!same_target(old) || old.chat_id == event.chat_id) continue;
        outcome.changes.push_back({UnbindChannel{old}, binding_text(old, label, false)});
        moved_from.push_back(group_name(old));
    }
    std::string text = target == kMainChannel   ? "Denne gruppa er nå hovedkanalen."
                       : target == kForumChannel ? "Denne gruppa er nå kanalen for forumet."
                                                 : "Denne gruppa er nå kanal for " + label +
                                                       ". Påminnelser og bekreftelser for rollen kommer hit.";
    if (!moved_from.empty()) text += " (Flyttet fra " + join_list(moved_from) + ".)";
    outcome.replies.push_back({event.chat_id, text, event.thread_id});
    return outcome;
}

// ---- /logg, /status, /rapport -----------------------------------------------

std::string local_stamp(const Context& context, std::chrono::sys_seconds at) {
    date::local_seconds local = context.zone ? date::make_zoned(context.zone, at).get_local_time()
                                             : date::local_seconds(at.time_since_epoch());
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> time(local - day);
    auto two = [](long value) { return (value < 10 ? "0" : "") + std::to_string(value); };
    return day_month(date::year_month_day(day)) + " " + two(time.hours().count()) + ":" +
           two(time.minutes().count());
}

Outcome log_command(const Event& event, const Context& context, const Command& command) {
    if (!is_admin(event, context)) return refuse(event, context, "bare admin kan se loggen.");
    int limit = kDefaultLogEntries;
    if (!command.args.empty()) {
        std::optional<int> asked = as_number(command.args[0]);
        if (!asked || *asked == 0)
            return say(event, "Skriv /logg for de 10 siste hendelsene, eller for eksempel «/logg 20» (høyst " +
                                  std::to_string(kMostLogEntries) + ").");
        limit = std::min(*asked, kMostLogEntries);
    }
    const std::vector<AuditEntry> entries = context.state->audit(limit);
    if (entries.empty()) return say(event, "Loggen er tom ennå.");
    std::string text = entries.size() == 1 ? "Siste hendelse:" : "Siste " + std::to_string(entries.size()) +
                                                                     " hendelser (nyeste først):";
    for (const AuditEntry& entry : entries)
        text += "\n" + local_stamp(context, entry.at) + " " + display_name(entry.actor) + ": " + entry.description;
    return say(event, text);
}

struct Counts {
    int done = 0;
    int open = 0;
    int overdue = 0;
};

// Counts this year's occurrences (from tracking start) per responsible role id.
std::map<std::string, Counts> count_by_role(const Context& context, date::year_month_day first,
                                            date::year_month_day last, date::year_month_day today) {
    const State& state = *context.state;
    const config::Plan& plan = context.plan;
    std::set<OccurrenceId> done;
    for (const Completion& completion : state.all_completions()) done.insert(completion.id);
    std::map<std::string, Counts> counts;
    auto count = [&](const Task& task) {
        for (const Occurrence& occurrence : occurrences(plan, task, state.deadline_edits(task.number), first, last)) {
            std::set<std::string> role_ids;
            for (const config::RoleRef& role : responsible_for(plan, task, occurrence.id.unit))
                role_ids.insert(role.role_id);
            for (const std::string& role_id : role_ids) {
                Counts& c = counts[role_id];
                if (done.contains(occurrence.id)) ++c.done;
                else if (occurrence.due >= today) ++c.open;
                else ++c.overdue;
            }
        }
    };
    const std::vector<ResponsibilityEdit> edits = state.responsibility_edits();
    for (const config::Tiltak& tiltak : plan.tiltak) count(task_of(tiltak, edits));
    for (const AddedTask& added : state.added_tasks_between(first, last)) count(task_of(added));
    return counts;
}

Outcome status_command(const Event& event, const Context& context) {
    if (!is_admin(event, context)) return refuse(event, context, "bare admin kan se status.");
    const config::Plan& plan = context.plan;
    const date::year_month_day today = local_today(context);
    const int year = static_cast<int>(today.year());
    if (year < plan.first_year || year > plan.last_year)
        return say(event, "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
                              ", så det er ingen frister i år.");
    date::year_month_day first = date::year(year) / 1 / 1;
    const date::year_month_day last = date::year(year) / 12 / 31;
    first = std::max(first, context.state->tracking_start());
    std::map<std::string, Counts> counts = count_by_role(context, first, last, today);

    std::string text = "Status " + std::to_string(year) +
                       (first == date::year(year) / 1 / 1
                            ? ":"
                            : " (fra " + day_month(first) + ", da planbot begynte å følge planen):");
    auto line = [&](const std::string& label, const Counts& c) {
        text += "\n" + label + ": " + std::to_string(c.done) + " ferdig · " + std::to_string(c.open) +
                (c.open == 1 ? " åpen · " : " åpne · ") + std::to_string(c.overdue) + " forsinket";
        if (c.overdue > 0) text += " ⚠️";
    };
    for (const config::Role& role : plan.roles) {
        auto found = counts.find(role.id);
        if (found == counts.end()) continue;
        line(role.name, found->second);
        counts.erase(found);
    }
    for (const auto& [role_id, c] : counts) line(role_id, c);
    if (text.find('\n') == std::string::npos) text += "\nIngen frister i år ennå.";
    text += "\nDetaljer: /rapport " + std::to_string(year);
    return say(event, text);
}

Outcome report_command(const Event& event, const Context& context, const Command& command) {
    const config::Plan& plan = context.plan;
    const std::vector<config::RoleRef> held = context.state->roles_of(event.platform, event.user_id);
    const bool secretary =
        std::ranges::any_of(held, [](const config::RoleRef& role) { return role.role_id == "fylkessekretaer"; });
    if (!secretary && !is_admin(event, context)) return refuse(event, context, "bare admin og fylkessekretæren kan hente årsrapporten.");
    const date::year_month_day today = local_today(context);
    int year = static_cast<int>(today.year());
    if (!command.args.empty())
        if (std::optional<int> asked = as_number(command.args[0]); asked && *asked >= 1000 && *asked <= 9999)
            year = *asked;
    if (year < plan.first_year || year > plan.last_year)
        return say(event, "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
                              ". Skriv for eksempel «/rapport " + std::to_string(plan.first_year + 1) + "».");
    return say(event, year_report(plan, *context.state, year, today, context.zone, ReportFormat::chat));
}

}  // namespace

std::optional<Outcome> handle_admin_command(const Event& event, const Context& context, const Command& command) {
    static constexpr std::string_view kNames[] = {"rolle", "roller", "mineroller", "admin",
                                                   "kanal", "logg",   "status",     "rapport"};
    if (std::ranges::find(kNames, command.name) == std::end(kNames)) return std::nullopt;
    if (!context.state)
        return say(event, "Roller, kanaler og oppgaver trenger databasen, og den er ikke tilgjengelig her.");
    if (command.name == "rolle") return role_command(event, context, command);
    if (command.name == "roller") return list_roles(event, context);
    if (command.name == "mineroller") return my_roles(event, context);
    if (command.name == "admin") return admin_command(event, context, command);
    if (command.name == "kanal") return channel_command(event, context, command);
    if (command.name == "logg") return log_command(event, context, command);
    if (command.name == "status") return status_command(event, context);
    return report_command(event, context, command);
}

}  // namespace planbot::commands
