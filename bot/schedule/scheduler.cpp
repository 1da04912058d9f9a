// See scheduler.hpp.
#include "bot/schedule/scheduler.hpp"

#include <algorithm>

#include <date/date.h>

#include "bot/log.hpp"
#include "commands/language/dates.hpp"
#include "storage/reminder_log.hpp"
#include "storage/retention.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

std::string kind_name(commands::ReminderKind kind) {
    switch (kind) {
        case commands::ReminderKind::before: return "before";
        case commands::ReminderKind::due: return "due";
        case commands::ReminderKind::overdue: return "overdue";
        case commands::ReminderKind::escalation: return "escalation";
        case commands::ReminderKind::no_recipient: return "no_recipient";
        case commands::ReminderKind::digest_month: return "digest_month";
        case commands::ReminderKind::digest_week: return "digest_week";
        case commands::ReminderKind::heads_up: return "heads_up";
        case commands::ReminderKind::forum_digest: return "forum_digest";
        case commands::ReminderKind::term_question: return "term_question";
    }
    return "unknown";
}

}  // namespace

Scheduler::Scheduler(storage::Database& database, const config::Plan& plan, const Clock& clock,
                     const date::time_zone* zone, const config::ReminderSettings& settings, const Platform& platform,
                     std::vector<std::string> config_admins)
    : Scheduler(database, std::make_shared<const LivePlan>(plan), clock, zone, settings, platform,
                std::move(config_admins)) {}

Scheduler::Scheduler(storage::Database& database, std::shared_ptr<const LivePlan> plans, const Clock& clock,
                     const date::time_zone* zone, const config::ReminderSettings& settings, const Platform& platform,
                     std::vector<std::string> config_admins)
    : Scheduler(database, std::move(plans), clock, zone, settings,
                std::vector<ScheduledPlatform>{{platform, std::move(config_admins)}}) {}

Scheduler::Scheduler(storage::Database& database, std::shared_ptr<const LivePlan> plans, const Clock& clock,
                     const date::time_zone* zone, const config::ReminderSettings& settings,
                     std::vector<ScheduledPlatform> platforms)
    : database_(database), plans_(std::move(plans)), clock_(clock), zone_(zone), settings_(settings) {
    platforms_.reserve(platforms.size());
    for (ScheduledPlatform& scheduled : platforms) {
        Planned& planned = platforms_.emplace_back(Planned{&scheduled.platform, std::move(scheduled.config_admins), nullptr});
        planned.replies = std::make_unique<ReplyQueue>(database_, *planned.platform, planned.config_admins);
    }
}

std::string Scheduler::recorded_key(std::string_view platform, const std::string& key) {
    if (platform == "telegram" || platform == "local") return key;
    return std::string(platform) + "|" + key;
}

std::chrono::milliseconds Scheduler::tick_interval() const {
    const double half_hour_ms = 30.0 * 60.0 * 1000.0 / std::max(1.0, clock_.rate());
    return std::chrono::milliseconds(static_cast<int64_t>(std::clamp(half_hour_ms, 20.0, 1000.0)));
}

// The day's retention run, in a transaction of its own; when it ran last is in meta, so a
// restart does not run it again. A failure is logged and tried at the next tick.
void Scheduler::prune_if_due(std::chrono::sys_seconds now) {
    if (retention_days_ <= 0 || (pruned_at_ && now - *pruned_at_ < std::chrono::days(1))) return;
    try {
        storage::Transaction transaction(database_);
        storage::ReminderLog reminders(database_);
        pruned_at_ = storage::last_pruned(database_);
        if (pruned_at_ && now - *pruned_at_ < std::chrono::days(1)) return;
        const auto cutoff = now - std::chrono::days(retention_days_);
        const storage::Pruned pruned = storage::prune_older_than(database_, cutoff, reminders.checked_until().value_or(now));
        storage::set_last_pruned(database_, now);
        transaction.commit();
        pruned_at_ = now;
        log::info("retention_pruned", {{"days", retention_days_}, {"updates", pruned.updates},
                                       {"messages", pruned.messages}, {"reminders", pruned.reminders}});
    } catch (const std::exception& error) {
        log::error("retention_failed", {{"error", error.what()}});
    }
}

size_t Scheduler::tick() {
    const size_t rows = plan_due();
    prune_if_due(clock_.now());
    return rows;
}

size_t Scheduler::plan_due() {
    const auto now = clock_.now();
    storage::Transaction transaction(database_);
    storage::ReminderLog reminders(database_);
    storage::WorkState state(database_);
    const auto checked = reminders.checked_until();
    if (!checked) {
        // A new database: what was due before planbot started is history.
        reminders.set_checked_until(now);
        transaction.commit();
        log::info("reminders_started", {{"from", date::format("%FT%TZ", now)}});
        return 0;
    }
    if (now <= *checked) return 0;
    if (auto paused = state.paused_until(); paused && *paused >= commands::local_day(zone_, now)) return 0;

    // In quiet hours (or a weekend off) late reminders wait: the window keeps its start
    // until a tick at an allowed time plans them. What is queued meanwhile (a digest due
    // just now) is recorded, and skipped by its key when the longer window plans it again.
    const bool held = commands::window_held(settings_, zone_, *checked, now);
    const std::shared_ptr<const PlanInForce> plan = plans_->in(static_cast<int>(commands::local_day(zone_, now).year()));
    size_t rows = 0, queued = 0, late = 0;
    for (Planned& planned : platforms_) {
        const std::string_view platform = planned.platform->name();
        const std::vector<commands::PlannedMessage> due =
            commands::due_messages(plan->plan, state, settings_, zone_, *checked, now, platform, planned.config_admins,
                                   planned.platform->has_buttons());
        for (const commands::PlannedMessage& message : due) {
            // A list of notices carries several keys; it goes out if any of them is new.
            std::vector<std::string> fresh;
            if (std::string key = recorded_key(platform, message.key); !reminders.contains(key))
                fresh.push_back(std::move(key));
            for (const std::string& also : message.also_keys)
                if (std::string key = recorded_key(platform, also); !reminders.contains(key))
                    fresh.push_back(std::move(key));
            if (fresh.empty()) continue;
            // Refused when the chat's queue is full: logged and counted there, and recorded
            // here as planned all the same, so a flood is not added to at every tick.
            const std::vector<int64_t> ids = planned.replies->queue(message.reply, now);
            storage::ReminderRecord record{"", kind_name(message.kind), 0, "", "", message.due_at, message.late};
            if (message.occurrence) {
                record.task = message.occurrence->task;
                record.unit = message.occurrence->unit;
                record.occurrence_key = message.occurrence->key;
            }
            for (std::string& key : fresh) {
                record.key = std::move(key);
                reminders.record(record, ids, now);
            }
            rows += ids.size();
            ++queued;
            if (message.late) ++late;
        }
    }
    if (!held) reminders.set_checked_until(now);
    transaction.commit();
    if (metrics_ && queued > 0) metrics_->reminders_queued(static_cast<int64_t>(queued), static_cast<int64_t>(late));
    if (queued > 0) log::info("reminders_queued", {{"reminders", queued}, {"late", late}, {"messages", rows}});
    return rows;
}

}  // namespace planbot::bot
