// The scheduler: on each tick, asks the pure planner (commands/reminders/planner.hpp) what
// fell due since the last tick, and queues what is new in one SQLite transaction:
// the outbox rows and the reminder's key, together with the end of the window
// planned. A reminder is therefore queued exactly once, whatever crashes; after
// downtime the window is long and the planner gives only the latest missed reminder
// of each occurrence, marked late. While reminders are paused the window is kept
// open, so the missed ones follow the pause the same way; and while late ones would
// fall in quiet hours or on a weekend off (commands::window_held), so they go out at
// the next allowed time.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "bot/metrics/metrics.hpp"
#include "bot/platform.hpp"
#include "bot/reply_queue.hpp"
#include "bot/schedule/clock.hpp"
#include "commands/reminders/planner.hpp"
#include "bot/plan/live_plan.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

// One platform the scheduler plans for: it names the reminders' rows, renders them, and
// says whether its apps show the ✅ Ferdig button (it must outlive the scheduler);
// `config_admins` are the settings' admins on it.
struct ScheduledPlatform {
    const Platform& platform;
    std::vector<std::string> config_admins;
};

class Scheduler {
public:
    // One scheduler for every platform the process runs (Telegram and Slack share one
    // database, one window and one reminder log): each tick plans the window once per
    // platform, for that platform's chats and people (a linked person is reminded on
    // the platform they last wrote from, commands::due_messages), and records it all in
    // one transaction. A reminder's key is the planner's, with the platform's name in
    // front for every platform but Telegram and the local chat, whose keys were recorded
    // before there was a second platform.
    // `plans`: each tick plans with the plan in force that day (a reload or the next
    // period's first year changes it).
    Scheduler(storage::Database& database, std::shared_ptr<const LivePlan> plans, const Clock& clock,
              const date::time_zone* zone, const config::ReminderSettings& settings,
              std::vector<ScheduledPlatform> platforms);
    // One platform.
    Scheduler(storage::Database& database, std::shared_ptr<const LivePlan> plans, const Clock& clock,
              const date::time_zone* zone, const config::ReminderSettings& settings, const Platform& platform,
              std::vector<std::string> config_admins);
    // A fixed plan (tests).
    Scheduler(storage::Database& database, const config::Plan& plan, const Clock& clock, const date::time_zone* zone,
              const config::ReminderSettings& settings, const Platform& platform,
              std::vector<std::string> config_admins);

    // Plans (last window's end, now] and queues what is new; returns how many outbox
    // rows it queued. The window's end moves to `now` unless the window is held (paused,
    // or late reminders waiting for an allowed time). The first tick on a new database
    // only marks where planning starts.
    // Throws StorageError when SQLite fails (nothing of the tick is kept).
    size_t tick();

    // How often to tick in real time: every second, or often enough that a tick covers
    // at most half an hour of a fast clock (so a reminder is never late by more).
    std::chrono::milliseconds tick_interval() const;

    // After each tick, once a day by the bot's clock: delete what is older than `days`
    // (storage/retention.hpp). 0: never (the default; the services set the setting).
    void set_retention_days(int days) { retention_days_ = days; }

    // Counts the reminders queued and late; null: nothing counted.
    void set_metrics(Metrics* metrics) {
        metrics_ = metrics;
        for (Planned& planned : platforms_) planned.replies->set_metrics(metrics);
    }
    // The per-chat cap on unsent rows (reply_queue.hpp; 0: none).
    void set_outbox_cap(int64_t cap) {
        for (Planned& planned : platforms_) planned.replies->set_cap(cap);
    }

    // The reminder key a platform records for the planner's `key`.
    static std::string recorded_key(std::string_view platform, const std::string& key);

private:
    storage::Database& database_;
    std::shared_ptr<const LivePlan> plans_;
    const Clock& clock_;
    const date::time_zone* zone_;
    const config::ReminderSettings& settings_;
    struct Planned {
        const Platform* platform;
        std::vector<std::string> config_admins;
        std::unique_ptr<ReplyQueue> replies;  // holds references to the two above: a stable address
    };
    std::vector<Planned> platforms_;
    Metrics* metrics_ = nullptr;
    int retention_days_ = 0;
    std::optional<std::chrono::sys_seconds> pruned_at_;  // the retention's last run, once read

    size_t plan_due();
    void prune_if_due(std::chrono::sys_seconds now);
};

}  // namespace planbot::bot
