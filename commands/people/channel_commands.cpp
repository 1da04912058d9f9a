// /kanal: which group gets a role's reminders and confirmations (or is the main
// channel, or the forum's). Binding is done in the group itself by an admin; a target
// has one channel per platform, so binding it here moves it from elsewhere. Nothing is
// written when the group already is (or is not) the channel.
#include <algorithm>
#include <expected>

#include "commands/people/admin_support.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"

namespace planbot::commands::detail {

namespace {

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

// What a /kanal names: a role id (and unit), kMainChannel or kForumChannel.
struct ChannelTarget {
    std::string target;
    std::string unit;
};

// `w`: the folded words after «fjern». The error is the reply.
std::expected<ChannelTarget, std::string> read_channel_target(const Context& context, const Command& command,
                                                              const std::vector<std::string>& w, bool remove) {
    if (is_one_of(w.front(), {"hoved", "hovedkanal", "hovedkanalen", "hovedgruppe", "hovedgruppa", "main"}))
        return ChannelTarget{std::string(kMainChannel), ""};
    if (is_one_of(w.front(), {"forum", "forumet"})) return ChannelTarget{std::string(kForumChannel), ""};
    std::optional<RoleRead> read = read_role(context.plan, w);
    if (!read || !context.plan.find_role(read->role.role_id))
        return std::unexpected(unknown_role(command.args[remove && command.args.size() > 1 ? 1 : 0]));
    if (read->words < w.size()) {
        // "/kanal kasserer og au": bind one at a time rather than quietly only the first.
        const std::string label = role_label(context.plan, read->role);
        return std::unexpected("Jeg kobler én rolle om gangen, og skjønte bare «" + label +
                               "». Skriv «/kanal " + (remove ? "fjern " : "") + label +
                               "», og så en ny /kanal for neste rolle. Ingenting er endret.");
    }
    return ChannelTarget{read->role.role_id, read->role.unit};
}

// Binds (or with `remove`, unbinds) this group to `wanted`.
Outcome bind_here(const Event& event, const Context& context, const ChannelTarget& wanted, bool remove) {
    const std::string& target = wanted.target;
    const std::string label = target_label(context.plan, target, wanted.unit);
    const std::string lower_label = target == kMainChannel    ? "hovedkanalen"
                                    : target == kForumChannel ? "kanalen for forumet"
                                                              : "kanal for " + label;
    const std::vector<Channel> channels = context.state->channels();
    auto same_target = [&](const Channel& c) {
        return c.target == target && c.unit == wanted.unit && c.platform == event.platform;
    };
    auto here = std::ranges::find_if(channels, [&](const Channel& c) { return same_target(c) && c.chat_id == event.chat_id; });

    Outcome outcome;
    Channel channel{target, wanted.unit, event.platform, event.chat_id, event.thread_id, event.chat_title};
    if (remove) {
        if (here == channels.end()) return say(event, "Denne gruppa er ikke " + lower_label + ".");
        outcome.changes.push_back({UnbindChannel{*here}, binding_text(*here, label, false)});
        outcome.replies.push_back(reply_in(event, "Denne gruppa er ikke lenger " + lower_label + "."));
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
                       : target == kForumChannel && event.thread_id.empty()
                           ? "Denne gruppa er nå kanalen for forumet: nye innlegg speiles hit, og medlemmene kan svare "
                             "på dem her. Er gruppa et forum med emner, får hver tråd sitt eget emne (da må jeg være "
                             "administrator med rett til å håndtere emner)."
                       : target == kForumChannel
                           ? "Dette emnet er nå kanalen for forumet: alle nye innlegg speiles hit, og medlemmene kan "
                             "svare på dem her."
                                                 : "Denne gruppa er nå kanal for " + label +
                                                       ". Påminnelser og bekreftelser for rollen kommer hit.";
    if (!moved_from.empty()) text += " (Flyttet fra " + join_list(moved_from) + ".)";
    outcome.replies.push_back(reply_in(event, text));
    return outcome;
}

}  // namespace

Outcome channel_command(const Event& event, const Context& context, const Command& command) {
    if (command.args.empty()) return list_channels(event, context);
    if (event.chat_kind == ChatKind::private_chat)
        return say(event, "Skriv det i gruppa som skal bli kanalen, for eksempel «/kanal kasserer» der. "
                          "/kanal alene viser hvilke grupper som er koblet til.");
    if (!is_admin(event, context)) return refuse(event, context, "bare en admin kan koble grupper til roller.");
    constexpr std::string_view usage =
        "Skriv «/kanal kasserer» for å gjøre denne gruppa til kasserens kanal, «/kanal hoved» for hovedkanalen, "
        "«/kanal forum» for forumet, eller «/kanal fjern kasserer».";
    std::vector<std::string> w = folded_words(command.args, 0, command.args.size());
    const bool remove = !w.empty() && is_one_of(w.front(), {"fjern", "fjerne", "slett"});
    if (remove) w.erase(w.begin());
    if (w.empty()) return say(event, std::string(usage));
    auto target = read_channel_target(context, command, w, remove);
    if (!target) return say(event, target.error());
    return bind_here(event, context, *target, remove);
}

}  // namespace planbot::commands::detail
