// Seeing and confirming work: /oppgaver, /frister, /ferdig, /angre, and the admins'
// /frist, /ny and /ansvar; plus the natural questions "hva har jeg ansvar for",
// "hva må kassereren gjøre", "hvilke frister er det i juni". Pure: reads Context.state,
// returns replies and StateChanges.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/event.hpp"
#include "commands/language/time_periods.hpp"

namespace planbot::commands {

// The rows of the command table for seeing and confirming work.
const std::vector<CommandSpec>& work_commands();

// nullopt when `command` is not one of this file's commands.
std::optional<Outcome> handle_work_command(const Event& event, const Context& context, const Command& command);

// A press on a "✅ Ferdig" button (event.button with done_button_data): confirms that
// occurrence with /ferdig's rules, answers the press (Reply.button_press_id) and, when
// confirmed, edits the reminder (Reply.edit_message_id) to show who confirmed it and
// when. Someone not allowed is told who can; the reminder stays as it was.
Outcome handle_done_button(const Event& event, const Context& context);

// "er det noe jeg må gjøre denne uka": "Ja, …" with the asker's open tasks due in
// `period` (those of the roles they hold), "Nei, …" when there are none, and an honest
// answer when they hold no role (then nothing is theirs) or there is no database.
std::string own_tasks_in(const Event& event, const Context& context, const Period& period);

// nullopt when the (folded) words are not a question about tasks or deadlines.
std::optional<Outcome> answer_work_question(const Event& event, const Context& context,
                                            const std::vector<std::string>& folded_words);

}  // namespace planbot::commands
