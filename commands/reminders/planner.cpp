// See planner.hpp. The scheduler asks every second, so the planner works in two steps:
// first the calendar arithmetic (schedule.hpp) says which Oslo days' send
// instants fall in the window — usually none, and then nothing else is done; only then
// are the plan's tiltak expanded, and of the tasks added in the chat only those due on
// the few dates that can have a reminder on those days are read from the state.
//
// Per window each open occurrence gets at most its latest reminder; one that was due
// more than an hour before the window's end is marked late. A deadline shared by
// several units of a task (one per region, per lokallag) reaches a chat that stands for
// all of them as one message listing the units, not one message per unit.
#include "commands/reminders/planner.hpp"

#include <algorithm>
#include <map>
#include <span>

#include "commands/reminders/candidates.hpp"
#include "commands/forum/forum.hpp"
#include "commands/reminders/forum_digest.hpp"
#include "commands/reminders/digests.hpp"
#include "commands/reminders/recipients.hpp"
#include "commands/reminders/schedule.hpp"
#include "commands/reminders/term_questions.hpp"
#include "commands/reminders/texts.hpp"
#include "commands/work/tasks.hpp"
#include "commands/work/task_text.hpp"

namespace planbot::commands {

namespace {

using date::year_month_day;
using detail::Audience;
using detail::Candidate;
using detail::DayRange;
using detail::Party;
using detail::ReminderPick;
using std::chrono::sys_seconds;

constexpr int kOverdueAfterPlanDays = 30;  // overdue reminders stop a month after the plan period
constexpr int kUpcomingDays = 400;         // how far /paminnelser looks ahead

// One message of one occurrence (pointers into the planner, valid for one plan() call).
struct Draft {
    const Candidate* candidate;
    ReminderPick pick;
    year_month_day sent;
    const Audience* audience;
};

// What the messages of one deadline and rule share: every holder reached privately
// and every admin reads the same text, written once.
struct Shared {
    std::optional<sys_seconds> at;
    std::string key;  // the key without its "r|" and chat
    std::vector<std::pair<std::vector<config::RoleRef>, std::string>> private_texts;
    std::optional<std::string> nobody_text;
    std::string nobody_line;  // the same notice as one line of an admin's list
};

// An "Ingen mottaker" notice to one admin, before the notices of a window are merged.
struct Notice {
    PlannedMessage message;
    std::string line;
    config::RoleRef example;  // a role to name in the list's "/rolle gi …" hint
};

class Planner {
public:
    Planner(const config::Plan& plan, const State& state, const config::ReminderSettings& settings,
            const date::time_zone* zone, std::string_view platform, const std::vector<std::string>& config_admins,
            bool buttons = true)
        : plan_(plan), state_(state), zone_(zone), settings_(settings), platform_(platform), buttons_(buttons),
          clock_(settings, zone),
          overdue_end_(detail::add_days(detail::plan_last(plan), kOverdueAfterPlanDays)),
          open_(plan, state, settings, overdue_end_), recipients_(plan, state, platform, config_admins) {}

    const detail::ReminderClock& clock() const { return clock_; }

    // Only the reminders that reach `person`, with their added tasks from `tasks`
    // instead of by date (/paminnelser for one person).
    void only_for(const Person& person, std::vector<AddedTask> tasks) {
        person_ = &person;
        open_.use_added_tasks(std::move(tasks));
    }

    // The task reminders and escalations sent on the days of `sent`, in a window ending at `until`.
    void plan(DayRange sent, sys_seconds until, std::vector<PlannedMessage>& out) {
        const std::optional<DayRange> nominal = clock_.nominal_days(sent);
        if (!nominal) return;
        struct Picked {
            const Candidate* candidate;
            ReminderPick pick;
            const std::vector<Audience>* audiences;
        };
        std::vector<Picked> picked;
        size_t messages = 0;
        std::vector<std::pair<const Candidate*, year_month_day>> escalated;
        for (size_t index : open_.for_days(*nominal)) {
            const Candidate& candidate = open_.candidate(index);
            const detail::ReminderRules& rules = open_.rules(candidate);
            if (auto pick = detail::latest_pick(rules, candidate.occurrence.due, *nominal, sent, overdue_end_, clock_)) {
                recipients_.on(clock_.send_day(pick->nominal));  // whose terms are in force that day
                const std::vector<Audience>& list =
                    recipients_.audiences(open_.task(candidate), candidate.occurrence.id.unit);
                if (person_ && !detail::reaches(list, *person_)) continue;
                picked.push_back({&candidate, *pick, &list});
                messages += list.size();
            }
            if (auto pick = detail::escalation_pick(rules, candidate.occurrence.due, *nominal, sent, clock_))
                escalated.emplace_back(&candidate, clock_.send_day(pick->nominal, detail::Shift::later));
        }
        out.reserve(out.size() + messages + 1);
        std::map<std::string, std::vector<Draft>> groups;  // occurrences of units, merged per chat
        std::vector<Notice> notices;
        for (const Picked& one : picked) {
            const year_month_day day = clock_.send_day(one.pick.nominal, detail::shift_of(one.pick.kind));
            Shared shared;
            for (const Audience& audience : *one.audiences) {
                const Draft draft{one.candidate, one.pick, day, &audience};
                if (one.candidate->occurrence.id.unit.empty())
                    send({&draft, 1}, until, shared, out, notices);
                else
                    groups[group_key(draft)].push_back(draft);
            }
        }
        for (const auto& [key, drafts] : groups) {
            Shared shared;
            send(drafts, until, shared, out, notices);
        }
        if (!notices.empty()) merge_notices(notices, out);
        if (!escalated.empty()) escalate(escalated, until, out);
    }

    // The week-before questions about role terms sent on the days of `sent`.
    void plan_terms(DayRange sent, sys_seconds until, std::vector<PlannedMessage>& out) {
        detail::plan_term_questions(plan_, clock_, recipients_, sent, until, platform_, out);
    }

private:
    // Drafts with the same key but for the unit are one message.
    static std::string group_key(const Draft& draft) {
        const OccurrenceId& id = draft.candidate->occurrence.id;
        return std::string(draft.audience->nobody ? "n|" : "r|") + std::to_string(id.task) + "|*|" + id.key + "|" +
               detail::rule_name(draft.pick) + "|" + iso_date(draft.sent) + "|" + draft.audience->chat_id;
    }

    // A reminder goes to `out`; a notice that nobody can receive one waits in `notices`.
    void send(std::span<const Draft> drafts, sys_seconds until, Shared& shared, std::vector<PlannedMessage>& out,
              std::vector<Notice>& notices) {
        if (!drafts.front().audience->nobody) return message(drafts, until, shared, out.emplace_back());
        Notice& notice = notices.emplace_back();
        message(drafts, until, shared, notice.message);
        notice.line = shared.nobody_line;
        notice.example = drafts.front().audience->parties.front().role;
    }

    // One message per admin for all the window's notices: a tick with many reminders
    // nobody holds (a new installation, say) must not bury the admins. A notice alone
    // stays as it was, tied to its occurrence (a confirmation cancels it while it
    // waits); a list is tied to none, so confirming one task never cancels the others.
    void merge_notices(std::vector<Notice>& notices, std::vector<PlannedMessage>& out) const {
        std::vector<std::string> chats;  // in the planner's order
        std::map<std::string, std::vector<Notice*>> by_chat;
        for (Notice& notice : notices) {
            auto [found, fresh] = by_chat.try_emplace(notice.message.reply.chat_id);
            if (fresh) chats.push_back(notice.message.reply.chat_id);
            found->second.push_back(&notice);
        }
        for (const std::string& chat : chats) {
            std::vector<Notice*>& list = by_chat[chat];
            PlannedMessage& merged = out.emplace_back(std::move(list.front()->message));
            if (list.size() == 1) continue;
            merged.occurrence.reset();
            std::vector<std::string> lines{list.front()->line};
            for (size_t i = 1; i < list.size(); ++i) {
                const PlannedMessage& other = list[i]->message;
                merged.also_keys.push_back(other.key);
                merged.due_at = std::max(merged.due_at, other.due_at);
                merged.late = merged.late || other.late;  // some of it is late: the list says so
                lines.push_back(list[i]->line);
            }
            merged.reply.text = detail::no_recipient_list_text(plan_, lines, list.front()->example, merged.late);
        }
    }

    void message(std::span<const Draft> drafts, sys_seconds until, Shared& shared, PlannedMessage& out) {
        const Draft& first = drafts.front();
        const Audience& audience = *first.audience;
        out.kind = audience.nobody ? ReminderKind::no_recipient : first.pick.kind;
        if (!shared.at) shared.at = clock_.send_at(first.sent);
        out.due_at = *shared.at;
        out.late = detail::is_late(out.due_at, until);
        out.platform = platform_;
        const OccurrenceId& id = first.candidate->occurrence.id;
        if (shared.key.empty())
            shared.key = std::to_string(id.task) + "|" + (drafts.size() == 1 ? id.unit : "*") + "|" + id.key + "|" +
                         detail::rule_name(first.pick) + "|" + iso_date(first.sent) + "|";
        out.key = (audience.nobody ? "n|" : "r|") + shared.key + audience.chat_id;
        if (drafts.size() == 1) out.occurrence = id;
        out.reply.chat_id = audience.chat_id;
        out.reply.message()->thread_id = audience.thread_id;
        std::vector<Party> merged;
        if (drafts.size() > 1)
            for (const Draft& draft : drafts)
                for (const Party& party : draft.audience->parties) detail::add_party(merged, party);
        const std::vector<Party>& parties = drafts.size() > 1 ? merged : audience.parties;
        out.reply.text = text(drafts, parties, until, out.late, shared);
        if (!audience.nobody && !audience.private_chat) out.reply.message()->mentions = detail::mentions_of(parties);
        if (!audience.nobody && drafts.size() == 1 && buttons_) out.reply.message()->done_button = id;
    }

    std::string text(std::span<const Draft> drafts, const std::vector<Party>& parties, sys_seconds until, bool late,
                     Shared& shared) {
        const Draft& first = drafts.front();
        const Audience& audience = *first.audience;
        if (audience.nobody && shared.nobody_text) return *shared.nobody_text;
        if (audience.private_chat && !audience.nobody && audience.vacated.empty())
            for (const auto& [known, text] : shared.private_texts)
                if (std::ranges::equal(known, parties, {}, {}, &Party::role)) return text;
        const Task& task = open_.task(*first.candidate);
        std::vector<config::RoleRef> roles;
        for (const Party& party : parties) roles.push_back(party.role);
        std::vector<Occurrence> occurrences;
        for (const Draft& draft : drafts) occurrences.push_back(draft.candidate->occurrence);
        const year_month_day today = late ? clock_.local_day(until) : first.sent;
        if (audience.nobody) {
            shared.nobody_line = detail::no_recipient_line(plan_, task, occurrences, today, roles);
            return *(shared.nobody_text = detail::no_recipient_text(plan_, task, occurrences, today, roles, late));
        }
        std::string text =
            detail::reminder_text(plan_, task, occurrences, today, parties, audience.private_chat, late, buttons_);
        // The follow-up of the one-person groups needs to know who they are and who has been quiet.
        if (task.number == plan_.special.forum_follow_up_tiltak)
            text += "\n\n" + forum_follow_up_lines(plan_, state_, zone_, occurrences.front().due, today);
        if (!audience.vacated.empty()) return text + detail::vacated_lines(plan_, audience.vacated);
        if (audience.private_chat) shared.private_texts.emplace_back(std::move(roles), text);
        return text;
    }

    // One list a day (after downtime: one list of all, dated by the latest day), to the
    // fylkessekretær's channels, else to the fylkessekretær privately, else to the admins.
    void escalate(const std::vector<std::pair<const Candidate*, year_month_day>>& escalated, sys_seconds until,
                  std::vector<PlannedMessage>& out) {
        year_month_day sent = escalated.front().second;
        std::vector<detail::OverdueItem> items;
        std::map<std::string, size_t> item_of;  // "task|key|due" → items index: units of one deadline together
        for (const auto& [candidate, day] : escalated) {
            sent = std::max(sent, day);
            const Task& task = open_.task(*candidate);
            const std::string group = std::to_string(task.number) + "|" + candidate->occurrence.id.key + "|" +
                                      iso_date(candidate->occurrence.due);
            auto [found, fresh] = item_of.emplace(group, items.size());
            if (fresh) items.push_back({&task, {}, {}});
            items[found->second].occurrences.push_back(candidate->occurrence);
        }
        recipients_.on(sent);
        for (detail::OverdueItem& item : items) {
            const bool one = item.occurrences.size() == 1;
            for (const config::RoleRef& role :
                 one ? responsible_for(plan_, *item.task, item.occurrences.front().id.unit) : item.task->roles)
                item.parties.push_back({role, recipients_.holders_of(role)});
        }
        for (const Audience& audience : recipients_.secretaries()) {
            PlannedMessage& message = out.emplace_back();
            message.kind = ReminderKind::escalation;
            message.due_at = clock_.send_at(sent);
            message.late = detail::is_late(message.due_at, until);
            message.platform = platform_;
            message.key = "e|" + iso_date(sent) + "|" + audience.chat_id;
            const year_month_day today = message.late ? clock_.local_day(until) : sent;
            message.reply.chat_id = audience.chat_id;
            message.reply.message()->thread_id = audience.thread_id;
            message.reply.text =
                detail::escalation_text(plan_, items, settings_.escalate_after_days, today, message.late);
            if (!audience.private_chat) message.reply.message()->mentions = detail::mentions_of(audience.parties);
        }
    }

    const config::Plan& plan_;
    const State& state_;
    const date::time_zone* zone_;
    const config::ReminderSettings& settings_;
    std::string platform_;
    bool buttons_;  // the platform shows the ✅ Ferdig button
    detail::ReminderClock clock_;
    year_month_day overdue_end_;
    detail::OpenOccurrences open_;
    detail::Recipients recipients_;
    const Person* person_ = nullptr;
};

// Messages due after this instant are not late in a window ending at `until`.
sys_seconds on_time_from(sys_seconds until) { return until - detail::kLateAfter - std::chrono::seconds(1); }

bool any_digest(const config::ReminderSettings& settings) {
    return settings.monthly_digest || settings.weekly_digest || settings.heads_up;
}

// By time, in the planner's (deterministic) order within the same instant. Sorted
// through indexes: a message is too big to shuffle around.
void sort_messages(std::vector<PlannedMessage>& messages) {
    if (std::ranges::is_sorted(messages, {}, &PlannedMessage::due_at)) return;
    std::vector<size_t> order(messages.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::ranges::stable_sort(order, [&](size_t a, size_t b) { return messages[a].due_at < messages[b].due_at; });
    std::vector<PlannedMessage> sorted;
    sorted.reserve(messages.size());
    for (size_t i : order) sorted.push_back(std::move(messages[i]));
    messages = std::move(sorted);
}

bool reaches_person(const PlannedMessage& message, const Person& person) {
    return message.reply.chat_id == person.user_id ||
           std::ranges::any_of(message.reply.message()->mentions, [&](const UserRef& m) { return m.user_id == person.user_id; });
}

}  // namespace

std::vector<ReminderTime> reminder_times(const config::ReminderSettings& settings, const config::Plan& plan,
                                         const State& state, int task, year_month_day due, const date::time_zone* zone,
                                         year_month_day last_day) {
    std::optional<Task> found = find_task(plan, state, task);
    if (!found) {
        found.emplace();
        found->number = task;
    }
    const detail::ReminderRules rules = detail::rules_for(settings, *found);
    const detail::ReminderClock clock(settings, zone);
    std::vector<ReminderTime> out;
    for (const ReminderPick& pick : detail::all_picks(rules, due, last_day))
        out.push_back({pick.kind, pick.days, clock.send_at(clock.send_day(pick.nominal, detail::shift_of(pick.kind)))});
    std::ranges::stable_sort(out, {}, &ReminderTime::at);
    return out;
}

bool sending_allowed(const config::ReminderSettings& settings, const date::time_zone* zone, sys_seconds at) {
    return detail::ReminderClock(settings, zone).allowed(at);
}

bool window_held(const config::ReminderSettings& settings, const date::time_zone* zone, sys_seconds after,
                 sys_seconds until) {
    const detail::ReminderClock clock(settings, zone);
    if (until <= after || clock.allowed(until)) return false;
    // A send day whose reminders belong to no nominal day (a Saturday with weekends off) holds nothing.
    if (const std::optional<DayRange> sent = clock.send_days(after, until); sent && clock.nominal_days(*sent))
        return true;
    return any_digest(settings) && clock.digest_days(after, on_time_from(until)).has_value();
}

std::vector<PlannedMessage> due_messages(const config::Plan& plan, const State& state,
                                         const config::ReminderSettings& settings, const date::time_zone* zone,
                                         sys_seconds after, sys_seconds until, std::string_view platform,
                                         const std::vector<std::string>& config_admins, bool buttons) {
    // The cheap test first: most ticks hold no send instant. At a time that is not
    // allowed nothing late goes out (window_held): no reminder (they are only ever due
    // at allowed times, so one in the window is late) and only a digest due just now.
    const detail::ReminderClock clock(settings, zone);
    const bool allowed = clock.allowed(until);
    const std::optional<DayRange> sent = allowed ? clock.send_days(after, until) : std::nullopt;
    const sys_seconds digests_after = allowed ? after : std::max(after, on_time_from(until));
    // The forum's Monday digest has no setting of its own: a member chooses it.
    const std::optional<DayRange> digest_days = clock.digest_days(digests_after, until);
    const std::optional<DayRange> digests = any_digest(settings) ? digest_days : std::nullopt;
    if (!sent && !digest_days) return {};
    if (auto paused = state.paused_until(); paused && *paused >= clock.local_day(until)) return {};
    std::vector<PlannedMessage> out;
    if (sent) {
        Planner planner(plan, state, settings, zone, platform, config_admins, buttons);
        planner.plan(*sent, until, out);
        planner.plan_terms(*sent, until, out);
    }
    if (digests) detail::plan_digests(plan, state, settings, clock, zone, *digests, until, platform, out);
    if (digest_days) detail::plan_forum_digests(plan, state, clock, *digest_days, until, platform, config_admins, out);
    sort_messages(out);
    return out;
}

std::vector<PlannedMessage> upcoming_messages(const config::Plan& plan, const State& state,
                                              const config::ReminderSettings& settings, const date::time_zone* zone,
                                              sys_seconds from, const Person* person, size_t limit,
                                              std::string_view platform,
                                              const std::vector<std::string>& config_admins) {
    Planner planner(plan, state, settings, zone, platform, config_admins);
    if (person) planner.only_for(*person, state.added_tasks_for(state.roles_of(person->platform, person->user_id, planner.clock().local_day(from))));
    const detail::ReminderClock& clock = planner.clock();
    year_month_day first = clock.local_day(from);
    // What falls in a pause comes after it (the latest of each, late): list from then on.
    if (auto paused = state.paused_until(); paused && *paused >= first) first = detail::add_days(*paused, 1);
    const year_month_day last =
        std::min(detail::add_days(first, kUpcomingDays),
                 detail::add_days(detail::plan_last(plan), kOverdueAfterPlanDays + settings.escalate_after_days + 4));
    std::vector<PlannedMessage> out;
    // A term question is planned on every day of its term's last week (the scheduler
    // sends it once): listed once, and not at all when it has gone out already.
    std::vector<std::string> asked;
    const auto asked_before = [&](const PlannedMessage& message) {
        if (message.kind != ReminderKind::term_question) return false;
        std::vector<std::string> keys = message.also_keys;
        keys.push_back(message.key);
        const bool old = std::ranges::all_of(keys, [&](const std::string& key) {
            return state.reminder_queued(key) || std::ranges::find(asked, key) != asked.end();
        });
        asked.insert(asked.end(), keys.begin(), keys.end());
        return old;
    };
    for (year_month_day day = first; day <= last && out.size() < limit; day = detail::add_days(day, 1)) {
        std::vector<PlannedMessage> batch;
        if (const sys_seconds at = clock.send_at(day); at > from) {
            planner.plan({day, day}, at, batch);
            planner.plan_terms({day, day}, at, batch);
            std::erase_if(batch, asked_before);
        }
        if (const sys_seconds at = clock.digest_at(day); any_digest(settings) && at > from)
            detail::plan_digests(plan, state, settings, clock, zone, {day, day}, at, platform, batch);
        if (person) std::erase_if(batch, [&](const PlannedMessage& m) { return !reaches_person(m, *person); });
        sort_messages(batch);
        std::ranges::move(batch, std::back_inserter(out));
    }
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace planbot::commands
