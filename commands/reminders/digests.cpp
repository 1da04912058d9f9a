// See digests.hpp. The monthly digest is the answer to "hva skjer i <måned>"
// (wheel_questions.hpp), so the channel reads the same thing a question would give;
// the weekly one and the heads-up list the deadlines as the state has them (moved
// dates, added tasks, what is already done).
#include "commands/reminders/digests.hpp"

#include <algorithm>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"
#include "commands/language/period.hpp"
#include "commands/reply_text.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/tasks_in.hpp"
#include "commands/wheel/wheel_days.hpp"
#include "commands/wheel/wheel_questions.hpp"
#include "commands/work/task_text.hpp"

namespace planbot::commands::detail {

namespace {

using date::year_month_day;
using std::chrono::sys_seconds;

constexpr int kLookBack = 40;  // days: older digests are stale anyway

// "2026-W49".
std::string week_key(year_month_day monday) {
    const date::sys_days thursday = date::sys_days(monday) + date::days(3);
    const date::year year = year_month_day(thursday).year();
    const int week = static_cast<int>((thursday - date::sys_days(year / 1 / 1)).count() / 7 + 1);
    return std::to_string(static_cast<int>(year)) + "-W" + (week < 10 ? "0" : "") + std::to_string(week);
}

struct DayEvent {
    const config::WheelEvent* event;
    year_month_day day;
};

// The wheel's events with a day (fixed in the plan, or set with /dato) in [first, last].
std::vector<DayEvent> fixed_events(const WheelCalendar& wheel, year_month_day first, year_month_day last) {
    std::vector<DayEvent> out;
    for (date::year_month month = first.year() / first.month(); month <= last.year() / last.month();
         month += date::months(1))
        for (const WheelCalendar::Entry& entry : wheel.month(static_cast<int>(month.year()),
                                                             static_cast<int>(static_cast<unsigned>(month.month()))))
            if (entry.day && *entry.day >= first && *entry.day <= last) out.push_back({entry.event, *entry.day});
    std::ranges::stable_sort(out, {}, &DayEvent::day);
    return out;
}

// "søndag 8. mars: Kvinnedagen"; an event named after its day is just the day.
std::string event_line(const DayEvent& item) { return wheel_day_line(*item.event, item.day, false); }

struct DeadlineLine {
    year_month_day day;
    std::string text;  // "nr. 9 Følge opp partiskatt (Kasserer og Gruppeledere)"
};

// One line per task and day, by day; several units of one task are counted, done ones marked.
std::vector<DeadlineLine> deadline_lines(const config::Plan& plan, const State& state, year_month_day first,
                                        year_month_day last) {
    const std::vector<DueTask> tasks = tasks_in(plan, state, first, last);
    struct Item {
        const Task* task;
        year_month_day due;
        std::vector<OccurrenceId> ids;
    };
    std::vector<Item> items;
    std::vector<int> numbers;
    for (const DueTask& due : tasks) {
        const Task& task = due.task;
        if (is_weekly(task)) continue;  // every week: not news
        for (const Occurrence& occurrence : due.occurrences) {
            auto same = std::ranges::find_if(items, [&](const Item& i) {
                return i.task == &task && i.due == occurrence.due;
            });
            if (same == items.end()) same = items.insert(items.end(), Item{&task, occurrence.due, {}});
            same->ids.push_back(occurrence.id);
            numbers.push_back(task.number);
        }
    }
    std::ranges::stable_sort(items, {}, &Item::due);
    const DoneSet done(numbers.empty() ? std::vector<Completion>{} : state.completions_of(numbers));
    std::vector<DeadlineLine> out;
    for (const Item& item : items) {
        const Task& task = *item.task;
        std::vector<std::string> roles;
        for (const config::RoleRef& role : task.roles) roles.push_back(role_label(plan, role));
        std::string line = "nr. " + std::to_string(task.number) + " " + task.title + " (" +
                           (task.ansvarlig_missing ? std::string("ansvarlig mangler") : join_list(roles));
        const auto finished = std::ranges::count_if(item.ids, [&](const OccurrenceId& id) { return done.find(id); });
        if (item.ids.size() > 1)
            line += ", " + std::to_string(item.ids.size()) + " " + units_word(task.per, item.ids.size()) +
                    (finished > 0 ? ", " + std::to_string(finished) + " ferdig" : "");
        line += ")";
        if (finished == static_cast<long>(item.ids.size())) line += " ✅";
        out.push_back({item.due, std::move(line)});
    }
    return out;
}

std::string month_text(const config::Plan& plan, const State& state, const date::time_zone* zone, year_month_day day,
                       sys_seconds at) {
    Context context{plan, at, zone, ""};
    context.state = &state;
    return "📅 " + answer_period(context, month_period(year_of(day), month_of(day)));
}

// nullopt when the week has neither a fixed-day event nor a deadline.
std::optional<std::string> week_text(const config::Plan& plan, const State& state, const WheelCalendar& wheel,
                                     year_month_day monday) {
    const year_month_day sunday = add_days(monday, 6);
    const std::vector<DayEvent> events = fixed_events(wheel, monday, sunday);
    const std::vector<DeadlineLine> deadlines = deadline_lines(plan, state, monday, sunday);
    if (events.empty() && deadlines.empty()) return std::nullopt;
    const std::string week = week_key(monday);
    std::string text = "📅 Denne uka (uke " + std::to_string(std::stoi(week.substr(week.find('W') + 1))) + ", " +
                       format_range(monday, sunday) + "):";
    if (!events.empty()) {
        text += "\n\nÅrshjulet";
        for (const DayEvent& event : events) text += "\n• " + capitalise(event_line(event));
    }
    if (!deadlines.empty()) {
        text += "\n\nFrister";
        std::optional<year_month_day> shown;
        for (const DeadlineLine& line : deadlines) {
            if (line.day != shown) text += "\n" + capitalise(format_day(line.day));
            shown = line.day;
            text += "\n  • " + line.text;
        }
    }
    return text;
}

// Sent on `sent`: the day before the events, or earlier when that is a day off.
std::string heads_up_text(const config::Plan& plan, const State& state, const std::vector<DayEvent>& events,
                          year_month_day sent) {
    const year_month_day day = events.front().day;
    const bool one_day = events.back().day == day;
    std::vector<std::string> names;
    for (const DayEvent& event : events) {
        const std::string plain = std::to_string(static_cast<unsigned>(event.day.day())) + ". " +
                                  std::string(month_name(month_of(event.day)));
        std::string name = fold(event.event->title) == fold(plain) ? plain : event.event->title;
        names.push_back(one_day ? name : name + " (" + format_day(event.day) + ")");
    }
    std::string text = add_days(sent, 1) == day ? "📣 I morgen, " + format_day(day) + ": "
                       : one_day               ? "📣 " + capitalise(format_day(day)) + ": "
                                               : "📣 Snart: ";
    text += join_list(names) + "!";
    const std::vector<DeadlineLine> deadlines = one_day ? deadline_lines(plan, state, day, day)
                                                        : std::vector<DeadlineLine>{};
    if (!deadlines.empty()) {
        text += "\nFrister den dagen:";
        for (const DeadlineLine& line : deadlines) text += "\n• " + line.text;
    }
    return text;
}

}  // namespace

void plan_digests(const config::Plan& plan, const State& state, const config::ReminderSettings& settings,
                  const ReminderClock& clock, const date::time_zone* zone, DayRange days, sys_seconds until,
                  std::string_view platform, std::vector<PlannedMessage>& out) {
    std::vector<Channel> mains;
    for (Channel& channel : state.channels())
        if (channel.platform == platform && channel.target == kMainChannel &&
            std::ranges::none_of(mains, [&](const Channel& c) { return c.chat_id == channel.chat_id; }))
            mains.push_back(std::move(channel));
    if (mains.empty()) return;
    const year_month_day today = clock.local_day(until);
    const year_month_day plan_start = plan_first(plan), plan_end = plan_last(plan);
    auto send = [&](ReminderKind kind, std::string key, year_month_day day, const std::string& text) {
        for (const Channel& channel : mains) {
            PlannedMessage message;
            message.key = key + "|" + channel.chat_id;
            message.kind = kind;
            message.due_at = clock.digest_at(day);
            message.late = is_late(message.due_at, until);
            message.platform = std::string(platform);
            message.reply.chat_id = channel.chat_id;
            message.reply.message()->thread_id = channel.thread_id;
            message.reply.text = text;
            out.push_back(std::move(message));
        }
    };
    // Nothing on a day off (a public holiday, the fellesferie): the month's and the
    // week's digests go on their first working day (none in a week off), a heads-up
    // on the last working day before its event.
    const WheelCalendar wheel(plan, &state);
    const auto first_open = [&](year_month_day first, year_month_day last) -> std::optional<year_month_day> {
        for (year_month_day day = first; day <= last; day = add_days(day, 1))
            if (!clock.day_off(day)) return day;
        return std::nullopt;
    };
    // Backwards from the window's last day: the first of each kind is the latest; an
    // older one is stale. One no longer true at `until` is dropped.
    bool month_seen = !settings.monthly_digest, week_seen = !settings.weekly_digest, heads_seen = !settings.heads_up;
    const year_month_day stop = std::max(days.first, add_days(days.last, -kLookBack));
    for (year_month_day day = days.last; day >= stop && !(month_seen && week_seen && heads_seen);
         day = add_days(day, -1)) {
        if (day < plan_start || day > plan_end) continue;
        if (clock.day_off(day)) continue;
        const year_month_day month_start = day.year() / day.month() / 1;
        if (!month_seen && first_open(month_start, day) == day) {
            month_seen = true;
            if (today.year() == day.year() && today.month() == day.month())
                send(ReminderKind::digest_month, "d|month|" + iso_date(day).substr(0, 7), day,
                     month_text(plan, state, zone, day, clock.digest_at(day)));
        }
        const year_month_day monday =
            add_days(day, -static_cast<int>((date::weekday(date::sys_days(day)) - date::Monday).count()));
        if (!week_seen && first_open(monday, day) == day) {
            week_seen = true;
            if (today <= add_days(monday, 6))
                if (auto text = week_text(plan, state, wheel, monday))
                    send(ReminderKind::digest_week, "d|week|" + week_key(monday), day, *text);
        }
        if (!heads_seen) {
            // The events up to the next working day: the days between are off.
            year_month_day next = add_days(day, 1);
            for (int i = 0; i < 60 && clock.day_off(next); ++i) next = add_days(next, 1);
            if (const std::vector<DayEvent> events = fixed_events(wheel, add_days(day, 1), next); !events.empty()) {
                heads_seen = true;
                if (today <= day)
                    send(ReminderKind::heads_up, "d|headsup|" + iso_date(day), day,
                         heads_up_text(plan, state, events, day));
            }
        }
    }
}

}  // namespace planbot::commands::detail
