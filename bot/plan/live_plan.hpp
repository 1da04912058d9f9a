// The plan in force, which the secretary may replace while planbot runs: `planbot`
// reads the plan file (and the next period's, bot.next_plan) at start, and again on
// SIGHUP (`systemctl reload planbot`) or an admin's /plan last inn. A reload is all or
// nothing: both files must load and pass the settings' checks, or the plans in force
// stay as they were. Readers take a shared pointer to what is in force, so a reload
// never changes a plan under a message being answered.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "commands/language/search_index.hpp"
#include "commands/people/roles.hpp"
#include "config/plan.hpp"
#include "config/settings.hpp"

namespace planbot::bot {

// A plan with what the core builds from it once (not per question).
struct PlanInForce {
    explicit PlanInForce(config::Plan loaded);
    config::Plan plan;
    commands::SearchIndex index;
    commands::RoleNames role_names;
    std::string text;  // the file as read ("" for a plan given in code)
};

class LivePlan {
public:
    // A fixed plan, not read from a file (tests, benchmarks); reload() refuses.
    explicit LivePlan(config::Plan plan);

    // Reads settings.plan and, when set, settings.next_plan. The error names the file
    // and line, or the setting that does not fit the plan.
    static std::expected<std::unique_ptr<LivePlan>, std::string> load(const config::Settings& settings);

    // The plan in force in `year`: the next period's from its first year on, else the
    // current one (also before its first year and after its last).
    std::shared_ptr<const PlanInForce> in(int year) const;
    std::shared_ptr<const PlanInForce> current() const;
    std::shared_ptr<const PlanInForce> next() const;  // null: none configured

    // Reads the files again. On success the new plans are in force and the result is
    // what was in force in `year` before; on failure nothing changes.
    std::expected<std::shared_ptr<const PlanInForce>, std::string> reload(int year);

private:
    LivePlan(const config::Settings* settings, std::shared_ptr<const PlanInForce> current,
             std::shared_ptr<const PlanInForce> next);
    struct Loaded {
        std::shared_ptr<const PlanInForce> current, next;
    };
    static std::expected<Loaded, std::string> read(const config::Settings& settings);

    const config::Settings* settings_;  // null: a fixed plan
    mutable std::mutex mutex_;
    std::shared_ptr<const PlanInForce> current_;
    std::shared_ptr<const PlanInForce> next_;
};

}  // namespace planbot::bot
