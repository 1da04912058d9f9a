// Private to commands/: the small helpers every command family uses to write its
// replies (one reply to the event's chat, Norwegian lists, a person's name, typed text
// quoted back short). Pure; nothing here escapes markup (the adapters do).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/event.hpp"

namespace planbot::commands::detail {

inline constexpr size_t kLongestEcho = 40;  // bytes of typed words quoted back in an error

// One reply, to the chat (and thread) the event came from.
Outcome say(const Event& event, std::string text);

// "a", "a og b", "a, b og c"; `last` joins the last two ("a, b eller c").
std::string join_list(const std::vector<std::string>& items, std::string_view last = " og ");

// A person as replies name them: the name, else "@username", else "bruker <id>".
std::string display_name(const Person& person);

// The caller as the state knows them, else as the event names them.
// REQUIRES: context.state is not null.
Person caller(const Event& event, const Context& context);

// At most `bytes` of `text`, never cut inside a UTF-8 character, "…" when cut.
std::string shortened(std::string_view text, size_t bytes);

// Typed text quoted back in an error: «…», at most kLongestEcho bytes of it.
std::string quoted(std::string_view text);

// Everyone who is admin on `platform`: the config's first (unknown ones by id), then the chat's.
struct AdminEntry {
    std::optional<Person> person;
    std::string user_id;
    bool from_config = false;
};
std::vector<AdminEntry> all_admins(const Context& context, std::string_view platform);

// The names of the admins on `platform` that the state knows, to tell someone whom to ask.
std::vector<std::string> admin_names(const Context& context, std::string_view platform);

// The one refusal: `rule` says who may ("bare en admin kan se loggen."); the reply
// names whom to ask.
Outcome refuse(const Event& event, const Context& context, std::string_view rule);

// The one answer to what depends on who asks, when no person is behind the message
// (Event::from_chat: a group's anonymous admin, a channel).
std::string unknown_sender_text();

// The one answer to a command that needs the database where there is none (the
// questions about the wheel need none), and its text.
std::string no_database_text();
Outcome needs_database(const Event& event);

}  // namespace planbot::commands::detail
