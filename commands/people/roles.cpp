// See roles.hpp.
#include "commands/people/roles.hpp"

#include <algorithm>
#include <tuple>

#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands {

namespace {

using config::Scope;

// The committee-scoped role whose holders the committees' leader titles name
// ("Faglig leder" = utvalgsleder/fagligpolitisk).
constexpr std::string_view kCommitteeLeaderRole = "utvalgsleder";

// "oe" is how ø is typed without a Norwegian keyboard (fold() already turns ø into "o"
// and "aa" into "a"), and nynorsk "leiar" is bokmål "leder" ("fylkesleiar").
std::string normalised(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (size_t i = 0; i < word.size(); ++i) {
        if (word.substr(i).starts_with("leiar")) {
            out += "leder";
            i += 4;
            continue;
        }
        out += word[i];
        if (word[i] == 'o' && i + 1 < word.size() && word[i + 1] == 'e') ++i;
    }
    return out;
}

// Indefinite, definite and plural endings: "leder", "lederen", "ledere", "lederne";
// "gruppe", "gruppa"; "styre", "styret", "styrene".
constexpr std::string_view kEndings[] = {"", "e", "a", "t", "n", "en", "et", "er", "ne", "ene", "ere", "erne", "ar", "ane"};
constexpr size_t kShortestStem = 4;

enum class WordMatch { none, fuzzy, exact };

WordMatch word_match(const std::string& typed, const std::string& target) {
    if (typed == target) return WordMatch::exact;
    // One typo in a long word ("fylkessekretar").
    const size_t longer = std::max(typed.size(), target.size()), shorter = std::min(typed.size(), target.size());
    if (shorter >= 7 && longer - shorter <= 1 && within_one_edit(typed, target)) return WordMatch::fuzzy;
    // Endings: a shared stem of at least four letters.
    if (shorter < kShortestStem || typed.compare(0, kShortestStem, target, 0, kShortestStem) != 0)
        return WordMatch::none;
    for (std::string_view typed_ending : kEndings) {
        if (!typed.ends_with(typed_ending) || typed.size() - typed_ending.size() < kShortestStem) continue;
        std::string_view stem = std::string_view(typed).substr(0, typed.size() - typed_ending.size());
        for (std::string_view target_ending : kEndings)
            if (target.size() == stem.size() + target_ending.size() && target.starts_with(stem) &&
                target.ends_with(target_ending))
                return WordMatch::fuzzy;
    }
    return WordMatch::none;
}

using Phrase = NamePhrase;

std::vector<std::string> phrase_words(std::string_view text) {
    std::vector<std::string> out = words(text);
    for (std::string& word : out) word = normalised(word);
    return out;
}

void add_phrase(std::vector<Phrase>& phrases, std::string_view text, std::string value, std::string unit = "") {
    std::vector<std::string> found = phrase_words(text);
    if (found.empty()) return;
    phrases.push_back({std::move(found), std::move(value), std::move(unit)});
}

// A name and its variants: as written, without a parenthesis ("SU (Sosialistisk
// Ungdom)"), and an id's hyphens as spaces ("valgkamputvalg-sor").
void add_name(std::vector<Phrase>& phrases, std::string_view text, const std::string& value,
              const std::string& unit = "") {
    add_phrase(phrases, text, value, unit);
    if (auto paren = text.find('('); paren != std::string_view::npos) add_phrase(phrases, text.substr(0, paren), value, unit);
    if (text.find('-') != std::string_view::npos) {
        std::string spaced(text);
        std::ranges::replace(spaced, '-', ' ');
        add_phrase(phrases, spaced, value, unit);
    }
}

struct Match {
    const Phrase* phrase = nullptr;
    size_t words = 0;
    size_t exact = 0;
};

// The longest phrase at the start of `typed` (then the one with most exact words,
// then the first).
Match best_match(const std::vector<Phrase>& phrases, const std::vector<std::string>& typed) {
    Match best;
    for (const Phrase& phrase : phrases) {
        if (phrase.words.size() > typed.size()) continue;
        size_t exact = 0;
        bool matched = true;
        for (size_t i = 0; i < phrase.words.size() && matched; ++i) {
            WordMatch match = word_match(typed[i], phrase.words[i]);
            matched = match != WordMatch::none;
            exact += match == WordMatch::exact;
        }
        if (!matched) continue;
        if (phrase.words.size() > best.words || (phrase.words.size() == best.words && exact > best.exact))
            best = {&phrase, phrase.words.size(), exact};
    }
    return best;
}

std::vector<Phrase> unit_phrases(const config::Plan& plan, Scope scope) {
    std::vector<Phrase> phrases;
    switch (scope) {
        case Scope::none:
            break;
        case Scope::region:
            for (const config::Region& region : plan.regions) {
                add_name(phrases, region.id, region.id);
                add_name(phrases, region.name, region.id);
            }
            break;
        case Scope::committee:
            for (const config::Committee& committee : plan.committees) {
                add_name(phrases, committee.id, committee.id);
                add_name(phrases, committee.name, committee.id);
                // "faglig" from "Faglig leder"
                std::vector<std::string> title = phrase_words(committee.leader_title);
                if (title.size() > 1 && title.back() == "leder") {
                    title.pop_back();
                    phrases.push_back({title, committee.id, ""});
                }
            }
            break;
        case Scope::lokallag:
        case Scope::municipality:
            for (const std::string& name : units_of(plan, scope)) add_name(phrases, name, name);
            break;
    }
    return phrases;
}

std::vector<Phrase> role_phrases(const config::Plan& plan) {
    std::vector<Phrase> phrases;
    for (const config::Role& role : plan.roles) {
        add_name(phrases, role.id, role.id);
        add_name(phrases, role.name, role.id);
        for (const std::string& alias : role.aliases) add_name(phrases, alias, role.id);
    }
    if (plan.find_role(kCommitteeLeaderRole) != nullptr)
        for (const config::Committee& committee : plan.committees)
            if (!committee.leader_title.empty())
                add_name(phrases, committee.leader_title, std::string(kCommitteeLeaderRole), committee.id);
    return phrases;
}

}  // namespace

RoleNames build_role_names(const config::Plan& plan) { return {role_phrases(plan)}; }

std::optional<RoleRead> read_role(const config::Plan& plan, const std::vector<std::string>& words,
                                  const RoleNames* names) {
    std::vector<std::string> typed;
    typed.reserve(words.size());
    for (const std::string& word : words) typed.push_back(normalised(word));

    std::vector<Phrase> built;
    if (names == nullptr) built = role_phrases(plan);
    Match match = best_match(names ? names->phrases : built, typed);
    if (match.phrase == nullptr) return std::nullopt;
    RoleRead read{{match.phrase->value, match.phrase->unit}, match.words};

    // A scoped role may be followed by its unit: "regionleder (i) Innherred".
    const config::Role* role = plan.find_role(read.role.role_id);
    if (role == nullptr || role->scope == Scope::none || !read.role.unit.empty()) return read;
    size_t next = match.words;
    if (next < words.size() && is_one_of(words[next], {"i", "for", "pa", "fra"})) ++next;
    if (auto unit = read_unit(plan, role->scope, std::vector<std::string>(words.begin() + next, words.end()))) {
        read.role.unit = unit->first;
        read.words = next + unit->second;
    }
    return read;
}

std::optional<std::pair<std::string, size_t>> read_unit(const config::Plan& plan, Scope scope,
                                                        const std::vector<std::string>& words) {
    std::vector<std::string> typed;
    typed.reserve(words.size());
    for (const std::string& word : words) typed.push_back(normalised(word));
    const std::vector<Phrase> phrases = unit_phrases(plan, scope);
    Match match = best_match(phrases, typed);
    if (match.phrase == nullptr) return std::nullopt;
    return std::pair{match.phrase->value, match.words};
}

UnitGuess closest_units(const config::Plan& plan, Scope scope, const std::vector<std::string>& words) {
    struct Near {
        int distance;
        size_t order;
        const Phrase* phrase;
    };
    const std::vector<Phrase> phrases = unit_phrases(plan, scope);
    std::vector<Near> near;
    for (size_t order = 0; order < phrases.size(); ++order) {
        const Phrase& phrase = phrases[order];
        if (phrase.words.size() > words.size()) continue;
        std::string typed, name;
        for (size_t i = 0; i < phrase.words.size(); ++i) {
            typed += (i ? " " : "") + normalised(words[i]);
            name += (i ? " " : "") + phrase.words[i];
        }
        // One slip in a short name, two in a long one; or the start of a name ("trondh").
        const int allowed = typed.size() >= 8 ? 2 : typed.size() >= 4 ? 1 : 0;
        int distance = edit_distance(typed, name);
        if (distance > allowed && typed.size() >= 4 && name.starts_with(typed)) distance = allowed;
        if (distance <= allowed) near.push_back({distance, order, &phrase});
    }
    std::ranges::sort(near, [](const Near& a, const Near& b) {
        return std::tie(a.distance, a.order) < std::tie(b.distance, b.order);
    });
    UnitGuess guess;
    for (const Near& candidate : near) {
        if (guess.units.size() == 3) break;
        if (std::ranges::find(guess.units, candidate.phrase->value) != guess.units.end()) continue;
        if (guess.units.empty()) guess.words = candidate.phrase->words.size();
        guess.units.push_back(candidate.phrase->value);
    }
    return guess;
}

std::string unknown_unit(const config::Plan& plan, Scope scope, std::string_view typed, const UnitGuess& guess,
                         std::string_view before, std::string_view after) {
    std::vector<std::string> names;
    for (const std::string& unit : guess.units.empty() ? units_of(plan, scope) : guess.units)
        names.push_back(unit_name(plan, scope, unit));
    if (names.empty()) return "Jeg skjønte ikke " + detail::quoted(typed) + ".";
    const std::string_view kind = scope == Scope::region      ? "en region"
                                  : scope == Scope::committee ? "et utvalg"
                                  : scope == Scope::lokallag  ? "et lokallag"
                                                              : "en kommune";
    std::string text = detail::quoted(typed) + " er ikke " + std::string(kind) + " jeg kjenner.";
    if (!guess.units.empty())
        text += " Mente du " + detail::join_list(names, " eller ") + "?";
    else if (scope == Scope::region)
        text += " Regionene er " + detail::join_list(names) + ".";
    else if (scope == Scope::committee)
        text += " Utvalgene er " + detail::join_list(names) + ".";
    return text + " Skriv for eksempel «" + std::string(before) + " " + names.front() + std::string(after) + "».";
}

std::string role_label(const config::Plan& plan, const config::RoleRef& role) {
    const config::Role* known = plan.find_role(role.role_id);
    if (known == nullptr) return capitalise(role.role_id) + (role.unit.empty() ? "" : " " + role.unit);
    if (role.unit.empty()) return known->name;
    if (known->scope == Scope::committee && known->id == kCommitteeLeaderRole)
        for (const config::Committee& committee : plan.committees)
            if (committee.id == role.unit && !committee.leader_title.empty()) return committee.leader_title;
    return known->name + " " + unit_name(plan, known->scope, role.unit);
}

std::string role_in_command(const config::Plan& plan, const config::RoleRef& role) {
    const config::Role* known = plan.find_role(role.role_id);
    if (known == nullptr || role.unit.empty()) return role.role_id;
    if (known->scope == Scope::committee && known->id == kCommitteeLeaderRole) {
        std::string label = role_label(plan, role);  // "Faglig leder"
        if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
        return label;
    }
    return role.role_id + " " + unit_name(plan, known->scope, role.unit);
}

std::vector<std::string> units_of(const config::Plan& plan, config::Scope scope) {
    std::vector<std::string> out;
    switch (scope) {
        case config::Scope::none:
            break;
        case config::Scope::region:
            for (const config::Region& region : plan.regions) out.push_back(region.id);
            break;
        case config::Scope::committee:
            for (const config::Committee& committee : plan.committees) out.push_back(committee.id);
            break;
        case config::Scope::lokallag:
            // The plan lists no local chapters of its own (the organisation has 29), so a
            // chapter is a municipality of a region, named as in the plan.
            for (const config::Region& region : plan.regions)
                for (const std::string& municipality : region.municipalities)
                    if (std::ranges::find(out, municipality) == out.end()) out.push_back(municipality);
            break;
        case config::Scope::municipality:
            for (const config::Region& region : plan.regions)
                for (const std::string& municipality : region.municipalities)
                    if (std::ranges::find(out, municipality) == out.end()) out.push_back(municipality);
            for (const std::string& municipality : plan.other_municipalities)
                if (std::ranges::find(out, municipality) == out.end()) out.push_back(municipality);
            break;
    }
    return out;
}

std::string unit_name(const config::Plan& plan, config::Scope scope, std::string_view unit) {
    if (scope == config::Scope::region)
        for (const config::Region& region : plan.regions)
            if (region.id == unit) return region.name;
    if (scope == config::Scope::committee)
        for (const config::Committee& committee : plan.committees)
            if (committee.id == unit) return committee.name;
    return std::string(unit);
}

}  // namespace planbot::commands
