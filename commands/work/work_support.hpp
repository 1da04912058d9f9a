// Private to the work commands (work_commands.cpp, listings.cpp, confirmations.cpp,
// edits.cpp, work_questions.cpp): the handlers each file gives the dispatcher. What
// they share with other features (args, task names, units, plan dates) is in
// task_text.hpp. Pure like them: today comes from Context, never from a clock.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "commands/command_line.hpp"
#include "commands/event.hpp"
#include "commands/language/dates.hpp"
#include "commands/language/period.hpp"
#include "commands/reply_text.hpp"
#include "commands/work/task_text.hpp"
#include "commands/work/tasks.hpp"

namespace planbot::commands::detail {

// ---- the handlers, by file ------------------------------------------------------
// Each REQUIRES context.state (run_command answers needs_database() without one).

// listings.cpp: /oppgaver and /frister, paged; `command` repeats what was asked
// in the page footer ("/oppgaver kasserer").
Outcome tasks_command(const Event& event, const Context& context, std::vector<std::string> args);
Outcome deadlines_command(const Event& event, const Context& context, std::vector<std::string> args);
Outcome caller_tasks(const Event& event, const Context& context, size_t page);
Outcome role_tasks(const Event& event, const Context& context, const config::RoleRef& role, size_t page,
                   std::string command);
// What /oppgaver lists for `held`: per task and unit the open overdue deadlines since
// tracking started and the next one, a line each ("9 Følge opp partiskatt — 31. mars
// (om 20 dager)"), date order; units of one task due the same day share a line.
std::vector<std::string> agenda_lines(const Context& context, const std::vector<config::RoleRef>& held);
// `period`: nullopt for the next 30 days.
Outcome deadlines_for(const Event& event, const Context& context, const std::optional<Period>& period, size_t page,
                      std::string command);
// The reply when a /frister period was not understood (a month typo that fits two, a
// date that does not exist, other words), quoting `typed` as typed; nullopt when it was.
std::optional<std::string> period_trouble(const PeriodParse& parse, std::string_view typed);

// confirmations.cpp: /ferdig and /angre, and what the ✅ button shares with them.
// "Kasserer (Kari Nordmann), Gruppeledere (ingen har rollen ennå) eller en admin".
std::string who_can(const Context& context, const std::vector<config::RoleRef>& responsible);
Outcome confirm_command(const Event& event, const Context& context, const Command& command);
Outcome undo_command(const Event& event, const Context& context, const Command& command);
// A confirmation's post (`text`) to the channels on the event's platform bound to the
// `responsible` roles (a unit-bound channel only for `unit`), each chat once and never
// the event's own chat, which has its answer already.
void post_to_channels(const Event& event, const Context& context, const std::vector<config::RoleRef>& responsible,
                      std::string_view unit, const std::string& text, Outcome& outcome);

// notes.cpp: /notat (leave or read notes on a task) and /overlevering (a role's handover).
Outcome note_command(const Event& event, const Context& context, const Command& command);
Outcome handover_command(const Event& event, const Context& context, const Command& command);

// skips.cpp: /hopp, closing an occurrence as skipped with a reason.
Outcome skip_command(const Event& event, const Context& context, const Command& command);

// edits.cpp: the admins' /frist, /ny and /ansvar.
Outcome deadline_command(const Event& event, const Context& context, const Command& command);
Outcome new_task_command(const Event& event, const Context& context, const Command& command);
Outcome responsible_command(const Event& event, const Context& context, const Command& command);

}  // namespace planbot::commands::detail
