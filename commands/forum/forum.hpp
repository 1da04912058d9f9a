// The forum for one-person groups (tiltak 32): councillors who are SV's only member of
// their municipal council share experiences with each other and with the county board,
// privately, through the bot.
//
// Members: the holders of the role "enpersonsgruppe" (scoped to their municipality),
// the county board (fylkesstyret) and the admins, as mentors. Everything happens in a
// private chat with the bot; a new post is relayed privately to every other member
// (or collected in their Monday digest after "/forum demp"), and mirrored into the
// group an admin bound with "/kanal forum", where replies to a mirrored post come back
// into the forum. Forum text goes nowhere else: not to other groups, not to /logg, not
// to /rapport, not to the logs.
//
// Pure like the rest of commands/: reads Context.state, returns replies and changes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command_spec.hpp"
#include "commands/command_line.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

// A draft (a thread's title waiting for its text, or a post waiting for «send») waits this long.
inline constexpr std::chrono::hours kDraftLifetime{24};

// The command table's row for /forum (all its subcommands).
const std::vector<CommandSpec>& forum_commands();

// Everything about the forum a message can be: a /forum command, the text after
// "/forum ny <tittel>", a reply to a relayed or mirrored post, an attachment sent to a
// member's private chat. nullopt: not the forum's; the router goes on.
// `command`: the message read as a command, if it is one.
std::optional<Outcome> handle_forum(const Event& event, const Context& context, const std::optional<Command>& command);

// A press on the forum's ✅ Publiser button (under a draft shown to its author): the
// draft published. nullopt: not the forum's button.
std::optional<Outcome> handle_forum_button(const Event& event, const Context& context);

// A forum member as the relays name them: the person and what makes them a member
// ("Oppdal" for a one-person group, "fylkesstyret", "admin").
struct ForumMember {
    Person person;
    std::string label;
};

// Every member on `platform`, each person once: the one-person groups by municipality,
// then the county board, then the admins (chat-made and `config_admins`), by name.
// Roles count as held on `on` (State::holders).
std::vector<ForumMember> forum_members(const config::Plan& plan, const State& state, std::string_view platform,
                                       const std::vector<std::string>& config_admins, date::year_month_day on);

// Text as the search sees it: fold()ed words (case, æ→ae, ø→o, å→a, "aa"→a) with "oe"
// read as ø and hyphens as spaces, joined by single spaces. The same folding turns a
// search's words into the prefixes State::forum_search matches.
std::string forum_search_text(std::string_view text);

// What is left of a relayed or mirrored copy of `post` once its author deleted it
// (`deleted`) or an admin hid it: one line saying so, without its words. A long post's
// later pieces (`first_piece` false) keep only the mark.
std::string withdrawn_copy_text(const ForumPost& post, bool deleted, bool first_piece = true);

// The #tags of a post, lower-cased as written, without '#', each once (by their folded
// form), in order: "#Budsjett #Økonomi #okonomi." gives {"budsjett", "økonomi"}. A tag
// starts with a letter. /forum emne finds all spellings of a tag together.
std::vector<std::string> forum_tags_of(std::string_view text);

// The lines tiltak 32's quarterly reminder adds for the county board: each one-person
// group with when they last wrote in the forum, and who has not this quarter (the
// quarter that ends on `deadline`). Dates only, never forum text. "" without holders
// of the role on any platform (the reminder then says how to add them). Holders as of `today`.
std::string forum_follow_up_lines(const config::Plan& plan, const State& state, const date::time_zone* zone,
                                  date::year_month_day deadline, date::year_month_day today);

}  // namespace planbot::commands
