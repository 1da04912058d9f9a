// The board's overview page as a reader sees it: the year's rows with their status,
// who confirmed and what they wrote, typed text shown as text, nothing fetched from
// elsewhere and nothing run. Rows are found by the markers a browser test would use
// (the table's id, data-task, data-status).
#include "publish/overview_page.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "commands/work/tasks_in.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace planbot::overview_page_test {

using commands::Completion;
using commands::OccurrenceId;
using commands::Person;
using test::contains;
using test::ymd;

const Person kari{"telegram", "11", "Kari Nordmann", "kari"};

publish::OverviewRequest request_for(const commands::State& state, date::year_month_day today, int year = 2027) {
    return publish::OverviewRequest{.plan = test::shipped_plan(),
                                    .state = &state,
                                    .year = year,
                                    .today = today,
                                    .wheel_picture_url = "/arshjul/2027.svg",
                                    .calendar_url = "/kalender/organisasjonen.ics",
                                    .stylesheet_url = "/oversikt.css",
                                    .zone = test::oslo()};
}

// Every row of the year's table (<tr class="occurrence …">…</tr>), in page order.
std::vector<std::string> rows_of(const std::string& page) {
    std::vector<std::string> rows;
    for (size_t at = page.find("<tr class=\"occurrence"); at != std::string::npos;
         at = page.find("<tr class=\"occurrence", at + 1)) {
        const size_t end = page.find("</tr>", at);
        REQUIRE(end != std::string::npos);
        rows.push_back(page.substr(at, end - at));
    }
    return rows;
}

// The rows of one task, with `marker` ("data-key=\"2027-5\"") in them when given.
std::vector<std::string> rows_of(const std::string& page, int task, const std::string& marker = "") {
    std::vector<std::string> found;
    for (const std::string& row : rows_of(page))
        if (contains(row, "data-task=\"" + std::to_string(task) + "\"") && contains(row, marker)) found.push_back(row);
    return found;
}

// The one row of `task` with `marker`.
std::string row_of(const std::string& page, int task, const std::string& marker) {
    const std::vector<std::string> found = rows_of(page, task, marker);
    REQUIRE(found.size() == 1);
    return found.front();
}

Completion done_by(const Person& person, OccurrenceId id, const std::string& at, std::string comment = "",
                   bool skipped = false) {
    return Completion{std::move(id), person, test::oslo_time(at), std::move(comment), skipped};
}

TEST_CASE("the overview's table has a row for each of the year's deadlines per tiltak and unit") {
    test::MemoryState state;
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 3, 15)));

    REQUIRE(contains(page, "<table id=\"tiltak-2027\""));
    // Fylkesstyremøte ten times a year, at the end of each month but July and December.
    const std::vector<std::string> board = rows_of(page, 6);
    CHECK(board.size() == 10);
    const std::string may = row_of(page, 6, "data-key=\"2027-5\"");
    CHECK(contains(may, "Fylkesstyremøte"));
    CHECK(contains(may, "31. mai 2027"));
    CHECK(contains(may, "Fylkesstyret, Fylkessekretær"));
    CHECK(contains(may, "<td class=\"unit\">–</td>"));
    // One meeting per region team, named by the region and its own leader.
    CHECK(rows_of(page, 3).size() == test::shipped_plan().regions.size());
    const std::string innherred = row_of(page, 3, "data-unit=\"innherred\"");
    CHECK(contains(innherred, "<td class=\"unit\">Innherred</td>"));
    CHECK(contains(innherred, "Regionleder Innherred"));
    CHECK(contains(innherred, "31. desember 2027"));
    // The election year's material by 1 June; the 2025 campaign's tiltak is not this year's.
    CHECK(contains(row_of(page, 16, "data-due=\"2027-06-01\""), "1. juni 2027"));
    CHECK(rows_of(page, 1).empty());
    // Tiltak an admin dates, or that run without deadlines, are listed under the table.
    CHECK(rows_of(page, 7).empty());
    CHECK(contains(page, "Uten frist i 2027"));
    CHECK(contains(page, "<li data-task=\"7\">7. Lokallagsledere på styremøte før fylkesting"));

    // As many rows as the year has deadlines, a weekly tiltak counting as one.
    size_t expected = 0;
    for (const commands::DueTask& due : commands::TaskCalendar(test::shipped_plan(), state).of_year(2027))
        expected += due.task.tiltak && due.task.tiltak->schedule.kind == config::ScheduleKind::weekly
                        ? 1
                        : due.occurrences.size();
    CHECK(rows_of(page).size() == expected);
    CHECK(std::ranges::all_of(rows_of(page), [](const std::string& row) {
        return contains(row, "data-status=\"open\"") || contains(row, "data-status=\"overdue\"");
    }));
}

TEST_CASE("a confirmed deadline is Ferdig with who confirmed it, when, and their comment") {
    test::MemoryState state;
    state.done.push_back(done_by(kari, {6, "", "2027-5"}, "2027-06-02T10:00", "Referat sendt til lokallagene"));
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 10)));

    const std::string row = row_of(page, 6, "data-key=\"2027-5\"");
    CHECK(contains(row, "data-status=\"done\""));
    CHECK(contains(row, "<td class=\"status\">Ferdig</td>"));
    CHECK(contains(row, "<td class=\"by\">Kari Nordmann, 2. juni 2027</td>"));
    CHECK(contains(row, "<td class=\"comment\">Referat sendt til lokallagene</td>"));
    CHECK(contains(page, "data-count=\"done\">1 ferdig</span>"));
}

TEST_CASE("a confirmation is shown on Oslo's day, not UTC's") {
    test::MemoryState state;
    state.done.push_back(done_by(kari, {6, "", "2027-5"}, "2027-06-02T00:30"));  // 22:30 UTC on 1 June
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 10)));
    CHECK(contains(row_of(page, 6, "data-key=\"2027-5\""), "Kari Nordmann, 2. juni 2027"));
}

TEST_CASE("a deadline passed without confirmation is Forsinket, and one due today is still open") {
    test::MemoryState state;
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 1)));

    const std::string may = row_of(page, 6, "data-key=\"2027-5\"");  // 31 May
    CHECK(contains(may, "data-status=\"overdue\""));
    CHECK(contains(may, "<td class=\"status\">Forsinket</td>"));
    const std::string material = row_of(page, 16, "data-due=\"2027-06-01\"");  // today
    CHECK(contains(material, "data-status=\"open\""));
    CHECK(contains(material, "<td class=\"status\">Åpen</td>"));
}

TEST_CASE("a skipped deadline says Hoppet over, with the reason") {
    test::MemoryState state;
    state.done.push_back(done_by(kari, {6, "", "2027-4"}, "2027-04-20T12:00", "Slått sammen med maimøtet", true));
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 10)));

    const std::string row = row_of(page, 6, "data-key=\"2027-4\"");
    CHECK(contains(row, "data-status=\"skipped\""));
    CHECK(contains(row, "<td class=\"status\">Hoppet over</td>"));
    CHECK(contains(row, "Slått sammen med maimøtet"));
    CHECK(contains(page, "data-count=\"skipped\">1 hoppet over</span>"));
}

TEST_CASE("deadlines before planbot began following the plan are not followed up, not overdue") {
    test::MemoryState state;
    state.started = ymd(2027, 4, 15);
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 10)));

    const std::string march = row_of(page, 6, "data-key=\"2027-3\"");
    CHECK(contains(march, "data-status=\"history\""));
    CHECK(contains(march, "<td class=\"status\">Ikke fulgt opp</td>"));
    CHECK(contains(row_of(page, 6, "data-key=\"2027-5\""), "data-status=\"overdue\""));
    CHECK(contains(page, "planbot fulgte planen fra 15. april 2027"));
}

TEST_CASE("the summary counts the year's deadlines done, open and overdue") {
    test::MemoryState state;
    state.done.push_back(done_by(kari, {6, "", "2027-1"}, "2027-01-30T12:00"));
    state.done.push_back(done_by(kari, {6, "", "2027-2"}, "2027-02-27T12:00"));
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 3, 15)));

    int done = 0, open = 0, overdue = 0;
    for (const std::string& row : rows_of(page)) {
        if (contains(row, "data-weeks")) continue;  // counted week by week below
        done += contains(row, "data-status=\"done\"");
        open += contains(row, "data-status=\"open\"");
        overdue += contains(row, "data-status=\"overdue\"");
    }
    // The weekly tiltak 30 (Mondays) and 42 (Fridays): ten and ten weeks overdue by 15 March.
    open += 52 - 10 + 52 - 10;
    overdue += 10 + 10;
    CHECK(done == 2);
    CHECK(contains(page, "<p class=\"summary\" id=\"sammendrag\"><span class=\"count status-done\" data-count=\"done\">2 "
                         "ferdig</span>, <span class=\"count status-open\" data-count=\"open\">" +
                             std::to_string(open) + " åpne</span>, <span class=\"count status-overdue\" "
                                                    "data-count=\"overdue\">" +
                             std::to_string(overdue) + " forsinket</span></p>"));
}

TEST_CASE("a weekly tiltak is one row counting its weeks, the confirmed and overdue ones listed inside") {
    test::MemoryState state;
    state.done.push_back(done_by(kari, {30, "", "2027-W05"}, "2027-02-01T20:00", "Budsjett & <b>kutt</b>"));
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 2, 15)));

    // Mondays 4 January to 8 February have passed; 15 February is today.
    const std::string row = row_of(page, 30, "data-weeks=\"52\"");
    CHECK(contains(row, "data-weeks-done=\"1\""));
    CHECK(contains(row, "data-status=\"overdue\""));
    CHECK(contains(row, "<td class=\"due\">hver mandag</td>"));
    CHECK(contains(row, "1 av 52 uker ferdig, 5 forsinket, 46 åpne"));
    CHECK(contains(row, "sist Kari Nordmann, 1. februar 2027"));
    CHECK(contains(row, "<details>"));
    CHECK(contains(row, "uke 5, 1. februar: Ferdig – Kari Nordmann, 1. februar 2027: «Budsjett &amp; "
                        "&lt;b&gt;kutt&lt;/b&gt;»"));
    CHECK(contains(row, "uke 6, 8. februar: Forsinket"));
    CHECK_FALSE(contains(row, "uke 7,"));  // open weeks are only counted
}

TEST_CASE("text people typed is shown as text: tags, ampersands and quotes are escaped") {
    test::MemoryState state;
    state.added.push_back({commands::kFirstAddedTask, {"kasserer", ""}, "Bestill <b>mat</b> & \"drikke\"",
                           ymd(2027, 9, 1)});
    const Person mallory{"telegram", "66", "<img src=x onerror=alert(1)>", ""};
    state.done.push_back(done_by(mallory, {6, "", "2027-5"}, "2027-06-02T10:00",
                                 "<script>alert(\"x\")</script> & 'sitat'"));
    const std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 10)));

    const std::string added = row_of(page, commands::kFirstAddedTask, "data-key=\"\"");
    CHECK(contains(added, "Bestill &lt;b&gt;mat&lt;/b&gt; &amp; &quot;drikke&quot;"));
    CHECK(contains(added, "1. september 2027"));
    CHECK(contains(added, "Kasserer"));
    CHECK(contains(page, "Oppgaver lagt til i chatten"));
    const std::string row = row_of(page, 6, "data-key=\"2027-5\"");
    CHECK(contains(row, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;sitat&#39;"));
    CHECK(contains(row, "&lt;img src=x onerror=alert(1)&gt;"));
    CHECK_FALSE(contains(page, "<script"));
    CHECK_FALSE(contains(page, "<b>"));
    CHECK_FALSE(contains(page, "<img src=x"));
}

TEST_CASE("the page is a complete Norwegian document that loads nothing from elsewhere and runs nothing") {
    test::MemoryState state;
    state.done.push_back(done_by(kari, {6, "", "2027-5"}, "2027-06-02T10:00", "se https://example.org"));
    std::string page = publish::overview_page(request_for(state, ymd(2027, 6, 10)));

    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"nb\">"));
    CHECK(contains(page, "<meta charset=\"utf-8\">"));
    CHECK(contains(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    CHECK(contains(page, "<title>Oversikt 2027 – Trøndelag SV</title>"));
    CHECK(contains(page, "<header"));
    CHECK(contains(page, "<footer"));
    CHECK(contains(page, "privat"));
    CHECK(contains(page, "ikke del den"));
    CHECK(page.ends_with("</html>\n"));

    // A comment may hold an address as text; the page itself links none.
    std::ranges::transform(page, page.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string without_comment = page.substr(0, page.find("se https://example.org")) +
                                        page.substr(page.find("se https://example.org") + 22);
    CHECK_FALSE(contains(without_comment, "http://"));
    CHECK_FALSE(contains(without_comment, "https://"));
    CHECK_FALSE(contains(without_comment, "//"));  // no protocol-relative address either
    CHECK_FALSE(contains(page, "<script"));
    CHECK_FALSE(contains(page, "<style"));
    CHECK_FALSE(contains(page, " style="));
    CHECK_FALSE(contains(page, "javascript:"));
    CHECK_FALSE(contains(page, " onload="));
    CHECK_FALSE(contains(page, " onclick="));
}

TEST_CASE("the wheel picture, the calendar feed and the stylesheet are linked at the addresses given, escaped") {
    test::MemoryState state;
    publish::OverviewRequest request = request_for(state, ymd(2027, 6, 10));
    request.wheel_picture_url = "/oversikt/abc&def/arshjul.svg?ar=2027";
    request.calendar_url = "/kalender/\"x\"<y>.ics";
    request.stylesheet_url = "/oversikt/abc&def/stil.css";
    const std::string page = publish::overview_page(request);

    CHECK(contains(page, "<img src=\"/oversikt/abc&amp;def/arshjul.svg?ar=2027\" alt=\"Årshjulet 2027\""));
    CHECK(contains(page, "<a class=\"feed\" href=\"/kalender/&quot;x&quot;&lt;y&gt;.ics\">"));
    CHECK(contains(page, "abonnert kalender"));
    CHECK(contains(page, "<link rel=\"stylesheet\" href=\"/oversikt/abc&amp;def/stil.css\">"));
}

TEST_CASE("html_escape escapes the five characters that can end text or an attribute") {
    CHECK(publish::html_escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f");
    CHECK(publish::html_escape("Årshjul – ærlig, ødeland, å") == "Årshjul – ærlig, ødeland, å");
    CHECK(publish::html_escape("&amp;") == "&amp;amp;");
    CHECK(publish::html_escape("").empty());
}

TEST_CASE("the stylesheet uses system fonts, lets the table scroll on a phone and fetches nothing") {
    const std::string_view css = publish::overview_stylesheet();
    CHECK(contains(std::string(css), "font-family: system-ui, sans-serif"));
    CHECK(contains(std::string(css), ".table-wrap { overflow-x: auto"));
    CHECK(contains(std::string(css), ".status-overdue td.status"));
    CHECK_FALSE(contains(std::string(css), "url("));
    CHECK_FALSE(contains(std::string(css), "@import"));
    CHECK_FALSE(contains(std::string(css), "@font-face"));
}

TEST_CASE("without a state the page shows the plan as planned") {
    const test::MemoryState unused;
    publish::OverviewRequest request = request_for(unused, ymd(2027, 3, 15));
    request.state = nullptr;
    const std::string page = publish::overview_page(request);
    CHECK(rows_of(page, 6).size() == 10);
    CHECK(contains(row_of(page, 6, "data-key=\"2027-2\""), "data-status=\"overdue\""));
}

// A busy state as a database hands it out: the completions read in one query, already
// in order (MemoryState sorts on every call, in unoptimised test code, which is not
// what is timed here). Counts the reads.
class PreparedState : public test::MemoryState {
public:
    mutable int completion_reads = 0;
    std::vector<Completion> in_order;
    std::vector<Completion> all_completions() const override {
        ++completion_reads;
        return in_order;
    }
    std::vector<Completion> completions(int) const override {
        ++completion_reads;
        return {};
    }
    std::vector<Completion> completions_of(const std::vector<int>&) const override {
        ++completion_reads;
        return {};
    }
};

TEST_CASE("a busy year's page reads the completions once and shows every added task") {
    // Two and a half years of work: four in five deadlines confirmed, some with a
    // comment, and tasks added in the chat. (How fast it is written: bench/publish_bench.cpp.)
    PreparedState state;
    const date::year_month_day today = ymd(2027, 6, 10);
    int n = 0;
    for (int year = 2025; year <= 2027; ++year)
        for (const commands::DueTask& due : commands::TaskCalendar(test::shipped_plan(), state).of_year(year))
            for (const commands::Occurrence& occurrence : due.occurrences)
                if (occurrence.due < today && ++n % 5 != 0)
                    state.done.push_back(done_by(kari, occurrence.id, "2027-01-05T12:00", n % 3 ? "" : "Gjort & klart"));
    for (int i = 0; i < 150; ++i)
        state.added.push_back({commands::kFirstAddedTask + i, {"kasserer", ""}, "Oppgave " + std::to_string(i),
                               ymd(2027, static_cast<unsigned>(1 + i % 12), 15)});
    REQUIRE(state.done.size() > 300);
    state.in_order = state.MemoryState::all_completions();

    const std::string page = publish::overview_page(request_for(state, today));
    CHECK(state.completion_reads == 1);  // once per page, not per row
    CHECK(rows_of(page).size() > 250);
    CHECK(contains(page, "Oppgave 149"));
    CHECK(contains(page, "Gjort &amp; klart"));
}

}  // namespace planbot::overview_page_test
