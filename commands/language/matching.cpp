// See matching.hpp.
#include "commands/language/matching.hpp"

#include <algorithm>
#include <utility>

#include "commands/language/norwegian.hpp"
#include "commands/language/speller.hpp"
#include "commands/language/stemmer.hpp"
#include "commands/language/stop_words.hpp"

namespace planbot::commands {

namespace {

// A word of the question with its stem, computed once for all the titles it is
// compared with. A title word's stem is computed only when the two could share it.
struct QueryWord {
    std::string_view word;
    std::string stem;
};

bool is_other_form(std::string_view query, std::string_view target) {
    if (query.size() < 4 || target.size() < 4) return false;
    if (!query.starts_with(target) && !target.starts_with(query)) return false;
    return std::max(query.size(), target.size()) - std::min(query.size(), target.size()) <= 3;
}

bool is_typo(std::string_view query, std::string_view target, int typos) {
    if (typos <= 0) return false;
    const size_t longer = std::max(query.size(), target.size()), shorter = std::min(query.size(), target.size());
    if (shorter < 5 || longer - shorter > static_cast<size_t>(typos)) return false;
    const int allowed = shorter >= 8 ? typos : 1;
    return allowed == 1 ? within_one_edit(query, target) : edit_distance(query, target) <= allowed;
}

int score(const QueryWord& query, std::string_view target, int typos) {
    if (query.word.empty() || target.empty()) return 0;
    if (query.word == target) return 4;
    if (query.stem.size() >= 4 && target.starts_with(query.stem) && stem(target) == query.stem) return 3;
    if (is_other_form(query.word, target)) return 3;
    if (is_typo(query.word, target, typos)) return 3;
    if (query.stem.size() >= 5 && target.find(query.stem) != std::string_view::npos) return 2;
    if (target.size() >= 5 && query.word.find(target.substr(0, 5)) != std::string_view::npos) {
        const std::string target_stem = stem(target);
        if (target_stem.size() >= 5 && query.word.find(target_stem) != std::string_view::npos) return 2;
    }
    return 0;
}

// How well one candidate's words explain the topic words.
struct Fit {
    size_t index = 0;
    int points = 0;  // the sum of each word's best word_score
    int halves = 0;  // 2 for each word explained (score 3 or 4), 1 for each half explained (2)
    int strong = 0;  // words explained
};

int best_score(const QueryWord& query, const std::vector<std::string>& target, int typos) {
    int best = 0;
    for (const std::string& target_word : target) best = std::max(best, score(query, target_word, typos));
    return best;
}

// Each topic word's best score against each candidate: without typos first; a word
// that no candidate explains is then read as a typo, if it may be one (matching.hpp).
// `foreign_words` counts the words the dictionaries know that no candidate explains even
// in part: that part of the question is about something the plan does not name
// («kaffe»).
std::vector<Fit> fits_of(const std::vector<std::string>& content,
                         const std::vector<std::vector<std::string>>& candidates, const Speller* speller,
                         int& foreign_words) {
    std::vector<Fit> fits(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i) fits[i].index = i;
    for (const std::string& word : content) {
        const QueryWord query{word, stem(word)};
        std::vector<int> best(candidates.size());
        bool explained = false, touched = false;
        for (size_t i = 0; i < candidates.size(); ++i) {
            best[i] = best_score(query, candidates[i], 0);
            explained = explained || best[i] >= 3;
            touched = touched || best[i] >= 2;
        }
        if (!explained) {
            const bool known = speller && speller->is_word(word);
            const int typos = !speller ? 1 : known ? 0 : 2;
            if (typos > 0)
                for (size_t i = 0; i < candidates.size(); ++i)
                    if (best[i] < 3 && best_score(query, candidates[i], typos) >= 3) best[i] = 3;
            if (known && !touched) ++foreign_words;
        }
        for (size_t i = 0; i < candidates.size(); ++i) {
            fits[i].points += best[i];
            fits[i].halves += best[i] >= 3 ? 2 : best[i] == 2 ? 1 : 0;
            fits[i].strong += best[i] >= 3 ? 1 : 0;
        }
    }
    std::erase_if(fits, [](const Fit& fit) { return fit.points == 0; });
    return fits;
}

}  // namespace

int word_score(std::string_view query, std::string_view target, int typos) {
    return score(QueryWord{query, stem(query)}, target, typos);
}

std::vector<std::string> topic_words(const std::vector<std::string>& folded_words) {
    return without_stop_words(folded_words);
}

TopicChoice choose_topic(const std::vector<std::string>& topic,
                         const std::vector<std::vector<std::string>>& candidates, const Speller* speller) {
    constexpr size_t kOffered = 3;
    const std::vector<std::string> content = without_stop_words(topic);
    int foreign_words = 0;
    std::vector<Fit> fits = fits_of(content, candidates, speller, foreign_words);
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
    // «møter»); when part of the question is about something else, only when one
    // candidate stands out ("partiskatt og kaffe" may mean nr. 9; "kaffe på møtet" is
    // about no meeting of the plan in particular).
    const size_t near = tied.size() + close.size();
    if (!good_enough && (best.strong == 0 || near > kOffered || (foreign_words > 0 && near > 1))) return {};
    std::vector<size_t> offered = std::move(tied);
    offered.insert(offered.end(), close.begin(), close.end());
    if (offered.size() > kOffered) offered.resize(kOffered);
    return {TopicVerdict::ask_back, std::move(offered)};
}

}  // namespace planbot::commands
