// See hunspell_speller.hpp.
#include "bot/language/hunspell_speller.hpp"

#include <algorithm>
#include <future>

#include <hunspell/hunspell.hxx>

namespace planbot::bot {

namespace {

// The spellings a folded word may come from: fold() wrote æ as "ae", ø as "o" and å as
// "a" (commands/language/norwegian.hpp). Only the first kMaxChoices letters that could
// be æ, ø or å are guessed at, so a word has at most 3^kMaxChoices spellings (usually
// far fewer): fuzzing found that guessing at every one made «foroooo…okvem» cost
// minutes of Hunspell lookups.
constexpr int kMaxChoices = 4;
// Longer is no word, and not worth Hunspell's compound check, which grows fast with length.
constexpr size_t kLongestWord = 40;  // bytes, folded

void add_spellings(std::string_view rest, std::string& prefix, int choices, std::vector<std::string>& out) {
    if (rest.empty()) {
        out.push_back(prefix);
        return;
    }
    const size_t size = prefix.size();
    const auto then = [&](std::string_view written, size_t consumed, int used) {
        prefix.resize(size);
        prefix += written;
        add_spellings(rest.substr(consumed), prefix, used, out);
    };
    const bool could_be_other = rest.starts_with("ae") || rest.front() == 'o' || rest.front() == 'a';
    if (!could_be_other || choices >= kMaxChoices) {
        then(rest.substr(0, 1), 1, choices);
        return;
    }
    if (rest.starts_with("ae")) then("æ", 2, choices + 1);
    if (rest.front() == 'o') then("ø", 1, choices + 1);
    if (rest.front() == 'a') then("å", 1, choices + 1);
    then(rest.substr(0, 1), 1, choices + 1);
}

std::string to_latin1(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == 0xC3 && i + 1 < utf8.size()) out += static_cast<char>(static_cast<unsigned char>(utf8[++i]) + 0x40);
        else out += static_cast<char>(c);
    }
    return out;
}

}  // namespace

std::expected<std::unique_ptr<HunspellSpeller>, std::string> HunspellSpeller::load(
    const std::filesystem::path& folder) {
    std::unique_ptr<HunspellSpeller> speller(new HunspellSpeller());
    for (std::string_view name : kDictionaries)
        for (std::string_view extension : {".aff", ".dic"}) {
            const std::filesystem::path file = folder / (std::string(name) + std::string(extension));
            std::error_code error;
            if (!std::filesystem::is_regular_file(file, error))
                return std::unexpected(file.string() + " not found (Debian package hunspell-no)");
        }
    // Reading a dictionary is most of planbot's start-up: each on its own thread.
    std::vector<std::future<std::unique_ptr<Hunspell>>> loading;
    for (std::string_view name : kDictionaries) {
        const std::string aff = (folder / (std::string(name) + ".aff")).string();
        const std::string dic = (folder / (std::string(name) + ".dic")).string();
        loading.push_back(std::async(std::launch::async, [aff, dic] {
            return std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
        }));
    }
    for (size_t i = 0; i < loading.size(); ++i) {
        std::unique_ptr<Hunspell> hunspell = loading[i].get();
        const std::string name(kDictionaries[i]);
        const std::string encoding = hunspell->get_dict_encoding();
        if (encoding != "ISO8859-1" && encoding != "UTF-8")
            return std::unexpected((folder / (name + ".aff")).string() + ": encoding " + encoding +
                                   " is not ISO8859-1 or UTF-8");
        Dictionary dictionary{std::move(hunspell), encoding == "ISO8859-1"};
        // A dictionary that knows not even its language's commonest word did not load.
        if (!speller->spelled(dictionary, "og"))
            return std::unexpected((folder / (name + ".dic")).string() + ": no words could be read");
        speller->dictionaries_.push_back(std::move(dictionary));
    }
    return speller;
}

HunspellSpeller::~HunspellSpeller() = default;

bool HunspellSpeller::spelled(const Dictionary& dictionary, const std::string& utf8) const {
    return dictionary.hunspell->spell(dictionary.latin1 ? to_latin1(utf8) : utf8);
}

std::vector<std::string> spellings_of(std::string_view folded_word) {
    std::vector<std::string> spellings;
    std::string prefix;
    add_spellings(folded_word, prefix, 0, spellings);
    return spellings;
}

bool HunspellSpeller::any_spelling_is_word(std::string_view folded_word) const {
    if (folded_word.size() > kLongestWord) return false;
    for (const std::string& spelling : spellings_of(folded_word))
        for (const Dictionary& dictionary : dictionaries_)
            if (spelled(dictionary, spelling)) return true;
    return false;
}

bool HunspellSpeller::is_word(std::string_view folded_word) const {
    // Numbers and codes are never read as typos of a word.
    if (std::ranges::any_of(folded_word, [](char c) { return c >= '0' && c <= '9'; })) return true;
    if (folded_word.empty()) return false;
    constexpr size_t kRemembered = 50'000;
    std::lock_guard lock(mutex_);
    if (auto it = known_.find(std::string(folded_word)); it != known_.end()) return it->second;
    const bool word = any_spelling_is_word(folded_word);
    if (known_.size() >= kRemembered) known_.clear();
    known_.emplace(folded_word, word);
    return word;
}

}  // namespace planbot::bot
