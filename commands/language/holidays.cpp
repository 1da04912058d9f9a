// See holidays.hpp. The named times are data: one row per time (how it is anchored and
// which days it covers) and one row per word that names it.
#include "commands/language/holidays.hpp"

#include <array>

#include "commands/language/norwegian.hpp"
#include "commands/language/public_holidays.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;

enum class Anchor { fixed, easter, election, weeks };

// One named time. fixed: from_month/from_day to to_month/to_day (day 0 = the month's
// last day), the first day in the occurrence year + year_offset, and a last day before
// the first in the year after. easter: from/to as days from Easter Sunday.
struct Definition {
    std::string_view label;
    Anchor anchor = Anchor::fixed;
    int from_month = 0, from_day = 0, to_month = 0, to_day = 0;
    int year_offset = 0;
    Election election = Election::any;
};

constexpr Definition fixed(std::string_view label, int fm, int fd, int tm, int td, int year_offset = 0) {
    return {label, Anchor::fixed, fm, fd, tm, td, year_offset, Election::any};
}
constexpr Definition easter(std::string_view label, int from, int to) {
    return {label, Anchor::easter, 0, from, 0, to, 0, Election::any};
}
constexpr Definition election(std::string_view label, Election which) {
    return {label, Anchor::election, 0, 0, 0, 0, 0, which};
}
// ISO weeks from_day to to_day of the year (public_holidays.hpp's fellesferie).
constexpr Definition weeks(std::string_view label, int first_week, int last_week) {
    return {label, Anchor::weeks, 0, first_week, 0, last_week, 0, Election::any};
}

enum Id : size_t {
    kPaske, kPinse, kJul, kRomjul, kNyttar, kVar, kSommer, kHost, kVinter, kValg, kStortingsvalg, kLokalvalg,
    kPalmesondag, kSkjaertorsdag, kLangfredag, kPaskeaften, kPaskedag, kAndrePaskedag, kHimmelfart, kPinseaften,
    kPinsedag, kAndrePinsedag, kJulaften, kJuledag, kAndreJuledag, kNyttarsaften, kNyttarsdag, kGrunnlovsdag,
    kSankthans, kFellesferie, kCount
};

constexpr std::array<Definition, kCount> kDefinitions = {
    easter("påsken", -7, 1),
    easter("pinsen", 48, 50),
    fixed("jula", 12, 24, 1, 1),
    fixed("romjula", 12, 27, 12, 30),
    fixed("nyttår", 12, 31, 1, 1),
    fixed("våren", 3, 1, 5, 0),
    fixed("sommeren", 6, 1, 8, 0),
    fixed("høsten", 9, 1, 11, 0),
    fixed("vinteren", 12, 1, 2, 0, -1),
    election("valget", Election::any),
    election("stortingsvalget", Election::storting),
    election("kommune- og fylkestingsvalget", Election::local),
    easter("palmesøndag", -7, -7),
    easter("skjærtorsdag", -3, -3),
    easter("langfredag", -2, -2),
    easter("påskeaften", -1, -1),
    easter("1. påskedag", 0, 0),
    easter("2. påskedag", 1, 1),
    easter("Kristi himmelfartsdag", 39, 39),
    easter("pinseaften", 48, 48),
    easter("1. pinsedag", 49, 49),
    easter("2. pinsedag", 50, 50),
    fixed("julaften", 12, 24, 12, 24),
    fixed("1. juledag", 12, 25, 12, 25),
    fixed("2. juledag", 12, 26, 12, 26),
    fixed("nyttårsaften", 12, 31, 12, 31),
    fixed("nyttårsdag", 1, 1, 1, 1),
    fixed("grunnlovsdagen", 5, 17, 5, 17),
    fixed("sankthansaften", 6, 23, 6, 23),
    weeks("fellesferien", kFellesferieFirstWeek, kFellesferieLastWeek),
};

struct Word {
    std::string_view word;
    Id id;
};

// Folded words (æ→ae, ø→o, å→a): bokmål, nynorsk, Trøndelag forms and compounds.
constexpr Word kWords[] = {
    {"paske", kPaske}, {"paska", kPaske}, {"pasken", kPaske}, {"paskeferien", kPaske}, {"paskeferie", kPaske},
    {"paskehelga", kPaske}, {"paskehelgen", kPaske}, {"paskeuka", kPaske}, {"paskeuken", kPaske}, {"paskeveka", kPaske},
    {"pinse", kPinse}, {"pinsen", kPinse}, {"pinsa", kPinse}, {"pinsehelga", kPinse}, {"pinsehelgen", kPinse},
    {"kvitsun", kPinse}, {"kvitsunn", kPinse}, {"kvitasunn", kPinse},
    {"jul", kJul}, {"jula", kJul}, {"julen", kJul}, {"jol", kJul}, {"jola", kJul}, {"jolen", kJul},
    {"julehelga", kJul}, {"julehelgen", kJul}, {"juleferien", kJul}, {"juleferie", kJul}, {"julehoytiden", kJul},
    {"romjul", kRomjul}, {"romjula", kRomjul}, {"romjulen", kRomjul}, {"romjuli", kRomjul}, {"romjola", kRomjul},
    {"nyttar", kNyttar}, {"nyttaret", kNyttar}, {"nyttarshelga", kNyttar}, {"nyttarshelgen", kNyttar},
    {"var", kVar}, {"varen", kVar}, {"varn", kVar},
    {"sommer", kSommer}, {"sommeren", kSommer}, {"sommern", kSommer}, {"sommar", kSommer}, {"sommaren", kSommer},
    {"sommarn", kSommer}, {"sommerferien", kSommer}, {"sommarferien", kSommer}, {"sommerferie", kSommer},
    {"host", kHost}, {"hosten", kHost}, {"haust", kHost}, {"hausten", kHost}, {"hostn", kHost},
    {"vinter", kVinter}, {"vinteren", kVinter}, {"vintern", kVinter}, {"vintar", kVinter}, {"vintaren", kVinter},
    {"valget", kValg}, {"valet", kValg}, {"valgdagen", kValg}, {"valgdag", kValg}, {"valdagen", kValg},
    {"stortingsvalget", kStortingsvalg}, {"stortingsvalg", kStortingsvalg}, {"stortingsvalet", kStortingsvalg},
    {"kommunevalget", kLokalvalg}, {"kommunevalg", kLokalvalg}, {"kommunevalet", kLokalvalg},
    {"lokalvalget", kLokalvalg}, {"lokalvalg", kLokalvalg}, {"fylkestingsvalget", kLokalvalg},
    {"fylkestingsvalg", kLokalvalg}, {"fylkestingsvalet", kLokalvalg},
    {"palmesondag", kPalmesondag}, {"palmesundag", kPalmesondag},
    {"skjaertorsdag", kSkjaertorsdag}, {"skjaertorsda", kSkjaertorsdag},
    {"langfredag", kLangfredag}, {"langfreda", kLangfredag},
    {"paskeaften", kPaskeaften}, {"paskeafta", kPaskeaften}, {"paskeaftan", kPaskeaften},
    {"paskedag", kPaskedag}, {"paskedagen", kPaskedag}, {"paskesondag", kPaskedag}, {"paskesundag", kPaskedag},
    {"himmelfart", kHimmelfart}, {"himmelfartsdag", kHimmelfart}, {"himmelfartsdagen", kHimmelfart},
    {"kristihimmelfartsdag", kHimmelfart}, {"kristihimmelfart", kHimmelfart},
    {"pinseaften", kPinseaften}, {"pinseafta", kPinseaften}, {"pinseaftan", kPinseaften},
    {"pinsedag", kPinsedag}, {"pinsedagen", kPinsedag},
    {"julaften", kJulaften}, {"julafta", kJulaften}, {"julaftan", kJulaften}, {"julekveld", kJulaften},
    {"julekvelden", kJulaften}, {"jolaftan", kJulaften}, {"juleaften", kJulaften},
    {"juledag", kJuledag}, {"juledagen", kJuledag},
    {"nyttarsaften", kNyttarsaften}, {"nyttarsafta", kNyttarsaften}, {"nyttarsaftan", kNyttarsaften},
    {"nyttarskveld", kNyttarsaften}, {"nyttarskvelden", kNyttarsaften},
    {"nyttarsdag", kNyttarsdag}, {"nyttarsdagen", kNyttarsdag},
    {"grunnlovsdagen", kGrunnlovsdag}, {"grunnlovsdag", kGrunnlovsdag}, {"nasjonaldagen", kGrunnlovsdag},
    {"syttendemai", kGrunnlovsdag},
    {"sankthans", kSankthans}, {"sankthansaften", kSankthans}, {"sanktehans", kSankthans}, {"sthans", kSankthans},
    {"jonsok", kSankthans}, {"jonsokaften", kSankthans}, {"sankthansafta", kSankthans},
    {"fellesferie", kFellesferie}, {"fellesferien", kFellesferie}, {"fellesferia", kFellesferie},
    {"fellesferiane", kFellesferie}, {"fellesferieukene", kFellesferie}, {"fellesferieukane", kFellesferie},
};

struct Numbered {
    int ordinal;
    std::string_view word;
    Id id;
};
constexpr Numbered kNumbered[] = {
    {1, "juledag", kJuledag},   {2, "juledag", kAndreJuledag},   {1, "paskedag", kPaskedag},
    {2, "paskedag", kAndrePaskedag}, {1, "pinsedag", kPinsedag}, {2, "pinsedag", kAndrePinsedag},
};

year_month_day add_days(year_month_day day, int days) { return date::sys_days(day) + date::days(days); }

year_month_day month_day(int year, int month, int day) {
    const date::year_month ym = date::year(year) / date::month(static_cast<unsigned>(month));
    if (day == 0) return year_month_day(ym / date::last);
    return ym / date::day(static_cast<unsigned>(day));
}

}  // namespace

year_month_day easter_sunday(int year) {
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return month_day(year, month, day);
}

// Storting elections every four years from 2025, local elections in the odd years between.
std::optional<year_month_day> election_day(int year, Election which) {
    const int phase = ((year - 2025) % 4 + 4) % 4;
    const bool held = which == Election::any ? phase % 2 == 0 : phase == (which == Election::storting ? 0 : 2);
    if (!held) return std::nullopt;
    return year_month_day(date::year(year) / date::September / date::Monday[2]);
}

std::optional<NamedTime> lookup_named_time(std::string_view folded_word, bool allow_typo) {
    for (const Word& word : kWords)
        if (word.word == folded_word) return NamedTime{word.id};
    // Never for the elections ("valgte" is a verb), nor in words shorter than 7 letters.
    if (!allow_typo || folded_word.size() < 7) return std::nullopt;
    std::optional<NamedTime> found;
    for (const Word& word : kWords) {
        if (kDefinitions[word.id].anchor == Anchor::election || word.word == folded_word ||
            !within_one_edit(word.word, folded_word))
            continue;
        if (found && found->index != word.id) return std::nullopt;
        found = NamedTime{word.id};
    }
    return found;
}

std::optional<NamedTime> lookup_numbered_day(int ordinal, std::string_view folded_word) {
    for (const Numbered& numbered : kNumbered)
        if (numbered.ordinal == ordinal && (folded_word == numbered.word || folded_word == std::string(numbered.word) + "en"))
            return NamedTime{numbered.id};
    return std::nullopt;
}

bool needs_preposition(NamedTime named) { return named.index == kVar; }

std::optional<NamedDays> named_days(NamedTime named, int year, FerieWeeks ferie) {
    const Definition& definition = kDefinitions.at(named.index);
    switch (definition.anchor) {
        case Anchor::easter: {
            const year_month_day sunday = easter_sunday(year);
            return NamedDays{add_days(sunday, definition.from_day), add_days(sunday, definition.to_day)};
        }
        case Anchor::election: {
            auto day = election_day(year, definition.election);
            if (!day) return std::nullopt;
            return NamedDays{*day, *day};
        }
        case Anchor::weeks: {
            // The fellesferie, the one time of weeks: the caller's weeks (the settings'),
            // whose default is the table's.
            auto span = fellesferie(year, ferie.first, ferie.last);
            if (!span) return std::nullopt;
            return NamedDays{span->first, span->last};
        }
        case Anchor::fixed: break;
    }
    const int first_year = year + definition.year_offset;
    const year_month_day first = month_day(first_year, definition.from_month, definition.from_day);
    year_month_day last = month_day(first_year, definition.to_month, definition.to_day);
    if (last < first) last = month_day(first_year + 1, definition.to_month, definition.to_day);
    return NamedDays{first, last};
}

std::string_view named_label(NamedTime named) { return kDefinitions.at(named.index).label; }

bool is_single_day(NamedTime named) {
    const Definition& definition = kDefinitions.at(named.index);
    if (definition.anchor == Anchor::election) return true;
    if (definition.anchor == Anchor::weeks) return false;
    return definition.from_month == definition.to_month && definition.from_day == definition.to_day;
}

std::string_view named_extent(NamedTime named) {
    switch (named.index) {
        case kPaske: return "palmesøndag – 2. påskedag";
        case kPinse: return "pinseaften – 2. pinsedag";
        case kJul: return "julaften – nyttårsdag";
        case kRomjul: return "dagene mellom 2. juledag og nyttårsaften";
        case kNyttar: return "nyttårsaften – nyttårsdag";
        case kVar: return "mars – mai";
        case kSommer: return "juni – august";
        case kHost: return "september – november";
        case kVinter: return "desember – februar";
        default: return "";
    }
}

}  // namespace planbot::commands
