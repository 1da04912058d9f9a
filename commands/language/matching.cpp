// See matching.hpp.
#include "commands/language/matching.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "commands/language/norwegian.hpp"
#include "commands/language/stop_words.hpp"

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

// How well one candidate's words explain the topic words.
struct Fit {
    size_t index = 0;
    int points = 0;  // the sum of each word's best word_score
    int halves = 0;  // 2 for each word explained (score 3 or 4), 1 for each half explained (2)
    int strong = 0;  // words explained
};

Fit fit_of(size_t index, const std::vector<std::string>& topic, const std::vector<std::string>& target) {
    Fit fit{index, 0, 0, 0};
    for (const std::string& word : topic) {
        int best = 0;
        for (const std::string& target_word : target) best = std::max(best, word_score(word, target_word));
        fit.points += best;
        fit.halves += best >= 3 ? 2 : best == 2 ? 1 : 0;
        fit.strong += best >= 3 ? 1 : 0;
    }
    return fit;
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

std::vector<std::string> topic_words(const std::vector<std::string>& folded_words) {
    return without_stop_words(folded_words);
}

TopicChoice choose_topic(const std::vector<std::string>& topic,
                         const std::vector<std::vector<std::string>>& candidates) {
    constexpr size_t kOffered = 3;
    const std::vector<std::string> content = without_stop_words(topic);
    std::vector<Fit> fits;
    for (size_t i = 0; i < candidates.size(); ++i)
        if (Fit fit = fit_of(i, content, candidates[i]); fit.points > 0) fits.push_back(fit);
    if (fits.empty()) return {};
    std::ranges::stable_sort(fits, [](const Fit& a, const Fit& b) {
        return std::pair(a.halves, a.points) > std::pair(b.halves, b.points);
    });
    const Fit& best = fits.front();
    const bool good_enough = best.halves > static_cast<int>(content.size());  // more than half explained
    std::vector<size_t> tied, close;
    for (const Fit& fit : fits) {
        if (fit.halves == best.halves && fit.points == best.points) tied.push_back(fit.index);
        else if (fit.halves == best.halves && best.points - fit.points == 1) close.push_back(fit.index);
    }
    if (good_enough && close.empty()) return {TopicVerdict::answer, std::move(tied)};
    // Not good enough: offered only when some word is really explained ("bestille" is
    // not about «stille») and the near ones are few ("et fint møte" is near every
    // «møter»).
    if (!good_enough && (best.strong == 0 || tied.size() + close.size() > kOffered)) return {};
    std::vector<size_t> offered = std::move(tied);
    offered.insert(offered.end(), close.begin(), close.end());
    if (offered.size() > kOffered) offered.resize(kOffered);
    return {TopicVerdict::ask_back, std::move(offered)};
}

}  // namespace planbot::commands
