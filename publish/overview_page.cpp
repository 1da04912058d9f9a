// See overview_page.hpp. The page is written in one pass over the year's tasks
// (TaskCalendar::of_year, as /status and /rapport count them), with the completions
// read once into a map and looked up per row (no loop over completions per row): the
// shipped plan's ~290 rows for 2027 with ~450 completions take about 3 ms here. Status words follow /rapport: done, skipped, open, overdue, and
// «Ikke fulgt opp» for deadlines before planbot began following the plan.
//
// Everything from the plan, the state and the request goes through html_escape; the
// only markup is written here. No style attribute, no <style>, no script, no absolute
// URL: the stylesheet is overview_stylesheet(), served by the route at stylesheet_url.
#include "publish/overview_page.hpp"

#include <map>
#include <vector>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::publish {

// Named, so the helpers cannot meet the other publish files' in a unity build.
namespace overview_html {
namespace {

using commands::Completion;
using commands::DueTask;
using commands::Occurrence;
using commands::OccurrenceId;
using commands::Task;

enum class Status { done, skipped, open, overdue, history };

// As the cell says it, and as data-status and the class name give it to tests and CSS.
std::string_view status_word(Status status) {
    switch (status) {
        case Status::done: return "Ferdig";
        case Status::skipped: return "Hoppet over";
        case Status::open: return "Åpen";
        case Status::overdue: return "Forsinket";
        case Status::history: return "Ikke fulgt opp";
    }
    return "";
}

std::string_view status_key(Status status) {
    switch (status) {
        case Status::done: return "done";
        case Status::skipped: return "skipped";
        case Status::open: return "open";
        case Status::overdue: return "overdue";
        case Status::history: return "history";
    }
    return "";
}

struct Counts {
    int done = 0;
    int skipped = 0;
    int open = 0;
    int overdue = 0;
    int history = 0;
    void add(Status status) {
        switch (status) {
            case Status::done: ++done; break;
            case Status::skipped: ++skipped; break;
            case Status::open: ++open; break;
            case Status::overdue: ++overdue; break;
            case Status::history: ++history; break;
        }
    }
    int total() const { return done + skipped + open + overdue + history; }
};

// One request being written. `completions` points into `stored`.
struct Page {
    const OverviewRequest& request;
    date::year_month_day tracking_start;
    std::vector<Completion> stored;
    std::map<OccurrenceId, const Completion*> completions;
    Counts totals;

    const Completion* completion_of(const OccurrenceId& id) const {
        auto found = completions.find(id);
        return found == completions.end() ? nullptr : found->second;
    }
    Status status_of(const Occurrence& occurrence, const Completion* completion) const {
        if (completion) return completion->skipped ? Status::skipped : Status::done;
        if (occurrence.due < tracking_start) return Status::history;
        return occurrence.due < request.today ? Status::overdue : Status::open;
    }
};

std::string esc(std::string_view text) { return html_escape(text); }

void cell(std::string& out, std::string_view css_class, std::string_view escaped_html) {
    out += "<td class=\"";
    out += css_class;
    out += "\">";
    out += escaped_html;
    out += "</td>";
}

// "Fylkesstyret, Fylkessekretær"; the roles narrowed to the occurrence's unit (tiltak 3
// in Innherred: Regionleder Innherred). A tiltak that names nobody says so.
std::string responsible_text(const config::Plan& plan, const Task& task, std::string_view unit) {
    std::string text;
    for (const config::RoleRef& role : commands::responsible_for(plan, task, unit))
        text += (text.empty() ? "" : ", ") + commands::role_label(plan, role);
    if (task.ansvarlig_missing) text += text.empty() ? "ansvarlig mangler" : " (ansvarlig mangler)";
    return esc(text);
}

// As the chat names people: the name, else "@username", else "bruker <id>".
std::string person_name(const commands::Person& person) {
    if (!person.name.empty()) return person.name;
    if (!person.username.empty()) return "@" + person.username;
    return "bruker " + person.user_id;
}

// "Kari Nordmann, 3. juni 2027": who confirmed, on the plan's calendar.
std::string confirmed_text(const Page& page, const Completion& completion) {
    return esc(person_name(completion.by)) + ", " +
           commands::long_day(commands::local_day(page.request.zone, completion.at));
}

std::string title_cell(const Task& task) {
    if (!task.tiltak) return esc(task.title);
    const std::string& full = task.tiltak->title;
    if (full.empty() || full == task.title) return esc(task.title);
    // The short title fits a phone; the plan's wording is one tap or hover away.
    return "<abbr title=\"" + esc(full) + "\">" + esc(task.title) + "</abbr>";
}

// "uke 5" from the key "2027-W05" (the row is the year's); an added date by its label.
std::string week_label(const config::Plan& plan, const Task& task, const Occurrence& occurrence) {
    const std::string& key = occurrence.id.key;
    const size_t week = key.find("-W");
    if (week == std::string::npos || week + 2 >= key.size())
        return esc(commands::occurrence_label(plan, task, occurrence));
    const std::string number = key.substr(week + 2);
    return "uke " + esc(number.starts_with('0') ? number.substr(1) : number);
}

void row_start(std::string& out, const Task& task, std::string_view classes, Status status) {
    out += "<tr class=\"occurrence ";
    out += classes;
    out += " status-";
    out += status_key(status);
    out += "\" data-task=\"" + std::to_string(task.number) + "\" data-status=\"";
    out += status_key(status);
    out += "\"";
}

void occurrence_row(std::string& out, Page& page, const Task& task, const Occurrence& occurrence) {
    const config::Plan& plan = page.request.plan;
    const Completion* completion = page.completion_of(occurrence.id);
    const Status status = page.status_of(occurrence, completion);
    page.totals.add(status);
    row_start(out, task, "single", status);
    out += " data-unit=\"" + esc(occurrence.id.unit) + "\" data-key=\"" + esc(occurrence.id.key) + "\" data-due=\"" +
           commands::iso_date(occurrence.due) + "\">";
    cell(out, "nr", std::to_string(task.number));
    cell(out, "title", title_cell(task));
    cell(out, "unit", task.per == config::Scope::none ? "–" : esc(commands::unit_name(plan, task.per, occurrence.id.unit)));
    cell(out, "due", commands::long_day(occurrence.due));
    cell(out, "responsible", responsible_text(plan, task, occurrence.id.unit));
    cell(out, "status", status_word(status));
    cell(out, "by", completion ? confirmed_text(page, *completion) : "");
    cell(out, "comment", completion ? esc(completion->comment) : "");
    out += "</tr>\n";
}

// A weekly task is one row, not 52: the year's weeks would bury every other tiltak
// (two weekly tiltak are a third of the table's rows). The row counts the weeks
// («12 av 52 uker ferdig, 2 forsinket, 38 åpne», as /rapport says it), takes the most
// pressing week's status for its data-status and colour (overdue, open, done, skipped,
// not followed up), and lists the weeks that were confirmed, skipped or are overdue,
// with who and the comment, in a <details> that is closed until opened.
void weekly_row(std::string& out, Page& page, const DueTask& due) {
    const config::Plan& plan = page.request.plan;
    const Task& task = due.task;
    Counts weeks;
    const Completion* latest = nullptr;
    std::string listed;
    for (const Occurrence& occurrence : due.occurrences) {
        const Completion* completion = page.completion_of(occurrence.id);
        const Status status = page.status_of(occurrence, completion);
        weeks.add(status);
        page.totals.add(status);
        if (completion && (!latest || completion->at > latest->at)) latest = completion;
        if (!completion && status != Status::overdue) continue;
        listed += "<li class=\"status-";
        listed += status_key(status);
        listed += "\" data-key=\"" + esc(occurrence.id.key) + "\">" + week_label(plan, task, occurrence) + ", " +
                  commands::day_month(occurrence.due) + ": " + std::string(status_word(status));
        if (completion) {
            listed += " – " + confirmed_text(page, *completion);
            if (!completion->comment.empty()) listed += ": «" + esc(completion->comment) + "»";
        }
        listed += "</li>";
    }
    const Status shown = weeks.overdue ? Status::overdue
                         : weeks.open  ? Status::open
                         : weeks.done  ? Status::done
                         : weeks.skipped ? Status::skipped
                                         : Status::history;
    row_start(out, task, "weekly", shown);
    out += " data-weeks=\"" + std::to_string(weeks.total()) + "\" data-weeks-done=\"" + std::to_string(weeks.done) +
           "\">";
    cell(out, "nr", std::to_string(task.number));
    cell(out, "title", title_cell(task));
    cell(out, "unit", "–");
    cell(out, "due", "hver " + std::string(commands::weekday_name(task.tiltak->schedule.weekday)));
    cell(out, "responsible", responsible_text(plan, task, ""));
    std::string summary = std::to_string(weeks.done) + " av " + std::to_string(weeks.total()) + " uker ferdig";
    if (weeks.skipped) summary += ", " + std::to_string(weeks.skipped) + " hoppet over";
    if (weeks.overdue) summary += ", " + std::to_string(weeks.overdue) + " forsinket";
    if (weeks.open) summary += ", " + std::to_string(weeks.open) + (weeks.open == 1 ? " åpen" : " åpne");
    if (weeks.history) summary += ", " + std::to_string(weeks.history) + " ikke fulgt opp";
    cell(out, "status", summary);
    cell(out, "by", latest ? "sist " + confirmed_text(page, *latest) : "");
    cell(out, "comment", listed.empty() ? ""
                                        : "<details><summary>Uke for uke</summary><ul class=\"weeks\">" + listed +
                                              "</ul></details>");
    out += "</tr>\n";
}

constexpr std::string_view kAddedSection = "Oppgaver lagt til i chatten";
constexpr int kColumns = 8;

// The table's rows, section by section (the plan's sections, then the added tasks), and
// the tiltak that have no deadline this year, for the list under the table.
std::string table_rows(Page& page, std::vector<const Task*>& undated, const std::vector<DueTask>& year_tasks) {
    std::string out;
    std::string_view section;
    bool open_body = false;
    for (const DueTask& due : year_tasks) {
        if (due.occurrences.empty()) {
            undated.push_back(&due.task);
            continue;
        }
        const std::string_view this_section = due.task.tiltak ? std::string_view(due.task.tiltak->section)
                                                              : kAddedSection;
        if (!open_body || this_section != section) {
            if (open_body) out += "</tbody>\n";
            out += "<tbody class=\"section\"><tr class=\"section-head\"><th colspan=\"" + std::to_string(kColumns) +
                   "\" scope=\"rowgroup\">" + esc(this_section) + "</th></tr>\n";
            section = this_section;
            open_body = true;
        }
        const bool weekly = due.task.tiltak && due.task.tiltak->schedule.kind == config::ScheduleKind::weekly;
        if (weekly) {
            weekly_row(out, page, due);
            continue;
        }
        for (const Occurrence& occurrence : due.occurrences) occurrence_row(out, page, due.task, occurrence);
    }
    if (open_body) out += "</tbody>\n";
    return out;
}

std::string count_span(std::string_view key, int count, std::string_view words) {
    return "<span class=\"count status-" + std::string(key) + "\" data-count=\"" + std::string(key) + "\">" +
           std::to_string(count) + " " + std::string(words) + "</span>";
}

// "3 ferdig, 40 åpne, 2 forsinket" (and skipped and not followed up when there are any).
std::string summary_line(const Counts& totals) {
    std::string text = count_span("done", totals.done, "ferdig") + ", " +
                       count_span("open", totals.open, totals.open == 1 ? "åpen" : "åpne") + ", " +
                       count_span("overdue", totals.overdue, "forsinket");
    if (totals.skipped) text += ", " + count_span("skipped", totals.skipped, "hoppet over");
    if (totals.history) text += ", " + count_span("history", totals.history, "ikke fulgt opp");
    return text;
}

std::string undated_list(const Page& page, const std::vector<const Task*>& undated) {
    if (undated.empty()) return "";
    std::string out = "<h3>Uten frist i " + std::to_string(page.request.year) + "</h3>\n<ul class=\"undated\">";
    for (const Task* task : undated) {
        out += "<li data-task=\"" + std::to_string(task->number) + "\">" + std::to_string(task->number) + ". " +
               esc(task->title);
        if (task->tiltak && !task->tiltak->schedule.description.empty())
            out += " – " + esc(task->tiltak->schedule.description);
        out += "</li>";
    }
    return out + "</ul>\n";
}

void write_head(std::string& out, const OverviewRequest& request, const std::string& year) {
    out += "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           // The address holds the viewer's token: never sent on, never indexed.
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
           "<title>Oversikt " + year + " – " + esc(request.plan.organisation) + "</title>\n";
    if (!request.stylesheet_url.empty())
        out += "<link rel=\"stylesheet\" href=\"" + esc(request.stylesheet_url) + "\">\n";
    out += "</head>\n<body>\n<header class=\"page-head\">\n<h1>Oversikt " + year + "</h1>\n<p class=\"plan\">" +
           esc(request.plan.name) + " · " + esc(request.plan.organisation) + "</p>\n<p class=\"as-of\">Per " +
           commands::long_day(request.today) + "</p>\n</header>\n<main>\n";
}

void write_wheel(std::string& out, const OverviewRequest& request, const std::string& year) {
    if (request.wheel_picture_url.empty()) return;
    out += "<section class=\"wheel\" aria-labelledby=\"arshjul\">\n<h2 id=\"arshjul\">Årshjulet</h2>\n"
           "<figure><img src=\"" + esc(request.wheel_picture_url) + "\" alt=\"Årshjulet " + year +
           "\" width=\"640\" height=\"640\"></figure>\n</section>\n";
}

void write_feeds(std::string& out, const OverviewRequest& request) {
    if (request.calendar_url.empty()) return;
    out += "<section class=\"feeds\" aria-labelledby=\"kalender\">\n<h2 id=\"kalender\">Kalender</h2>\n"
           "<p><a class=\"feed\" href=\"" + esc(request.calendar_url) + "\">Kalenderen for " +
           esc(request.plan.organisation) + " (.ics)</a></p>\n"
           "<p class=\"help\">Kopier lenken og legg den til som abonnert kalender (Google Kalender: "
           "«Andre kalendere» → «Fra nettadresse»; iPhone: Innstillinger → Kalender → Kontoer → "
           "«Legg til abonnert kalender»), så kommer årshjulet og fristene inn og holder seg oppdatert.</p>\n"
           "</section>\n";
}

}  // namespace

std::string render(const OverviewRequest& request) {
    const config::Plan& plan = request.plan;
    const std::string year = std::to_string(request.year);
    Page page{request, date::year(plan.first_year) / 1 / 1, {}, {}, {}};
    if (request.state) {
        page.tracking_start = request.state->tracking_start();
        page.stored = request.state->all_completions();
        for (const Completion& completion : page.stored) page.completions.emplace(completion.id, &completion);
    }
    const std::vector<DueTask> year_tasks = commands::TaskCalendar(plan, request.state).of_year(request.year);
    std::vector<const Task*> undated;
    const std::string rows = table_rows(page, undated, year_tasks);

    std::string out;
    out.reserve(rows.size() + 8192);
    write_head(out, request, year);
    write_wheel(out, request, year);
    out += "<section class=\"tasks\" aria-labelledby=\"frister\">\n<h2 id=\"frister\">Tiltak og frister " + year +
           "</h2>\n<p class=\"summary\" id=\"sammendrag\">" + summary_line(page.totals) + "</p>\n";
    if (request.year < plan.first_year || request.year > plan.last_year)
        out += "<p class=\"note\">Planen gjelder " + std::to_string(plan.first_year) + "–" +
               std::to_string(plan.last_year) + ", så det er ingen frister i " + year + ".</p>\n";
    if (page.tracking_start > date::year(request.year) / 1 / 1 && page.tracking_start.year() == date::year(request.year))
        out += "<p class=\"note\">planbot fulgte planen fra " + commands::long_day(page.tracking_start) +
               "; frister før det står som «Ikke fulgt opp».</p>\n";
    if (!rows.empty()) {
        // Wide on a phone: the wrapper scrolls sideways (focusable, so a keyboard can too).
        out += "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"frister\">\n"
               "<table id=\"tiltak-" + year + "\" class=\"tiltak\">\n<thead><tr>"
               "<th scope=\"col\">Nr.</th><th scope=\"col\">Tiltak</th><th scope=\"col\">Enhet</th>"
               "<th scope=\"col\">Frist</th><th scope=\"col\">Ansvarlig</th><th scope=\"col\">Status</th>"
               "<th scope=\"col\">Meldt av</th><th scope=\"col\">Kommentar</th></tr></thead>\n" +
               rows + "</table>\n</div>\n";
    }
    out += undated_list(page, undated);
    out += "</section>\n";
    write_feeds(out, request);
    out += "</main>\n<footer class=\"page-foot\">\n<p>Denne siden er privat. Lenken er personlig og gir tilgang "
           "uten passord: ikke del den med andre.</p>\n</footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace overview_html

std::string overview_page(const OverviewRequest& request) { return overview_html::render(request); }

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string_view overview_stylesheet() {
    // System fonts only; no url(), no @import: nothing leaves the origin.
    static constexpr std::string_view kCss = R"css(:root {
  color-scheme: light dark;
  --text: #1b1b1b; --muted: #5a5a5a; --page: #ffffff; --line: #d6d6d6; --head: #f2f2f2;
  --done-bg: #e1f3e4; --done: #14532d;
  --skipped-bg: #ececec; --skipped: #3f3f3f;
  --open-bg: #e6eefb; --open: #1e3a8a;
  --overdue-bg: #fde2e1; --overdue: #8a1c15;
  --history-bg: #fff3d6; --history: #6b4a00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #ececec; --muted: #b4b4b4; --page: #141414; --line: #3a3a3a; --head: #222222;
    --done-bg: #163822; --done: #b9ecc6;
    --skipped-bg: #2b2b2b; --skipped: #d2d2d2;
    --open-bg: #1a2848; --open: #c5d5f7;
    --overdue-bg: #4a1714; --overdue: #ffc9c4;
    --history-bg: #3d300c; --history: #f6dd9c;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 75rem; padding: 1rem;
  font-family: system-ui, sans-serif; font-size: 1rem; line-height: 1.45;
  color: var(--text); background: var(--page);
}
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
.plan, .as-of, .help, .note, .page-foot { color: var(--muted); }
.plan, .as-of { margin: 0; }
figure { margin: 0; }
.wheel img { display: block; width: 100%; max-width: 40rem; height: auto; margin: 0 auto; }
.summary { font-size: 1.1rem; }
.count { display: inline-block; padding: 0 0.35em; border-radius: 0.3em; font-weight: 600; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--line); }
.table-wrap:focus { outline: 2px solid var(--open); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; min-width: 56rem; font-size: 0.95rem; }
caption { text-align: left; }
th, td { padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--head); white-space: nowrap; }
.section-head th { background: var(--head); font-weight: 600; }
td.nr { text-align: right; white-space: nowrap; }
td.due { white-space: nowrap; }
td.comment { white-space: pre-line; overflow-wrap: anywhere; max-width: 24rem; }
td.status { font-weight: 600; }
abbr[title] { text-decoration: none; }
.status-done td.status, .count.status-done, li.status-done { background: var(--done-bg); color: var(--done); }
.status-skipped td.status, .count.status-skipped, li.status-skipped { background: var(--skipped-bg); color: var(--skipped); }
.status-open td.status, .count.status-open { background: var(--open-bg); color: var(--open); }
.status-overdue td.status, .count.status-overdue, li.status-overdue { background: var(--overdue-bg); color: var(--overdue); }
.status-history td.status, .count.status-history, li.status-history { background: var(--history-bg); color: var(--history); }
ul.weeks { margin: 0.4rem 0 0; padding-left: 1.1rem; white-space: normal; }
ul.weeks li { padding: 0 0.25em; margin: 0.1rem 0; }
summary { cursor: pointer; }
a { color: var(--open); }
.page-foot { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: 0.9rem; }
@media (max-width: 40rem) {
  body { padding: 0.75rem; }
  h1 { font-size: 1.35rem; }
  table { font-size: 0.9rem; }
}
@media print {
  .table-wrap { overflow: visible; border: 0; }
  table { min-width: 0; }
  thead th { position: static; }
}
)css";
    return kCss;
}

}  // namespace planbot::publish
