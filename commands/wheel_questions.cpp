// See wheel_questions.hpp.
#include "commands/wheel_questions.hpp"

#include <algorithm>
#include <map>

#include "commands/deadlines.hpp"
#include "commands/matching.hpp"
#include "commands/norwegian.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;
using config::Plan;
using config::Tiltak;
using config::WheelEvent;

int month_of(year_month_day day) { return static_cast<int>(static_cast<unsigned>(day.month())); }
int year_of(year_month_day day) { return static_cast<int>(day.year()); }

year_month_day event_day(const WheelEvent& event, int year) {
    return date::year(year) / date::month(static_cast<unsigned>(event.month)) /
           date::day(static_cast<unsigned>(*event.day));
}

bool is_election_year(const Plan& plan, int year) {
    return std::ranges::find(plan.election_years, year) != plan.election_years.end();
}

std::string ansvarlig_of(const Tiltak& tiltak) {
    if (tiltak.ansvarlig_missing) return "ansvarlig mangler i planen – fylkesstyret følger opp";
    return tiltak.ansvarlig_text;
}

std::string per_unit_note(const Tiltak& tiltak) {
    switch (tiltak.per) {
        case config::Scope::region: return ", for hver region";
        case config::Scope::committee: return ", for hvert utvalg";
        case config::Scope::lokallag: return ", for hvert lokallag";
        case config::Scope::none: break;
    }
    return "";
}

// "lørdag 1. mai" for an event titled "1. mai"; otherwise "fredag 5. juni: Trøndelag SVs miljøpris".
std::string fixed_day_line(const WheelEvent& event, year_month_day day, bool with_year) {
    std::string date_text = format_day(day, with_year);
    std::string plain = std::to_string(*event.day) + ". " + std::string(month_name(event.month));
    if (fold(event.title) == fold(plain)) return date_text;
    return date_text + ": " + event.title;
}

struct WheelInPeriod {
    std::vector<std::string> dated;                    // fixed-day events inside the period
    std::map<std::pair<int, int>, std::vector<std::string>> month_only;  // (year, month) → titles
};

WheelInPeriod wheel_in(const Plan& plan, const Period& period) {
    WheelInPeriod found;
    for (date::year_month ym = period.first.year() / period.first.month();
         ym <= period.last.year() / period.last.month(); ym += date::months(1)) {
        const int year = static_cast<int>(ym.year()), month = static_cast<int>(static_cast<unsigned>(ym.month()));
        for (const WheelEvent* event : plan.wheel_cell(year, month)) {
            if (!event->day) {
                found.month_only[{year, month}].push_back(event->title);
                continue;
            }
            year_month_day day = event_day(*event, year);
            if (day >= period.first && day <= period.last)
                found.dated.push_back(fixed_day_line(*event, day, period.kind == PeriodKind::year));
        }
    }
    return found;
}

void append_deadlines(std::string& out, const std::vector<Deadline>& deadlines, bool show_dates) {
    year_month_day shown{};
    for (const Deadline& deadline : deadlines) {
        if (show_dates && deadline.date != shown) {
            out += capitalise(format_day(deadline.date)) + "\n";
            shown = deadline.date;
        }
        out += "  • nr. " + std::to_string(deadline.tiltak->number) + " " + deadline.tiltak->short_title + " (" +
               ansvarlig_of(*deadline.tiltak) + per_unit_note(*deadline.tiltak) + ")\n";
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
    for (int month = 1; month <= 12; ++month) {
        std::string titles;
        for (const WheelEvent* event : context.plan.wheel_cell(year, month)) {
            std::string title = event->day ? fixed_day_line(*event, event_day(*event, year), false) : event->title;
            titles += (titles.empty() ? "" : "; ") + title;
        }
        out += "• " + capitalise(month_name(month)) + ": " + (titles.empty() ? "–" : titles) + "\n";
    }
    const size_t count = deadlines_between(context.plan, period.first, period.last).size();
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
               (period.kind == PeriodKind::month ? "i " : "") + period.label + ".";
    if (period.kind == PeriodKind::year) return year_overview(context, period);

    const bool whole_month = period.kind == PeriodKind::month;
    std::string out = whole_month ? "Dette skjer i " + period.label : capitalise(period.label);
    if (whole_month && is_election_year(plan, year_of(period.first))) out += " (valgår)";
    out += ":\n";

    WheelInPeriod wheel = wheel_in(plan, period);
    std::vector<Deadline> deadlines = deadlines_between(plan, period.first, period.last);
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
    append_deadlines(out, deadlines, true);
    if (period.kind != PeriodKind::day && period.kind != PeriodKind::weekend) out += "\n" + weekly_line(plan);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace planbot::commands

namespace planbot::commands {

namespace {

std::vector<std::string> event_words(const WheelEvent& event) {
    std::vector<std::string> out = words(event.title);
    for (const std::string& alias : event.aliases)
        for (std::string& word : words(alias)) out.push_back(std::move(word));
    return out;
}

std::vector<std::string> tiltak_words(const Tiltak& tiltak) {
    std::vector<std::string> out = words(tiltak.title);
    for (std::string& word : words(tiltak.short_title)) out.push_back(std::move(word));
    for (const std::string& keyword : tiltak.keywords)
        for (std::string& word : words(keyword)) out.push_back(std::move(word));
    return out;
}

// The items with the highest score (at least 3: one good word match), in plan order.
template <typename Item, typename WordsOf>
std::vector<const Item*> best_matches(const std::vector<Item>& items, const std::vector<std::string>& topic,
                                      WordsOf words_of) {
    std::vector<std::pair<int, const Item*>> scored;
    int best = 3;
    for (const Item& item : items) {
        int score = match_score(topic, words_of(item));
        if (score >= 3) scored.push_back({score, &item});
        best = std::max(best, score);
    }
    std::vector<const Item*> out;
    for (const auto& [score, item] : scored)
        if (score == best) out.push_back(item);
    return out;
}

// "februar 2027" or "mandag 8. mars 2027" for each year of the event not yet past.
std::vector<std::string> upcoming_dates(const WheelEvent& event, year_month_day today) {
    std::vector<std::string> out;
    for (int year : event.years) {
        if (event.day) {
            year_month_day day = event_day(event, year);
            if (day >= today) out.push_back(format_day(day, true));
        } else if (date::year(year) / date::month(static_cast<unsigned>(event.month)) >=
                   today.year() / today.month()) {
            bool now = year == year_of(today) && event.month == month_of(today);
            out.push_back((now ? "nå i " : "i ") + std::string(month_name(event.month)) + " " + std::to_string(year));
        }
    }
    return out;
}

std::string when_line(const WheelEvent& event, const std::vector<const WheelEvent*>& same_title,
                      year_month_day today) {
    std::vector<std::string> dates;
    for (const WheelEvent* one : same_title)
        for (std::string& text : upcoming_dates(*one, today)) dates.push_back(std::move(text));
    if (dates.empty()) {
        int last = *std::ranges::max_element(event.years);
        return "• " + event.title + ": ingen flere i planperioden (sist i " + std::string(month_name(event.month)) +
               " " + std::to_string(last) + ").";
    }
    std::string line = "• " + event.title + ": " + dates.front();
    if (dates.size() > 1) {
        line += " (deretter ";
        for (size_t i = 1; i < dates.size() && i < 3; ++i) line += (i > 1 ? ", " : "") + dates[i];
        line += ")";
    }
    if (!event.day) line += ". Planen setter ingen dag";
    return line + ".";
}

}  // namespace

std::optional<std::string> answer_when(const Context& context, const std::vector<std::string>& topic) {
    if (topic.empty()) return std::nullopt;
    const year_month_day today = local_today(context);
    std::vector<const WheelEvent*> events = best_matches(context.plan.wheel, topic, event_words);
    if (!events.empty()) {
        std::string out;
        std::vector<std::string> seen;
        for (const WheelEvent* event : events) {
            if (std::ranges::find(seen, event->title) != seen.end()) continue;
            seen.push_back(event->title);
            std::vector<const WheelEvent*> same_title;
            for (const WheelEvent* other : events)
                if (other->title == event->title) same_title.push_back(other);
            out += when_line(*event, same_title, today) + "\n";
        }
        out.pop_back();
        return out;
    }
    std::vector<const Tiltak*> tiltak = best_matches(context.plan.tiltak, topic, tiltak_words);
    if (tiltak.empty()) return std::nullopt;
    std::string out;
    for (const Tiltak* item : tiltak) {
        auto next = next_deadline(context.plan, *item, today);
        out += "• nr. " + std::to_string(item->number) + " " + item->short_title + ": " +
               (next ? "neste frist " + format_day(*next, true) : "ingen fast frist") + " (" +
               item->schedule.description + ")\n";
    }
    out.pop_back();
    return out;
}

std::optional<std::string> answer_who(const Context& context, const std::vector<std::string>& topic) {
    if (topic.empty()) return std::nullopt;
    const year_month_day today = local_today(context);
    std::vector<const Tiltak*> tiltak = best_matches(context.plan.tiltak, topic, tiltak_words);
    if (tiltak.empty()) {
        std::vector<const WheelEvent*> events = best_matches(context.plan.wheel, topic, event_words);
        if (events.empty()) return std::nullopt;
        return "Planen sier ikke hvem som har ansvar for " + events.front()->title +
               ". Spør fylkessekretæren, eller se «hjelp».";
    }
    constexpr size_t kShown = 5;
    std::string out;
    for (size_t i = 0; i < tiltak.size() && i < kShown; ++i) {
        const Tiltak& item = *tiltak[i];
        auto next = next_deadline(context.plan, item, today);
        out += "Nr. " + std::to_string(item.number) + " " + item.title + "\n";
        out += "Ansvarlig: " + ansvarlig_of(item) + per_unit_note(item) + "\n";
        out += "Når: " + item.schedule.description;
        if (next) out += ", neste frist " + format_day(*next, true);
        out += "\n\n";
    }
    if (tiltak.size() > kShown)
        out += "… og " + std::to_string(tiltak.size() - kShown) + " tiltak til. Skriv mer presist for å snevre inn.\n";
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace planbot::commands
