// Folding, month names and date wording: the Norwegian the bot reads and writes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "commands/language/norwegian.hpp"

using namespace planbot::commands;

TEST_CASE("folding ignores case, æøå spelling and punctuation") {
    CHECK(fold("Fylkesårsmøtet?") == "fylkesarsmotet ");
    CHECK(fold("FYLKESÅRSMØTET") == "fylkesarsmotet");
    CHECK(fold("fylkesaarsmøtet") == "fylkesarsmotet");
    CHECK(fold("Kvinnedagen 8. mars") == "kvinnedagen 8  mars");
    CHECK(words("Hva skjer i MAI?") == std::vector<std::string>{"hva", "skjer", "i", "mai"});
    CHECK(words("SU-medlemmene 🙂 ok") == std::vector<std::string>{"su-medlemmene", "ok"});
}

TEST_CASE("months are recognised by name, abbreviation and with one typo") {
    const std::pair<const char*, int> known[] = {
        {"januar", 1}, {"jan", 1}, {"feb", 2}, {"mars", 3}, {"mar", 3}, {"apr", 4}, {"mai", 5},
        {"juni", 6},   {"jun", 6}, {"juli", 7}, {"aug", 8},  {"sep", 9}, {"sept", 9}, {"okt", 10},
        {"nov", 11},   {"des", 12}, {"desember", 12},
        // typos: one letter wrong, missing, extra or swapped
        {"mia", 5}, {"mau", 5}, {"febuar", 2}, {"augustt", 8}, {"setpember", 9}, {"oktobre", 10},
        {"desmber", 12}, {"aprill", 4},
    };
    for (const auto& [word, month] : known) {
        INFO(word);
        MonthLookup found = lookup_month(word);
        CHECK((found.match == MonthMatch::exact || found.match == MonthMatch::typo));
        CHECK(found.month == month);
    }
}

TEST_CASE("a typo that fits two months is reported as ambiguous, and short words are not months") {
    MonthLookup jui = lookup_month("jui");
    CHECK(jui.match == MonthMatch::ambiguous);
    CHECK(jui.candidates == std::vector<int>{6, 7});
    CHECK(lookup_month("ma").match == MonthMatch::none);
    CHECK(lookup_month("uke").match == MonthMatch::none);
    CHECK(lookup_month("det").match == MonthMatch::none);
    // Ordinary words one letter from a month are not months: "jul" is Christmas.
    for (const char* word : {"jul", "jula", "mat", "mail", "man"}) {
        INFO(word);
        CHECK(lookup_month(word).match == MonthMatch::none);
    }
}

TEST_CASE("days are written with weekday, day and month name") {
    CHECK(format_day(date::year(2026) / 5 / 1) == "fredag 1. mai");
    CHECK(format_day(date::year(2027) / 3 / 8, true) == "mandag 8. mars 2027");
    CHECK(format_day(date::year(2026) / 11 / 29) == "søndag 29. november");
    CHECK(format_range(date::year(2026) / 11 / 30, date::year(2026) / 12 / 6) == "30. november – 6. desember 2026");
    CHECK(format_range(date::year(2027) / 6 / 7, date::year(2027) / 6 / 13) == "7.–13. juni 2027");
    CHECK(capitalise("østre") == "Østre");
}

TEST_CASE("within_one_edit agrees with the edit distance on every pair of short words") {
    // All words of up to four letters over a small alphabet (with æ, two bytes), and
    // each against every other: every kind of edit, at every place, and none.
    const std::vector<std::string> letters = {"a", "b", "e", "æ"};
    std::vector<std::string> words = {""};
    for (size_t begin = 0, length = 0; length < 4; ++length) {
        const size_t end = words.size();
        for (size_t i = begin; i < end; ++i)
            for (const std::string& letter : letters) words.push_back(words[i] + letter);
        begin = end;
    }
    size_t near = 0;
    for (const std::string& a : words)
        for (const std::string& b : words) {
            const bool expected = edit_distance(a, b) <= 1;
            near += expected ? 1 : 0;
            if (within_one_edit(a, b) != expected) FAIL_CHECK("«" << a << "» and «" << b << "»");
        }
    CHECK(near > words.size());  // the pairs one edit apart were there to be found
    CHECK(within_one_edit("fylkessekretar", "fylkessekreter"));
    CHECK(within_one_edit("påminelse", "påminnelse"));
    CHECK(within_one_edit("ansavr", "ansvar"));
    CHECK_FALSE(within_one_edit("ansvar", "anvsra"));
}
