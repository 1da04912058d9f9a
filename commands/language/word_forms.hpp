// The nynorsk and dialect forms of words, read as the bokmål the question engine's
// tables know («kva» → «hva», «kor tid» → «når», «haust» → «høst»). The forms are data,
// in word_forms.tsv beside this file; the build embeds it, so the core reads no file.
// Pure: the table is parsed once, on first use, and never changes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planbot::commands {

// Folded words (norwegian.hpp's fold) with every form in the table replaced by its
// bokmål, the longest form first: {"kor", "tid", "e", "det"} → {"nar", "er", "det"}.
std::vector<std::string> standard_forms(std::vector<std::string> folded_words);

// What is wrong with a table in word_forms.tsv's format, one line each, as
// "word_forms.tsv:LINE: problem"; empty when it is sound. A line without a tab or
// with an empty side, a form given twice, a form that is itself the bokmål of another
// line (it would be read twice), or a form the same as its bokmål is wrong.
std::vector<std::string> word_form_problems(std::string_view tsv);

// The embedded word_forms.tsv, as the build read it.
std::string_view word_forms_tsv();

}  // namespace planbot::commands
