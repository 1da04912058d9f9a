// See stop_words.hpp.
#include "commands/language/stop_words.hpp"

#include <unordered_set>

namespace planbot::commands {

namespace {

// Folded (æ → ae, ø → o, å → a), in bokmål: nynorsk and dialect forms are read as
// bokmål first (word_forms.tsv), so «ikkje» and «itj» are «ikke» here. A word belongs
// here when it can stand in any question whatever its topic; a word that is only rare
// in questions (a month, «møte», «nye») stays out, since some title is about it.
constexpr std::string_view kStopWords[] = {
    // Pronouns and determiners.
    "jeg", "i", "meg", "mi", "min", "mitt", "mine", "du", "deg", "din", "ditt", "dine", "han", "ham", "hun", "den",
    "det", "de", "dem", "di", "dere", "deres", "vi", "oss", "var", "vart", "vare", "sin", "sitt", "sine", "seg",
    "man", "en", "ei", "et", "ett", "noen", "noe", "ingen", "ingenting", "alle", "alt", "hver", "hvert", "selv",
    "denne", "dette", "disse",
    // Prepositions and conjunctions.
    "pa", "av", "for", "fra", "til", "med", "om", "ved", "hos", "mot", "over", "under", "etter", "uten", "gjennom",
    "mellom", "rundt", "innen", "ut", "inn", "opp", "ned", "og", "a", "o", "eller", "men", "at", "som", "sa", "enn",
    "hvis", "dersom", "fordi", "siden",
    // Verbs every question has.
    "er", "vaere", "bli", "blir", "ble", "blitt", "ha", "har", "hadde", "hatt", "skal", "skulle", "kan", "kunne",
    "vil", "ville", "ma", "matte", "bor", "burde", "gjor", "gjore", "gjort", "far", "fa", "fikk", "gar", "ga",
    "gikk", "kommer", "komme", "kom", "tror", "vet", "lurer", "lure", "lurte", "tenker", "tenkte", "mener", "sier",
    "si", "fortell", "fortelle", "forklar", "forklare", "sjekk", "sjekke", "se", "ser", "sag", "svar", "svare",
    "spor", "sporre", "skjer", "skje", "skjedde", "hender", "holdes", "arrangeres", "passer", "passe",
    "trenger", "fikse", "fikser", "ordne", "ordner", "ta", "tar", "sorge", "sorger", "melde", "meld", "melder",
    "meldes", "meldt", "vite",
    // Particles and adverbs.
    "ikke", "ke", "ja", "jo", "nei", "na", "da", "bare", "litt", "lite", "mye", "mer", "mest", "ogsa", "egentlig",
    "faktisk", "igjen", "snart", "alltid", "aldri", "ofte", "kanskje", "vel", "liksom", "forresten", "altsa",
    "visst", "her", "der", "hit", "dit", "sann", "slik", "nok", "enda", "enna", "allerede", "veldig", "ganske",
    "helt", "akkurat", "bra", "greit", "ok", "okei", "okay", "lol", "haha", "hehe", "hmm", "eh", "ehm", "mm", "the",
    // Question words, and their commonest typos.
    "hva", "hvad", "hvilken", "hvilke", "hvilket", "hvem", "hvemm", "nar", "nr", "narr", "hvor", "hvordan",
    "hvorfor",
    // Greetings and the bot's own name, which may open any question.
    "hei", "hallo", "heisann", "hoi", "morn", "takk", "please", "pls", "plz", "planbot", "bot", "boten", "hjelp",
    "hjelpe",
    // Words every question about the plan has: they say what kind of answer is
    // wanted (a date, a name), not which tiltak or event.
    "ansvar", "ansvaret", "ansvarlig", "ansvarlige", "frist", "fristen", "frister", "fristene", "dato", "datoen",
    "tid", "tidspunkt", "neste", "ar", "aret", "arets", "plan", "planen", "arbeidsplanen", "tiltak", "tiltaket",
    "tiltakene", "nummer", "oppgave", "oppgaven", "oppgaver", "oppgavene", "sv", "svs", "trondelag", "trondelags",
};

}  // namespace

bool is_stop_word(std::string_view folded_word) {
    static const std::unordered_set<std::string_view> table(std::begin(kStopWords), std::end(kStopWords));
    return table.contains(folded_word);
}

std::vector<std::string> without_stop_words(const std::vector<std::string>& folded_words) {
    std::vector<std::string> out;
    for (const std::string& word : folded_words)
        if (!is_stop_word(word)) out.push_back(word);
    return out;
}

}  // namespace planbot::commands
