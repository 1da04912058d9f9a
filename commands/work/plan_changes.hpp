// What changes when the plan file is replaced: wheel events added, removed or moved,
// deadlines added, removed or moved, and tiltak whose responsible roles changed, from
// a given day on (what lies behind is history). Pure: two plans and the state in,
// values out, so `planbot plan check` (in English) and an admin's `/plan last inn` (in
// Norwegian) describe the same comparison; and the reload replans exactly the queued
// reminders of the occurrences listed here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "commands/command_spec.hpp"
#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::commands {

enum class ChangeKind { added, removed, moved };

struct WheelChange {
    ChangeKind kind = ChangeKind::moved;
    std::string id;
    std::string title;                     // the new plan's title (the old one's when removed)
    int month_before = 0, month_after = 0;  // 0: not on that plan's wheel
    std::optional<int> day_before, day_after;
    std::vector<int> years_before, years_after;
};

// One occurrence of a tiltak. Occurrences of several units that change alike (the
// 29 lokallag of a per-lokallag tiltak) are one change, with `units` counting them.
struct DeadlineChange {
    ChangeKind kind = ChangeKind::moved;
    int task = 0;
    std::string title;  // the tiltak's short title
    std::optional<date::year_month_day> before, after;
    int units = 1;
    // Every occurrence this change stands for (its task, unit and key), whose queued
    // reminders no longer hold.
    std::vector<OccurrenceId> occurrences;
};

struct ResponsibleChange {
    int task = 0;
    std::string title;
    std::string before, after;  // the plan's ansvarlig text ("" when it names nobody)
    std::vector<config::RoleRef> roles_before;  // to find the reminders that went to the old roles
};

struct PlanChanges {
    std::string name_before, name_after;  // "Arbeidsplan 2025–2028"
    std::vector<WheelChange> wheel;
    std::vector<DeadlineChange> deadlines;  // by task, then the earlier date
    std::vector<ResponsibleChange> responsible;
    bool empty() const { return wheel.empty() && deadlines.empty() && responsible.empty(); }
};

// The changes that matter from `from` on: wheel events of the years from `from`'s
// year, and occurrences due on or after `from` under either plan. `state` (may be
// null) lays the admins' edits over both plans, as the reminders see them.
PlanChanges compare_plans(const config::Plan& before, const config::Plan& after, const State* state,
                          date::year_month_day from);

// What the bot layer did when an admin asked it to read the plan again.
struct PlanReload {
    bool loaded = false;
    std::string error;     // why the new file was refused (file:line: …), when !loaded
    PlanChanges changes;   // when loaded
    int reminders_cancelled = 0;  // queued reminders of moved deadlines, cancelled to be planned anew
};

// The admin's answer to /plan last inn, in Norwegian: the changes, or why the old plan
// is still in force.
std::string plan_reload_text(const PlanReload& reload);

// The /plan command's row (admin only): «/plan last inn» asks the bot layer to read the
// plan file again (Outcome::reload_plan); «/plan» alone says which plan is in force.
const std::vector<CommandSpec>& plan_commands();

}  // namespace planbot::commands
