// Private to the people commands (admin_commands.cpp, people_commands.cpp,
// channel_commands.cpp, linking.cpp): reading role words from args, and the handlers each file
// gives the table. Pure like them; every handler REQUIRES context.state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command_line.hpp"
#include "commands/event.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands::detail {

// The folded words of args[from, to).
std::vector<std::string> folded_words(const std::vector<std::string>& args, size_t from, size_t to);

// The reply to a role name that matches none, with examples.
std::string unknown_role(std::string_view typed);

// role_label, or the bare id (and unit) of a role the plan no longer has.
std::string label_of(const config::Plan& plan, const config::RoleRef& role);

// When the person's term in `role` ends (nullopt: no end, or not held).
std::optional<date::year_month_day> current_end(const Context& context, const Person& person,
                                                const config::RoleRef& role);

// ---- the handlers, by file --------------------------------------------------

// people_commands.cpp: /rolle gi|fjern, /admin [gi|fjern].
Outcome role_command(const Event& event, const Context& context, const Command& command);
// role_listings.cpp: /roller, /mineroller, with each holding's term.
Outcome list_roles(const Event& event, const Context& context);
Outcome my_roles(const Event& event, const Context& context);
Outcome admin_command(const Event& event, const Context& context, const Command& command);

// channel_commands.cpp: /kanal [fjern] <rolle|hoved|forum>.
Outcome channel_command(const Event& event, const Context& context, const Command& command);

// personal_data.cpp: /mine data, /slett meg [bekreft|avbryt].
Outcome my_data_command(const Event& event, const Context& context, const Command& command);
Outcome forget_me_command(const Event& event, const Context& context, const Command& command);
std::string personal_data_file_name(const Context& context);

// linking.cpp: /kobling [<kode>|fjern].
Outcome link_command(const Event& event, const Context& context, const Command& command);

}  // namespace planbot::commands::detail
