// Text from any platform is valid UTF-8 before it reaches the core and the database:
// each ill-formed byte sequence becomes U+FFFD (�), so nothing typed is lost without
// a trace, the user sees in the answer where the bad bytes were, and every platform
// gets the same repair. The message processor applies it to everything an Incoming
// carries; an adapter that must read bytes before that (Telegram's JSON parser refuses
// ill-formed UTF-8) repairs them the same way first.
#pragma once

#include <string>
#include <string_view>

#include "bot/pipeline/incoming.hpp"

namespace planbot::bot {

// Well-formed UTF-8 as Unicode defines it (no overlong forms, no surrogates, nothing
// above U+10FFFF, no sequence cut short).
bool is_valid_utf8(std::string_view text);

// `text` with each maximal ill-formed subpart replaced by U+FFFD (Unicode's
// recommended practice, as browsers decode): "\xC3\x28" becomes "\uFFFD(", a lone
// Latin-1 "\xE6" one U+FFFD. Valid text comes back unchanged.
std::string repair_utf8(std::string_view text);

// Whether every text the Incoming carries (the event, the people, the chat) is valid;
// and each one that is not, repaired.
bool is_valid_utf8(const Incoming& incoming);
void repair_utf8(Incoming& incoming);

}  // namespace planbot::bot
