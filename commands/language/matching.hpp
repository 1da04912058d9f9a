// Tolerant matching of a user's words against titles: definite forms
// ("landsmøtet" ~ "Landsmøte"), compounds ("partiskatt" ~ "skatt"), one typo.
// Pure; inputs are folded words (norwegian.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planbot::commands {

// 0 (no match) .. 4 (same word).
int word_score(std::string_view query_word, std::string_view target_word);

// Sum over query words of their best score against any target word.
int match_score(const std::vector<std::string>& query, const std::vector<std::string>& target);

// Removes question words and filler from a folded "når er …"/"hvem har ansvar for …"
// question, leaving the words that name the topic.
std::vector<std::string> topic_words(const std::vector<std::string>& folded_words);

}  // namespace planbot::commands
