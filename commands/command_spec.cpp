// See command_spec.hpp.
#include "commands/command_spec.hpp"

#include <algorithm>

#include "commands/reply_text.hpp"

namespace planbot::commands {

const CommandSpec* find_command(std::span<const CommandSpec> rows, std::string_view name) {
    for (const CommandSpec& row : rows)
        if (row.name == name || std::ranges::find(row.aliases, name) != row.aliases.end()) return &row;
    return nullptr;
}

std::optional<Outcome> run_command(std::span<const CommandSpec> rows, const Event& event, const Context& context,
                                   const Command& command) {
    const CommandSpec* row = find_command(rows, command.name);
    if (!row) return std::nullopt;
    if (row->needs_state && !context.state) return detail::needs_database(event);
    if (row->admin_only && !is_admin(event, context))
        return detail::refuse(event, context, "bare en admin kan " + std::string(row->admin_rule) + ".");
    return row->handler(event, context, command);
}

}  // namespace planbot::commands
