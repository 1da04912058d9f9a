// See live_plan.hpp.
#include "bot/plan/live_plan.hpp"

#include "config/plan_loader.hpp"

namespace planbot::bot {

PlanInForce::PlanInForce(config::Plan loaded)
    : plan(std::move(loaded)), index(commands::build_search_index(plan)), role_names(commands::build_role_names(plan)) {}

LivePlan::LivePlan(config::Plan plan)
    : LivePlan(nullptr, std::make_shared<const PlanInForce>(std::move(plan)), nullptr) {}

LivePlan::LivePlan(const config::Settings* settings, std::shared_ptr<const PlanInForce> current,
                   std::shared_ptr<const PlanInForce> next)
    : settings_(settings), current_(std::move(current)), next_(std::move(next)) {}

std::expected<LivePlan::Loaded, std::string> LivePlan::read(const config::Settings& settings) {
    auto read_one = [&](const std::filesystem::path& file) -> std::expected<std::shared_ptr<PlanInForce>, std::string> {
        auto text = config::read_text_file(file, "the plan file");
        if (!text) return std::unexpected(text.error().describe());
        auto plan = config::parse_plan(*text, file.string());
        if (!plan) return std::unexpected(plan.error().describe());
        if (auto problem = config::reminder_settings_problem(settings, *plan))
            return std::unexpected(file.string() + ": does not fit the settings: " + *problem);
        auto loaded = std::make_shared<PlanInForce>(std::move(*plan));
        loaded->text = std::move(*text);
        return loaded;
    };
    Loaded loaded;
    auto current = read_one(settings.plan);
    if (!current) return std::unexpected(current.error());
    loaded.current = std::move(*current);
    if (!settings.next_plan.empty()) {
        auto next = read_one(settings.next_plan);
        if (!next) return std::unexpected(next.error());
        if ((*next)->plan.first_year <= loaded.current->plan.last_year)
            return std::unexpected(settings.next_plan.string() + ": bot.next_plan starts in " +
                                   std::to_string((*next)->plan.first_year) + ", but the plan in force (" +
                                   settings.plan.string() + ") runs until " +
                                   std::to_string(loaded.current->plan.last_year) +
                                   "; the next period must start after it");
        loaded.next = std::move(*next);
    }
    return loaded;
}

std::expected<std::unique_ptr<LivePlan>, std::string> LivePlan::load(const config::Settings& settings) {
    auto loaded = read(settings);
    if (!loaded) return std::unexpected(loaded.error());
    return std::unique_ptr<LivePlan>(new LivePlan(&settings, std::move(loaded->current), std::move(loaded->next)));
}

std::shared_ptr<const PlanInForce> LivePlan::in(int year) const {
    std::lock_guard lock(mutex_);
    if (next_ && year >= next_->plan.first_year) return next_;
    return current_;
}

std::shared_ptr<const PlanInForce> LivePlan::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

std::shared_ptr<const PlanInForce> LivePlan::next() const {
    std::lock_guard lock(mutex_);
    return next_;
}

std::expected<std::shared_ptr<const PlanInForce>, std::string> LivePlan::reload(int year) {
    if (!settings_) return std::unexpected(std::string("this plan was not read from a file"));
    auto loaded = read(*settings_);  // outside the lock: readers are not held up by the file
    if (!loaded) return std::unexpected(loaded.error());
    std::lock_guard lock(mutex_);
    std::shared_ptr<const PlanInForce> before = next_ && year >= next_->plan.first_year ? next_ : current_;
    current_ = std::move(loaded->current);
    next_ = std::move(loaded->next);
    return before;
}

}  // namespace planbot::bot
