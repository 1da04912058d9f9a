// Role names as people type them in /rolle, /oppgaver and /ansvar: spelling, definite
// and plural forms, aliases, and scoped roles with their region, committee or chapter.
#include <catch2/catch.hpp>

#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot::commands;
using planbot::config::RoleRef;
using planbot::config::Scope;
using planbot::test::shipped_plan;

namespace {

RoleRead role(const std::string& text) {
    INFO(text);
    auto found = read_role(shipped_plan(), words(text));
    REQUIRE(found.has_value());
    return *found;
}

RoleRef role_of(const std::string& text) { return role(text).role; }

std::optional<std::pair<std::string, size_t>> unit(Scope scope, const std::string& text) {
    return read_unit(shipped_plan(), scope, words(text));
}

}  // namespace

TEST_CASE("role names match whatever the case and æøå spelling", "[roles]") {
    for (const char* text : {"fylkessekretær", "Fylkessekretær", "FYLKESSEKRETÆR", "fylkessekretaer",
                             "fylkessekretæren", "fylkessekretaeren", "sekretær", "sekretæren", "fylkessekretar"}) {
        INFO(text);
        CHECK(role_of(text) == RoleRef{"fylkessekretaer", ""});
    }
    CHECK(role_of("AU") == RoleRef{"au", ""});
    CHECK(role_of("au") == RoleRef{"au", ""});
    CHECK(role_of("arbeidsutvalget") == RoleRef{"au", ""});
    CHECK(role_of("Kasserer") == RoleRef{"kasserer", ""});
    CHECK(role_of("kassereren") == RoleRef{"kasserer", ""});
    CHECK(role_of("økonomiansvarlig") == RoleRef{"kasserer", ""});
    CHECK(role_of("oekonomiansvarlig") == RoleRef{"kasserer", ""});
    CHECK(role_of("fylkesstyret") == RoleRef{"fylkesstyret", ""});
    CHECK(role_of("styret") == RoleRef{"fylkesstyret", ""});
    CHECK(role_of("fylkeslederen") == RoleRef{"fylkesleder", ""});
    CHECK(role_of("SU") == RoleRef{"su", ""});
    CHECK(role_of("Sosialistisk Ungdom") == RoleRef{"su", ""});
    CHECK(role_of("stortingsrep") == RoleRef{"stortingsrepresentant", ""});
    CHECK(role_of("administratorer") == RoleRef{"administratorer", ""});
}

TEST_CASE("definite and plural forms match the role", "[roles]") {
    CHECK(role_of("regionlederne") == RoleRef{"regionleder", ""});
    CHECK(role_of("regionlederen") == RoleRef{"regionleder", ""});
    CHECK(role_of("lokallagene") == RoleRef{"lokallagsstyre", ""});
    CHECK(role_of("lokallagsstyrene") == RoleRef{"lokallagsstyre", ""});
    CHECK(role_of("lokallagslederne") == RoleRef{"lokallagsleder", ""});
    CHECK(role_of("utvalgslederne") == RoleRef{"utvalgsleder", ""});
    CHECK(role_of("fylkestingsgruppa") == RoleRef{"fylkestingsgruppa", ""});
    CHECK(role_of("fylkestingsgruppen") == RoleRef{"fylkestingsgruppa", ""});
    CHECK(role_of("gruppelederne") == RoleRef{"gruppeledere", ""});
    // Nynorsk
    CHECK(role_of("fylkesleiar") == RoleRef{"fylkesleder", ""});
    CHECK(role_of("kasserar") == RoleRef{"kasserer", ""});
    CHECK(role_of("regionleiar Innherred") == RoleRef{"regionleder", "innherred"});
    CHECK(role_of("kvinnepolitisk leiar") == RoleRef{"utvalgsleder", "kvinnepolitisk"});
    CHECK(role_of("lokallagsleiaren i Oppdal") == RoleRef{"lokallagsleder", "Oppdal"});
    CHECK(role_of("folkevalgte") == RoleRef{"folkevalgte", ""});
}

TEST_CASE("multi-word names win over their first word", "[roles]") {
    CHECK(role_of("gruppeleder fylkestinget") == RoleRef{"gruppeleder-fylkesting", ""});
    CHECK(role("gruppeleder i fylkestinget").words == 3);
    CHECK(role_of("gruppeleder bystyret") == RoleRef{"gruppeleder-bystyre", ""});
    CHECK(role_of("gruppeleder") == RoleRef{"gruppeledere", ""});
    CHECK(role_of("valgkamputvalg sør") == RoleRef{"valgkamputvalg-sor", ""});
    CHECK(role_of("valgkamputvalget nord") == RoleRef{"valgkamputvalg-nord", ""});
    CHECK(role_of("valgkamputvalg soer") == RoleRef{"valgkamputvalg-sor", ""});
    CHECK(role_of("valgkamputvalg-nord") == RoleRef{"valgkamputvalg-nord", ""});
    CHECK(role("lokale folkevalgte").words == 2);
}

TEST_CASE("committee leader titles are the committee's utvalgsleder", "[roles]") {
    CHECK(role_of("kvinnepolitisk leder") == RoleRef{"utvalgsleder", "kvinnepolitisk"});
    CHECK(role_of("Faglig leder") == RoleRef{"utvalgsleder", "fagligpolitisk"});
    CHECK(role_of("distriktspolitisk leder") == RoleRef{"utvalgsleder", "distriktspolitisk"});
    CHECK(role_of("faglig lederen") == RoleRef{"utvalgsleder", "fagligpolitisk"});
    CHECK(role("kvinnepolitisk leder Kari").words == 2);
    CHECK(role_of("leder") == RoleRef{"fylkesleder", ""});
}

TEST_CASE("a scoped role followed by its unit names that unit", "[roles]") {
    CHECK(role_of("regionleder Innherred") == RoleRef{"regionleder", "innherred"});
    CHECK(role("regionleder Innherred").words == 2);
    CHECK(role_of("regionleder i Namdalen") == RoleRef{"regionleder", "namdalen"});
    CHECK(role("regionleder i Namdalen").words == 3);
    CHECK(role_of("regionleder Melhus/Skaun/Orkland") == RoleRef{"regionleder", "melhus-skaun-orkland"});
    CHECK(role_of("regionleder hitra froya fosen") == RoleRef{"regionleder", "hitra-froya-fosen"});
    CHECK(role_of("regionleder Værnesregionen") == RoleRef{"regionleder", "vaernesregionen"});
    CHECK(role_of("lokallagsleder Midtre Gauldal") == RoleRef{"lokallagsleder", "Midtre Gauldal"});
    CHECK(role("lokallagsleder Midtre Gauldal").words == 3);
    CHECK(role_of("lokallagsleder Oppdal") == RoleRef{"lokallagsleder", "Oppdal"});
    CHECK(role_of("lokallagsleder i Åfjord") == RoleRef{"lokallagsleder", "Åfjord"});
    CHECK(role_of("lokallagsstyret Frøya") == RoleRef{"lokallagsstyre", "Frøya"});
    CHECK(role_of("lokallagsleder froeya") == RoleRef{"lokallagsleder", "Frøya"});
    CHECK(role_of("utvalgsleder fagligpolitisk") == RoleRef{"utvalgsleder", "fagligpolitisk"});
    CHECK(role_of("utvalgsleder kvinnepolitisk utvalg") == RoleRef{"utvalgsleder", "kvinnepolitisk"});
    // No unit after it: the role as a whole, and the next words are left alone.
    CHECK(role_of("regionleder") == RoleRef{"regionleder", ""});
    CHECK(role("regionleder i morgen").words == 1);
    CHECK(role("regionleder @kari").words == 1);
    // An unscoped role does not take a unit.
    CHECK(role("kasserer Innherred").words == 1);
}

TEST_CASE("words that are no role are not read as one", "[roles]") {
    for (const char* text : {"", "kari", "@kari", "hva", "1.6.2027", "innherred", "🙂", "'; DROP TABLE roles;--",
                             "styre", "le"}) {
        INFO(text);
        auto found = read_role(shipped_plan(), words(text));
        if (std::string(text) == "styre") {
            // "styre" is the board's indefinite form.
            REQUIRE(found.has_value());
            CHECK(found->role.role_id == "fylkesstyret");
        } else {
            CHECK_FALSE(found.has_value());
        }
    }
    CHECK_FALSE(read_role(shipped_plan(), {}).has_value());
}

TEST_CASE("units are read by id and name", "[roles]") {
    CHECK(unit(Scope::region, "Innherred") == std::pair<std::string, size_t>{"innherred", 1});
    CHECK(unit(Scope::region, "Melhus/Skaun/Orkland og mer") == std::pair<std::string, size_t>{"melhus-skaun-orkland", 3});
    CHECK(unit(Scope::region, "melhus-skaun-orkland") == std::pair<std::string, size_t>{"melhus-skaun-orkland", 1});
    CHECK(unit(Scope::region, "Hitra/Frøya/Fosen") == std::pair<std::string, size_t>{"hitra-froya-fosen", 3});
    CHECK(unit(Scope::region, "trondheim") == std::pair<std::string, size_t>{"trondheim", 1});
    CHECK(unit(Scope::committee, "fagligpolitisk") == std::pair<std::string, size_t>{"fagligpolitisk", 1});
    CHECK(unit(Scope::committee, "Kvinnepolitisk utvalg") == std::pair<std::string, size_t>{"kvinnepolitisk", 2});
    CHECK(unit(Scope::committee, "distriktspolitisk utvalget") ==
          std::pair<std::string, size_t>{"distriktspolitisk", 2});
    CHECK(unit(Scope::committee, "faglig") == std::pair<std::string, size_t>{"fagligpolitisk", 1});
    CHECK(unit(Scope::lokallag, "Midtre Gauldal") == std::pair<std::string, size_t>{"Midtre Gauldal", 2});
    CHECK(unit(Scope::lokallag, "Trondheim") == std::pair<std::string, size_t>{"Trondheim", 1});
    CHECK(unit(Scope::lokallag, "nærøysund") == std::pair<std::string, size_t>{"Nærøysund", 1});
    CHECK_FALSE(unit(Scope::region, "Oppdal").has_value());
    CHECK_FALSE(unit(Scope::lokallag, "Innherred").has_value());
    CHECK_FALSE(unit(Scope::committee, "Innherred").has_value());
    CHECK_FALSE(unit(Scope::none, "Innherred").has_value());
    CHECK_FALSE(unit(Scope::region, "").has_value());
}

TEST_CASE("roles are labelled with their unit", "[roles]") {
    const auto& plan = shipped_plan();
    CHECK(role_label(plan, {"kasserer", ""}) == "Kasserer");
    CHECK(role_label(plan, {"au", ""}) == "AU");
    CHECK(role_label(plan, {"regionleder", "innherred"}) == "Regionleder Innherred");
    CHECK(role_label(plan, {"regionleder", "melhus-skaun-orkland"}) == "Regionleder Melhus/Skaun/Orkland");
    CHECK(role_label(plan, {"regionleder", ""}) == "Regionleder");
    CHECK(role_label(plan, {"utvalgsleder", "kvinnepolitisk"}) == "Kvinnepolitisk leder");
    CHECK(role_label(plan, {"utvalgsleder", "fagligpolitisk"}) == "Faglig leder");
    CHECK(role_label(plan, {"lokallagsleder", "Oppdal"}) == "Lokallagsleder Oppdal");
    CHECK(role_label(plan, {"lokallagsstyre", "Oppdal"}) == "Lokallagsstyret Oppdal");
    CHECK(role_label(plan, {"ukjent", ""}) == "Ukjent");
}

TEST_CASE("every role's own name and label read back as that role", "[roles]") {
    const auto& plan = shipped_plan();
    for (const auto& known : plan.roles) {
        INFO(known.id);
        CHECK(role_of(known.name).role_id == known.id);
        CHECK(role_of(known.id).role_id == known.id);
        for (const auto& alias : known.aliases) CHECK(role_of(alias).role_id == known.id);
    }
    for (const RoleRef& scoped : std::vector<RoleRef>{{"regionleder", "namdalen"},
                                                      {"utvalgsleder", "distriktspolitisk"},
                                                      {"lokallagsleder", "Midtre Gauldal"},
                                                      {"regionleder", "hitra-froya-fosen"}}) {
        INFO(scoped.role_id << "/" << scoped.unit);
        CHECK(role_of(role_label(plan, scoped)) == scoped);
    }
}

TEST_CASE("role names built once per plan read every role as names built per question do") {
    const RoleNames names = build_role_names(shipped_plan());
    REQUIRE_FALSE(names.phrases.empty());
    for (const char* text : {"kasserer", "kassereren", "fylkessekretæren", "arbeidsutvalget", "au", "regionleder innherred",
                             "lokallagsleder i oppdal", "kvinnepolitisk leder", "fylkesleiar", "sjefen", "kaffe"}) {
        INFO(text);
        const auto per_question = read_role(shipped_plan(), words(text));
        const auto built_once = read_role(shipped_plan(), words(text), &names);
        REQUIRE(per_question.has_value() == built_once.has_value());
        if (!per_question) continue;
        CHECK(per_question->role.role_id == built_once->role.role_id);
        CHECK(per_question->role.unit == built_once->role.unit);
        CHECK(per_question->words == built_once->words);
    }
    CHECK(read_role(shipped_plan(), words("kassereren"), &names)->role.role_id == "kasserer");
}
