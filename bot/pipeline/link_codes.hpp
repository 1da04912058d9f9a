// /kobling's one-time codes for the core (commands::LinkCodes): random from OpenSSL's
// generator, and stored by their SHA-256, so the database never holds a code that works.
#pragma once

#include <string>
#include <string_view>

#include "commands/people/linking.hpp"

namespace planbot::bot {

class RandomLinkCodes final : public commands::LinkCodes {
public:
    // Throws std::runtime_error if the generator has no randomness to give (never
    // expected on Linux after boot).
    std::string new_code() const override;
    // Lower-case hex of SHA-256 over the code.
    std::string digest(std::string_view code) const override;
};

}  // namespace planbot::bot
