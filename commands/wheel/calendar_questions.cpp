// See calendar_questions.hpp. The openings are a small table (kOpenings): a row is a
// run of word choices, some optional; what follows the opening must be a time.
#include "commands/wheel/calendar_questions.hpp"

#include <algorithm>
#include <span>

#include "commands/language/dates.hpp"
#include "commands/language/holidays.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/period.hpp"
#include "commands/wheel/wheel_questions.hpp"
#include "commands/work/work_commands.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

constexpr int kComingDays = 14;  // «skjer det noe?» without a time, as «hva skjer?»

// One position of an opening: the folded words that may stand there.
using Words = std::vector<std::string_view>;
struct Choice {
    Words words;
    bool optional = false;
};

bool is_in(std::string_view word, const Words& list) { return std::ranges::find(list, word) != list.end(); }

enum class Asks { anything, own_tasks };

struct Opening {
    Asks asks;
    bool needs_time;  // «har vi noe» alone is too vague to answer
    std::vector<Choice> choices;
};

const Words kSome = {"noe",  "noko", "nokka", "nokke", "noka", "nakka", "noen",
                     "na",   "nan",  "non",   "naen",  "nae",  "no",    "nokon"};
const Words kWe = {"vi", "me", "dokker", "dere", "dokk", "dykk", "oss", "mi"};
const Words kI = {"jeg", "eg", "ae", "e", "je", "jae"};
const Words kIt = {"det", "de", "d", "dae"};
const Words kMust = {"ma", "mo", "skal", "ska", "bor", "burde"};
const Words kDo = {"gjore", "gjor", "gjere", "gjer", "gjora", "ordne", "fikse"};
// Words after the opening that add nothing: «noe spesielt», «noe planlagt», «noe som skjer».
const Words kOn = {"spesielt", "planlagt", "som", "skjer", "skjera", "a", "gjore", "gjere", "gjor"};

const std::vector<Opening>& openings() {
    static const std::vector<Opening> table = {
        // «er det noe jeg må gjøre», «e det nokka æ må gjøre», «er det noko eg skal gjere»
        {Asks::own_tasks, false, {{{"er", "e", "ae", "blir"}}, {kIt}, {kSome}, {kI}, {kMust}, {kDo}}},
        // «har jeg noe å gjøre», «har æ nokka å gjør», «har eg noko»
        {Asks::own_tasks, true, {{{"har", "ha", "hae"}}, {kI}, {kSome}, {{"a"}, true}, {kDo, true}}},
        // «må jeg gjøre noe», «skal eg gjere noko»
        {Asks::own_tasks, false, {{kMust}, {kI}, {kDo}, {kSome}}},
        // «har vi noe», «har me noko på gang», «har dokker nokka planlagt»
        {Asks::anything, true, {{{"har", "ha", "hae"}}, {kWe}, {kSome}}},
        // «skjer det noe», «skjer det nokka», «blir det noko», «skjer noe»
        {Asks::anything, false, {{{"skjer", "skjera", "skjere", "skje", "sjer", "hender", "blir"}}, {kIt, true}, {kSome}}},
        // «er det noe», «e det nokka som skjer», «er det noe på gang»
        {Asks::anything, false, {{{"er", "e", "ae"}}, {kIt}, {kSome}}},
    };
    return table;
}

// Words a message may start with before the opening.
bool is_lead_in(std::string_view word) {
    return is_one_of(word, {"hei", "hallo", "heisann", "planbot", "bot", "forresten", "og", "men", "sa", "du", "lurer",
                            "pa", "jeg", "eg", "ae", "bare", "ja", "ok", "okei", "btw"});
}

// How many words the opening takes at `at`, or nothing.
std::optional<size_t> read_opening(const Opening& opening, std::span<const std::string> words) {
    size_t at = 0;
    for (const Choice& choice : opening.choices) {
        if (at < words.size() && is_in(words[at], choice.words)) ++at;
        else if (!choice.optional) return std::nullopt;
    }
    return at;
}

std::string ask_which_month(const std::vector<int>& candidates) {
    std::string options;
    for (size_t i = 0; i < candidates.size(); ++i)
        options += (i == 0 ? "" : i + 1 == candidates.size() ? " eller " : ", ") + std::string(month_name(candidates[i]));
    return "Mente du " + options + "? Skriv for eksempel «har vi noe i " + std::string(month_name(candidates.front())) +
           "».";
}

// The named time among `words` whose days are `period` («vår» in «når var påska» is
// not spring: its days are not Easter's).
std::optional<NamedTime> named_in(const std::vector<std::string>& words, const Period& period, FerieWeeks ferie) {
    const int year = static_cast<int>(period.first.year());
    for (const std::string& word : words) {
        const std::optional<NamedTime> named = lookup_named_time(word);
        if (!named) continue;
        for (int occurrence = year; occurrence <= year + 1; ++occurrence)
            if (const std::optional<NamedDays> days = named_days(*named, occurrence, ferie);
                days && days->first == period.first && days->last == period.last)
                return named;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> answer_existence(const Event& event, const Context& context,
                                            const std::vector<std::string>& words) {
    size_t start = 0;
    while (start < words.size() && is_lead_in(words[start])) ++start;
    for (const Opening& opening : openings()) {
        for (size_t lead = 0; lead <= start; ++lead) {  // «jeg» may begin the lead-in or the opening
            const std::span<const std::string> rest(words.begin() + static_cast<long>(lead), words.end());
            std::optional<size_t> used = read_opening(opening, rest);
            if (!used) continue;
            size_t time_at = lead + *used;  // the first word after the opening and its filler
            while (time_at < words.size() && (is_in(words[time_at], kOn) ||
                                              (time_at + 1 < words.size() && words[time_at] == "pa" &&
                                               words[time_at + 1] == "gang")))
                time_at += words[time_at] == "pa" ? 2 : 1;
            // The time is read from the text as typed: «før» and «for» fold alike, and
            // dates keep their dots. Words of the opening may be left over, no others.
            const PeriodParse parse =
                parse_period(std::string_view(event.text), local_today(context), ferie_weeks(context));
            const auto in_opening = [&](const std::string& word) {
                return std::ranges::find(words.begin(), words.begin() + static_cast<long>(time_at), word) !=
                       words.begin() + static_cast<long>(time_at);
            };
            if (!std::ranges::all_of(parse.leftover, in_opening)) return std::nullopt;
            if (parse.status == PeriodStatus::ambiguous_month) return ask_which_month(parse.month_candidates);
            if (parse.status == PeriodStatus::none && opening.needs_time) return std::nullopt;
            const Period period = parse.status == PeriodStatus::found
                                      ? parse.period
                                      : coming_days(local_today(context), kComingDays);
            if (opening.asks == Asks::own_tasks) return own_tasks_in(event, context, period);
            return answer_anything_in(context, period);
        }
    }
    return std::nullopt;
}

std::optional<std::string> answer_calendar_date(const Context& context, std::string_view text,
                                                const std::vector<std::string>& words) {
    // «når er», «kor tid er», «hvilken dato er»: the time is what follows.
    size_t at = 0;
    while (at < words.size() && is_one_of(words[at], {"hei", "planbot", "forresten", "men", "og"})) ++at;
    if (at < words.size() && is_one_of(words[at], {"nar", "narr", "nr"})) ++at;
    else if (at + 1 < words.size() && is_one_of(words[at], {"kor", "ka", "kva", "hva", "hvilken", "kaffer"}) &&
             is_one_of(words[at + 1], {"tid", "dato", "dag"}))
        at += 2;
    else
        return std::nullopt;
    const bool past = at < words.size() && is_one_of(words[at], {"var", "va", "vart"});
    if (at < words.size() && is_one_of(words[at], {"er", "e", "ae", "blir", "var", "va", "vart", "kommer"})) ++at;
    std::vector<std::string> rest(words.begin() + static_cast<long>(at), words.end());
    // From the text as typed, so dates in digits are read («når er 31.12»); only the
    // words before the time may be left over.
    const PeriodParse parse = parse_period(text, local_today(context), ferie_weeks(context));
    const auto asked_with = [&](const std::string& word) {
        return std::ranges::find(words.begin(), words.begin() + static_cast<long>(at), word) !=
               words.begin() + static_cast<long>(at);
    };
    if (parse.status != PeriodStatus::found || !std::ranges::all_of(parse.leftover, asked_with)) return std::nullopt;
    Period period = parse.period;
    const std::optional<NamedTime> named = named_in(rest, period, ferie_weeks(context));
    if (past && period.first > local_today(context)) {
        // «når var påska»: the last one, not the next.
        if (!named) return std::nullopt;
        const std::optional<NamedDays> before =
            named_days(*named, static_cast<int>(period.first.year()) - 1, ferie_weeks(context));
        if (!before) return std::nullopt;
        period.first = before->first;
        period.last = before->last;
    }
    const year_month_day today = local_today(context);
    const bool over = period.last < today;
    const std::string year = std::to_string(static_cast<int>(period.first.year()));
    std::string answer;
    if (named && period.first != period.last) {
        const bool two_years = period.first.year() != period.last.year();
        const std::string name = capitalise(named_label(*named)) + " " + year;
        answer = name + (over ? " var " : ": ") + format_day(period.first, false) + " – " +
                 format_day(period.last, two_years);
        if (const std::string_view extent = named_extent(*named); !extent.empty())
            answer += " (" + std::string(extent) + ")";
        answer += ".";
    } else if (named) {
        answer = capitalise(named_label(*named)) + " " + year + (over ? " var " : " er ") +
                 format_day(period.first, false) + ".";
    } else if (period.kind == PeriodKind::day) {
        answer = day_month(period.first) + " " + year + (over ? " var en " : " er en ") +
                 std::string(weekday_name(iso_weekday(period.first))) + ".";
    } else {
        answer = capitalise(period.label) + ".";
    }
    if (named && period.first != period.last)
        answer += "\nSpør «hva skjer i " + std::string(named_label(*named)) + "» for det som skjer i årshjulet da.";
    return answer;
}

}  // namespace planbot::commands
