// The Speller (commands/language/speller.hpp) over Hunspell and Debian's Norwegian
// dictionaries (hunspell-no: nb_NO for bokmål, nn_NO for nynorsk), loaded once at
// start. A word is a word when either dictionary knows it.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "commands/language/speller.hpp"

class Hunspell;

namespace planbot::bot {

// The UTF-8 spellings a folded word may come from ("bat" → "båt", "bat"): the
// dictionaries are asked about each. Bounded, however long the word.
std::vector<std::string> spellings_of(std::string_view folded_word);

class HunspellSpeller final : public commands::Speller {
public:
    // The dictionaries planbot reads from `folder`, each as NAME.aff and NAME.dic.
    static constexpr std::string_view kDictionaries[] = {"nb_NO", "nn_NO"};

    // Loads them; the error names the missing or unreadable file.
    static std::expected<std::unique_ptr<HunspellSpeller>, std::string> load(const std::filesystem::path& folder);

    ~HunspellSpeller() override;
    bool is_word(std::string_view folded_word) const override;

private:
    struct Dictionary {
        std::unique_ptr<Hunspell> hunspell;
        bool latin1 = true;  // its encoding: ISO8859-1, else UTF-8
    };
    HunspellSpeller() = default;
    bool spelled(const Dictionary& dictionary, const std::string& utf8) const;
    bool any_spelling_is_word(std::string_view folded_word) const;

    std::vector<Dictionary> dictionaries_;
    // Hunspell is not safe to call from two threads at once; answers are remembered,
    // since the same few words come back again and again.
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, bool> known_;
};

}  // namespace planbot::bot
