// Whether a word is spelled the way Norwegian writes it (bokmål or nynorsk). The
// question engine asks before it reads a word as a typo of one of the plan's words:
// a word the dictionaries know («bestille», «mat») is never a typo of another
// («stille», «mai»), and a word they do not know («partiskat») may be two letters off.
// bot/ implements it over Hunspell and Debian's dictionaries, loaded once at start;
// the core only asks. Implementations must be safe to call from several threads.
#pragma once

#include <string_view>

namespace planbot::commands {

class Speller {
public:
    virtual ~Speller() = default;
    // `folded_word` as norwegian.hpp's fold writes it ("fylkesarsmotet"): true when some
    // spelling it could come from ("fylkesårsmøtet") is a word.
    virtual bool is_word(std::string_view folded_word) const = 0;
};

}  // namespace planbot::commands
