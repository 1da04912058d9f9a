// The words that never name what a question is about: the common words of bokmål,
// nynorsk and Trøndelag dialect («ikke», «ikkje», «itj», «å», «har», «med», «ka», «æ»,
// «no») and the words every question to planbot has («når», «ansvar», «frist»,
// «tiltak»). A topic is what is left of a question without them, so a title that shares
// only such a word with a question («… som ikke har betalt») never matches it.
//
// The list is data (stop_words.cpp), folded as norwegian.hpp's fold() folds; a stemmer
// or a spelling dictionary can later add to it without touching its callers. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planbot::commands {

// True for a folded word ("ikkje", "pa", "ae") that never carries a match on its own.
bool is_stop_word(std::string_view folded_word);

// The folded words without the stop words, in order.
std::vector<std::string> without_stop_words(const std::vector<std::string>& folded_words);

}  // namespace planbot::commands
