// See search_index.hpp.
#include "commands/language/search_index.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

void add_words(std::vector<std::string>& out, std::string_view text) {
    for (std::string& word : words(text)) out.push_back(std::move(word));
}

std::vector<std::string> sorted_unique(std::vector<std::string> words_found) {
    std::ranges::sort(words_found);
    words_found.erase(std::unique(words_found.begin(), words_found.end()), words_found.end());
    return words_found;
}

}  // namespace

std::vector<std::string> search_words(const config::WheelEvent& event) {
    std::vector<std::string> out;
    add_words(out, event.title);
    for (const std::string& alias : event.aliases) add_words(out, alias);
    return sorted_unique(std::move(out));
}

std::vector<std::string> search_words(const config::Tiltak& tiltak) {
    std::vector<std::string> out;
    add_words(out, tiltak.title);
    add_words(out, tiltak.short_title);
    for (const std::string& keyword : tiltak.keywords) add_words(out, keyword);
    return sorted_unique(std::move(out));
}

SearchIndex build_search_index(const config::Plan& plan) {
    SearchIndex index;
    for (const config::WheelEvent& event : plan.wheel) index.wheel.push_back(search_words(event));
    for (const config::Tiltak& tiltak : plan.tiltak) index.tiltak.push_back(search_words(tiltak));
    return index;
}

}  // namespace planbot::commands
