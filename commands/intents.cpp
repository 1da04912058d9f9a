// See intents.hpp. The table is kIntents below; everything else reads it.
#include "commands/intents.hpp"

#include <algorithm>

#include "commands/language/norwegian.hpp"
#include "commands/people/role_questions.hpp"
#include "commands/router.hpp"
#include "commands/wheel/wheel_questions.hpp"

namespace planbot::commands {

namespace {

// What an intent reads besides its signals.
struct Reading {
    int number = 0;
    config::RoleRef role;
};

// Where in the words the reading was found.
struct Slot {
    size_t first = 0;
    size_t count = 0;
    Reading reading;
};

using SlotReader = std::optional<Slot> (*)(const Context&, const std::vector<std::string>&);
using IntentAnswer = std::string (*)(const Event&, const Context&, const Reading&);
using Phrase = std::vector<std::string_view>;  // folded words in a row

struct Intent {
    std::string_view name;
    std::vector<Phrase> signals;           // at least one must occur; none: the slot is enough
    SlotReader slot = nullptr;             // null: nothing to read
    std::vector<std::string_view> also{};  // other words the message may have
    IntentAnswer answer = nullptr;
};

// Words any message may add without changing what it asks.
constexpr std::string_view kSoftWords[] = {"egentlig", "egentleg", "na", "no", "da", "sa", "forresten", "liksom",
                                           "lissom", "vel", "igjen", "planbot", "bot", "hei", "hallo", "heisann",
                                           "please", "pls", "plz", "du", "dere", "ja", "ok", "okei"};

// One tiltak number (1–999, not a year), and nothing else that is a number.
std::optional<Slot> read_number(const Context&, const std::vector<std::string>& words) {
    std::optional<Slot> found;
    for (size_t at = 0; at < words.size(); ++at) {
        const std::optional<int> number = as_number(words[at]);
        if (!number) continue;
        if (found || *number < 1 || *number > 999) return std::nullopt;
        found = Slot{at, 1, {*number, {}}};
    }
    return found;
}

std::optional<Slot> read_role_slot(const Context& context, const std::vector<std::string>& words) {
    auto found = find_role_in(context.plan, words, context.role_names);
    if (!found) return std::nullopt;
    return Slot{found->first, found->count, {0, found->role}};
}

std::string answer_greeting(const Event& event, const Context&, const Reading&) { return greeting_text(event); }

std::string answer_thanks(const Event&, const Context&, const Reading&) {
    return "Bare hyggelig! Spør igjen når du lurer på noe.";
}

std::string answer_help(const Event&, const Context& context, const Reading&) { return help_text(context); }

std::string answer_tiltak(const Event&, const Context& context, const Reading& reading) {
    // answer_who with a number: the tiltak (or /ny task), its ansvarlig and next deadline,
    // or that there is no such number.
    return answer_who(context, {std::to_string(reading.number)}).value_or("");
}

std::string answer_holders(const Event&, const Context& context, const Reading& reading) {
    return role_holders_text(context, reading.role);
}

std::string answer_duties(const Event&, const Context& context, const Reading& reading) {
    return answer_role_duties(context, reading.role);
}

// The table. Signals and words are folded (æ → ae, ø → o, å → a); a signal word of five
// letters or more is also taken with one typo («hjlep», «takker»).
const std::vector<Intent>& intents() {
    static const std::vector<Intent> table = {
        {.name = "thanks",
         .signals = {{"takk"}, {"takker"}, {"takka"}, {"tak"}, {"tnx"}, {"thanks"}, {"thx"}},
         .also = {"tusen", "mange", "for", "hjelpa", "hjelpen", "hjelp", "svaret", "svar", "info", "infoen", "skal",
                  "ha", "mye", "masse", "flott", "supert", "fint", "bra", "kjempebra", "topp", "perfekt", "greit",
                  "deg", "dae", "den", "det", "var", "va", "nyttig", "veldig", "snill", "skjonner", "forstar", "nei"},
         .answer = answer_thanks},
        {.name = "greeting",
         .signals = {{"god", "morgen"}, {"god", "dag"}, {"god", "kveld"}, {"god", "ettermiddag"}, {"hei"},
                     {"heisann"}, {"hallo"}, {"halla"}, {"hallais"}, {"hoi"}, {"heia"}, {"hey"}, {"hi"}, {"hello"},
                     {"morn"}, {"morna"}, {"godmorgen"}, {"goddag"}, {"godkveld"}, {"heihei"}, {"yo"}},
         .also = {"alle", "sammen", "folkens", "godt", "nytt", "ar", "og", "der", "deg", "dae", "pa"},
         .answer = answer_greeting},
        {.name = "help",
         .signals = {{"hva", "kan", "du"}, {"ka", "kan", "du"}, {"kva", "kan", "du"}, {"hvordan", "bruker"},
                     {"hvordan", "bruke"}, {"korleis", "bruker"}, {"korleis", "bruke"}, {"kossen", "bruke"},
                     {"koss", "bruke"}, {"hvordan", "funker"}, {"hvordan", "virker"}, {"korleis", "fungerer"},
                     {"hvordan", "fungerer"}, {"hva", "kan", "jeg", "spor"}, {"hva", "kan", "jeg", "sporre"},
                     {"kva", "kan", "eg", "sporje"}, {"hva", "gjor", "du"}, {"ka", "gjor", "du"}, {"hvem", "er", "du"},
                     {"hjelp"}, {"help"}, {"hjelpe"}, {"hjalp"}, {"kommandoer"}, {"kommandoane"}, {"meny"},
                     {"menyen"}, {"start"}},
         .also = {"meg", "mae", "deg", "dae", "jeg", "eg", "ae", "kan", "med", "om", "noe", "noko", "gjore", "i",
                  "det", "a", "til", "man", "en", "hva", "ka", "kva", "sporre", "spor", "denne", "dette", "trenger",
                  "treng", "er", "litt", "vil", "kunne", "bruke", "bruker", "for"},
         .answer = answer_help},
        {.name = "tiltak by number",
         .signals = {{"tiltak"}, {"tiltaket"}, {"nr"}, {"nummer"}, {"punkt"}},
         .slot = read_number,
         .also = {"hva", "ka", "kva", "hvad", "er", "e", "va", "om", "fortell", "fortelle", "si", "meg", "mae", "litt",
                  "mer", "info", "handler", "gar", "ut", "pa", "sjekk", "vis", "hvem", "har", "ansvar", "ansvaret",
                  "ansvarlig", "for", "nar", "frist", "fristen", "neste", "det", "kan", "med", "der", "gjelder", "og",
                  "i", "planen", "mener", "mente", "var", "sa", "nr"},
         .answer = answer_tiltak},
        // A number alone, «12?», «hva er 12»: the answer to «Mente du nr. 9 … eller nr. 10 …?».
        // Not with «når» («når er 1» may be a date), which needs «nr»/«tiltak» above.
        {.name = "a bare number",
         .signals = {},
         .slot = read_number,
         .also = {"hva", "ka", "kva", "hvad", "er", "e", "va", "om", "fortell", "fortelle", "si", "meg", "mae", "litt",
                  "mer", "info", "handler", "gar", "ut", "pa", "sjekk", "vis", "hvem", "har", "ansvar", "ansvaret",
                  "ansvarlig", "for", "det", "med", "mener", "den", "sa", "mente"},
         .answer = answer_tiltak},
        {.name = "who holds a role",
         .signals = {{"hvem"}, {"kven"}, {"kem"}, {"kaem"}, {"hvemm"}, {"kenn"}},
         .slot = read_role_slot,
         .also = {"er", "e", "va", "var", "sitter", "sit", "sitt", "sett", "i", "pa", "som", "rollen", "rolla", "har",
                  "med", "vart", "vare", "for", "tida", "tiden", "akkurat", "av", "valgt", "til", "nye", "hos", "oss",
                  "vi", "me", "nye", "dokker", "dykk"},
         .answer = answer_holders},
        {.name = "what a role does",
         .signals = {{"holder", "pa"}, {"gjor"}, {"gjore"}, {"gjer"}, {"gjere"}, {"driver"}, {"jobber"},
                     {"oppgaver"}, {"oppgavene"}, {"oppgavane"}, {"ansvar"}, {"ansvaret"}, {"ansvarlig"},
                     {"ansvarleg"}},
         .slot = read_role_slot,
         .also = {"hva", "ka", "kva", "hvilke", "kolles", "skal", "ska", "ma", "mo", "er", "e", "har", "til", "sine",
                  "sin", "sitt", "som", "med", "i", "pa", "for", "hos", "planen", "ifolge", "slags", "noe", "noko",
                  "nokka", "egentlig", "gjore", "gjere"},
         .answer = answer_duties},
    };
    return table;
}

bool signal_word_matches(std::string_view typed, std::string_view signal) {
    if (typed == signal) return true;
    return signal.size() >= 5 && typed.size() >= 4 && within_one_edit(typed, signal);
}

// Marks the words each occurrence of a signal covers; true when one occurred.
bool mark_signals(const std::vector<Phrase>& signals, const std::vector<std::string>& words, std::vector<bool>& used) {
    bool found = false;
    for (size_t at = 0; at < words.size(); ++at) {
        for (const Phrase& phrase : signals) {
            if (at + phrase.size() > words.size()) continue;
            bool match = true;
            for (size_t k = 0; k < phrase.size() && match; ++k)
                match = !used[at + k] && signal_word_matches(words[at + k], phrase[k]);
            if (!match) continue;
            std::fill_n(used.begin() + static_cast<long>(at), phrase.size(), true);
            found = true;
            at += phrase.size() - 1;
            break;
        }
    }
    return found;
}

bool allowed(const Intent& intent, std::string_view word) {
    return std::ranges::find(intent.also, word) != intent.also.end() ||
           std::ranges::find(kSoftWords, word) != std::end(kSoftWords);
}

// What each slot reader found in one message, so two rows reading a role read it once.
using SlotsRead = std::vector<std::pair<SlotReader, std::optional<Slot>>>;

const std::optional<Slot>& read_slot(SlotReader reader, const Context& context, const std::vector<std::string>& words,
                                     SlotsRead& read) {
    for (const auto& [known, slot] : read)
        if (known == reader) return slot;
    return read.emplace_back(reader, reader(context, words)).second;
}

// The intent's reading when every word is a signal, its slot, or a word it allows.
std::optional<Reading> read_intent(const Intent& intent, const Context& context, const std::vector<std::string>& words,
                                   SlotsRead& slots_read) {
    std::vector<bool> used(words.size(), false);
    // The signals first: they are cheap, and reading a slot (a role) is not.
    std::vector<bool> signalled = used;
    if (!intent.signals.empty() && !mark_signals(intent.signals, words, signalled)) return std::nullopt;
    Reading reading;
    if (intent.slot) {
        const std::optional<Slot>& slot = read_slot(intent.slot, context, words, slots_read);
        if (!slot) return std::nullopt;
        std::fill_n(used.begin() + static_cast<long>(slot->first), slot->count, true);
        reading = slot->reading;
    }
    if (!mark_signals(intent.signals, words, used) && !intent.signals.empty()) return std::nullopt;
    for (size_t i = 0; i < words.size(); ++i)
        if (!used[i] && !allowed(intent, words[i])) return std::nullopt;
    return reading;
}

}  // namespace

std::optional<std::string> answer_intent(const Event& event, const Context& context,
                                         const std::vector<std::string>& words) {
    if (words.empty()) return std::nullopt;
    SlotsRead slots_read;
    for (const Intent& intent : intents())
        if (std::optional<Reading> reading = read_intent(intent, context, words, slots_read))
            return intent.answer(event, context, *reading);
    return std::nullopt;
}

std::string greeting_text(const Event& event) {
    if (event.chat_kind == ChatKind::group)
        return "Hei! Spør meg om arbeidsplanen, for eksempel «hva skjer i mai» eller «hvem er kasserer». Skriv «hjelp» "
               "for mer.";
    return "Hei! Jeg er planbot og svarer på spørsmål om arbeidsplanen, for eksempel «hva skjer i mai», «hvem har "
           "ansvar for partiskatt», «hvem er kasserer» eller «tiltak 12». Skriv «hjelp» for alt jeg kan.";
}

}  // namespace planbot::commands
