// See terms.hpp.
#include "commands/people/terms.hpp"

#include <algorithm>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands {

namespace {

// "Fylkesårsmøte" → "fylkesårsmøte" (the titles start with an ASCII capital or Æ/Ø/Å).
std::string lower_initial(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

}  // namespace

Term default_term(const config::Plan& plan, const State* state, const config::RoleRef& role,
                  date::year_month_day today) {
    const config::Role* known = plan.find_role(role.role_id);
    if (known == nullptr || known->term_until.empty()) return {};
    auto event = std::ranges::find(plan.wheel, known->term_until, &config::WheelEvent::id);
    if (event == plan.wheel.end()) return {};
    const std::vector<WheelDate> set = state ? state->wheel_dates() : std::vector<WheelDate>{};
    std::vector<int> years = event->years;
    std::ranges::sort(years);
    for (int year : years) {
        // The day set with /dato comes first: the meeting is then known to the day.
        auto dated =
            std::ranges::find_if(set, [&](const WheelDate& w) { return w.event == event->id && w.year == year; });
        if (dated != set.end()) {
            if (dated->date > today) return {dated->date, &*event, false};
            continue;
        }
        const auto month = date::month(static_cast<unsigned>(event->month));
        const date::year_month_day day =
            event->day ? date::year(year) / month / date::day(static_cast<unsigned>(*event->day))
                       : date::year_month_day(date::year(year) / month / date::last);
        if (day > today) return {day, &*event, !event->day};
    }
    return {};
}

std::expected<std::optional<TermWords>, std::string> read_term_words(const std::vector<std::string>& args,
                                                                     date::year_month_day today) {
    size_t at = args.size();
    for (size_t i = args.size(); i-- > 1;)
        if (is_one_of(fold(args[i]), {"til", "tel", "tom", "t.o.m."})) {
            at = i;
            break;
        }
    if (at == args.size()) return std::nullopt;
    const std::vector<std::string> tokens(args.begin() + static_cast<long>(at) + 1, args.end());
    constexpr std::string_view example =
        " Skriv for eksempel «/rolle gi kasserer @kari til 28.2.2027», eller «til videre» for ingen slutt.";
    if (tokens.empty()) return std::unexpected("Til når? Datoen mangler etter «til»." + std::string(example));
    if (tokens.size() == 1 && is_one_of(fold(tokens.front()), {"videre", "vidare"}))
        return TermWords{at, {}};
    auto read = read_date(tokens, today);
    if (!read) return std::unexpected(read.error() + std::string(example));
    std::string typed;
    for (const std::string& token : tokens) typed += (typed.empty() ? "" : " ") + token;
    if (read->tokens != tokens.size())
        return std::unexpected("Jeg skjønte ikke " + detail::quoted(typed) + " etter «til»." +
                               std::string(example));
    if (read->date <= today)
        return std::unexpected("Perioden må slutte etter i dag, og " + short_date(read->date) +
                               " er passert. Ingenting er endret.");
    return TermWords{at, {read->date, nullptr, false}};
}

std::string term_phrase(const std::optional<date::year_month_day>& end) {
    return end ? " til " + long_day(*end) : "";
}

std::string term_note(const Term& term) {
    if (!term.meeting || !term.month_only || !term.end) return "";
    const auto month = static_cast<int>(static_cast<unsigned>(term.end->month()));
    return " (neste " + lower_initial(term.meeting->title) + " er i " + std::string(month_name(month)) +
           ", men årshjulet har ikke dagen, så jeg har satt siste dag i måneden; skriv «til» og en dato for en annen)";
}

std::string holding_term_text(const Holding& holding, date::year_month_day today) {
    if (!holding.term_end) return "";
    if (held_on(holding, today)) return " (til " + long_day(*holding.term_end) + ")";
    return " (perioden endte " + long_day(*holding.term_end) + ")";
}

}  // namespace planbot::commands
