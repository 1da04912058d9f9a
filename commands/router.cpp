// See router.hpp.
#include "commands/router.hpp"

#include <algorithm>
#include <initializer_list>

#include "commands/matching.hpp"
#include "commands/norwegian.hpp"
#include "commands/period.hpp"
#include "commands/wheel_questions.hpp"

namespace planbot::commands {

namespace {

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::ranges::find(list, word) != list.end();
}

// Drops "@name" mentions and the leading "/" (and "/cmd@name" suffix) of a command,
// so "/hjelp@planbot" and "@planbot hva skjer?" read as "hjelp" and "hva skjer?".
std::string strip_addressing(std::string_view text) {
    std::string out;
    size_t start = 0;
    bool first = true;
    while (start < text.size()) {
        size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view token = text.substr(start, end - start);
        start = end + 1;
        if (token.empty() || token.front() == '@') continue;
        if (first && token.front() == '/') {
            token.remove_prefix(1);
            token = token.substr(0, token.find('@'));
        }
        first = false;
        out += std::string(token) + " ";
    }
    return out;
}

bool is_skjer(std::string_view word) {
    return is_one_of(word, {"skjer", "skjera", "skjere", "skjed", "skjaer", "skje", "sjer", "skjet"});
}

bool is_help(const std::vector<std::string>& w) {
    if (w.empty()) return true;
    if (is_one_of(w[0], {"hjelp", "help", "start", "hjelpe", "hjalp", "kommandoer", "meny"})) return true;
    return w.size() >= 3 && is_one_of(w[0], {"hva", "kva", "ka"}) && w[1] == "kan" && w[2] == "du";
}

bool is_who_question(const std::vector<std::string>& w) {
    bool asks_who = std::ranges::any_of(w, [](const std::string& word) {
        return is_one_of(word, {"hvem", "kven", "kem", "hvemm", "kenn"});
    });
    bool mentions_ansvar = std::ranges::any_of(w, [](const std::string& word) { return word.starts_with("ansvar"); });
    return asks_who && mentions_ansvar;
}

bool is_when_question(const std::vector<std::string>& w) {
    if (w.empty()) return false;
    if (is_one_of(w[0], {"nar", "nr", "narr"})) return true;
    return w.size() >= 2 && is_one_of(w[0], {"kor", "ka", "kva", "hva", "hvilken"}) &&
           is_one_of(w[1], {"tid", "dato", "tidspunkt"});
}

std::string not_understood() {
    return "Det skjønte jeg ikke helt. Prøv for eksempel «hva skjer i mai» eller «når er fylkesårsmøtet?». "
           "Skriv «hjelp» for flere eksempler.";
}

std::string answer_period_question(const std::vector<std::string>& w, const Context& context) {
    PeriodParse parse = parse_period(w, local_today(context));
    if (parse.status == PeriodStatus::ambiguous_month) {
        std::string options;
        for (size_t i = 0; i < parse.month_candidates.size(); ++i)
            options += (i == 0 ? "" : i + 1 == parse.month_candidates.size() ? " eller " : ", ") +
                       std::string(month_name(parse.month_candidates[i]));
        return "Mente du " + options + "? Skriv for eksempel «hva skjer i " +
               std::string(month_name(parse.month_candidates.front())) + "».";
    }
    if (parse.status == PeriodStatus::found) return answer_period(context, parse.period);
    if (parse.leftover.empty()) {
        date::year_month_day today = local_today(context);
        return answer_period(context, month_period(static_cast<int>(today.year()),
                                                   static_cast<int>(static_cast<unsigned>(today.month()))));
    }
    if (auto reply = answer_when(context, topic_words(parse.leftover))) return *reply;
    return "Jeg skjønte ikke hvilken tid du mener. Prøv «hva skjer i mai», «hva skjer neste uke» eller "
           "«hva skjer i dag».";
}

}  // namespace

bool is_open_wheel_question(std::string_view text) {
    std::vector<std::string> w = words(strip_addressing(text));
    return w.size() >= 2 && is_one_of(w[0], {"hva", "kva", "ka", "hvad"}) &&
           (is_skjer(w[1]) || (w.size() >= 3 && w[1] == "som" && is_skjer(w[2])));
}

std::string help_text(const Context& context) {
    const config::Plan& plan = context.plan;
    return "Hei! Jeg er planbot og holder styr på arbeidsplanen til " + plan.organisation + " " +
           std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
           ". Spør meg med vanlige ord, for eksempel:\n"
           "• hva skjer i mai\n"
           "• ka skjer neste uke / i helga / i dag / i morgen\n"
           "• hva skjer i mars 2027 (eller «neste måned», «denne uka»)\n"
           "• når er fylkesårsmøtet?\n"
           "• hvem har ansvar for partiskatt?\n"
           "Bokmål, nynorsk og trøndersk går fint.";
}

std::string answer(std::string_view text, const Context& context) {
    const std::vector<std::string> w = words(strip_addressing(text));
    if (is_help(w)) return help_text(context);
    if (is_who_question(w)) {
        std::vector<std::string> topic = topic_words(w);
        if (topic.empty()) return "Hva vil du vite hvem som har ansvar for? Skriv for eksempel «hvem har ansvar for partiskatt».";
        if (auto reply = answer_who(context, topic)) return *reply;
        return "Jeg fant ikke noe i planen som passer til «" + std::string(text) +
               "». Prøv et annet ord, for eksempel «hvem har ansvar for partiskatt».";
    }
    if (is_when_question(w)) {
        std::vector<std::string> topic = topic_words(w);
        if (auto reply = answer_when(context, topic)) return *reply;
        return "Jeg fant ikke noe i årshjulet som passer. Prøv for eksempel «når er fylkesårsmøtet?» eller "
               "«når er landsmøtet?».";
    }
    if (std::ranges::any_of(w, [](const std::string& word) { return is_skjer(word); }))
        return answer_period_question(w, context);
    // A bare period ("mai", "neste uke") is a wheel question too.
    PeriodParse bare = parse_period(w, local_today(context));
    if (bare.status == PeriodStatus::found && bare.leftover.empty()) return answer_period(context, bare.period);
    return not_understood();
}

Outcome handle(const Event& event, const Context& context) {
    Outcome outcome;
    const bool speak = event.chat_kind == ChatKind::private_chat || event.addressed_to_bot ||
                       is_open_wheel_question(event.text);
    if (speak) outcome.replies.push_back({event.chat_id, answer(event.text, context), event.thread_id});
    return outcome;
}

}  // namespace planbot::commands
