// The year's evaluation (årsberetning) for 2026 from a fixture state: completions,
// overdue, open and not followed up; per-unit and weekly tasks; and free text that
// must come out of markdown and CSV exactly as typed, never as markup or a formula.
#include <catch2/catch.hpp>

#include "commands/report/report.hpp"
#include "commands/work/tasks.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;

constexpr date::year_month_day kToday = date::year(2026) / 11 / 28;

std::chrono::sys_seconds utc(date::year_month_day day, int hour, int minute) {
    return date::sys_days(day) + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

struct ReportFixture {
    const config::Plan& plan = test::shipped_plan();
    test::MemoryState state;
    Person ola{"telegram", "2", "Ola Hansen", "ola_h"};

    // The id of task `number`'s occurrence due on `due` (in `unit`).
    OccurrenceId occurrence(int number, date::year_month_day due, const std::string& unit = "") const {
        auto task = find_task(plan, state, number);
        REQUIRE(task);
        for (const Occurrence& o : all_occurrences(plan, *task, state.deadline_edits(number)))
            if (o.due == due && o.id.unit == unit) return o.id;
        FAIL("task " << number << " has no occurrence on " << due << " " << unit);
        return {};
    }
    void complete(const OccurrenceId& id, std::chrono::sys_seconds at, std::string comment = "") {
        state.done.push_back({id, ola, at, std::move(comment)});
    }
    std::string report(ReportFormat format) const { return year_report(plan, state, 2026, kToday, test::oslo(), format); }
};

// The line of `text` that contains `part` ("" when none does).
std::string line_with(const std::string& text, const std::string& part) {
    size_t at = text.find(part);
    if (at == std::string::npos) return "";
    size_t start = text.rfind('\n', at);
    start = start == std::string::npos ? 0 : start + 1;
    return text.substr(start, text.find('\n', at) - start);
}

}  // namespace

TEST_CASE("the report shows who confirmed a task and when, on the Oslo calendar", "[report]") {
    ReportFixture f;
    // 22:30 UTC on 3 May is 00:30 on 4 May in Oslo (summer time).
    f.complete(f.occurrence(10, date::year(2026) / 12 / 31), utc(date::year(2026) / 5 / 3, 22, 30), "Betalt inn");
    const std::string chat = f.report(ReportFormat::chat);
    CHECK(line_with(chat, "10. Øke inntekter") ==
          "10. Øke inntekter fra støttegiro (frist 31.12.): ferdig 4.5. av Ola Hansen – «Betalt inn»");
    CHECK(contains(f.report(ReportFormat::markdown),
                   "- frist 31.12.2026: ferdig 4.5.2026 av Ola Hansen («Betalt inn»)"));
    CHECK(contains(f.report(ReportFormat::csv), ",2026-12-31,ferdig,Ola Hansen,2026-05-04 00:30,Betalt inn\r\n"));
}

TEST_CASE("the report tells overdue from open by today's date", "[report]") {
    ReportFixture f;
    f.complete(f.occurrence(9, date::year(2026) / 6 / 30), utc(date::year(2026) / 7 / 2, 8, 0));
    const std::string chat = f.report(ReportFormat::chat);
    // A task with several deadlines groups them by status.
    CHECK(contains(chat, "\n9. Følge opp partiskatt: 1 av 4 ferdig\n"
                         "• Ferdig: frist 30.6. (2.7. av Ola Hansen)\n"
                         "• Forsinket: frist 31.3., 30.9.\n"
                         "• Åpen: frist 31.12.\n"));
    CHECK(contains(chat, "Per 28.11.2026: 1 ferdig"));
    const std::string markdown = f.report(ReportFormat::markdown);
    CHECK(contains(markdown, "- frist 31.3.2026: forsinket\n- frist 30.6.2026: ferdig 2.7.2026 av Ola Hansen\n"));
}

TEST_CASE("deadlines before planbot started are not followed up, not overdue", "[report]") {
    ReportFixture f;
    f.state.started = date::year(2026) / 3 / 1;
    const std::string chat = f.report(ReportFormat::chat);
    CHECK(line_with(chat, "11. Evaluere fadderordningen") ==
          "11. Evaluere fadderordningen (frist 31.1.): ikke fulgt opp");
    CHECK(contains(chat, "planbot fulgte planen fra 1.3.2026"));
    CHECK(contains(f.report(ReportFormat::csv), ",2026-01-31,ikke fulgt opp,,,\r\n"));
}

TEST_CASE("a per-unit task lists each unit", "[report]") {
    ReportFixture f;
    f.complete(f.occurrence(3, date::year(2026) / 12 / 31, "innherred"), utc(date::year(2026) / 9 / 10, 16, 0),
               "Møte på Verdal");
    f.complete(f.occurrence(3, date::year(2026) / 12 / 31, "namdalen"), utc(date::year(2026) / 10 / 1, 16, 0));
    // The chat groups the units by status, in the plan's order of regions.
    const std::string chat = f.report(ReportFormat::chat);
    CHECK(contains(chat, "\n3. Arrangement i hvert regionteam (frist 31.12.): 2 av 7 ferdig\n"
                         "• Ferdig: Innherred (10.9. av Ola Hansen – «Møte på Verdal»); Namdalen (1.10. av Ola Hansen)\n"
                         "• Åpen: Fjellregionen, Melhus/Skaun/Orkland, Hitra/Frøya/Fosen, Værnesregionen, Trondheim"));
    // The markdown and the CSV have a line per unit.
    const std::string markdown = f.report(ReportFormat::markdown);
    CHECK(contains(markdown, "\n- Innherred, frist 31.12.2026: ferdig 10.9.2026 av Ola Hansen («Møte på Verdal»)\n"));
    CHECK(contains(markdown, "\n- Trondheim, frist 31.12.2026: åpen\n"));
    CHECK(markdown.find("- Fjellregionen") < markdown.find("- Innherred"));
    CHECK(contains(f.report(ReportFormat::csv), ",Innherred,2026-12-31,ferdig,"));
}

TEST_CASE("a weekly task is summarised as weeks done", "[report]") {
    ReportFixture f;
    auto task = find_task(f.plan, f.state, 30);  // weekly coordination meeting, Mondays
    REQUIRE(task);
    // The year counts ISO weeks: week 1 of 2026 starts on Monday 29 December 2025, and
    // 2026 has 53 weeks, the last starting on 28 December.
    auto weeks = occurrences_of_year(f.plan, *task, {}, 2026);
    REQUIRE(weeks.size() == 53);
    CHECK(weeks.front().due == date::year(2025) / 12 / 29);
    for (size_t i = 0; i < 47; ++i) f.complete(weeks[i].id, date::sys_days(weeks[i].due));
    // Week 48 (Monday 23 November) is overdue; the five Mondays after 28 November are open.
    CHECK(line_with(f.report(ReportFormat::chat), "30. Ukentlig") ==
          "30. Ukentlig koordineringsmøte: 47 av 53 uker ferdig, 1 forsinket, 5 åpne");
    CHECK(contains(f.report(ReportFormat::markdown), "- 47 av 53 uker ferdig, 1 forsinket, 5 åpne\n"));
}

TEST_CASE("tasks without dates say so, sections keep the plan's order, added tasks come last", "[report]") {
    ReportFixture f;
    f.state.added.push_back({101, {"kasserer", ""}, "Lage budsjett", date::year(2026) / 12 / 1});
    const std::string chat = f.report(ReportFormat::chat);
    CHECK(line_with(chat, "26. Invitere SU-medlemmer") == "26. Invitere SU-medlemmer: løpende, ingen frister");
    CHECK(line_with(chat, "17. Kandidatskolering") == "17. Kandidatskolering: ingen frist i 2026");
    CHECK(contains(chat, "7. Lokallagsledere på styremøte før fylkesting: ingen datoer lagt inn for 2026"));
    const size_t build = chat.find("— Bygge organisasjonen —");
    const size_t policy = chat.find("— Gjennomføre SV sin politikk —");
    const size_t added = chat.find("— Oppgaver lagt til i chatten —");
    CHECK(build < policy);
    CHECK(policy < added);
    CHECK(added != std::string::npos);
    CHECK(line_with(chat, "101.") == "101. Lage budsjett – Kasserer (frist 1.12.): åpen");
    CHECK(contains(f.report(ReportFormat::markdown), "Ansvarlig: Kasserer og gruppeledere\n"));
}

TEST_CASE("a year outside the plan gets the plan's period", "[report]") {
    ReportFixture f;
    CHECK(contains(year_report(f.plan, f.state, 2030, kToday, test::oslo(), ReportFormat::chat), "2025–2028"));
}

TEST_CASE("markdown escapes what users typed", "[report]") {
    ReportFixture f;
    f.ola.name = "Ola_Hansen *sjef*";
    f.complete(f.occurrence(10, date::year(2026) / 12 / 31), utc(date::year(2026) / 5 / 3, 10, 0),
               "[lenke](http://x) <b>fet</b> `kode`\n# ikke overskrift 🎉");
    const std::string markdown = f.report(ReportFormat::markdown);
    CHECK(contains(markdown, "av Ola\\_Hansen \\*sjef\\* («\\[lenke\\](http://x) \\<b\\>fet\\</b\\> \\`kode\\` "
                             "\\# ikke overskrift 🎉»)"));
    CHECK_FALSE(contains(markdown, "\n# ikke"));
    CHECK(markdown.starts_with("# Årsrapport 2026"));
    CHECK(contains(markdown, "\n## Bygge organisasjonen\n"));
}

TEST_CASE("csv quotes per RFC 4180 and never lets a cell become a formula", "[report]") {
    ReportFixture f;
    f.complete(f.occurrence(10, date::year(2026) / 12 / 31), utc(date::year(2026) / 5 / 3, 10, 0), "=cmd|' /C calc'!A0");
    f.complete(f.occurrence(13, date::year(2026) / 12 / 31), utc(date::year(2026) / 5 / 3, 10, 0),
               "'); DROP TABLE completions; -- \"sitat\", og 🎉\nny linje");
    f.state.added.push_back({101, {"kasserer", ""}, "@SUM(1+1), møte", date::year(2026) / 12 / 1});
    const std::string csv = f.report(ReportFormat::csv);

    CHECK(csv.starts_with("\xEF\xBB\xBF" "Seksjon,Nr,Oppgave,Enhet,Frist,Status,Utført av,Utført,Kommentar\r\n"));
    CHECK(contains(csv, ",Ola Hansen,2026-05-03 12:00,'=cmd|' /C calc'!A0\r\n"));
    CHECK(contains(csv, ",\"'); DROP TABLE completions; -- \"\"sitat\"\", og 🎉\nny linje\"\r\n"));
    CHECK(contains(csv, "Oppgaver lagt til i chatten,101,\"'@SUM(1+1), møte\",,2026-12-01,åpen,,,\r\n"));
    CHECK(contains(csv, "Bygge organisasjonen,26,Inkludere og invitere SU-medlemmene til SVs møter og arrangementer"
                        ",,,\"løpende, ingen frister\",,,\r\n"));
}
