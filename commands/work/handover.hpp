// The handover of a role to a new holder: what the role answers for in the plan (its
// tiltak and added tasks), its open tasks and next deadlines, the confirmations and
// skips of the last twelve months with their comments, and the notes left with /notat.
// Sent privately to whoever gets a role (/rolle gi), and shown by /overlevering; /notat
// leaves a note on a task for whoever comes next. Pure.
#pragma once

#include <string>

#include "commands/command_line.hpp"
#include "commands/event.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

// The handover of `role` as one message. REQUIRES context.state.
std::string handover_text(const Context& context, const config::RoleRef& role);

// For each role `outcome` grants anew (GrantRole, not a renewal): the handover to the
// new holder's private chat when the bot knows one; else, in a private chat, shown to
// the giver, and in a group the giver's reply says how the holder gets it. Added to
// `outcome`'s replies. The composition of /rolle gi (people/) and the handover (work/).
void add_handovers(const Event& event, const Context& context, Outcome& outcome);

}  // namespace planbot::commands
