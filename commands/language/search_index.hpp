// The folded words each wheel event and tiltak is found by (title, aliases,
// keywords). Built once per plan by whoever owns the plan (bot/ at start-up) and
// handed to the core in the Context, so a question does not re-fold every title.
// Pure: no I/O, no global state.
#pragma once

#include <string>
#include <vector>

#include "config/plan.hpp"

namespace planbot::commands {

// Sorted, without duplicates.
std::vector<std::string> search_words(const config::WheelEvent& event);
std::vector<std::string> search_words(const config::Tiltak& tiltak);

struct SearchIndex {
    std::vector<std::vector<std::string>> wheel;   // parallel to Plan::wheel
    std::vector<std::vector<std::string>> tiltak;  // parallel to Plan::tiltak
};

SearchIndex build_search_index(const config::Plan& plan);

}  // namespace planbot::commands
