// See event.hpp.
#include "commands/event.hpp"

#include <algorithm>

#include "commands/language/dates.hpp"
#include "config/settings.hpp"

namespace planbot::commands {

Reply message_to(std::string chat_id, std::string text, std::string thread_id) {
    return Reply{std::move(chat_id), std::move(text), NewMessage{std::move(thread_id)}};
}

Reply reply_in(const Event& event, std::string text) {
    return message_to(event.chat_id, std::move(text), event.thread_id);
}

FerieWeeks ferie_weeks(const Context& context) {
    if (context.reminders == nullptr || context.reminders->fellesferie_first_week <= 0 ||
        context.reminders->fellesferie_last_week < context.reminders->fellesferie_first_week)
        return {};
    return {context.reminders->fellesferie_first_week, context.reminders->fellesferie_last_week};
}

date::year_month_day local_today(const Context& context) {
    return local_day(context.zone, context.now);
}

bool from_person(const Event& event) { return !event.from_chat && !event.user_id.empty(); }

bool is_admin(const Event& event, const Context& context) {
    if (!from_person(event)) return false;
    if (std::ranges::find(context.config_admins, event.user_id) != context.config_admins.end()) return true;
    return context.state != nullptr && context.state->is_admin(event.platform, event.user_id);
}

// "done|<task>|<unit>|<key>": a plan task's unit is at most a municipality name and its
// key at most "+YYYY-MM-DD", so the data stays short (see event.hpp).
std::string done_button_data(const OccurrenceId& occurrence) {
    return "done|" + std::to_string(occurrence.task) + "|" + occurrence.unit + "|" + occurrence.key;
}

std::optional<OccurrenceId> read_done_button_data(std::string_view data) {
    if (!data.starts_with("done|")) return std::nullopt;
    data.remove_prefix(5);
    const size_t first = data.find('|');
    if (first == std::string_view::npos) return std::nullopt;
    const size_t second = data.find('|', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const std::string_view number = data.substr(0, first);
    if (number.empty() || number.size() > 6 ||
        !std::ranges::all_of(number, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return OccurrenceId{std::stoi(std::string(number)), std::string(data.substr(first + 1, second - first - 1)),
                        std::string(data.substr(second + 1))};
}

// "publish|<unix seconds>".
std::string publish_button_data(std::chrono::sys_seconds draft_started) {
    return "publish|" + std::to_string(draft_started.time_since_epoch().count());
}

std::optional<std::chrono::sys_seconds> read_publish_button_data(std::string_view data) {
    if (!data.starts_with("publish|")) return std::nullopt;
    data.remove_prefix(8);
    if (data.empty() || data.size() > 15 || !std::ranges::all_of(data, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::chrono::sys_seconds{std::chrono::seconds{std::stoll(std::string(data))}};
}

}  // namespace planbot::commands
