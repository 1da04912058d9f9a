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
    "5.3.2027». «/dato fylkesårsmøte 2027 fjern» fjerner en dato som er satt.";

// The words that take a set date away again («/dato fylkesårsmøte 2027 fjern»), first
// or last, in bokmål, nynorsk and dialect; «ingen dato» and «uten dato» too.
bool clear_word(std::string_view folded) {
    return is_one_of(folded, {"fjern", "fjerne", "fjernes", "fjerna", "fjaern", "slett", "slette", "slettes", "sletta",
                              "nullstill", "nullstille", "nullstilla", "tilbakestill", "tilbakestille",
                              "tilbakestilla", "angre", "bort", "vekk"});
}

// The args without their clearing words; nullopt when they have none.
std::optional<std::vector<std::string>> without_clear_words(const std::vector<std::string>& args) {
    if (args.empty()) return std::nullopt;
    std::vector<std::string> rest = args;
    const auto folded = [](const std::string& word) { return fold(word); };
    if (rest.size() >= 2 && is_one_of(folded(rest[rest.size() - 1]), {"dato", "datoen", "dagen"}) &&
        is_one_of(folded(rest[rest.size() - 2]), {"ingen", "inga", "uten", "utan", "fjern", "slett"})) {
        rest.resize(rest.size() - 2);
        return rest;
    }
    if (clear_word(folded(rest.back()))) {
        rest.pop_back();
        return rest;
    }
    if (clear_word(folded(rest.front()))) {
        rest.erase(rest.begin());
        return rest;
    }
    return std::nullopt;
}


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

// Calls `visit(tiltak, task, planned, now)` for each open occurrence of `year` tied to
// `event`: the plan's last date up to the end of the event's month (`planned`, at the
// plan's own date) and where the admins' edits have it now (`now`, the plan's date when
// nobody moved it). Confirmed occurrences are left alone.
template <typename Visit>
void for_each_tied(const Context& context, const WheelEvent& event, int year, Visit visit) {
    const State& state = *context.state;
    for (const config::Tiltak& tiltak : context.plan.tiltak) {
        if (tiltak.wheel != event.id) continue;
        const std::optional<Task> task = find_task(context.plan, state, tiltak.number);
        if (!task) continue;
        const year_month_day month_end = date::year(year) / date::month(static_cast<unsigned>(event.month)) / date::last;
        const std::vector<Occurrence> planned = occurrences(context.plan, *task, {}, date::year(year) / 1 / 1, month_end);
        if (planned.empty()) continue;
        const year_month_day last = planned.back().due;
        const std::vector<Occurrence> current = all_occurrences(context.plan, *task, state.deadline_edits(tiltak.number));
        const detail::DoneSet done(state.completions(tiltak.number));
        for (const Occurrence& occurrence : planned) {
            if (occurrence.due != last || done.find(occurrence.id)) continue;
            auto now = std::ranges::find_if(current, [&](const Occurrence& o) { return o.id == occurrence.id; });
            visit(tiltak, *task, occurrence, now == current.end() ? occurrence.due : now->due);
        }
    }
}

// The change and reply line of a tied deadline moved from `from` to `to`.
void move_deadline(const Context& context, const WheelEvent& event, const Task& task, const OccurrenceId& id,
                   year_month_day from, year_month_day to, std::string_view how, Outcome& outcome, std::string& reply) {
    const Occurrence shown{id, from, false};
    outcome.changes.push_back({SetDeadline{{id, to}}, detail::occurrence_name(context.plan, task, shown) +
                                                          ": frist flyttet fra " + short_date(from) + std::string(how) +
                                                          short_date(to) + " (" + event.title + ")"});
    reply += "\n• " + detail::task_name(task) + ": frist " + long_day(to) + " (var " + long_day(from) + ")";
}

// The tiltak tied to `event`, each with its deadline of `year` moved to follow `day`.
void move_tied(const Context& context, const WheelEvent& event, int year, year_month_day day, Outcome& outcome,
               std::string& reply) {
    for_each_tied(context, event, year,
                  [&](const config::Tiltak& tiltak, const Task& task, const Occurrence& planned, year_month_day now) {
                      const year_month_day due = date::sys_days(day) - date::days(tiltak.wheel_days_before);
                      if (now != due) move_deadline(context, event, task, planned.id, now, due, " til ", outcome, reply);
                  });
}

// The tiltak tied to `event` back on the plan's own deadline of `year`, where /dato had
// moved it to follow `was` (a deadline an admin set otherwise with /frist stays).
void restore_tied(const Context& context, const WheelEvent& event, int year, year_month_day was, Outcome& outcome,
                  std::string& reply) {
    for_each_tied(context, event, year,
                  [&](const config::Tiltak& tiltak, const Task& task, const Occurrence& planned, year_month_day now) {
                      const year_month_day moved = date::sys_days(was) - date::days(tiltak.wheel_days_before);
                      if (now == moved && moved != planned.due)
                          move_deadline(context, event, task, planned.id, moved, planned.due, " tilbake til ",
                                        outcome, reply);
                  });
}

// «/dato fylkesårsmøte 2027 fjern»: the day set with /dato taken away; the event is
// known by its month again (or the plan's day), and the tied tiltak's deadlines follow.
// Without a year, the one year the event has a set day in.
Outcome clear_date(const Event& event, const Context& context, std::vector<std::string> words) {
    constexpr std::string_view usage =
        "Skriv for eksempel «/dato fylkesårsmøte 2027 fjern» for å fjerne en dato som er satt.";
    std::optional<int> year;
    if (words.size() > 1)
        if (auto number = as_number(words.back()); number && *number >= 1900 && *number <= 2200) {
            year = *number;
            words.pop_back();
        }
    if (words.empty()) return say(event, "Hvilken hendelse skal datoen fjernes fra? " + std::string(usage));
    const config::Plan& plan = context.plan;
    const WheelCalendar wheel(plan, context.state);
    const std::vector<WheelDate> set = context.state->wheel_dates();
    // The events the words name, in each year that has a set day (or the year typed).
    std::vector<std::pair<const WheelEvent*, int>> found;
    std::string error;
    std::vector<int> years;
    if (year) years.push_back(*year);
    else
        for (const WheelDate& date : set)
            if (std::ranges::find(years, date.year) == years.end()) years.push_back(date.year);
    for (int wheel_year : years) {
        auto named = find_event(context, words, wheel_year, date::year(wheel_year) / 1 / 1);
        if (!named) {
            if (error.empty()) error = named.error();
            continue;
        }
        if (year || wheel.set_date(**named, wheel_year)) found.emplace_back(*named, wheel_year);
    }
    if (found.empty()) {
        if (!error.empty() && year) return say(event, error);
        const int today_year = year_of(local_today(context));
        auto named = find_event(context, words, year.value_or(today_year), date::year(today_year) / 1 / 1);
        if (!named) return say(event, named.error());
        return say(event, (*named)->title + " har ingen dato satt med /dato, så det er ingenting å fjerne.");
    }
    if (found.size() > 1) {
        std::vector<std::string> options;
        for (const auto& [wheel_event, wheel_year] : found)
            options.push_back(wheel_event->title + " " + std::to_string(wheel_year));
        return say(event, "Mente du " + detail::join_list(options, " eller ") + "? Skriv året, for eksempel «/dato " +
                              found.front().first->title + " " + std::to_string(found.front().second) + " fjern».");
    }
    const WheelEvent& wheel_event = *found.front().first;
    const int wheel_year = found.front().second;
    const std::string name = wheel_event.title + " " + std::to_string(wheel_year);
    const WheelDate* was = wheel.set_date(wheel_event, wheel_year);
    if (!was) return say(event, name + " har ingen dato satt med /dato, så det er ingenting å fjerne.");
    Outcome outcome;
    outcome.changes.push_back(
        {ClearWheelDate{wheel_event.id, wheel_year}, name + ": dato fjernet (var " + short_date(was->date) + ")"});
    std::string reply = "📅 " + name + ": datoen " + format_day(was->date, true) + " er fjernet. ";
    if (wheel_event.day) {
        const year_month_day planned = date::year(wheel_year) / date::month(static_cast<unsigned>(wheel_event.month)) /
                                       date::day(static_cast<unsigned>(*wheel_event.day));
        reply += "Årshjulet har planens dag igjen: " + format_day(planned, true) + ".";
    } else {
        reply += "Årshjulet kjenner den bare som " + std::string(month_name(wheel_event.month)) + " " +
                 std::to_string(wheel_year) + " igjen.";
    }
    std::string moved;
    restore_tied(context, wheel_event, wheel_year, was->date, outcome, moved);
    if (!moved.empty())
        reply += "\nFristene som hang på den er tilbake på planens dato, og påminnelsene følger dem:" + moved;
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    return outcome;
}

Outcome date_command(const Event& event, const Context& context, const Command& command) {
    if (auto rest = without_clear_words(command.args)) return clear_date(event, context, std::move(*rest));
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
         .admin_usage = "/dato fylkesårsmøte 13.2.2027 (fjerne den: /dato fylkesårsmøte 2027 fjern)",
         .admin_rule = "sette datoer i årshjulet"},
    };
    return rows;
}

}  // namespace planbot::commands
