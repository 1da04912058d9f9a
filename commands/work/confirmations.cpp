// /ferdig and /angre: confirming an occurrence of a task (and posting it to the
// responsible roles' channels) and taking a confirmation (or a /hopp) back. Which
// occurrence /ferdig means is closing.hpp's choice, shared with /hopp. Comments are
// stored and echoed as typed, within kMaxComment.
#include <chrono>
#include <expected>
#include <iterator>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/closing.hpp"
#include "commands/work/occurrence_selector.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands::detail {

using config::RoleRef;
using config::Scope;
using date::year_month_day;

namespace {

constexpr std::chrono::hours kUndoWindow{24 * 7};

constexpr std::string_view kFerdigUsage =
    "Skriv nummeret på oppgaven, for eksempel «/ferdig 9» eller «/ferdig 9 betalt inn». Velg en bestemt frist med år, "
    "måned, uke, kvartal eller enhet: «/ferdig 16 2027», «/ferdig 42 uke 50», «/ferdig 9 2. kvartal 2027», "
    "«/ferdig 3 Innherred». Numrene står i /oppgaver.";
constexpr std::string_view kAngreUsage =
    "Skriv nummeret på oppgaven du vil angre, for eksempel «/angre 9» (eller «/angre 9 2026»).";

std::string first_name(const Person& person) {
    const std::string& name = person.name;
    return name.substr(0, name.find(' '));
}

Outcome completed(const Event& event, const Context& context, const Task& task, const Occurrence& occurrence,
                  const std::string& comment) {
    const std::string name = occurrence_name(context.plan, task, occurrence);
    const Person me = caller(event, context);
    Outcome outcome;
    outcome.changes.push_back(
        {Complete{occurrence.id, comment}, name + " meldt ferdig" + (comment.empty() ? "" : ": " + comment)});
    const std::string first = first_name(me);
    std::string reply = "✅ " + name + " er ferdig. Takk" + (first.empty() ? "" : ", " + first) + "!";
    if (!comment.empty()) reply += "\nKommentar: " + comment;
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    const std::string post =
        "✅ " + name + " er meldt ferdig av " + display_name(me) + (comment.empty() ? "." : ": " + comment);
    post_to_channels(event, context, responsible_for(context.plan, task, occurrence.id.unit), occurrence.id.unit, post,
                     outcome);
    return outcome;
}

int completion_year(const Completion& completion, const std::vector<Occurrence>& all) {
    for (const Occurrence& occurrence : all)
        if (occurrence.id == completion.id) return static_cast<int>(occurrence.due.year());
    std::string_view key = completion.id.key;  // "2026-3", "+2026-05-12": the plan changed since
    if (!key.empty() && key.front() == '+') key.remove_prefix(1);
    return as_number(key.substr(0, 4)).value_or(0);
}

}  // namespace

// "Kasserer (Kari Nordmann), Gruppeledere (ingen har rollen ennå) eller en admin".
std::string who_can(const Context& context, const std::vector<RoleRef>& responsible) {
    std::vector<std::string> parts;
    for (const RoleRef& role : responsible) {
        std::vector<std::string> names;
        for (const Holding& holding : context.state->holders(role.role_id, local_today(context))) {
            std::string name = display_name(holding.person);
            if (answers_for(holding.role, role) && std::ranges::find(names, name) == names.end())
                names.push_back(std::move(name));
        }
        std::string part = role_label(context.plan, role);
        if (names.empty()) part += " (ingen har rollen ennå)";
        else if (names.size() <= 3) part += " (" + join_list(names) + ")";
        else part += " (" + names[0] + ", " + names[1] + " og " + std::to_string(names.size() - 2) + " til)";
        parts.push_back(std::move(part));
    }
    parts.emplace_back("en admin");
    return join_list(parts, " eller ");
}

void post_to_channels(const Event& event, const Context& context, const std::vector<RoleRef>& responsible,
                      std::string_view unit, const std::string& text, Outcome& outcome) {
    std::vector<std::string> chats{event.chat_id};  // the chat the command came from has its answer
    for (const Channel& channel : context.state->channels()) {
        if (channel.platform != event.platform || std::ranges::find(chats, channel.chat_id) != chats.end()) continue;
        const bool bound = std::ranges::any_of(responsible, [&](const RoleRef& role) {
            return channel.target == role.role_id &&
                   (channel.unit.empty() || channel.unit == role.unit || channel.unit == unit);
        });
        if (!bound) continue;
        chats.push_back(channel.chat_id);
        outcome.replies.push_back(message_to(channel.chat_id, text, channel.thread_id));
    }
}

Outcome confirm_command(const Event& event, const Context& context, const Command& command) {
    auto closing = choose_to_close(event, context, command, {"ferdig", kFerdigUsage, "Kommentaren", "meldes ferdig"});
    if (!closing) return say(event, closing.error());
    return completed(event, context, closing->task, closing->occurrence, closing->text);
}

Outcome undo_command(const Event& event, const Context& context, const Command& command) {
    auto target = read_target(context, command, kAngreUsage);
    if (!target) return say(event, target.error());
    const State& state = *context.state;
    const Task& task = target->task;
    const std::vector<Occurrence> all = all_occurrences(context.plan, task, state.deadline_edits(task.number));
    std::vector<Completion> list = state.completions(task.number);
    auto selected = [&](const Completion& c) {
        const std::optional<OccurrenceSelector>& selector = target->selector;
        if (!selector) return true;
        if (selector->kind == OccurrenceSelector::Kind::year) return completion_year(c, all) == *selector->year;
        auto found = std::ranges::find(all, c.id, &Occurrence::id);
        return found != all.end() && selects(*selector, task, *found);
    };
    std::erase_if(list,
                  [&](const Completion& c) { return (target->unit && c.id.unit != *target->unit) || !selected(c); });
    const std::string in_year = target->selector ? " i " + target->selector->label : "";
    if (list.empty())
        return say(event, task_heading(task) + " er ikke meldt ferdig" + in_year + ", så det er ingenting å angre.");
    auto by_time = [](const Completion& a, const Completion& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); };
    const Completion latest = *std::ranges::max_element(list, by_time);
    const bool admin = is_admin(event, context);
    std::erase_if(list, [&](const Completion& c) {
        return !admin && (c.by.platform != event.platform || c.by.user_id != event.user_id);
    });
    if (list.empty()) {
        // Who closed it is told to those who answer for the task; to anyone else, not.
        const bool answers = answers_for_any(state.roles_of(event.platform, event.user_id, local_today(context)),
                                             task.roles);
        return say(event, std::string("Det var ikke du som ") + (latest.skipped ? "hoppet over " : "meldte ") +
                              task_name(task) + (latest.skipped ? "" : " ferdig") +
                              (answers ? " (det gjorde " + done_by(context, latest) + "), så bare de"
                                       : ", så bare den som gjorde det,") +
                              " eller en admin kan angre det.");
    }
    const Completion chosen = *std::ranges::max_element(list, by_time);
    auto found = std::ranges::find(all, chosen.id, &Occurrence::id);
    const Occurrence occurrence =
        found != all.end() ? *found : Occurrence{chosen.id, local_day(context.zone, chosen.at), false};
    const std::string name = occurrence_name(context.plan, task, occurrence);
    if (!admin && context.now - chosen.at > kUndoWindow)
        return say(event, std::string(chosen.skipped ? "Du hoppet over " : "Du meldte ") + lower_first(name) +
                              (chosen.skipped ? " " : " ferdig ") + long_day(local_day(context.zone, chosen.at)) +
                              ", og det er mer enn 7 dager siden. Nå kan bare en admin angre det.");
    Outcome outcome;
    const std::string was = chosen.skipped ? "hoppet over" : "meldt ferdig";
    outcome.changes.push_back({Reopen{chosen.id}, name + " åpnet igjen (var " + was + " av " + display_name(chosen.by) +
                                                      " " + short_date(local_day(context.zone, chosen.at)) + ")"});
    std::string reply = "↩️ " + name + " er åpen igjen.";
    if (chosen.by.platform != event.platform || chosen.by.user_id != event.user_id)
        reply += " Den var " + was + " av " + done_by(context, chosen) + ".";
    outcome.replies.push_back(reply_in(event, std::move(reply)));
    return outcome;
}

}  // namespace planbot::commands::detail
