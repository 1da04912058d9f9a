// See reminder_commands.hpp. /paminnelser lists what the planner (planner.hpp) will
// send, with the same recipients, so the list and the reminders cannot disagree.
#include "commands/reminders/reminder_commands.hpp"

#include <algorithm>
#include <expected>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/reminders/planner.hpp"
#include "commands/reply_text.hpp"
#include "commands/work/tasks.hpp"
#include "commands/work/task_text.hpp"
#include "config/settings.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;
using detail::say;

constexpr size_t kListed = 10;  // reminders per page of /paminnelser
constexpr int kPauseExampleDays = 14;

// The usage, with an example two weeks from today (never a day that has been).
std::string pause_usage(const Context& context) {
    const year_month_day today = local_today(context);
    const year_month_day example = std::min(year_month_day(date::sys_days(today) + date::days(kPauseExampleDays)),
                                            detail::plan_last(context.plan));
    return "Skriv «/pause <til dato>», for eksempel «/pause " + short_date(example) +
           "». Påminnelsene står da stille til og med den dagen. /fortsett starter dem igjen.";
}

// "tirsdag 17. mars kl. 09.00" in Oslo time (the year when it is not this year's).
std::string when(const Context& context, std::chrono::sys_seconds at) {
    const date::local_seconds local = local_time(context.zone, at);
    const year_month_day day = local_day(context.zone, at);
    return format_day_in(day, local_today(context)) + " kl. " +
           date::format("%H.%M", date::floor<std::chrono::minutes>(local));
}

// What a planned message is about.
std::string subject(const Context& context, const PlannedMessage& message) {
    switch (message.kind) {
        case ReminderKind::digest_month: return "månedsoversikten";
        case ReminderKind::digest_week: return "ukeoversikten";
        case ReminderKind::heads_up: return "varsel før en merkedag";
        case ReminderKind::forum_digest: return "ukeoppsummering fra forumet";
        case ReminderKind::escalation: return "liste over oppgaver langt over fristen";
        case ReminderKind::term_question:
            return message.summary.empty() ? "spørsmål om hvem som tar over roller" : "spørsmål om " + message.summary;
        default: break;
    }
    // Several «Ingen mottaker» notices to one admin are one list.
    if (!message.also_keys.empty())
        return "liste over " + std::to_string(message.also_keys.size() + 1) + " påminnelser uten mottaker";
    // "r|<task>|<unit or *>|…": a message for several units has no single occurrence.
    const std::string& key = message.key;
    const size_t start = key.find('|') + 1;
    const int number = std::atoi(key.c_str() + start);
    std::optional<Task> task = find_task(context.plan, *context.state, number);
    if (!task) return "nr. " + std::to_string(number);
    std::string text = "nr. " + std::to_string(number) + " " + task->title;
    if (message.occurrence) {
        for (const Occurrence& occurrence :
             all_occurrences(context.plan, *task, context.state->deadline_edits(number)))
            if (occurrence.id == *message.occurrence)
                return text + " (" + occurrence_label(context.plan, *task, occurrence) + ")";
        return text;
    }
    return text + " (flere " + detail::units_word(task->per, 2) + ")";
}

// Where it goes: a group by its title, or privately to someone.
std::string where(const Context& context, const PlannedMessage& message, const Person* me) {
    for (const Channel& channel : context.state->channels())
        if (channel.platform == message.platform && channel.chat_id == message.reply.chat_id)
            return "i " + (channel.title.empty() ? std::string("gruppa") : "«" + channel.title + "»");
    if (me && message.reply.chat_id == me->user_id) return "privat til deg";
    if (auto person = context.state->person(message.platform, message.reply.chat_id))
        return "privat til " + detail::display_name(*person);
    return "privat";
}

std::string line(const Context& context, const PlannedMessage& message, const Person* me) {
    std::string text = "• " + when(context, message.due_at) + ": " + subject(context, message) + " – " +
                       where(context, message, me);
    if (message.kind == ReminderKind::no_recipient && message.also_keys.empty()) text += " (ingen mottaker – til admin)";
    return text;
}

// "/påminnelser side 2": the page asked for; the error is the reply to other words.
std::expected<size_t, std::string> reminder_page(const Command& command) {
    std::vector<std::string> args = command.args;
    const size_t page = detail::take_page(args);
    if (args.empty()) return page;
    return std::unexpected("Jeg skjønte ikke " + detail::quoted(detail::join_words(args)) +
                           ". /påminnelser viser de neste påminnelsene, og «/påminnelser side 2» de ti neste etter "
                           "dem.");
}

Outcome list_reminders(const Event& event, const Context& context, const Command& command) {
    const auto page = reminder_page(command);
    if (!page) return say(event, page.error());
    const State& state = *context.state;
    const config::ReminderSettings defaults;
    const config::ReminderSettings& settings = context.reminders ? *context.reminders : defaults;
    const bool admin = is_admin(event, context);
    const Person me = detail::caller(event, context);
    // One more than the page holds, to know whether there is a next page.
    const std::vector<PlannedMessage> next =
        upcoming_messages(context.plan, state, settings, context.zone, context.now, admin ? nullptr : &me,
                          *page * kListed + 1, event.platform, context.config_admins);
    const size_t skipped = (*page - 1) * kListed;
    if (*page > 1 && next.size() <= skipped)
        return say(event, detail::beyond_last_page((next.size() + kListed - 1) / kListed, "/påminnelser"));
    std::string text;
    if (auto paused = state.paused_until(); paused && *paused >= local_today(context))
        text = "⏸ Påminnelsene er satt på pause til og med " + format_day_in(*paused, local_today(context)) + ". " +
               (admin ? "/fortsett starter dem igjen." : "En admin kan starte dem igjen med /fortsett.") + "\n\n";
    if (next.empty()) {
        if (!admin && state.roles_of(event.platform, event.user_id, local_today(context)).empty())
            return say(event, text + "Du har ingen roller ennå, så du får ingen påminnelser. Be en admin gi deg "
                                     "en rolle med /rolle gi.");
        return say(event, text + (admin ? "Ingen påminnelser er planlagt." : "Du har ingen påminnelser framover."));
    }
    text += admin ? "Neste påminnelser (alle)" : "Dine neste påminnelser";
    text += *page > 1 ? ", side " + std::to_string(*page) + ":" : ":";
    for (size_t i = skipped; i < std::min(next.size(), skipped + kListed); ++i)
        text += "\n" + line(context, next[i], &me);
    if (next.size() > skipped + kListed)
        text += "\n\nFlere: skriv «/påminnelser side " + std::to_string(*page + 1) + "».";
    return say(event, text);
}

Outcome pause(const Event& event, const Context& context, const Command& command) {
    if (command.args.empty()) return say(event, pause_usage(context));
    const year_month_day today = local_today(context);
    auto read = read_date(command.args, today);
    if (!read) return say(event, read.error());
    if (read->tokens < command.args.size())
        return say(event, "Jeg skjønte ikke " + detail::quoted(detail::join_from(command.args, read->tokens)) +
                              " etter datoen. " + pause_usage(context));
    const year_month_day until = read->date;
    if (until < today) return say(event, short_date(until) + " har vært. Velg en dag fra i dag og framover.");
    if (until > detail::plan_last(context.plan))
        return say(event, short_date(until) + " er etter planperioden (" + std::to_string(context.plan.first_year) +
                              "–" + std::to_string(context.plan.last_year) + "). Velg en dag i planperioden.");
    Outcome outcome;
    outcome.changes.push_back(
        {PauseReminders{until}, "Påminnelser satt på pause til og med " + short_date(until)});
    outcome.replies.push_back(reply_in(event,
         "⏸ Påminnelsene er satt på pause til og med " + format_day_in(until, today) +
             ". Det som skulle ha kommet i pausen, kommer etterpå (bare den siste for hver frist). /fortsett starter "
             "dem igjen før."));
    return outcome;
}

Outcome resume(const Event& event, const Context& context) {
    auto paused = context.state->paused_until();
    if (!paused || *paused < local_today(context)) return say(event, "Påminnelsene er ikke på pause.");
    Outcome outcome;
    outcome.changes.push_back({PauseReminders{std::nullopt}, "Påminnelser startet igjen"});
    outcome.replies.push_back(reply_in(event,
                               "▶️ Påminnelsene er i gang igjen. Det som falt i pausen, kommer nå (bare den siste for "
                               "hver frist)."));
    return outcome;
}

}  // namespace

const std::vector<CommandSpec>& reminder_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "paminnelser",
         .aliases = {"paminnelse"},
         .handler = list_reminders,
         .usage = "/påminnelser",
         .help = "påminnelsene du får de neste dagene"},
        {.name = "pause",
         .handler = pause,
         .admin_only = true,
         .admin_usage = "/pause 6.8.",  // without a year: the next 6 August, never one that has been
         .admin_rule = "sette påminnelsene på pause"},
        {.name = "fortsett",
         .handler = [](const Event& e, const Context& c, const Command&) { return resume(e, c); },
         .admin_only = true,
         .admin_usage = "/fortsett",
         .admin_rule = "starte påminnelsene igjen"},
    };
    return rows;
}

std::optional<Outcome> handle_reminder_command(const Event& event, const Context& context, const Command& command) {
    return run_command(reminder_commands(), event, context, command);
}

}  // namespace planbot::commands
