// /kobling's one-time codes for the core (commands::LinkCodes) and the secret links' tokens: random from OpenSSL's
// generator, and stored by their SHA-256, so the database never holds a code that works.
#pragma once

#include <string>
#include <string_view>

#include "commands/people/linking.hpp"
#include "commands/sharing/sharing_commands.hpp"

namespace planbot::bot {

class RandomLinkCodes final : public commands::LinkCodes {
public:
    // Throws std::runtime_error if the generator has no randomness to give (never
    // expected on Linux after boot).
    std::string new_code() const override;
    // Lower-case hex of SHA-256 over the code.
    std::string digest(std::string_view code) const override;
};

// The secret links' tokens (commands::AccessTokens): 32 bytes from OpenSSL's generator
// in unpadded base64url (43 characters), stored by their SHA-256 like the codes.
class RandomAccessTokens final : public commands::AccessTokens {
public:
    std::string new_token() const override;  // throws std::runtime_error like new_code()
    std::string digest(std::string_view token) const override;
    // base64url of SHA-256 over a fixed label and the token, cut to a token's length.
    std::string derived(std::string_view token) const override;
};

// Whether `text` has the shape of a token new_token() makes (43 characters of
// A–Z a–z 0–9 - _): anything else is refused before it is hashed or looked up.
bool token_shaped(std::string_view text);

}  // namespace planbot::bot
