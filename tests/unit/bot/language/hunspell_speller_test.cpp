// Debian's Norwegian dictionaries behind the question engine's typo rule: which folded
// words they know, in bokmål and nynorsk, and what an operator is told when they are
// missing.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "bot/language/hunspell_speller.hpp"
#include "commands/language/norwegian.hpp"
#include "tests/support/dictionaries.hpp"
#include "tests/support/temporary_folder.hpp"

using namespace planbot;

TEST_CASE("the dictionaries know bokmål and nynorsk words as the questions fold them") {
    const commands::Speller& speller = test::dictionaries();
    for (const char* word : {"bestille", "Fylkesårsmøtet", "kassereren", "møtet", "hausten", "veke", "kva",
                             "påska", "lørdag", "ikkje", "partiskatt", "Ærlig"}) {
        INFO(word);
        CHECK(speller.is_word(commands::fold(word)));
    }
}

TEST_CASE("a word has a bounded number of spellings to look up, however many letters could be æ, ø or å") {
    // The fuzzer's input: every o of it could be an ø, and guessing at each one made a
    // few dozen letters cost minutes of dictionary lookups.
    const std::string long_word = "for" + std::string(30, 'o') + "kvem";
    CHECK(bot::spellings_of(long_word).size() <= 81);
    CHECK(bot::spellings_of("for" + std::string(13, 'o') + "kvem").size() <= 81);
    // Real words still get their æ, ø and å back.
    const auto boat = bot::spellings_of("bat");
    CHECK(std::ranges::find(boat, "båt") != boat.end());
    CHECK(std::ranges::find(boat, "bat") != boat.end());
    const auto meeting = bot::spellings_of("fylkesarsmotet");
    CHECK(std::ranges::find(meeting, "fylkesårsmøtet") != meeting.end());
    // And the question still gets its ordinary answer.
    const commands::Speller& speller = test::dictionaries();
    CHECK_FALSE(speller.is_word(long_word));
    CHECK(speller.is_word(commands::fold("lærer")));
}

TEST_CASE("misspelled words are not words, numbers are never typos") {
    const commands::Speller& speller = test::dictionaries();
    for (const char* word : {"partiskat", "kasserern", "fylkesasmotet", "ringaksjn", "studiesirkl", "qwxz"}) {
        INFO(word);
        CHECK_FALSE(speller.is_word(word));
    }
    CHECK(speller.is_word("2027"));
    CHECK(speller.is_word("12b"));
}

TEST_CASE("the dictionaries answer the same from several threads at once") {
    const commands::Speller& speller = test::dictionaries();
    const std::vector<std::pair<std::string, bool>> words = {
        {"bestille", true}, {"partiskat", false}, {"sommeren", true}, {"kasserern", false}, {"host", true}};
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < wrong.size(); ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 200; ++round)
                for (const auto& [word, known] : words)
                    if (speller.is_word(word) != known) ++wrong[t];
        });
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("a folder without the dictionaries is refused, naming the file to install") {
    test::TemporaryFolder folder;
    auto loaded = bot::HunspellSpeller::load(folder.path());
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error() == (folder.path() / "nb_NO.aff").string() + " not found (Debian package hunspell-no)");
}
