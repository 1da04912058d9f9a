// See wheel_questions.hpp.
#include "commands/wheel/wheel_questions.hpp"

#include <algorithm>
#include <map>

#include "commands/language/dates.hpp"
#include "commands/language/matching.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/search_index.hpp"
#include "commands/reply_text.hpp"
#include "commands/wheel/task_answers.hpp"
#include "commands/wheel/wheel_days.hpp"
#include "commands/work/deadlines.hpp"

namespace planbot::commands {

using namespace wheel_detail;

namespace {

using date::year_month_day;
using config::Plan;
using config::Tiltak;
using config::WheelEvent;

bool is_election_year(const Plan& plan, int year) {
    return std::ranges::find(plan.election_years, year) != plan.election_years.end();
}

struct WheelInPeriod {
    std::vector<std::string> dated;                    // fixed-day events inside the period
    std::map<std::pair<int, int>, std::vector<std::string>> month_only;  // (year, month) → titles
};

WheelInPeriod wheel_in(const WheelCalendar& wheel, const Period& period) {
    WheelInPeriod found;
    for (date::year_month ym = period.first.year() / period.first.month();
         ym <= period.last.year() / period.last.month(); ym += date::months(1)) {
        const int year = static_cast<int>(ym.year()), month = static_cast<int>(static_cast<unsigned>(ym.month()));
        for (const WheelCalendar::Entry& entry : wheel.month(year, month)) {
            if (!entry.day) {
                found.month_only[{year, month}].push_back(entry.event->title);
                continue;
            }
            if (*entry.day >= period.first && *entry.day <= period.last)
                found.dated.push_back(wheel_day_line(*entry.event, *entry.day, period.kind == PeriodKind::year));
        }
    }
    return found;
}

void append_deadlines(std::string& out, const Plan& plan, const std::vector<DueOn>& deadlines) {
    year_month_day shown{};
    for (const DueOn& deadline : deadlines) {
        if (deadline.date != shown) {
            out += capitalise(format_day(deadline.date)) + "\n";
            shown = deadline.date;
        }
        out += "  • nr. " + std::to_string(deadline.task.number) + " " + deadline.task.title + " (" +
               ansvarlig_of(plan, deadline.task) + per_unit_note(deadline.task) + ")\n";
    }
}

std::string weekly_line(const Plan& plan) {
    std::string line;
    for (const Tiltak* tiltak : weekly_tiltak(plan))
        line += (line.empty() ? "" : ", ") + ("nr. " + std::to_string(tiltak->number) + " " + tiltak->short_title);
    return line.empty() ? "" : "Hver uke: " + line + "\n";
}

std::string year_overview(const Context& context, const Period& period) {
    const int year = year_of(period.first);
    std::string out = "Årshjulet " + std::to_string(year) + (is_election_year(context.plan, year) ? " (valgår)" : "") +
                      ":\n";
    const WheelCalendar wheel(context.plan, context.state);
    for (int month = 1; month <= 12; ++month) {
        std::string titles;
        for (const WheelCalendar::Entry& entry : wheel.month(year, month)) {
            std::string title = entry.day ? wheel_day_line(*entry.event, *entry.day, false) : entry.event->title;
            titles += (titles.empty() ? "" : "; ") + title;
        }
        out += "• " + capitalise(month_name(month)) + ": " + (titles.empty() ? "–" : titles) + "\n";
    }
    const TaskCalendar calendar(context.plan, context.state);
    const size_t count = due_between(calendar, period.first, period.last).size();
    out += "\n" + std::to_string(count) + " frister i " + std::to_string(year) +
           ". Spør om én måned for detaljer, f.eks. «hva skjer i mai " + std::to_string(year) + "».";
    return out;
}

}  // namespace

std::string answer_period(const Context& context, const Period& period) {
    const Plan& plan = context.plan;
    const year_month_day plan_start = date::year(plan.first_year) / 1 / 1;
    const year_month_day plan_end = date::year(plan.last_year) / 12 / 31;
    if (period.last < plan_start || period.first > plan_end)
        return "Planen gjelder " + std::to_string(plan.first_year) + "–" + std::to_string(plan.last_year) +
               ", så jeg vet ikke hva som skjer " +
               (period.kind == PeriodKind::day || period.kind == PeriodKind::week ? "" : "i ") + period.label + ".";
    if (period.kind == PeriodKind::year) return year_overview(context, period);

    const bool whole_month = period.kind == PeriodKind::month;
    const bool over = period.last < local_today(context);
    std::string out = whole_month ? (over ? "Dette skjedde i " : "Dette skjer i ") + period.label : capitalise(period.label);
    if (whole_month && is_election_year(plan, year_of(period.first))) out += " (valgår)";
    out += ":\n";

    WheelInPeriod wheel = wheel_in(WheelCalendar(plan, context.state), period);
    const std::vector<DueOn> deadlines = due_between(TaskCalendar(plan, context.state), period.first, period.last);
    out += "\nÅrshjulet\n";
    for (const std::string& line : wheel.dated) out += "• " + line + "\n";
    for (const auto& [year_month, titles] : wheel.month_only)
        for (const std::string& title : titles)
            out += "• " + title +
                   (whole_month ? "" : " – i løpet av " + std::string(month_name(year_month.second))) +
                   "\n";
    if (wheel.dated.empty() && wheel.month_only.empty()) out += "Ingenting i årshjulet.\n";

    out += "\nFrister\n";
    if (deadlines.empty()) out += "Ingen frister.\n";
    append_deadlines(out, plan, deadlines);
    if (period.kind != PeriodKind::day && period.kind != PeriodKind::weekend) out += "\n" + weekly_line(plan);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::string answer_anything_in(const Context& context, const Period& period) {
    const Plan& plan = context.plan;
    const year_month_day plan_start = date::year(plan.first_year) / 1 / 1;
    const year_month_day plan_end = date::year(plan.last_year) / 12 / 31;
    if (period.last < plan_start || period.first > plan_end) return answer_period(context, period);
    const WheelInPeriod wheel = wheel_in(WheelCalendar(plan, context.state), period);
    const bool months_long = period.kind == PeriodKind::month || period.kind == PeriodKind::year ||
                             date::sys_days(period.last) - date::sys_days(period.first) >= date::days(27);
    if (!wheel.dated.empty() || (months_long && !wheel.month_only.empty()) ||
        !due_between(TaskCalendar(plan, context.state), period.first, period.last).empty())
        return "Ja. " + answer_period(context, period);
    std::string out = "Nei, ingen datoer i årshjulet og ingen frister " + period_phrase(period) + ".";
    for (const auto& [year_month, titles] : wheel.month_only)
        out += "\nI løpet av " + std::string(month_name(year_month.second)) + " (uten fast dag): " +
               detail::join_list(titles) + ".";
    if (period.kind != PeriodKind::day && period.kind != PeriodKind::weekend)
        if (std::string weekly = weekly_line(plan); !weekly.empty()) out += "\n" + weekly.substr(0, weekly.size() - 1);
    return out;
}

namespace {

// The items the topic names (choose_topic's rule), and whether to answer or ask back.
// `indexed` holds each item's search words when the caller built an index.
template <typename Item>
struct Matches {
    TopicVerdict verdict = TopicVerdict::nothing;
    std::vector<const Item*> items;
};

template <typename Item>
Matches<Item> best_matches(const std::vector<Item>& items, const std::vector<std::string>& topic,
                           const std::vector<std::vector<std::string>>* indexed, const Speller* speller) {
    std::vector<std::vector<std::string>> computed;
    const bool use_index = indexed && indexed->size() == items.size();
    if (!use_index)
        for (const Item& item : items) computed.push_back(search_words(item));
    const TopicChoice choice = choose_topic(topic, use_index ? *indexed : computed, speller);
    Matches<Item> out{choice.verdict, {}};
    for (size_t index : choice.chosen) out.items.push_back(&items[index]);
    return out;
}

const std::vector<std::vector<std::string>>* wheel_index(const Context& context) {
    return context.index ? &context.index->wheel : nullptr;
}
const std::vector<std::vector<std::string>>* tiltak_index(const Context& context) {
    return context.index ? &context.index->tiltak : nullptr;
}

// One date of an event: a fixed day, or a month without a day.
struct EventDate {
    year_month_day first_day;  // for sorting; the 1st when there is no day
    bool has_day = false;
};

std::vector<EventDate> occurrences(const WheelCalendar& wheel, const std::vector<const WheelEvent*>& events) {
    std::vector<EventDate> out;
    for (const WheelEvent* event : events)
        for (int year : event->years)
            if (auto day = wheel.day(*event, year))
                out.push_back({*day, true});
            else
                out.push_back({date::year(year) / date::month(static_cast<unsigned>(event->month)) / 1, false});
    std::ranges::sort(out, [](const EventDate& a, const EventDate& b) { return a.first_day < b.first_day; });
    return out;
}

bool is_upcoming(const EventDate& occurrence, year_month_day today) {
    if (occurrence.has_day) return occurrence.first_day >= today;
    return occurrence.first_day.year() / occurrence.first_day.month() >= today.year() / today.month();
}

std::string describe(const EventDate& occurrence, year_month_day today) {
    if (occurrence.has_day) return format_day(occurrence.first_day, true);
    const bool now = occurrence.first_day.year() == today.year() && occurrence.first_day.month() == today.month();
    return (now ? "nå i " : "i ") + std::string(month_name(month_of(occurrence.first_day))) + " " +
           std::to_string(year_of(occurrence.first_day));
}

// "• Valgkamp: i august 2027 (deretter i september 2027)" from every event with that title.
std::string when_line(const WheelCalendar& wheel, const std::string& title,
                      const std::vector<const WheelEvent*>& same_title, year_month_day today) {
    std::vector<EventDate> all = occurrences(wheel, same_title);
    std::vector<EventDate> coming;
    for (const EventDate& occurrence : all)
        if (is_upcoming(occurrence, today)) coming.push_back(occurrence);
    if (coming.empty()) {
        const EventDate& last = all.back();
        return "• " + title + ": ingen flere i planperioden (sist i " + std::string(month_name(month_of(last.first_day))) +
               " " + std::to_string(year_of(last.first_day)) + ").";
    }
    std::string line = "• " + title + ": " + describe(coming.front(), today);
    if (coming.size() > 1) {
        line += " (deretter ";
        for (size_t i = 1; i < coming.size() && i < 3; ++i) line += (i > 1 ? ", " : "") + describe(coming[i], today);
        line += ")";
    }
    if (!coming.front().has_day) line += ". Planen setter ingen dag";
    return line + ".";
}

// "17. mai", "1. mai": a day and a month named together, if the topic has them.
std::optional<std::pair<int, int>> day_and_month(const std::vector<std::string>& topic) {
    for (size_t i = 0; i + 1 < topic.size(); ++i) {
        auto day = as_number(topic[i]);
        MonthLookup month = lookup_month(topic[i + 1]);
        if (day && month.match == MonthMatch::exact) return std::pair{*day, month.month};
    }
    return std::nullopt;
}

// The topic without numbers and month names, which would match any title that
// happens to contain them ("1. kandidat", "1. mai").
std::vector<std::string> content_words(const std::vector<std::string>& topic) {
    std::vector<std::string> out;
    for (const std::string& word : topic)
        if (!as_number(word) && lookup_month(word).match != MonthMatch::exact) out.push_back(word);
    return out;
}

}  // namespace

std::optional<std::string> answer_when(const Context& context, const std::vector<std::string>& topic) {
    const year_month_day today = local_today(context);
    std::vector<const WheelEvent*> events;
    if (auto date_named = day_and_month(topic)) {
        for (const WheelEvent& event : context.plan.wheel)
            if (event.day == date_named->first && event.month == date_named->second) events.push_back(&event);
        if (events.empty()) return std::nullopt;
    } else {
        const std::vector<std::string> content = content_words(topic);
        if (content.empty()) return std::nullopt;
        Matches<WheelEvent> matched = best_matches(context.plan.wheel, content, wheel_index(context), context.speller);
        if (matched.verdict == TopicVerdict::ask_back) return ask_which_event(matched.items);
        events = std::move(matched.items);
        if (events.empty()) {
            Matches<Tiltak> found = best_matches(context.plan.tiltak, content, tiltak_index(context), context.speller);
            if (found.verdict == TopicVerdict::ask_back) return ask_which_tiltak(found.items);
            const std::vector<const Tiltak*>& tiltak = found.items;
            if (tiltak.empty()) return std::nullopt;
            const TaskCalendar calendar(context.plan, context.state);
            std::string out;
            for (const Tiltak* item : tiltak) {
                auto next = next_due(calendar, calendar.task_of_tiltak(*item), today);
                out += "• nr. " + std::to_string(item->number) + " " + item->short_title + ": " +
                       (next ? "neste frist " + format_day(*next, true) : "ingen fast frist") + " – " +
                       item->schedule.description + "\n";
            }
            out.pop_back();
            return out;
        }
    }
    const WheelCalendar wheel(context.plan, context.state);
    std::vector<std::string> lines, past_lines;
    std::vector<std::string> seen;
    for (const WheelEvent* event : events) {
        if (std::ranges::find(seen, event->title) != seen.end()) continue;
        seen.push_back(event->title);
        std::vector<const WheelEvent*> same_title;
        for (const WheelEvent& other : context.plan.wheel)
            if (other.title == event->title) same_title.push_back(&other);
        std::string line = when_line(wheel, event->title, same_title, today);
        (line.find("ingen flere i planperioden") == std::string::npos ? lines : past_lines).push_back(std::move(line));
    }
    // Lines about what is over only when nothing matching is still to come.
    if (lines.empty()) lines = std::move(past_lines);
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    out.pop_back();
    return out;
}

std::optional<std::string> answer_who(const Context& context, const std::vector<std::string>& topic) {
    const year_month_day today = local_today(context);
    const TaskCalendar calendar(context.plan, context.state);
    const std::vector<std::string> content = content_words(topic);
    std::vector<Task> tasks;
    if (content.empty()) {
        auto named = tasks_by_number(context, calendar, topic);
        if (!named) return named.error();
        if (named->empty()) return std::nullopt;
        tasks = std::move(*named);
    } else {
        Matches<Tiltak> found = best_matches(context.plan.tiltak, content, tiltak_index(context), context.speller);
        if (found.verdict == TopicVerdict::ask_back) return ask_which_tiltak(found.items);
        for (const Tiltak* item : found.items) tasks.push_back(calendar.task_of_tiltak(*item));
    }
    if (tasks.empty()) {
        Matches<WheelEvent> events = best_matches(context.plan.wheel, content, wheel_index(context), context.speller);
        if (events.verdict == TopicVerdict::ask_back) return ask_which_event(events.items);
        if (events.items.empty()) return std::nullopt;
        return "Planen sier ikke hvem som har ansvar for «" + events.items.front()->title +
               "». Spør fylkessekretæren, eller se «hjelp».";
    }
    constexpr size_t kShown = 5;
    std::string out;
    for (size_t i = 0; i < tasks.size() && i < kShown; ++i)
        out += who_entry(context, calendar, tasks[i], today) + "\n\n";
    if (tasks.size() > kShown)
        out += "… og " + std::to_string(tasks.size() - kShown) + " tiltak til. Skriv mer presist for å snevre inn.\n";
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace planbot::commands
