// See work_commands.hpp (answer_work_question): the natural questions about tasks and
// deadlines ("hva har jeg ansvar for", "hva må kassereren gjøre", "hvilke frister er
// det i juni"), in bokmål, nynorsk and dialect. A question is taken only when its other
// words are ones these know, so the rest fall through to the wheel questions; the
// answer is the listing the matching /oppgaver or /frister would give.
#include "commands/work/work_commands.hpp"

#include "commands/language/norwegian.hpp"
#include "commands/language/period.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands {

using namespace detail;

namespace {

bool is_question_word(std::string_view w) {
    return is_one_of(w, {"hva", "kva", "ka", "hvilke", "hvilken", "hvilket", "kvilke", "kolles", "vis"});
}
bool is_me(std::string_view w) {
    return is_one_of(w, {"jeg", "eg", "ae", "je", "jae", "meg", "mine", "mi", "mitt", "min", "mae"});
}
bool is_task_word(std::string_view w) {
    return is_one_of(w, {"oppgaver", "oppgavene", "oppgave", "oppgaven", "oppgavane", "oppgava", "gjoremal"});
}
bool is_deadline_word(std::string_view w) {
    return is_one_of(w, {"frist", "frister", "fristen", "fristene", "fristar", "fristane", "deadline", "deadlines"});
}
bool is_doing(std::string_view w) {
    return w.starts_with("ansvar") || is_task_word(w) ||
           is_one_of(w, {"gjore", "gjor", "gjere", "gjer", "gjora", "gjoere", "ordne", "fikse"});
}
// Words a task question may have besides its question word, person or role, and doing words.
bool is_task_filler(std::string_view w) {
    return is_one_of(w, {"har", "ma", "mo", "skal", "ska", "bor", "burde", "er", "e", "for", "na", "no", "egentlig",
                         "da", "sa", "i", "dag", "til", "a", "det", "som", "liksom", "vel", "nokka", "noe", "noko",
                         "planbot", "hei", "hallo", "pa", "lista", "listen", "ligger"});
}

// "hva har jeg ansvar for", "hva skal jeg gjøre", "mine oppgaver", "hvilke frister har jeg".
bool asks_for_own_tasks(const std::vector<std::string>& w) {
    const bool me = std::ranges::any_of(w, [](const std::string& x) { return is_me(x); });
    const bool doing =
        std::ranges::any_of(w, [](const std::string& x) { return is_doing(x) || is_deadline_word(x); });
    const bool only_known = std::ranges::all_of(w, [](const std::string& x) {
        return is_question_word(x) || is_me(x) || is_doing(x) || is_deadline_word(x) || is_task_filler(x);
    });
    return me && doing && only_known && (is_question_word(w.front()) || is_me(w.front()) || is_task_word(w.front()));
}

// "hva må kassereren gjøre", "hva har kasserer ansvar for", "hvilke oppgaver har styret".
std::optional<RoleRead> asks_for_role_tasks(const Context& context, const std::vector<std::string>& w,
                                            size_t& role_at) {
    if (w.empty() || !is_question_word(w.front())) return std::nullopt;
    for (size_t at = 1; at < w.size() && at <= 3; ++at) {
        const std::string& before = w[at - 1];
        if (at > 1 && !is_task_filler(before) && !is_task_word(before) && !is_deadline_word(before)) break;
        std::optional<RoleRead> read =
            read_role(context.plan, std::vector<std::string>(w.begin() + static_cast<long>(at), w.end()),
                      context.role_names);
        if (!read) continue;
        std::vector<std::string> after(w.begin() + static_cast<long>(at + read->words), w.end());
        std::vector<std::string> before_words(w.begin(), w.begin() + static_cast<long>(at));
        auto doing = [](const std::string& x) { return is_doing(x) || is_deadline_word(x); };
        const bool asks = std::ranges::any_of(after, doing) || std::ranges::any_of(before_words, doing);
        const bool only_known =
            std::ranges::all_of(after, [&](const std::string& x) { return doing(x) || is_task_filler(x); });
        if (asks && only_known) {
            role_at = at;
            return read;
        }
    }
    return std::nullopt;
}

// "hvilke frister er det i juni", "frister neste uke", "hva er fristene i mai".
std::optional<Outcome> answer_deadline_question(const Event& event, const Context& context,
                                                const std::vector<std::string>& w) {
    if (std::ranges::none_of(w, [](const std::string& x) { return is_deadline_word(x); })) return std::nullopt;
    std::vector<std::string> rest;
    for (const std::string& word : w)
        if (!is_deadline_word(word) && !is_question_word(word) && !is_one_of(word, {"er", "det", "vi", "har", "kommer"}))
            rest.push_back(word);
    const PeriodParse parse = parse_period(rest, local_today(context), ferie_weeks(context));
    if (!parse.leftover.empty()) return std::nullopt;  // "når er fristen for partiskatt": not a listing
    if (parse.status == PeriodStatus::none) return deadlines_for(event, context, std::nullopt, 1, "/frister");
    const std::string typed = join_words(rest);
    if (auto trouble = period_trouble(parse, typed)) return say(event, *trouble);
    return deadlines_for(event, context, parse.period, 1, "/frister " + typed);
}

}  // namespace

std::optional<Outcome> answer_work_question(const Event& event, const Context& context,
                                            const std::vector<std::string>& folded_words) {
    const std::vector<std::string>& w = folded_words;
    if (w.empty()) return std::nullopt;
    if (asks_for_own_tasks(w)) {
        if (context.state == nullptr) return needs_database(event);
        if (!from_person(event)) return say(event, unknown_sender_text());
        return caller_tasks(event, context, 1);
    }
    size_t role_at = 0;
    if (auto role = asks_for_role_tasks(context, w, role_at)) {
        if (context.state == nullptr) return needs_database(event);
        std::vector<std::string> typed(w.begin() + static_cast<long>(role_at),
                                       w.begin() + static_cast<long>(role_at + role->words));
        return role_tasks(event, context, role->role, 1, "/oppgaver " + join_words(typed));
    }
    if (context.state == nullptr) return std::nullopt;
    return answer_deadline_question(event, context, w);
}

}  // namespace planbot::commands
