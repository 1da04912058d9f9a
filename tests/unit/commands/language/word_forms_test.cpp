// The nynorsk and dialect forms (commands/language/word_forms.tsv): the table is sound,
// questions are read through it, and the plan's own words are never rewritten.
#include <catch2/catch.hpp>

#include "commands/language/norwegian.hpp"
#include "commands/language/word_forms.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::commands;
using Words = std::vector<std::string>;

TEST_CASE("the word forms table is sound") {
    const std::vector<std::string> problems = word_form_problems(word_forms_tsv());
    std::string all;
    for (const std::string& problem : problems) all += problem + "\n";
    INFO(all);
    CHECK(problems.empty());
    CHECK(word_forms_tsv().find("kva\thva") != std::string_view::npos);
}

TEST_CASE("a broken word forms table is refused line by line") {
    const std::string table = "# comment\n"
                              "ka\thva\n"
                              "ka\thvem\n"
                              "kor tid\n"
                              "hva\tkva\n"
                              "hva\thva\n"
                              "\thva\n";
    CHECK(word_form_problems(table) == std::vector<std::string>{
                                           "word_forms.tsv:4: no tab between the form and its bokmål",
                                           "word_forms.tsv:7: an empty side",
                                           "word_forms.tsv:3: «ka» is given twice",
                                           "word_forms.tsv:5: «hva» is the bokmål of another line, so it would be read twice",
                                           "word_forms.tsv:6: «hva» is its own bokmål",
                                       });
}

TEST_CASE("nynorsk and dialect questions are read as bokmål") {
    CHECK(words("kva skjer i haust") == Words{"hva", "skjer", "i", "host"});
    CHECK(words("Kor tid e landsmøtet?") == Words{"nar", "er", "landsmotet"});
    CHECK(words("ka skjer nesten veke") == Words{"hva", "skjer", "nesten", "uke"});
    CHECK(words("kem e kasserar no") == Words{"hvem", "er", "kasserer", "na"});
    CHECK(words("har me noko på laurdag") == Words{"har", "vi", "noe", "pa", "lordag"});
    CHECK(words("ska vi ha møte i morgo") == Words{"skal", "vi", "ha", "mote", "i", "morgen"});
    // Only whole words: "kor" inside "korps" or "kva" in "kvarter" stays.
    CHECK(words("korps kvarter") == Words{"korps", "kvarter"});
}

TEST_CASE("text kept as written is split without the table") {
    CHECK(folded_words("kva skjer i haust") == Words{"kva", "skjer", "i", "haust"});
}

TEST_CASE("the plan's own words are never rewritten by the word forms") {
    const config::Plan& plan = test::shipped_plan();
    std::vector<std::string> texts;
    for (const config::WheelEvent& event : plan.wheel) {
        texts.push_back(event.title);
        texts.insert(texts.end(), event.aliases.begin(), event.aliases.end());
    }
    for (const config::Tiltak& tiltak : plan.tiltak) {
        texts.push_back(tiltak.title);
        texts.push_back(tiltak.short_title);
        texts.insert(texts.end(), tiltak.keywords.begin(), tiltak.keywords.end());
    }
    for (const config::Role& role : plan.roles) texts.push_back(role.name);
    for (const std::string& text : texts) {
        INFO(text);
        CHECK(words(text) == folded_words(text));
    }
}
