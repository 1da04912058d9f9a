// The entry point of the core: an incoming Event and the Context in, an Outcome
// out. Decides whether the bot should speak at all (in groups only when spoken
// to), recognises what is asked and hands it to the answering function.
#pragma once

#include <string>
#include <string_view>

#include "commands/command_spec.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

Outcome handle(const Event& event, const Context& context);

// The reply to one message, whatever the chat ("hva skjer i mai" → the answer).
// Never empty: what is not understood gets a short explanation with examples.
std::string answer(std::string_view text, const Context& context);

// True for questions that start with "hva/kva/ka skjer": the one kind of message the
// bot may answer in a group without being addressed (if it also names a time).
bool is_open_wheel_question(std::string_view text, std::string_view bot_username);

// The one table of slash commands: routing, /hjelp and the command menus come from it.
const std::vector<CommandSpec>& command_table();

// The commands a platform's menu offers (the list an app shows under "/"), in the table's order.
struct MenuEntry {
    std::string name;  // a-z only, as typed after '/'
    std::string description;
};
std::vector<MenuEntry> command_menu();

// The answer to /hjelp: examples of questions, then the table's commands.
std::string help_text(const Context& context);

}  // namespace planbot::commands
