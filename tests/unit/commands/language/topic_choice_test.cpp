// The rule that decides between answering, asking back and saying nothing
// (matching.hpp's choose_topic), on candidates written as the search index writes them.
#include <catch2/catch.hpp>

#include "commands/language/matching.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/speller.hpp"
#include "commands/language/stemmer.hpp"
#include "commands/language/stop_words.hpp"
#include "tests/support/dictionaries.hpp"

using namespace planbot::commands;

namespace {

const std::vector<std::vector<std::string>> kCandidates = {
    words("Ringeaksjon til medlemmer som ikke har betalt ut"),  // 0
    words("Følge opp partiskatt innbetaling skatt"),            // 1
    words("Øke inntekter fra støttegiro"),                      // 2
    words("Lokal Pride"),                                       // 3
    words("Trondheim Pride"),                                   // 4
    words("Landsmøte landsmøtet"),                              // 5
};

}  // namespace

TEST_CASE("a common word alone never matches, however many titles hold it") {
    for (const char* question : {"ikke", "kan du ikke svare", "det passer ikke for meg", "ut", "å", "har", "med",
                                 "for", "nå", "ikkje", "ka", "kva", "e", "æ", "no", "jeg", "du", "til som"}) {
        INFO(question);
        CHECK(choose_topic(words(question), kCandidates).verdict == TopicVerdict::nothing);
    }
}

TEST_CASE("the stop words are in bokmål, and nynorsk and dialect read as bokmål are stop words too") {
    for (const char* word : {"ikke", "ikkje", "itj", "ka", "kva", "kor", "e", "æ", "no", "nå", "eg", "mæ", "på", "å"}) {
        INFO(word);
        REQUIRE(words(word).size() == 1);
        CHECK(is_stop_word(words(word).front()));
    }
    for (const char* word : {"partiskatt", "mai", "mote", "valgvake", "pride"}) CHECK_FALSE(is_stop_word(word));
}

TEST_CASE("a word that names one candidate is answered") {
    const TopicChoice choice = choose_topic(words("hvem har ansvar for partiskatten"), kCandidates);
    CHECK(choice.verdict == TopicVerdict::answer);
    CHECK(choice.chosen == std::vector<size_t>{1});
}

TEST_CASE("candidates exactly as good are answered together") {
    const TopicChoice choice = choose_topic(words("pride"), kCandidates);
    CHECK(choice.verdict == TopicVerdict::answer);
    CHECK(choice.chosen == std::vector<size_t>{3, 4});
}

TEST_CASE("two candidates that each explain half of the question are asked back") {
    const TopicChoice choice = choose_topic(words("partiskatt og støttegiro"), kCandidates);
    CHECK(choice.verdict == TopicVerdict::ask_back);
    CHECK(choice.chosen == std::vector<size_t>{1, 2});
}

TEST_CASE("a close second (an exact word against a typo of another) is asked back") {
    const std::vector<std::vector<std::string>> candidates = {words("Valgvake"), words("Valgvaker rundt om")};
    const TopicChoice choice = choose_topic(words("valgvaker"), {words("valgvake"), words("valgvaker")});
    CHECK(choice.verdict == TopicVerdict::ask_back);
    CHECK(choice.chosen == std::vector<size_t>{1, 0});
    CHECK(choose_topic(words("valgvake"), candidates).verdict == TopicVerdict::ask_back);
}

TEST_CASE("a match that explains half of the question or less is asked back, not answered") {
    TopicChoice choice = choose_topic(words("ringe de som ikke har betalt"), kCandidates);
    CHECK(choice.verdict == TopicVerdict::ask_back);
    CHECK(choice.chosen == std::vector<size_t>{0});
    choice = choose_topic(words("landsmøtet i trondheim"), kCandidates);
    CHECK(choice.verdict == TopicVerdict::ask_back);
    CHECK(choice.chosen == std::vector<size_t>{4, 5});
}

TEST_CASE("a vague word shared by more than three candidates is nothing, not a guess among them") {
    const std::vector<std::vector<std::string>> meetings = {words("Møter i regionene"), words("Møter i utvalgene"),
                                                            words("Åpne møter"), words("Møter med SU")};
    CHECK(choose_topic(words("et fint møte"), meetings).verdict == TopicVerdict::nothing);
    CHECK(choose_topic(words("møter"), meetings).verdict == TopicVerdict::answer);
}

TEST_CASE("a word that only holds a title's word inside it is not offered") {
    const std::vector<std::vector<std::string>> candidates = {words("Stille opp for SU")};
    CHECK(choose_topic(words("bestille pizza"), candidates).verdict == TopicVerdict::nothing);
}

TEST_CASE("inflected forms share the Snowball stem") {
    CHECK(stem("landsmotet") == stem("landsmote"));
    CHECK(stem("medlemmene") == stem("medlemmer"));
    CHECK(stem("valgvaker") == stem("valgvake"));
    CHECK(word_score("arsmotene", "arsmote") == 3);
    CHECK(word_score("studiesirklene", "studiesirkler") == 3);
}

TEST_CASE("with the dictionaries, a word is never read as a typo of another") {
    const Speller& speller = planbot::test::dictionaries();
    const std::vector<std::vector<std::string>> candidates = {words("Stille valgkamp"), words("Skolering av tillitsvalgte")};
    // «spille» is a word, one letter from «stille»; without the dictionaries it is read as
    // a typo of it.
    CHECK(choose_topic(words("spille"), candidates).verdict == TopicVerdict::answer);
    CHECK(choose_topic(words("spille"), candidates, &speller).verdict == TopicVerdict::nothing);
    // A real typo is still one.
    CHECK(choose_topic(words("skolring"), candidates, &speller).verdict == TopicVerdict::answer);
}

TEST_CASE("with the dictionaries, a long misspelled word may be two letters off") {
    const Speller& speller = planbot::test::dictionaries();
    CHECK(choose_topic(words("ringaksjn"), kCandidates).verdict == TopicVerdict::nothing);
    const TopicChoice choice = choose_topic(words("ringaksjn"), kCandidates, &speller);
    CHECK(choice.verdict == TopicVerdict::answer);
    CHECK(choice.chosen == std::vector<size_t>{0});
}
