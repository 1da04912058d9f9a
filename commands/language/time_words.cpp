// See time_words.hpp. Folded forms: æ→ae, ø→o, å→a ("førre" is "forre", "går" is "gar").
#include "commands/language/time_words.hpp"

#include <utility>

#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

template <typename Value, size_t N>
std::optional<Value> find_in(const std::pair<std::string_view, Value> (&table)[N], std::string_view word) {
    for (const auto& [name, value] : table)
        if (name == word) return value;
    return std::nullopt;
}

constexpr std::pair<std::string_view, TimeUnit> kUnits[] = {
    {"dag", TimeUnit::day},         {"dagen", TimeUnit::day},         {"dager", TimeUnit::day},
    {"dagar", TimeUnit::day},       {"dagene", TimeUnit::day},        {"dagane", TimeUnit::day},
    {"dogn", TimeUnit::day},        {"uke", TimeUnit::week},          {"uka", TimeUnit::week},
    {"uken", TimeUnit::week},       {"veke", TimeUnit::week},         {"veka", TimeUnit::week},
    {"vika", TimeUnit::week},       {"uk", TimeUnit::week},           {"uker", TimeUnit::week},
    {"veker", TimeUnit::week},      {"vekene", TimeUnit::week},       {"ukene", TimeUnit::week},
    {"maned", TimeUnit::month},       {"maneden", TimeUnit::month},
    {"manad", TimeUnit::month},     {"manaden", TimeUnit::month},     {"mnd", TimeUnit::month},
    {"manede", TimeUnit::month},    {"maneda", TimeUnit::month},      {"maneder", TimeUnit::month},
    {"manader", TimeUnit::month},   {"manedene", TimeUnit::month},    {"manadene", TimeUnit::month},
    {"helg", TimeUnit::weekend},    {"helga", TimeUnit::weekend},     {"helgen", TimeUnit::weekend},
    {"helgi", TimeUnit::weekend},   {"haelj", TimeUnit::weekend},     {"haelja", TimeUnit::weekend},
    {"helja", TimeUnit::weekend},   {"kvartal", TimeUnit::quarter},   {"kvartalet", TimeUnit::quarter},
    {"kvartaler", TimeUnit::quarter}, {"kvartala", TimeUnit::quarter}, {"halvar", TimeUnit::half_year},
    {"halvaret", TimeUnit::half_year}, {"ar", TimeUnit::year},        {"aret", TimeUnit::year},
    {"aaret", TimeUnit::year},      {"arene", TimeUnit::year},
};

constexpr std::pair<std::string_view, int> kShifts[] = {
    {"neste", 1},       {"nest", 1},         {"naeste", 1},     {"nesta", 1},       {"kommende", 1},
    {"komande", 1},     {"kommanes", 1},     {"kommane", 1},    {"forstkommende", 1}, {"forstkomande", 1},
    {"fyrstkomande", 1}, {"denne", 0},       {"dette", 0},      {"inneverende", 0}, {"innevaerende", 0},
    {"inneverande", 0}, {"den", 0},          {"dinna", 0},      {"detta", 0},       {"hele", 0},
    {"heile", 0},       {"forrige", -1},     {"forige", -1},    {"forrie", -1},     {"forre", -1},
    {"forje", -1},      {"sist", -1},
};

constexpr std::pair<std::string_view, int> kOrdinals[] = {
    {"forste", 1}, {"fyrste", 1}, {"forst", 1}, {"1", 1},     {"andre", 2},  {"annen", 2},
    {"anna", 2},   {"2", 2},      {"tredje", 3}, {"tridje", 3}, {"3", 3},     {"fjerde", 4},
    {"fjorde", 4}, {"4", 4},      {"femte", 5},  {"5", 5},      {"siste", -1}, {"nestsiste", -2},
};

constexpr std::pair<std::string_view, int> kDayOffsets[] = {
    {"dag", 0},        {"kveld", 0},       {"kvell", 0},     {"natt", 0},      {"ettermiddag", 0},
    {"formiddag", 0},  {"morgen", 1},      {"morgon", 1},    {"morra", 1},     {"mora", 1},
    {"mara", 1},       {"marra", 1},       {"overmorgen", 2}, {"overmorgon", 2}, {"overmorra", 2},
    {"overmara", 2},   {"gar", -1},        {"garkveld", -1}, {"forgars", -2},
};

}  // namespace

std::optional<TimeUnit> lookup_time_unit(std::string_view word) { return find_in(kUnits, word); }
std::optional<int> lookup_shift(std::string_view word) { return find_in(kShifts, word); }
std::optional<int> lookup_ordinal(std::string_view word) { return find_in(kOrdinals, word); }
std::optional<int> lookup_day_offset(std::string_view word) { return find_in(kDayOffsets, word); }

bool is_time_filler(std::string_view word) {
    return is_one_of(word, {"pa",     "det",     "som",      "er",       "e",          "skjer",      "skjera",
                            "skjed",  "skjere",  "skje",     "skjet",    "sjer",       "hender",     "hendt",
                            "skjedde", "skjedd", "hendte",
                            "hva",    "kva",     "ka",       "hvad",     "da",         "egentlig",   "sa",
                            "der",    "her",     "for",      "oss",      "vi",         "til",        "og",
                            "med",    "skal",    "foregar",  "planen",   "arshjulet",  "kalenderen", "av",
                            "na",     "no",      "nu",       "planbot",  "fremover",   "framover",   "blir",
                            "mon",    "tro",     "sv",       "trondelag", "hos",       "ut",         "seg",
                            "eller",  "noe",     "noko",     "nokka",    "nokke",      "aktuelt",    "a",
                            "ja",     "hei",     "hallo",    "lurer",    "jeg",        "eg",         "vil",
                            "vite",   "fortell", "meg",      "kan",      "du",         "si",         "dei",
                            "de",     "i",       "lopet",    "ila",      "rundt",      "omkring",    "cirka"});
}

}  // namespace planbot::commands
