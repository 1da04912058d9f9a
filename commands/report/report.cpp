// See report.hpp. The report is gathered once as plain values (sections → tasks →
// occurrences with their status) and then written in one of three formats, so the
// chat, markdown and CSV versions can never disagree about what was done.
//
// Everything users typed (names, comments, titles of added tasks) is escaped for the
// format it lands in: markdown metacharacters, and in CSV RFC 4180 quoting plus an
// apostrophe before a leading = + - @ so a spreadsheet never runs it as a formula.
#include "commands/report/report.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <date/tz.h>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/tasks_in.hpp"

namespace planbot::commands {

namespace {

// skipped: closed with /hopp, its reason the completion's comment; neither done nor missed.
enum class Status { done, skipped, overdue, open, not_followed_up };

struct Line {
    Occurrence occurrence;
    std::string unit;  // the unit's name for a per-unit task, else ""
    Status status = Status::open;
    std::optional<Completion> completion;
};

struct Item {
    Task task;
    std::vector<Line> lines;
    std::string without_dates;  // why there are no lines: "løpende, ingen frister", …
    bool weekly = false;
};

struct Section {
    std::string name;
    std::vector<Item> items;
};

struct Totals {
    int done = 0;
    int skipped = 0;
    int overdue = 0;
    int open = 0;
    int not_followed_up = 0;
};

struct Report {
    int year = 0;
    date::year_month_day today;
    date::year_month_day tracking_start;
    const date::time_zone* zone = nullptr;
    std::vector<Section> sections;  // the plan's in its order; added tasks last
    Totals totals;
};

constexpr std::string_view kAddedSection = "Oppgaver lagt til i chatten";

std::string number(unsigned value, int width = 1) {
    std::string text = std::to_string(value);
    while (static_cast<int>(text.size()) < width) text.insert(0, "0");
    return text;
}

// "31.12.2026", or "31.12." when `year` is the report's. Completion times are shown on
// the plan's calendar (Europe/Oslo, from the caller).
std::string dotted(date::year_month_day day, int year = 0) {
    return static_cast<int>(day.year()) == year ? short_day(day) : short_date(day);
}

std::string iso_time(const date::time_zone* zone, std::chrono::sys_seconds at) {
    const date::local_seconds local = local_time(zone, at);
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> time(local - day);
    return iso_date(date::year_month_day(day)) + " " + number(static_cast<unsigned>(time.hours().count()), 2) + ":" +
           number(static_cast<unsigned>(time.minutes().count()), 2);
}

std::string person_name(const Person& person) {
    if (!person.name.empty()) return person.name;
    if (!person.username.empty()) return "@" + person.username;
    return "bruker " + person.user_id;
}

std::string no_dates_reason(const config::Schedule& schedule, int year) {
    switch (schedule.kind) {
        case config::ScheduleKind::ongoing: return "løpende, ingen frister";
        case config::ScheduleKind::admin_dates: return "ingen datoer lagt inn for " + std::to_string(year);
        default: return "ingen frist i " + std::to_string(year);
    }
}

// `due`: the task with its occurrences of the report's year (TaskCalendar::of_year).
Item gather_item(const config::Plan& plan, DueTask due, const Report& report,
                 const std::map<OccurrenceId, Completion>& completions) {
    Item item;
    Task& task = due.task;
    item.weekly = task.tiltak && task.tiltak->schedule.kind == config::ScheduleKind::weekly;
    std::vector<Occurrence>& found = due.occurrences;
    // Units in the plan's order (Fjellregionen before Innherred), not their ids'.
    const std::vector<std::string> units = units_of(plan, task.per);
    auto rank = [&](const Occurrence& o) { return std::ranges::find(units, o.id.unit) - units.begin(); };
    std::ranges::stable_sort(found, [&](const Occurrence& a, const Occurrence& b) {
        return std::pair(a.due, rank(a)) < std::pair(b.due, rank(b));
    });
    for (Occurrence& occurrence : found) {
        Line line;
        if (task.per != config::Scope::none) line.unit = unit_name(plan, task.per, occurrence.id.unit);
        if (auto done = completions.find(occurrence.id); done != completions.end()) {
            line.status = done->second.skipped ? Status::skipped : Status::done;
            line.completion = done->second;
        } else if (occurrence.due < report.tracking_start) {
            line.status = Status::not_followed_up;
        } else if (occurrence.due < report.today) {
            line.status = Status::overdue;
        }
        line.occurrence = std::move(occurrence);
        item.lines.push_back(std::move(line));
    }
    if (item.lines.empty() && task.tiltak) item.without_dates = no_dates_reason(task.tiltak->schedule, report.year);
    item.task = std::move(task);
    return item;
}

Report gather(const config::Plan& plan, const State& state, int year, date::year_month_day today) {
    Report report;
    report.year = year;
    report.today = today;
    report.tracking_start = state.tracking_start();
    std::map<OccurrenceId, Completion> completions;
    for (Completion& completion : state.all_completions()) completions.emplace(completion.id, std::move(completion));

    // By the year each deadline belongs to, so a plan deadline an admin moved across new
    // year is still reported for its own year (occurrence_year).
    Section added{std::string(kAddedSection), {}};
    for (DueTask& due : TaskCalendar(plan, state).of_year(year)) {
        const config::Tiltak* tiltak = due.task.tiltak;
        if (!tiltak) {
            added.items.push_back(gather_item(plan, std::move(due), report, completions));
            continue;
        }
        if (report.sections.empty() || report.sections.back().name != tiltak->section)
            report.sections.push_back({tiltak->section, {}});
        report.sections.back().items.push_back(gather_item(plan, std::move(due), report, completions));
    }
    if (!added.items.empty()) report.sections.push_back(std::move(added));

    for (const Section& section : report.sections)
        for (const Item& item : section.items)
            for (const Line& line : item.lines) {
                switch (line.status) {
                    case Status::done: ++report.totals.done; break;
                    case Status::skipped: ++report.totals.skipped; break;
                    case Status::overdue: ++report.totals.overdue; break;
                    case Status::open: ++report.totals.open; break;
                    case Status::not_followed_up: ++report.totals.not_followed_up; break;
                }
            }
    return report;
}

std::string status_word(Status status) {
    switch (status) {
        case Status::done: return "ferdig";
        case Status::skipped: return "hoppet over";
        case Status::overdue: return "forsinket";
        case Status::open: return "åpen";
        case Status::not_followed_up: return "ikke fulgt opp";
    }
    return "";
}

std::string totals_text(const Totals& totals) {
    std::string text = std::to_string(totals.done) + " ferdig, " + std::to_string(totals.overdue) + " forsinket, " +
                       std::to_string(totals.open) + (totals.open == 1 ? " åpen" : " åpne");
    if (totals.skipped > 0) text += ", " + std::to_string(totals.skipped) + " hoppet over";
    if (totals.not_followed_up > 0) text += ", " + std::to_string(totals.not_followed_up) + " ikke fulgt opp";
    return text;
}

// "46 av 52 uker ferdig, 2 forsinket, 4 åpne".
std::string weekly_summary(const Item& item) {
    Totals t;
    for (const Line& line : item.lines) {
        if (line.status == Status::done) ++t.done;
        else if (line.status == Status::skipped) ++t.skipped;
        else if (line.status == Status::overdue) ++t.overdue;
        else if (line.status == Status::open) ++t.open;
        else ++t.not_followed_up;
    }
    std::string text = std::to_string(t.done) + " av " + std::to_string(item.lines.size()) + " uker ferdig";
    if (t.skipped > 0) text += ", " + std::to_string(t.skipped) + " hoppet over";
    if (t.overdue > 0) text += ", " + std::to_string(t.overdue) + " forsinket";
    if (t.open > 0) text += ", " + std::to_string(t.open) + (t.open == 1 ? " åpen" : " åpne");
    if (t.not_followed_up > 0) text += ", " + std::to_string(t.not_followed_up) + " ikke fulgt opp";
    return text;
}

// Who answers for the task, in the plan's words unless an admin has changed them.
std::string responsible_text(const config::Plan& plan, const Task& task) {
    if (task.tiltak && task.ansvarlig_missing) return "ansvarlig mangler (fylkesstyret tar det inntil videre)";
    if (task.tiltak && !task.tiltak->ansvarlig_text.empty() && task.roles == task.tiltak->ansvarlig)
        return task.tiltak->ansvarlig_text;
    std::vector<std::string> labels;
    for (const config::RoleRef& role : task.roles) labels.push_back(role_label(plan, role));
    std::string text;
    for (size_t i = 0; i < labels.size(); ++i) text += (i == 0 ? "" : ", ") + labels[i];
    return text;
}

std::string title_of(const Task& task, bool full) {
    if (task.tiltak) return full ? task.tiltak->title : task.tiltak->short_title;
    return task.title;
}

// A comment or name as one line of at most `limit` bytes (cut at a character boundary).
std::string one_line(std::string_view text, size_t limit = std::string::npos) {
    std::string out;
    for (char c : text) out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    if (out.size() > limit) {
        size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out = out.substr(0, cut) + "…";
    }
    return out;
}

// ---- chat ------------------------------------------------------------------

constexpr size_t kChatComment = 80;

std::string chat_status(const Line& line, int year, const date::time_zone* zone) {
    std::string text = status_word(line.status);
    if (line.completion) {
        text += " " + dotted(local_day(zone, line.completion->at), year) + " av " + one_line(person_name(line.completion->by));
        if (!line.completion->comment.empty()) text += " – «" + one_line(line.completion->comment, kChatComment) + "»";
    }
    return text;
}

// A task with several occurrences in a chat: grouped by status, so forty local
// chapters or twelve months take a few lines. Per-unit tasks list their units (with
// the deadline in the head when they share it); others list their deadlines.
std::string chat_grouped(const Item& item, int year, const date::time_zone* zone, std::string& head) {
    const bool per_unit = item.task.per != config::Scope::none;
    const bool same_due = per_unit && std::ranges::all_of(item.lines, [&](const Line& line) {
        return line.occurrence.due == item.lines.front().occurrence.due;
    });
    if (same_due) head += " (frist " + dotted(item.lines.front().occurrence.due, year) + ")";
    int done = 0;
    std::string text;
    for (Status status : {Status::done, Status::skipped, Status::overdue, Status::open, Status::not_followed_up}) {
        std::string entries;
        for (const Line& line : item.lines) {
            if (line.status != status) continue;
            std::string entry = per_unit ? line.unit : dotted(line.occurrence.due, year);
            if (per_unit && !same_due) entry += " (frist " + dotted(line.occurrence.due, year) + ")";
            if (line.completion) {
                done += status == Status::done;
                entry += " (" + chat_status(line, year, zone).substr(status_word(status).size() + 1) + ")";
            }
            entries += (entries.empty() ? "" : line.completion ? "; " : ", ") + entry;
        }
        if (!entries.empty())
            text += "\n• " + capitalise(status_word(status)) + ": " + (per_unit ? "" : "frist ") + entries;
    }
    head += ": " + std::to_string(done) + " av " + std::to_string(item.lines.size()) + " ferdig";
    return text;
}

std::string write_chat(const config::Plan& plan, const Report& report) {
    std::string text = "Årsrapport " + std::to_string(report.year) + " – " + plan.name + "\nPer " +
                       dotted(report.today) + ": " + totals_text(report.totals) + ".";
    if (report.tracking_start > date::year(report.year) / 1 / 1 &&
        static_cast<int>(report.tracking_start.year()) == report.year)
        text += "\nplanbot fulgte planen fra " + dotted(report.tracking_start) +
                "; eldre frister står som «ikke fulgt opp».";
    for (const Section& section : report.sections) {
        text += "\n\n— " + section.name + " —";
        for (const Item& item : section.items) {
            std::string head = "\n" + std::to_string(item.task.number) + ". " + one_line(title_of(item.task, false));
            if (!item.task.tiltak && !item.task.roles.empty()) head += " – " + role_label(plan, item.task.roles.front());
            if (item.lines.empty()) {
                text += head + ": " + item.without_dates;
            } else if (item.weekly) {
                text += head + ": " + weekly_summary(item);
            } else if (item.lines.size() == 1 && item.task.per == config::Scope::none) {
                const Line& line = item.lines.front();
                text += head + " (frist " + dotted(line.occurrence.due, report.year) + "): " +
                        chat_status(line, report.year, report.zone);
            } else {
                std::string groups = chat_grouped(item, report.year, report.zone, head);
                text += head + groups;
            }
        }
    }
    return text;
}

// ---- markdown --------------------------------------------------------------

// Backslash before every character that can start markup inside a line, so a name
// like "*Kari*" or a comment with "[lenke](…)" or "<b>" reads as typed. User text
// never starts a line here ("- frist …: ferdig … av NAME"), so "-", "+" and "1." need
// nothing; a line break could start a heading or list, so text is kept to one line.
std::string md(std::string_view text) {
    std::string out;
    for (char c : one_line(text)) {
        if (std::string_view("\\`*_[]<>#|~&").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string md_status(const Line& line, const date::time_zone* zone) {
    std::string text = status_word(line.status);
    if (line.completion) {
        text += " " + dotted(local_day(zone, line.completion->at)) + " av " + md(person_name(line.completion->by));
        if (!line.completion->comment.empty()) text += " («" + md(line.completion->comment) + "»)";
    }
    return text;
}

std::string write_markdown(const config::Plan& plan, const Report& report) {
    std::string text = "# Årsrapport " + std::to_string(report.year) + ": " + md(plan.name) + "\n\nStatus per " +
                       dotted(report.today) + ": " + totals_text(report.totals) + ".\n";
    if (report.tracking_start > date::year(report.year) / 1 / 1 &&
        static_cast<int>(report.tracking_start.year()) == report.year)
        text += "\nplanbot fulgte planen fra " + dotted(report.tracking_start) +
                "; frister før det står som «ikke fulgt opp».\n";
    for (const Section& section : report.sections) {
        text += "\n## " + md(section.name) + "\n";
        for (const Item& item : section.items) {
            text += "\n### " + std::to_string(item.task.number) + ". " + md(title_of(item.task, true)) + "\n\n";
            std::string responsible = responsible_text(plan, item.task);
            if (!responsible.empty()) text += "Ansvarlig: " + md(responsible) + "\n\n";
            if (item.lines.empty()) {
                text += "- " + item.without_dates + "\n";
            } else if (item.weekly) {
                text += "- " + weekly_summary(item) + "\n";
            } else {
                for (const Line& line : item.lines)
                    text += "- " + (line.unit.empty() ? "" : md(line.unit) + ", ") + "frist " +
                            dotted(line.occurrence.due) + ": " + md_status(line, report.zone) + "\n";
            }
        }
    }
    return text;
}

// ---- csv -------------------------------------------------------------------

std::string csv_cell(std::string_view text) {
    std::string cell(text);
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
        cell.insert(0, "'");
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

void csv_row(std::string& out, const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i == 0 ? "" : ",") + csv_cell(cells[i]);
    out += "\r\n";
}

std::string write_csv(const Report& report) {
    // The byte order mark lets spreadsheet programs read æøå as UTF-8.
    std::string out = "\xEF\xBB\xBF";
    csv_row(out, {"Seksjon", "Nr", "Oppgave", "Enhet", "Frist", "Status", "Utført av", "Utført", "Kommentar"});
    for (const Section& section : report.sections)
        for (const Item& item : section.items) {
            const std::string number = std::to_string(item.task.number);
            const std::string title = title_of(item.task, true);
            if (item.lines.empty()) csv_row(out, {section.name, number, title, "", "", item.without_dates, "", "", ""});
            for (const Line& line : item.lines) {
                const Completion* done = line.completion ? &*line.completion : nullptr;
                csv_row(out, {section.name, number, title, line.unit, iso_date(line.occurrence.due), status_word(line.status),
                              done ? person_name(done->by) : "", done ? iso_time(report.zone, done->at) : "",
                              done ? done->comment : ""});
            }
        }
    return out;
}

}  // namespace

std::string year_report(const config::Plan& plan, const State& state, int year, date::year_month_day today,
                        const date::time_zone* zone, ReportFormat format) {
    if (year < plan.first_year || year > plan.last_year)
        return "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
               ", så det er ingen rapport for " + std::to_string(year) + ".";
    Report report = gather(plan, state, year, today);
    report.zone = zone;
    switch (format) {
        case ReportFormat::chat: return write_chat(plan, report);
        case ReportFormat::markdown: return write_markdown(plan, report);
        case ReportFormat::csv: return write_csv(report);
    }
    return "";
}

}  // namespace planbot::commands
