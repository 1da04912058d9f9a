// See stop_words.hpp.
#include "commands/language/stop_words.hpp"

#include <unordered_set>

namespace planbot::commands {

namespace {

// Folded (æ → ae, ø → o, å → a). A word belongs here when it can stand in any question
// whatever its topic; a word that is only rare in questions (a month, «møte», «nye»)
// stays out, since some title is about it.
constexpr std::string_view kStopWords[] = {
    // Pronouns and determiners, bokmål, nynorsk, dialect.
    "jeg", "eg", "ae", "je", "jae", "i", "meg", "mae", "mi", "min", "mitt", "mine", "du", "deg", "dae", "dei", "din",
    "ditt", "dine", "han", "ham", "hun", "hu", "ho", "den", "det", "de", "dem", "daem", "di", "dere", "deres", "dokker",
    "dokk", "dykk", "dykkar", "vi", "me", "oss", "var", "vart", "vare", "sin", "sitt", "sine", "seg", "man", "en",
    "ein", "ei", "et", "ett", "eit", "noen", "noe", "nokon", "noko", "nokka", "nakka", "nokke", "ingen", "ingenting",
    "alle", "alt", "hver", "hvert", "kvar", "selv", "sjol", "sjolv", "denne", "dette", "disse", "desse",
    // Prepositions and conjunctions.
    "pa", "av", "for", "fra", "fraa", "til", "te", "med", "me", "om", "ved", "hos", "mot", "over", "under", "etter",
    "uten", "utan", "gjennom", "mellom", "rundt", "innen", "ut", "inn", "opp", "ned", "og", "a", "o", "eller", "men",
    "at", "som", "sa", "enn", "hvis", "viss", "dersom", "fordi", "siden", "sia",
    // Verbs every question has.
    "er", "e", "va", "vaere", "vere", "bli", "blir", "bi", "ble", "blei", "blitt", "vert", "ha", "har", "hadde",
    "hadd", "hatt", "skal", "ska", "skulle", "sku", "skull", "kan", "kunne", "kunn", "vil", "ville", "vill", "ma",
    "mo", "matte", "bor", "burde", "gjor", "gjore", "gjort", "gjer", "gjere", "gjera", "far", "fa", "fikk", "gar",
    "ga", "gikk", "kommer", "komme", "kom", "kjem", "tror", "trur", "vet", "veit", "vit", "lurer", "lure", "lurte",
    "tenker", "tenkte", "mener", "meiner", "sier", "si", "seie", "fortell", "fortelle", "forklar", "forklare",
    "sjekk", "sjekke", "se", "ser", "sag", "svar", "svare", "spor", "sporre", "vite", "skjer", "skje", "skjedde",
    "hender", "holdes", "arrangeres", "passer", "passe", "trenger", "treng", "fikse", "fikser", "ordne", "ordner",
    "ta", "tar", "tek", "sorge", "sorger",
    // Particles and adverbs.
    "ikke", "ikkje", "itj", "ittj", "ikk", "ke", "ja", "jo", "nei", "na", "no", "da", "bare", "berre", "baere",
    "litt", "lite", "mye", "mykje", "mer", "meir", "mest", "ogsa", "og", "egentlig", "egentleg", "faktisk", "igjen",
    "att", "snart", "alltid", "aldri", "ofte", "kanskje", "vel", "liksom", "lissom", "forresten", "altsa", "visst",
    "her", "der", "hit", "dit", "sann", "slik", "nok", "enda", "enna", "allerede", "allereie", "veldig", "ganske",
    "helt", "heilt", "akkurat", "bra", "greit", "ok", "okei", "okay", "lol", "haha", "hehe", "hmm", "eh", "ehm",
    "mm", "the",
    // Question words.
    "hva", "kva", "ka", "hvad", "kaffer", "hvilken", "hvilke", "hvilket", "kvilken", "kvilke", "kolles", "hvem",
    "kven", "kem", "kaem", "hvemm", "kenn", "nar", "nr", "narr", "kor", "hvor", "hvordan", "korleis", "korsen",
    "kossen", "koss", "hvorfor", "kvifor", "korfor",
    // Greetings and the bot's own name, which may open any question.
    "hei", "hallo", "heisann", "hoi", "morn", "takk", "please", "pls", "plz", "planbot", "bot", "boten", "hjelp",
    "hjelpe",
    // Words every question about the plan has: they say what kind of answer is
    // wanted (a date, a name), not which tiltak or event.
    "ansvar", "ansvaret", "ansvarlig", "ansvarleg", "ansvarlige", "frist", "fristen", "frister", "fristene",
    "fristar", "dato", "datoen", "tid", "tidspunkt", "neste", "ar", "aret", "arets", "plan", "planen",
    "arbeidsplanen", "tiltak", "tiltaket", "tiltaka", "tiltakene", "nummer", "oppgave", "oppgaven", "oppgaver",
    "oppgavene", "sv", "svs", "trondelag", "trondelags",
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
