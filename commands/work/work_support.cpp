// See work_support.hpp.
#include "commands/work/work_support.hpp"

#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"

namespace planbot::commands::detail {

using config::ScheduleKind;
using config::Scope;
using date::year_month_day;

// ---- args --------------------------------------------------------------------

std::string join_words(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : " ") + item;
    return out;
}

std::string join_from(const std::vector<std::string>& args, size_t from) {
    return join_words(std::vector<std::string>(args.begin() + static_cast<long>(std::min(from, args.size())), args.end()));
}

std::string lower_first(std::string text) {
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::string one_word(std::string_view arg) {
    std::vector<std::string> parts = words(arg);
    return parts.size() == 1 ? parts.front() : "";
}

size_t take_page(std::vector<std::string>& args) {
    if (args.size() >= 2 && one_word(args[args.size() - 2]) == "side")
        if (auto page = as_number(one_word(args.back()))) {
            args.resize(args.size() - 2);
            return static_cast<size_t>(std::max(1, *page));
        }
    return 1;
}

std::string beyond_last_page(size_t pages, std::string_view command) {
    if (pages <= 1) return "Det er bare én side. Skriv «" + std::string(command) + "».";
    return "Det er bare " + std::to_string(pages) + " sider. Skriv «" + std::string(command) + " side " +
           std::to_string(pages) + "» for den siste.";
}

FoldedArgs fold_args(const std::vector<std::string>& args, size_t from) {
    FoldedArgs out;
    out.from = from;
    for (size_t i = from; i < args.size(); ++i)
        for (std::string& word : words(args[i])) {
            out.words.push_back(std::move(word));
            out.arg_of.push_back(i);
        }
    return out;
}

std::string text_after(std::string_view rest, size_t count) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    size_t at = 0;
    auto skip_space = [&] {
        while (at < rest.size() && is_space(rest[at])) ++at;
    };
    skip_space();
    for (size_t i = 0; i < count && at < rest.size(); ++i) {
        while (at < rest.size() && !is_space(rest[at])) ++at;
        skip_space();
    }
    std::string_view out = rest.substr(at);
    while (!out.empty() && is_space(out.back())) out.remove_suffix(1);
    return std::string(out);
}

size_t character_count(std::string_view text) {
    // Every byte but the continuation bytes (10xxxxxx) starts a code point.
    return static_cast<size_t>(std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<int> task_number(const std::vector<std::string>& args, size_t& at) {
    if (at + 1 < args.size() && is_one_of(one_word(args[at]), {"nr", "nummer", "oppgave", "tiltak"})) ++at;
    if (at >= args.size()) return std::nullopt;
    // "-9" folds to the word "9", but no task has a negative number.
    if (args[at].starts_with('-') || args[at].starts_with('+') || args[at].starts_with("\u2212")) return std::nullopt;
    std::vector<std::string> parts = words(args[at]);
    if (parts.size() == 2 && parts[0] == "nr") parts.erase(parts.begin());
    if (parts.size() != 1) return std::nullopt;
    auto number = as_number(parts[0]);
    if (number) ++at;
    return number;
}

// ---- dates -------------------------------------------------------------------

int days_between(year_month_day from, year_month_day to) {
    return static_cast<int>((date::sys_days(to) - date::sys_days(from)).count());
}

year_month_day week_monday(year_month_day day) {
    return year_month_day(date::sys_days(day) - date::days(iso_weekday(day) - 1));
}

year_month_day plan_first(const config::Plan& plan) { return date::year(plan.first_year) / 1 / 1; }
year_month_day plan_last(const config::Plan& plan) { return date::year(plan.last_year) / 12 / 31; }

// ---- tasks, units, roles -----------------------------------------------------

std::string units_word(Scope scope, size_t count) {
    switch (scope) {
        case Scope::region: return count == 1 ? "region" : "regioner";
        case Scope::committee: return "utvalg";
        case Scope::lokallag: return "lokallag";
        case Scope::municipality: return count == 1 ? "kommune" : "kommuner";
        case Scope::none: break;
    }
    return count == 1 ? "enhet" : "enheter";
}

bool is_weekly(const Task& task) { return task.tiltak && task.tiltak->schedule.kind == ScheduleKind::weekly; }

bool has_own_dates(const Task& task) {
    return task.tiltak && (task.tiltak->schedule.kind == ScheduleKind::admin_dates ||
                           task.tiltak->schedule.kind == ScheduleKind::ongoing);
}

std::vector<std::string> task_units(const config::Plan& plan, const Task& task) {
    std::vector<std::string> units = units_of(plan, task.per);
    if (units.empty()) units.emplace_back();
    return units;
}

std::string task_name(const Task& task) { return "nr. " + std::to_string(task.number) + " " + task.title; }

std::string task_heading(const Task& task) { return "Nr. " + std::to_string(task.number) + " " + task.title; }

std::string occurrence_name(const config::Plan& plan, const Task& task, const Occurrence& occurrence) {
    return task_heading(task) + " (" + occurrence_label(plan, task, occurrence) + ")";
}

Standing standing_of(const Occurrence& occurrence, bool weekly, year_month_day since, year_month_day today) {
    if (occurrence.due < since || (weekly && occurrence.due < week_monday(today))) return Standing::history;
    if (!weekly && occurrence.due < today) return Standing::overdue;
    return Standing::current;
}

std::string unknown_task(const config::Plan& plan, int number) {
    int lowest = 0;
    int highest = 0;
    for (const config::Tiltak& tiltak : plan.tiltak) {
        lowest = lowest == 0 ? tiltak.number : std::min(lowest, tiltak.number);
        highest = std::max(highest, tiltak.number);
    }
    return "Jeg finner ingen oppgave nr. " + std::to_string(number) + ". Planens tiltak har nummer " +
           std::to_string(lowest) + "–" + std::to_string(highest) + ", og oppgaver lagt til med /ny har nummer fra " +
           std::to_string(kFirstAddedTask) + ". Se dine i /oppgaver.";
}

std::string unknown_role(const config::Plan& plan, std::string_view typed) {
    std::vector<std::string> names;
    for (const config::Role& role : plan.roles)
        if (role.scope == Scope::none && names.size() < 3) names.push_back(lower_first(role.name));
    for (const config::Role& role : plan.roles) {
        std::vector<std::string> units = units_of(plan, role.scope);
        if (role.scope == Scope::none || units.empty()) continue;
        names.push_back(lower_first(role.name) + " " + unit_name(plan, role.scope, units.front()));
        break;
    }
    return "Jeg kjenner ikke rollen " + quoted(typed) + ". Prøv for eksempel " + join_list(names, " eller ") +
           ". /roller viser alle rollene.";
}

}  // namespace planbot::commands::detail
