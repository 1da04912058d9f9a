// Private to work (confirmations.cpp, skips.cpp): which occurrence /ferdig and /hopp
// close. "<nr> [år | periode] [enhet] [tekst]": the task, a year or period
// (occurrence_selector.hpp) and a unit in either order, then the comment or reason.
// Without a selector the occurrence is the one /oppgaver lists (standing_of: overdue
// since tracking started, then the current one), so a second /ferdig answers "already
// done" instead of quietly closing next quarter; with one, the earliest open one in it.
// Both need the same right: a role answering for the occurrence's unit, or an admin.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "commands/command_line.hpp"
#include "commands/event.hpp"
#include "commands/work/occurrence_selector.hpp"
#include "commands/work/tasks.hpp"

namespace planbot::commands::detail {

// "<nr> [år | periode] [enhet]" at the start of a command's args.
struct Target {
    Task task;
    std::optional<OccurrenceSelector> selector;
    std::optional<std::string> unit;
    size_t next_arg = 0;  // the first arg after the number and selectors
};

// The error is the reply (`usage` when no number starts the args).
std::expected<Target, std::string> read_target(const Context& context, const Command& command,
                                               std::string_view usage);

// "Kari Nordmann 3. mars 2027": who closed an occurrence, and when.
std::string done_by(const Context& context, const Completion& completion);

// How a closing command words its answers.
struct Closer {
    std::string_view command;  // "ferdig", "hopp": named in the examples
    std::string_view usage;    // the reply to a command without a task number
    std::string_view text;     // "Kommentaren", "Begrunnelsen": named when the text is too long
    std::string_view refused;  // "meldes ferdig", "hoppes over": "… kan bare <refused> av …"
};

// An open occurrence the caller may close, with the text typed after it (at most
// kMaxComment characters, as typed).
struct Closing {
    Task task;
    Occurrence occurrence;
    std::string text;
};

// The occurrence `command` closes; the error is the reply (usage, unknown task or unit,
// not allowed, several units, no deadline, already closed), and nothing is stored.
std::expected<Closing, std::string> choose_to_close(const Event& event, const Context& context,
                                                    const Command& command, const Closer& closer);

}  // namespace planbot::commands::detail
