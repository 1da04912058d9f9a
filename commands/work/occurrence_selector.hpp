// What the words after a task number in /ferdig and /angre may select among the task's
// deadlines: a year, or a month, an ISO week or a quarter with or without a year
// ("2027", "mars", "mars 2027", "uke 50", "uke 2 2027", "2. kvartal 2027", "q3"). A
// selector is read before any comment, so it never becomes part of one. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/work/tasks.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

struct OccurrenceSelector {
    enum class Kind { year, month, week, quarter };
    Kind kind = Kind::year;
    int number = 0;           // month 1–12, ISO week, quarter (any number: one that fits nothing selects nothing)
    std::optional<int> year;  // always set for a year
    std::string label;        // as a reply names it: "2027", "mars", "uke 50 2026", "2. kvartal 2027"
};

struct SelectorRead {
    OccurrenceSelector selector;
    size_t words = 0;  // folded words used
};

// The selector at the start of `words` (folded words, norwegian.hpp); nullopt when none
// starts there. A 4-digit number is a year only near the plan period (its years ± 10),
// so "/ferdig 9 2000 kr kom inn" keeps "2000 kr kom inn" as its comment, while
// "/ferdig 9 2031" selects 2031 (and finds nothing there). Month names only in full.
std::optional<SelectorRead> read_selector(const config::Plan& plan, const std::vector<std::string>& words);

// Whether `occurrence` of `task` is in what the selector names: by the year it counts
// for (occurrence_year) for a year, by its due date for the rest.
bool selects(const OccurrenceSelector& selector, const Task& task, const Occurrence& occurrence);

// The year of the period's instance an occurrence is in: the ISO week's year for a
// week, the due year otherwise ("uke 1" of 2027 may start in December 2026).
int instance_year(const OccurrenceSelector& selector, const Occurrence& occurrence);

}  // namespace planbot::commands
