// Answers about the wheel and the plan, with fixed dates: what a member reads
// when asking "hva skjer i mai", "når er landsmøtet", "hvem har ansvar for …".
#include "tests/support/test_support.hpp"

#include "commands/router.hpp"

using namespace planbot;
using planbot::test::at;
using planbot::test::contains;

TEST_CASE("asked in November 2026, hva skjer i mai answers May 2027 with its events and deadlines") {
    std::string reply = commands::answer("hva skjer i mai", at("2026-11-28T10:00"));
    INFO(reply);
    CHECK(reply.starts_with("Dette skjer i mai 2027 (valgår):"));
    CHECK(contains(reply, "• lørdag 1. mai\n"));
    CHECK(contains(reply, "• Valgkampskolering lokallag\n"));
    CHECK(contains(reply, "Mandag 31. mai\n  • nr. 6 Fylkesstyremøte (Fylkesstyret, fylkessekretær)"));
    CHECK(contains(reply, "Hver uke: nr. 30"));
}

TEST_CASE("the last day of May still answers this May, the first of June answers next May") {
    CHECK(commands::answer("hva skjer i mai", at("2027-05-31T23:30")).starts_with("Dette skjer i mai 2027"));
    CHECK(commands::answer("hva skjer i mai", at("2027-06-01T00:30")).starts_with("Dette skjer i mai 2028"));
}

TEST_CASE("the date is taken in Oslo time, summer time included") {
    // 2027-05-31 22:30 UTC is already 1 June 00:30 in Oslo (UTC+2 in summer).
    commands::Context context = at("2026-01-01T00:00");
    context.now = date::sys_days(date::year(2027) / 5 / 31) + std::chrono::hours(22) + std::chrono::minutes(30);
    CHECK(commands::answer("hva skjer i mai", context).starts_with("Dette skjer i mai 2028"));
    context.now -= std::chrono::hours(1);  // 23:30 Oslo on 31 May
    CHECK(commands::answer("hva skjer i mai", context).starts_with("Dette skjer i mai 2027"));
}

TEST_CASE("fixed-day events show their weekday, month-only events get no invented day") {
    std::string may_2026 = commands::answer("hva skjer i mai", at("2026-04-20T10:00"));
    CHECK(contains(may_2026, "• fredag 1. mai\n"));
    CHECK(contains(may_2026, "• Listestillingsarbeid / skolering\n"));
    std::string june = commands::answer("hva skjer i juni 2027", at("2026-04-20T10:00"));
    CHECK(contains(june, "• lørdag 5. juni: Trøndelag SVs miljøpris\n"));
    CHECK(contains(june, "• Lokal Pride\n"));
}

TEST_CASE("March 2027 includes Landsmøte and July 2026 is Ferie") {
    std::string march = commands::answer("hva skjer i mars 2027", at("2026-11-28T10:00"));
    CHECK(contains(march, "• Landsmøte\n"));
    CHECK(contains(march, "• mandag 8. mars: Kvinnedagen\n"));
    std::string july = commands::answer("hva skjer i juli 2026", at("2026-01-10T10:00"));
    CHECK(contains(july, "Årshjulet\n• Ferie\n"));
    CHECK_FALSE(contains(july, "Somekampanje"));
}

TEST_CASE("a week shows its deadlines and the month-only events around it") {
    std::string reply = commands::answer("ka skjer neste uke", at("2026-11-28T10:00"));
    INFO(reply);
    CHECK(reply.starts_with("Neste uke (uke 49, 30. november – 6. desember 2026):"));
    CHECK(contains(reply, "• Juleavslutning – i løpet av desember"));
    CHECK(contains(reply, "Mandag 30. november\n  • nr. 5 Årsmøte og repskapsmøte"));
}

TEST_CASE("a month outside the plan period says so instead of inventing events") {
    std::string reply = commands::answer("hva skjer i mai", at("2028-06-01T10:00"));
    CHECK(reply == "Planen gjelder 2025–2028, så jeg vet ikke hva som skjer i mai 2029.");
}

TEST_CASE("når er answers the next dates of the best-matching wheel events") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("når er fylkesårsmøtet?", context) ==
          "• Fylkesårsmøte: i februar 2027 (deretter i februar 2028). Planen setter ingen dag.");
    CHECK(commands::answer("når er miljøprisen", context) ==
          "• Trøndelag SVs miljøpris: lørdag 5. juni 2027 (deretter mandag 5. juni 2028).");
    CHECK(commands::answer("når er landsmøtet", context) == "• Landsmøte: i mars 2027. Planen setter ingen dag.");
    CHECK(contains(commands::answer("når er sommerkampanjen", context), "Somekampanje: i juli 2027"));
    std::string pride = commands::answer("når er pride?", context);
    CHECK(contains(pride, "Lokal Pride: i juni 2027"));
    CHECK(contains(pride, "Trondheim Pride: i september 2027"));
}

TEST_CASE("når er in the event's own month says it is now") {
    CHECK(commands::answer("når er fylkesårsmøtet", at("2027-02-10T10:00")) ==
          "• Fylkesårsmøte: nå i februar 2027 (deretter i februar 2028). Planen setter ingen dag.");
    CHECK(contains(commands::answer("når er landsmøtet", at("2027-04-01T10:00")),
                   "ingen flere i planperioden (sist i mars 2027)"));
}

TEST_CASE("hvem har ansvar names the matching tiltak with its ansvarlig") {
    const commands::Context context = at("2026-11-28T10:00");
    std::string reply = commands::answer("hvem har ansvar for partiskatt", context);
    CHECK(reply == "Nr. 9 Følge opp innbetaling av partiskatt\nAnsvarlig: Kasserer og gruppeledere\n"
                   "Når: hvert kvartal, neste frist torsdag 31. desember 2026");
    CHECK(commands::answer("hvem er ansvarlig for partiskatten?", context) == reply);
    CHECK(contains(commands::answer("kven har ansvaret for sosiale medier", context),
                   "Ansvarlig: Fylkessekretær og administratorer"));
}

TEST_CASE("a tiltak without ansvarlig says so") {
    std::string reply = commands::answer("hvem har ansvar for ringeaksjoner", at("2026-11-28T10:00"));
    CHECK(contains(reply, "Nr. 28 "));
    CHECK(contains(reply, "Ansvarlig: mangler i planen – fylkesstyret følger opp til noen får ansvaret"));
}

TEST_CASE("når gathers every month of an event, in date order") {
    CHECK(commands::answer("når er valgkampen", at("2025-06-01T10:00")) ==
          "• Valgkamp: i august 2025 (deretter i september 2025, i august 2027). Planen setter ingen dag.");
    CHECK(commands::answer("når er listestillingsarbeid", at("2026-03-01T10:00")) ==
          "• Listestillingsarbeid: i august 2026. Planen setter ingen dag.\n"
          "• Listestillingsarbeid / skolering: i mai 2026. Planen setter ingen dag.");
}

TEST_CASE("a day and month in a when-question match only that fixed day") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("når er 1. mai", context) == "• 1. mai: lørdag 1. mai 2027 (deretter mandag 1. mai 2028).");
    // No wheel event on 17 May: the calendar answers, and names no event.
    CHECK(commands::answer("når er 17. mai", context) == "17. mai 2027 er en mandag.");
    CHECK(commands::answer("når er 1", context).starts_with("Jeg fant ikke noe i årshjulet"));
}

TEST_CASE("hvem har ansvar finds a tiltak by its number") {
    const commands::Context context = at("2026-11-28T10:00");
    CHECK(commands::answer("hvem har ansvar for nr. 9", context).starts_with("Nr. 9 Følge opp innbetaling av partiskatt\n"));
    CHECK(commands::answer("hvem har ansvar for tiltak 27", context).starts_with("Nr. 27 Sørge for at det arrangeres valgvake"));
    CHECK(commands::answer("kæm har ansvar for partiskatt", context).starts_with("Nr. 9 "));
}
