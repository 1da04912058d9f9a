// See date_command.hpp. The event is named in words before the date and found the way
// the questions find it (choose_topic over the search index); a year right before the
// date names the wheel's year when the day falls in another. Nothing is stored unless
// the event, its year and the date are all clear.
#include "commands/wheel/date_command.hpp"

#include <algorithm>

#include "commands/language/dates.hpp"
#include "commands/language/matching.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/search_index.hpp"
#include "commands/reply_text.hpp"
#include "commands/wheel/wheel_days.hpp"
#include "commands/work/task_text.hpp"
#include "commands/work/tasks.hpp"

namespace planbot::commands {

namespace {

using config::WheelEvent;
using date::year_month_day;
using detail::say;

constexpr std::string_view kUsage =
    "Skriv «/dato <hendelse> <dato>», for eksempel «/dato fylkesårsmøte 13.2.2027» eller «/dato landsmøte 2027 "
    "5.3.2027».";

int year_of(year_month_day day) { return static_cast<int>(day.year()); }

std::string years_text(const std::vector<int>& years) {
    std::vector<std::string> texts;
    for (int year : years) texts.push_back(std::to_string(year));
    return detail::join_list(texts);
}

bool on_wheel(const WheelEvent& event, int year) { return std::ranges::find(event.years, year) != event.years.end(); }

// What the admin typed: the event's words, the wheel year if given, and the date.
struct DateArgs {
    std::vector<std::string> words;  // as typed
    std::optional<int> year;
    year_month_day date;
};

// The date is the tail of the arguments that reads whole as one; the words before it
// name the event. The error is the reply.
std::expected<DateArgs, std::string> read_args(const Context& context, const std::vector<std::string>& args) {
    if (args.size() < 2) return std::unexpected(std::string(kUsage));
    std::string error;
    for (size_t at = 1; at < args.size(); ++at) {
        const std::vector<std::string> tail(args.begin() + static_cast<long>(at), args.end());
        auto read = read_date(tail, local_today(context));
        if (read && read->tokens == tail.size()) {
            DateArgs out{std::vector<std::string>(args.begin(), args.begin() + static_cast<long>(at)), std::nullopt,
                         read->date};
            if (out.words.size() > 1)
                if (auto year = as_number(out.words.back()); year && *year >= 1900 && *year <= 2200) {
                    out.year = *year;
                    out.words.pop_back();
                }
            return out;
        }
        // A date that does not exist («31. februar 2027») says so; else the last word is quoted.
        if (!read && (error.empty() || error.starts_with("Jeg skjønte ikke")) &&
            (at + 1 == args.size() || !read.error().starts_with("Jeg skjønte ikke")))
            error = read.error();
    }
    return std::unexpected(error + "\n" + std::string(kUsage));
}

// The events the words name on the wheel of `year` (or of any year when none fits);
// the error (nothing matches, or it is unclear which) is the reply.
std::expected<const WheelEvent*, std::string> find_event(const Context& context, const std::vector<std::string>& typed,
                                                         int year, year_month_day day) {
    std::vector<std::string> folded;
    for (const std::string& word : typed)
        for (std::string& part : words(word)) folded.push_back(std::move(part));
    const std::vector<std::string> topic = topic_words(folded);
    std::string named;
    for (const std::string& word : typed) named += (named.empty() ? "" : " ") + word;
    if (topic.empty()) return std::unexpected(std::string(kUsage));
    std::vector<std::vector<std::string>> computed;
    if (!context.index || context.index->wheel.size() != context.plan.wheel.size())
        for (const WheelEvent& event : context.plan.wheel) computed.push_back(search_words(event));
    const TopicChoice choice = choose_topic(topic, computed.empty() ? context.index->wheel : computed);
    std::vector<const WheelEvent*> found;
    for (size_t index : choice.chosen) found.push_back(&context.plan.wheel[index]);
    if (choice.verdict == TopicVerdict::nothing || found.empty())
        return std::unexpected("Jeg finner ingen hendelse i årshjulet som heter «" + named +
                               "». Spør «hva skjer i " + std::to_string(year) + "» for å se årshjulet.");
    std::vector<const WheelEvent*> that_year;
    for (const WheelEvent* event : found)
        if (on_wheel(*event, year)) that_year.push_back(event);
    // Events alike in name ("Valgkamp" in August and September): the one of the date's month.
    if (that_year.size() > 1) {
        std::vector<const WheelEvent*> that_month;
        for (const WheelEvent* event : that_year)
            if (event->month == static_cast<int>(static_cast<unsigned>(day.month()))) that_month.push_back(event);
        if (that_month.size() == 1) that_year = std::move(that_month);
    }
    if (choice.verdict == TopicVerdict::answer && that_year.size() == 1) return that_year.front();
    if (choice.verdict == TopicVerdict::answer && that_year.empty() && found.size() == 1) {
        const WheelEvent& event = *found.front();
        return std::unexpected(event.title + " er ikke i årshjulet i " + std::to_string(year) + ", bare i " +
                               years_text(event.years) + ". Skriv året foran datoen hvis du mener et av dem, for "
                               "eksempel «/dato " + named + " " + std::to_string(event.years.back()) + " " +
                               short_date(date::year(event.years.back()) /
                                          date::month(static_cast<unsigned>(event.month)) / 1) + "».");
    }
    const std::vector<const WheelEvent*>& offered = that_year.empty() ? found : that_year;
    std::vector<std::string> names;
    for (const WheelEvent* event : offered) {
        const std::string name = event->title + " (" + std::string(month_name(event->month)) + ")";
        if (std::ranges::find(names, name) == names.end()) names.push_back(name);
    }
    return std::unexpected("Mente du " + detail::join_list(names, " eller ") +
                           "? Skriv navnet slik det står i årshjulet, for eksempel «/dato " + offered.front()->title +
                           " " + short_date(day) + "».");
}

// The tiltak tied to `event`, each with its deadline of `year` moved to follow `day`.
void move_tied(const Context& context, const WheelEvent& event, int year, year_month_day day, Outcome& outcome,
               std::string& reply) {
    const State& state = *context.state;
    for (const config::Tiltak& tiltak : context.plan.tiltak) {
        if (tiltak.wheel != event.id) continue;
        const std::optional<Task> task = find_task(context.plan, state, tiltak.number);
        if (!task) continue;
        // The plan's last date up to the end of the event's month is the one tied to it.
        const year_month_day month_end = date::year(year) / date::month(static_cast<unsigned>(event.month)) / date::last;
        const std::vector<Occurrence> planned = occurrences(context.plan, *task, {}, date::year(year) / 1 / 1, month_end);
        if (planned.empty()) continue;
        const year_month_day last = planned.back().due;
        const year_month_day due = date::sys_days(day) - date::days(tiltak.wheel_days_before);
        const std::vector<Occurrence> current = all_occurrences(context.plan, *task, state.deadline_edits(tiltak.number));
        const detail::DoneSet done(state.completions(tiltak.number));
        for (const Occurrence& occurrence : planned) {
            if (occurrence.due != last || done.find(occurrence.id)) continue;
            auto now = std::ranges::find_if(current, [&](const Occurrence& o) { return o.id == occurrence.id; });
            const year_month_day from = now == current.end() ? occurrence.due : now->due;
            if (from == due) continue;
            const Occurrence shown{occurrence.id, from, false};
            outcome.changes.push_back({SetDeadline{{occurrence.id, due}},
                                       detail::occurrence_name(context.plan, *task, shown) + ": frist flyttet fra " +
                                           short_date(from) + " til " + short_date(due) + " (" + event.title + ")"});
            reply += "\n• " + detail::task_name(*task) + ": frist " + long_day(due) + " (var " + long_day(from) + ")";
        }
    }
}

Outcome date_command(const Event& event, const Context& context, const Command& command) {
    auto args = read_args(context, command.args);
    if (!args) return say(event, args.error());
    const int year = args->year.value_or(year_of(args->date));
    const config::Plan& plan = context.plan;
    if (year_of(args->date) < plan.first_year || year_of(args->date) > plan.last_year)
        return say(event, long_day(args->date) + " er utenfor planperioden " + std::to_string(plan.first_year) + "–" +
                              std::to_string(plan.last_year) + ". Velg en dato i planperioden.");
    if (std::abs(year_of(args->date) - year) > 1)
        return say(event, long_day(args->date) + " er for langt fra årshjulet for " + std::to_string(year) +
                              ". Skriv en dato i " + std::to_string(year) + ".");
    auto found = find_event(context, args->words, year, args->date);
    if (!found) return say(event, found.error());
    const WheelEvent& wheel_event = **found;
    const std::string name = wheel_event.title + " " + std::to_string(year);
    const WheelCalendar wheel(plan, context.state);
    const std::optional<year_month_day> before = wheel.day(wheel_event, year);
    if (before == args->date) return say(event, name + " har allerede dato " + format_day(args->date, true) + ".");

    Outcome outcome;
    outcome.changes.push_back({SetWheelDate{wheel_event.id, year, args->date},
                               name + ": dato " + (before ? "flyttet fra " + short_date(*before) + " til " : "satt til ") +
                                   short_date(args->date)});
    std::string reply = "📅 " + name + ": " + format_day(args->date, true) +
                        (before ? " (var " + format_day(*before, true) + ")." : ".");
    std::string moved;
    move_tied(context, wheel_event, year, args->date, outcome, moved);
    if (!moved.empty()) reply += "\nFristene som henger på det er flyttet, og påminnelsene følger dem:" + moved;
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    return outcome;
}

}  // namespace

const std::vector<CommandSpec>& wheel_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "dato",
         .handler = date_command,
         .admin_only = true,
         .admin_usage = "/dato fylkesårsmøte 13.2.2027",
         .admin_rule = "sette datoer i årshjulet"},
    };
    return rows;
}

}  // namespace planbot::commands
