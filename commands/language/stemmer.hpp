// The stem of a Norwegian word by the Snowball Norwegian stemmer (libstemmer):
// "landsmøtet" and "landsmøte" → "landsmøt", "medlemmene" and "medlemmer" → "medlemm".
// Works on folded words (norwegian.hpp) as well: the suffixes it removes are ASCII.
// Pure: each thread keeps its own stemmer, which holds no state between words.
#pragma once

#include <string>
#include <string_view>

namespace planbot::commands {

std::string stem(std::string_view word);

}  // namespace planbot::commands
