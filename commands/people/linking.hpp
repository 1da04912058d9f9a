// One person on several platforms: /kobling gives a one-time code in a private chat on
// one platform, «/kobling <kode>» in a private chat on another links the two accounts,
// and «/kobling fjern» takes the account it is sent from out of its person again (the
// roles and admin rights stay with the person's other account). What linking means for
// roles, reminders and the forum is the State's to answer (state.hpp, LinkCode).
//
// Pure: the random code and its digest come from the LinkCodes the bot hands in
// (Context::link_codes), so a test can give fixed ones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planbot::commands {

// The characters of a code: lower-case letters and digits that cannot be mistaken for
// one another on a phone's screen (no i, l, o, 0, 1).
inline constexpr std::string_view kLinkCodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
inline constexpr size_t kLinkCodeLength = 8;

class LinkCodes {
public:
    virtual ~LinkCodes() = default;
    // A new random code: kLinkCodeLength characters of kLinkCodeAlphabet.
    virtual std::string new_code() const = 0;
    // What the State stores and finds a code by (read_link_code's form), so that the
    // database never holds a code that still works.
    virtual std::string digest(std::string_view code) const = 0;
};

// A code as typed («ABCD-efgh», «abcd efgh») in its stored form («abcdefgh»); nullopt
// when the words cannot be a code (wrong length or characters).
std::optional<std::string> read_link_code(std::string_view typed);

// «abcd-efgh»: a code as the bot shows it, easier to read and type.
std::string shown_link_code(std::string_view code);

}  // namespace planbot::commands
