// See matching.hpp.
#include "commands/language/matching.hpp"

#include <algorithm>
#include <initializer_list>

#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// The word without a definite or plural ending ("landsmøtet" → "landsmøt").
std::string_view stem(std::string_view word) {
    for (std::string_view ending : {"ene", "en", "et", "er", "a", "e"})
        if (word.size() >= ending.size() + 4 && word.substr(word.size() - ending.size()) == ending)
            return word.substr(0, word.size() - ending.size());
    return word;
}

bool is_question_filler(std::string_view word) {
    static constexpr std::string_view kFiller[] = {
        "nar", "nr", "er", "e", "det", "den", "de", "blir", "skal", "kommer", "neste", "holdes", "arrangeres",
        "dato", "datoen", "tid", "kor", "ka", "kva", "hva", "for", "hvem", "kven", "kem", "har", "ansvar",
        "ansvaret", "ansvarlig", "ansvarleg", "ansvarlige", "med", "om", "til", "i", "pa", "av", "og", "sa",
        "egentlig", "vi", "vart", "var", "svs", "sv", "trondelag", "trondelags", "fristen", "frist", "eg", "jeg",
        "du", "vet", "veit", "kan", "meg", "fortelle", "gjor", "gjore", "gjer", "som", "sitt", "sin", "hvor",
        "mye", "ar", "aret", "arets", "egentleg", "planen", "tiltaket", "tiltak", "nummer", "the", "a",
    };
    return std::ranges::find(kFiller, word) != std::end(kFiller);
}

}  // namespace

int word_score(std::string_view query, std::string_view target) {
    if (query.empty() || target.empty()) return 0;
    if (query == target) return 4;
    const std::string_view query_stem = stem(query), target_stem = stem(target);
    if (query_stem.size() >= 4 && query_stem == target_stem) return 3;
    if (query.size() >= 4 && target.size() >= 4 && (starts_with(query, target) || starts_with(target, query)) &&
        std::max(query.size(), target.size()) - std::min(query.size(), target.size()) <= 3)
        return 3;
    const size_t longer = std::max(query.size(), target.size()), shorter = std::min(query.size(), target.size());
    if (shorter >= 5 && longer - shorter <= 1 && edit_distance(query, target) <= 1) return 3;
    if (query_stem.size() >= 5 && target.find(query_stem) != std::string_view::npos) return 2;
    if (target_stem.size() >= 5 && query.find(target_stem) != std::string_view::npos) return 2;
    return 0;
}

int match_score(const std::vector<std::string>& query, const std::vector<std::string>& target) {
    int total = 0;
    for (const std::string& query_word : query) {
        int best = 0;
        for (const std::string& target_word : target) best = std::max(best, word_score(query_word, target_word));
        total += best;
    }
    return total;
}

std::vector<std::string> topic_words(const std::vector<std::string>& folded_words) {
    std::vector<std::string> out;
    for (const std::string& word : folded_words)
        if (!is_question_filler(word)) out.push_back(word);
    return out;
}

}  // namespace planbot::commands
