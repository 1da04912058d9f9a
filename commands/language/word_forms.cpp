// See word_forms.hpp.
#include "commands/language/word_forms.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

struct WordForm {
    std::vector<std::string> form;      // folded words
    std::vector<std::string> standard;  // folded words
};

// Splits on white space after folding, without the table (words() would apply it).
std::vector<std::string> folded(std::string_view text) { return folded_words(text); }

struct Line {
    int number = 0;
    std::string_view form, standard;
};

// The table's lines that hold a form; comments and blank lines skipped. `problems`
// gets the lines that are not "form<TAB>bokmål".
std::vector<Line> lines_of(std::string_view tsv, std::vector<std::string>& problems) {
    std::vector<Line> out;
    int number = 0;
    for (size_t start = 0; start <= tsv.size();) {
        size_t end = tsv.find('\n', start);
        if (end == std::string_view::npos) end = tsv.size();
        std::string_view line = tsv.substr(start, end - start);
        start = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        const size_t tab = line.find('\t');
        const auto problem = [&](const std::string& what) {
            problems.push_back("word_forms.tsv:" + std::to_string(number) + ": " + what);
        };
        if (tab == std::string_view::npos) {
            problem("no tab between the form and its bokmål");
            continue;
        }
        Line parsed{number, line.substr(0, tab), line.substr(tab + 1)};
        if (folded(parsed.form).empty() || folded(parsed.standard).empty()) {
            problem("an empty side");
            continue;
        }
        if (parsed.standard.find('\t') != std::string_view::npos) {
            problem("more than two columns");
            continue;
        }
        out.push_back(parsed);
    }
    return out;
}

class Table {
public:
    explicit Table(std::string_view tsv) {
        std::vector<std::string> ignored;
        for (const Line& line : lines_of(tsv, ignored)) {
            WordForm form{folded(line.form), folded(line.standard)};
            by_first_word_[form.form.front()].push_back(std::move(form));
        }
        for (auto& [word, forms] : by_first_word_)
            std::ranges::stable_sort(forms, [](const WordForm& a, const WordForm& b) { return a.form.size() > b.form.size(); });
    }

    std::vector<std::string> apply(std::vector<std::string> in) const {
        std::vector<std::string> out;
        out.reserve(in.size());
        for (size_t i = 0; i < in.size();) {
            const WordForm* found = match_at(in, i);
            if (!found) {
                out.push_back(std::move(in[i++]));
                continue;
            }
            out.insert(out.end(), found->standard.begin(), found->standard.end());
            i += found->form.size();
        }
        return out;
    }

private:
    const WordForm* match_at(const std::vector<std::string>& in, size_t at) const {
        auto it = by_first_word_.find(in[at]);
        if (it == by_first_word_.end()) return nullptr;
        for (const WordForm& form : it->second)
            if (at + form.form.size() <= in.size() && std::equal(form.form.begin(), form.form.end(), in.begin() + at))
                return &form;
        return nullptr;
    }

    std::unordered_map<std::string, std::vector<WordForm>> by_first_word_;
};

}  // namespace

std::vector<std::string> standard_forms(std::vector<std::string> folded_words) {
    static const Table table(word_forms_tsv());
    return table.apply(std::move(folded_words));
}

std::vector<std::string> word_form_problems(std::string_view tsv) {
    std::vector<std::string> problems;
    const std::vector<Line> lines = lines_of(tsv, problems);
    std::set<std::vector<std::string>> forms, standards;
    for (const Line& line : lines) standards.insert(folded(line.standard));
    for (const Line& line : lines) {
        const auto problem = [&](const std::string& what) {
            problems.push_back("word_forms.tsv:" + std::to_string(line.number) + ": " + what);
        };
        const std::vector<std::string> form = folded(line.form), standard = folded(line.standard);
        if (form == standard) problem("«" + std::string(line.form) + "» is its own bokmål");
        else if (!forms.insert(form).second) problem("«" + std::string(line.form) + "» is given twice");
        else if (standards.contains(form))
            problem("«" + std::string(line.form) + "» is the bokmål of another line, so it would be read twice");
    }
    return problems;
}

}  // namespace planbot::commands
