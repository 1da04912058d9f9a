// The reminder planner: given the plan, the state, the reminder settings and a window
// of time (after, until], which reminders, escalations and wheel digests fall due.
// Pure: the caller (bot/scheduler) owns the clock, the database and the outbox; the
// same inputs always give the same messages with the same keys, so a reminder queued
// once (its key recorded in the same transaction) is never queued again.
//
// When the window is long (the bot was down, or reminders were paused), each
// occurrence gets at most its latest missed reminder, marked late; digests only the
// latest of each kind. Nothing late goes out in quiet hours or (with weekends off) on
// a weekend: such a window is held open (window_held) until the next allowed time.
//
// Reminders nobody can receive ("Ingen mottaker") reach each admin as one list per
// window, not one message per reminder; the list carries every reminder's key.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "commands/event.hpp"
#include "commands/state.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"

namespace planbot::commands {

enum class ReminderKind {
    before,      // n days before the deadline (n > 0)
    due,         // the morning of the deadline
    overdue,     // the morning after, then every overdue_repeat_days
    escalation,  // escalate_after_days overdue: to the secretary's channel (or the admins), one list a day
    no_recipient,  // nobody holds the roles: to the admins, "Ingen mottaker for …"
    digest_month,  // "Dette skjer i <måned>", the 1st at digest time, to the main channel
    digest_week,   // "Denne uka", Mondays at digest time, to the main channel (skipped when empty)
    heads_up,      // the day before a fixed-day event (8. mars, 1. mai, 5. juni, 19. november)
    forum_digest,  // Mondays at digest time, privately to forum members who chose "/forum demp"
    term_question,  // a week before role terms end: who holds them next (to the secretary, else the admins)
};

// One message the planner wants sent.
struct PlannedMessage {
    // Unique per (occurrence or digest, rule, due instant), e.g.
    // "r|9||2026-1|before14|2026-03-17" or "d|month|2026-12"; the scheduler records it.
    std::string key;
    // A list of "Ingen mottaker" notices stands for several planned reminders: the keys
    // of the others (each recorded with this message's outbox rows, like `key`).
    std::vector<std::string> also_keys{};
    ReminderKind kind = ReminderKind::before;
    std::optional<OccurrenceId> occurrence;  // task reminders: for the button and for cancelling
    std::chrono::sys_seconds due_at{};       // when it was meant to go out (after quiet hours and weekends)
    bool late = false;                       // due_at is before the window's last hour: says so in the text
    std::string platform;                    // where it goes
    Reply reply;                             // chat, text (Norwegian), thread, mentions, ✅ button
    // What /påminnelser says it is about, when the kind alone does not tell (a term
    // question: "hvem som tar over som Kasserer (Kari Nordmann) når perioden går ut …").
    std::string summary{};
};

// The Oslo instants reminders of `settings` are sent at, for a deadline on `due`:
// sorted, with quiet hours and weekends applied. Exposed for /paminnelser and tests.
struct ReminderTime {
    ReminderKind kind;
    int days = 0;  // before: days before; overdue/escalation: days after
    std::chrono::sys_seconds at{};
};
std::vector<ReminderTime> reminder_times(const config::ReminderSettings& settings, const config::Plan& plan,
                                         const State& state, int task, date::year_month_day due,
                                         const date::time_zone* zone, date::year_month_day last_day);

// Whether reminders may go out at `at`: outside quiet hours and, with weekends off,
// not on a Saturday or Sunday (Oslo time). Reminders are only ever due at such times;
// only late ones (after downtime or a pause) could otherwise reach people at night.
bool sending_allowed(const config::ReminderSettings& settings, const date::time_zone* zone,
                     std::chrono::sys_seconds at);

// Whether the window (after, until] must stay open: `until` is not an allowed time and
// the window holds a reminder's send day or a digest instant that would be late at
// `until`. due_messages() then leaves out everything late (it gives only a digest due
// within the last hour, which the scheduler records by key and skips when the longer
// window plans it again); the scheduler keeps its window's start, so the held
// reminders are planned — the latest per occurrence, marked late — by the first tick
// at an allowed time, and queued exactly once. Cheap: calendar arithmetic only.
bool window_held(const config::ReminderSettings& settings, const date::time_zone* zone,
                 std::chrono::sys_seconds after, std::chrono::sys_seconds until);

// Everything due in (after, until] on `platform`. Nothing while reminders are paused
// (state.paused_until() on or after the Oslo date of `until`): the caller then keeps
// its window open, so the missed ones come (late, latest only) after the pause.
// `buttons`: the platform shows the ✅ Ferdig button, and a reminder says «Trykk ✅»;
// without, it carries no button and names the /ferdig command to type.
std::vector<PlannedMessage> due_messages(const config::Plan& plan, const State& state,
                                         const config::ReminderSettings& settings, const date::time_zone* zone,
                                         std::chrono::sys_seconds after, std::chrono::sys_seconds until,
                                         std::string_view platform, const std::vector<std::string>& config_admins,
                                         bool buttons = true);

// The next reminders after `from` (at most `limit`, in time order), for /paminnelser:
// those `person` would receive (as holder, or in a channel of a role they hold), or
// everyone's when `person` is null.
std::vector<PlannedMessage> upcoming_messages(const config::Plan& plan, const State& state,
                                              const config::ReminderSettings& settings,
                                              const date::time_zone* zone, std::chrono::sys_seconds from,
                                              const Person* person, size_t limit, std::string_view platform,
                                              const std::vector<std::string>& config_admins);

}  // namespace planbot::commands
