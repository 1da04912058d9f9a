// Tolerant matching of a user's words against titles: definite forms
// ("landsmøtet" ~ "Landsmøte"), compounds ("partiskatt" ~ "skatt"), one typo; and the
// rule that decides whether a match is good enough to answer, close enough to another
// that the bot must ask which one was meant, or nothing. Pure; inputs are folded words
// (norwegian.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planbot::commands {

class Speller;  // speller.hpp

// How well one folded word of a question matches one word of a title: 4 the same word;
// 3 the same word in another form (the same Snowball stem, or one a definite or plural
// form of the other: "landsmøtet" ~ "landsmøte", "kassereren" ~ "kasserer") or, when
// `typos` allows, one spelled up to that many letters off; 2 one is part of the other
// as a compound ("partiskatt" ~ "skatt"); 0 none of these.
int word_score(std::string_view query_word, std::string_view target_word, int typos = 1);

// Removes question words and filler (stop_words.hpp) from a folded "når er …"/"hvem har
// ansvar for …" question, leaving the words that name the topic.
std::vector<std::string> topic_words(const std::vector<std::string>& folded_words);

// What a question's topic words say about a list of candidates (wheel events, tiltak),
// each given by its search words (search_index.hpp).
//
// The rule. Stop words are dropped first: they never carry a match. Each remaining word
// counts for the candidate as explained (a word_score of 3 or 4: the same word, another
// form of it, a typo), half explained (2: part of a compound) or not. A word is read as
// a typo only when it is not a word itself: with a `speller`, a word the dictionaries
// do not know may be one letter off (two in words of eight letters or more), and a word
// they know never is; without one, any word of five letters or more may be one letter
// off.
// A candidate is good enough when it explains more than half of the words. Then:
//  - answer: the best candidate is good enough and no other is close; candidates
//    exactly as good (the same words explained, the same score: "pride" is two
//    events) are answered together;
//  - ask_back: the best is not good enough, or another is close (as many words
//    explained, one point less: an exact word against a typo or another form of it):
//    `chosen` holds the best two or three;
//  - nothing: no word matched; or the best is not good enough and explains no word
//    fully (only part of a compound: «bestille» holds «stille»), or more than three
//    candidates are that good or close to it (too vague to offer), or a word the
//    dictionaries know is explained by no candidate even in part (that part is about
//    something else) and more than one candidate would be offered («er det kaffe på
//    møtet»; «partiskatt og kaffe» is still offered nr. 9).
enum class TopicVerdict { nothing, answer, ask_back };
struct TopicChoice {
    TopicVerdict verdict = TopicVerdict::nothing;
    std::vector<size_t> chosen;  // indexes into the candidates, best first, then in their order
};
TopicChoice choose_topic(const std::vector<std::string>& topic,
                         const std::vector<std::vector<std::string>>& candidates, const Speller* speller = nullptr);

}  // namespace planbot::commands
