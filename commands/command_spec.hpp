// One row of the command table: a slash command's name and aliases, the function that
// answers it, whether it needs the database or an admin, and how /hjelp and the
// platforms' command menus show it. Each feature folder lists its own rows (for
// example work_commands() in work/work_commands.hpp); router.cpp puts them together
// into the one table that routing, /hjelp and the menu are made from.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command_line.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

using CommandHandler = Outcome (*)(const Event& event, const Context& context, const Command& command);

struct CommandSpec {
    std::string_view name;                    // folded, as read_command gives it: "ferdig", "paminnelser"
    std::vector<std::string_view> aliases{};  // other names for it, folded ("paminnelse")
    CommandHandler handler = nullptr;
    bool needs_state = true;   // without the database: the one needs_database() answer
    bool admin_only = false;   // anyone else gets the one refusal, naming the admins
    // false: the answer is the same whoever asks, so a message with no person behind it
    // (Event::from_chat) gets it too; the others answer that with unknown_sender().
    bool needs_person = true;
    // /hjelp: members see "• <usage> – <help>" for each row with a help line (usage ""
    // reads as "/<name>"); after "For admin:" come the rows' admin_usage.
    std::string_view usage{};
    std::string_view admin_usage{};  // how /hjelp lists it for admins ("" not listed there)
    std::string_view help{};
    std::string_view menu{};  // the description in a platform's command menu; "" not in it
    // What admins are told to refuse with: "sette eller flytte frister" → "Beklager,
    // bare en admin kan sette eller flytte frister."
    std::string_view admin_rule{};
};

// The row of `rows` named `name` (or an alias of it), if any.
const CommandSpec* find_command(std::span<const CommandSpec> rows, std::string_view name);

// The rows' names closest to `name`, which no row has: one or two typos («opgaver» →
// «oppgaver»), or the start or a longer form of a name («ferdi», «ferdigg»); an alias
// counts for its row. Closest first, then in the rows' order; at most three.
std::vector<std::string_view> closest_commands(std::span<const CommandSpec> rows, std::string_view name);

// Runs `command` if `rows` holds it: the needs-database answer, the answer to a message
// with no person behind it, the admin refusal, or the row's handler. nullopt when no row has the name.
std::optional<Outcome> run_command(std::span<const CommandSpec> rows, const Event& event, const Context& context,
                                   const Command& command);

}  // namespace planbot::commands
