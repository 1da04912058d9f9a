// See command_spec.hpp.
#include "commands/command_spec.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands {

const CommandSpec* find_command(std::span<const CommandSpec> rows, std::string_view name) {
    for (const CommandSpec& row : rows)
        if (row.name == name || std::ranges::find(row.aliases, name) != row.aliases.end()) return &row;
    return nullptr;
}

namespace {

// How far a typed name is from a row's name; nullopt when too far to offer.
std::optional<int> distance_to(std::string_view typed, std::string_view name) {
    if (typed.size() >= 3 && name.starts_with(typed)) return 1;     // «ferdi», «opp»
    if (name.size() >= 4 && typed.starts_with(name)) return 1;      // «ferdigg», «oppgaverene»
    const int distance = edit_distance(typed, name);
    const int allowed = name.size() >= 6 ? 2 : name.size() >= 3 ? 1 : 0;
    if (distance <= allowed) return distance;
    return std::nullopt;
}

}  // namespace

std::vector<std::string_view> closest_commands(std::span<const CommandSpec> rows, std::string_view name) {
    struct Near {
        int distance;
        size_t order;
    };
    std::vector<Near> near;
    for (size_t order = 0; order < rows.size(); ++order) {
        std::optional<int> best = distance_to(name, rows[order].name);
        for (std::string_view alias : rows[order].aliases)
            if (auto distance = distance_to(name, alias); distance && (!best || *distance < *best)) best = distance;
        if (best) near.push_back({*best, order});
    }
    std::ranges::stable_sort(near, {}, &Near::distance);
    std::vector<std::string_view> out;
    for (size_t i = 0; i < near.size() && i < 3; ++i) out.push_back(rows[near[i].order].name);
    return out;
}

std::optional<Outcome> run_command(std::span<const CommandSpec> rows, const Event& event, const Context& context,
                                   const Command& command) {
    const CommandSpec* row = find_command(rows, command.name);
    if (!row) return std::nullopt;
    if (row->needs_state && !context.state) return detail::needs_database(event);
    if (row->needs_person && !from_person(event)) return detail::say(event, detail::unknown_sender_text());
    if (row->admin_only && !is_admin(event, context))
        return detail::refuse(event, context, "bare en admin kan " + std::string(row->admin_rule) + ".");
    return row->handler(event, context, command);
}

}  // namespace planbot::commands
