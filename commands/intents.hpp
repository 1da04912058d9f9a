// The small things planbot understands besides the questions about the wheel and the
// tasks, in one table (intents.cpp): what each is, the words that signal it, and its
// answer. Greetings and thanks, «hjelp» and «hva kan du», a tiltak by its number
// («12», «nr 12», «ka e nr 5»), who holds a role («hvem er kasserer», «hvem sitter i
// AU») and what a role does («hva gjør AU»).
//
// An intent is taken only when every word of the message is explained: by a signal,
// by the one thing the intent reads (a number, a role), or by the few words the row
// allows. So «hei» is a greeting but «hei, når er landsmøtet» is a question, and
// «hvem er kasserer» is about the role but «hvem er ansvarlig for partiskatt» is not.
// Pure; like the router, it may use every feature to answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/event.hpp"

namespace planbot::commands {

// The answer when `words` (the message folded, the bot's mention dropped) are one of
// the intents; nullopt otherwise. The event's chat kind shapes a greeting.
std::optional<std::string> answer_intent(const Event& event, const Context& context,
                                         const std::vector<std::string>& words);

// The short answer to a greeting: in a private chat it says what the bot can do.
std::string greeting_text(const Event& event);

}  // namespace planbot::commands
