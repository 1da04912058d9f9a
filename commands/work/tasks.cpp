// See tasks.hpp.
#include "commands/work/tasks.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

using config::Scope;
using config::ScheduleKind;
using date::year_month_day;

year_month_day end_of_month(int year, int month) {
    return year_month_day(date::year(year) / date::month(static_cast<unsigned>(month)) / date::last);
}

// A plan day that does not exist in `year` (29 February) falls on the month's last day.
year_month_day make_day(int year, int month, int day) {
    year_month_day made = date::year(year) / date::month(static_cast<unsigned>(month)) /
                          date::day(static_cast<unsigned>(day));
    return made.ok() ? made : end_of_month(year, month);
}

bool applies_in(const config::Schedule& schedule, int year) {
    return schedule.years.empty() || std::ranges::find(schedule.years, year) != schedule.years.end();
}

}  // namespace

std::vector<year_month_day> scheduled_dates(const config::Schedule& schedule, int year) {
    std::vector<year_month_day> out;
    if (!applies_in(schedule, year)) return out;
    switch (schedule.kind) {
        case ScheduleKind::dates:
            for (const config::CalendarDate& date : schedule.dates)
                if (date.year == year) out.push_back(make_day(date.year, date.month, date.day));
            break;
        case ScheduleKind::yearly:
            for (const config::MonthDay& day : schedule.days) out.push_back(make_day(year, day.month, day.day));
            break;
        case ScheduleKind::months:
            for (int month : schedule.months) out.push_back(end_of_month(year, month));
            break;
        case ScheduleKind::monthly:
            for (int month = 1; month <= 12; ++month) out.push_back(end_of_month(year, month));
            break;
        case ScheduleKind::quarterly:
            for (int month : {3, 6, 9, 12}) out.push_back(end_of_month(year, month));
            break;
        case ScheduleKind::weekly:
        case ScheduleKind::admin_dates:
        case ScheduleKind::ongoing:
            break;
    }
    std::ranges::sort(out);
    auto duplicates = std::ranges::unique(out);
    out.erase(duplicates.begin(), duplicates.end());
    return out;
}

namespace {

// "2026-W05" without temporary strings: weekly tasks make one per week.
std::string week_key_of(int year, unsigned week) {
    char text[16];
    char* end = std::to_chars(text, text + 8, year).ptr;
    *end++ = '-';
    *end++ = 'W';
    *end++ = static_cast<char>('0' + week / 10 % 10);
    *end++ = static_cast<char>('0' + week % 10);
    return std::string(text, end);
}

std::string week_key(year_month_day day) {
    const auto [year, week] = iso_week(day);
    return week_key_of(year, static_cast<unsigned>(week));
}

std::optional<int> leading_number(std::string_view text, size_t& used) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc()) return std::nullopt;
    used = static_cast<size_t>(end - text.data());
    return value;
}

// A key's parts: "2026-12" → {2026, 12, false}; "2026-W05" → {2026, 5, true}.
struct KeyParts {
    int year = 0;
    int number = 0;
    bool week = false;
};

std::optional<KeyParts> key_parts(std::string_view key) {
    size_t used = 0;
    auto year = leading_number(key, used);
    if (!year || used >= key.size() || key[used] != '-') return std::nullopt;
    key.remove_prefix(used + 1);
    KeyParts parts{*year, 0, false};
    if (!key.empty() && key.front() == 'W') {
        parts.week = true;
        key.remove_prefix(1);
    }
    auto number = leading_number(key, used);
    if (!number || used != key.size()) return std::nullopt;
    parts.number = *number;
    return parts;
}

// "+2026-05-12" → 2026-05-12.
std::optional<year_month_day> added_day(std::string_view key) {
    if (key.size() != 11 || key.front() != '+') return std::nullopt;
    size_t used = 0;
    auto year = leading_number(key.substr(1, 4), used);
    auto month = leading_number(key.substr(6, 2), used);
    auto day = leading_number(key.substr(9, 2), used);
    if (!year || !month || !day) return std::nullopt;
    year_month_day made = date::year(*year) / date::month(static_cast<unsigned>(*month)) /
                          date::day(static_cast<unsigned>(*day));
    return made.ok() ? std::optional(made) : std::nullopt;
}

// A scheduled date's number in its year's key: its month (1-12), so that a corrected
// plan file that adds or removes another month's date leaves the key — and the
// completions and moved dates stored under it — where they were. A second date in
// the same month is 100 + month, a third 200 + month.
std::vector<std::pair<int, year_month_day>> numbered_dates(const config::Schedule& schedule, int year) {
    std::vector<std::pair<int, year_month_day>> out;
    int per_month[13] = {};
    for (year_month_day day : scheduled_dates(schedule, year)) {
        const auto month = static_cast<unsigned>(day.month());
        out.emplace_back(per_month[month]++ * 100 + static_cast<int>(month), day);
    }
    return out;
}

year_month_day plan_first(const config::Plan& plan) { return date::year(plan.first_year) / 1 / 1; }
year_month_day plan_last(const config::Plan& plan) { return date::year(plan.last_year) / 12 / 31; }

// The plan's scheduled (key, date) pairs of one unit-less series whose dates fall in
// [first, last]. Weekly: every schedule weekday in the range.
void scheduled_between(const config::Schedule& schedule, year_month_day first, year_month_day last,
                       std::vector<std::pair<std::string, year_month_day>>& out) {
    if (schedule.kind == ScheduleKind::weekly) {
        const date::weekday wanted{static_cast<unsigned>(std::clamp(schedule.weekday, 1, 7) % 7)};
        date::sys_days day(first);
        day += wanted - date::weekday(day);
        for (; day <= date::sys_days(last); day += date::weeks(1))
            if (applies_in(schedule, static_cast<int>(year_month_day(day).year())))
                out.emplace_back(week_key(day), day);
        return;
    }
    for (int year = static_cast<int>(first.year()); year <= static_cast<int>(last.year()); ++year)
        for (const auto& [number, day] : numbered_dates(schedule, year))
            if (day >= first && day <= last) out.emplace_back(std::to_string(year) + "-" + std::to_string(number), day);
}

// The plan's date for a key, or nullopt when the schedule has no such occurrence.
std::optional<year_month_day> scheduled_day(const config::Plan& plan, const config::Schedule& schedule,
                                            std::string_view key) {
    auto parts = key_parts(key);
    if (!parts || parts->year < plan.first_year - 1 || parts->year > plan.last_year + 1) return std::nullopt;
    if (parts->week != (schedule.kind == ScheduleKind::weekly)) return std::nullopt;
    if (parts->week) {
        if (parts->number < 1 || parts->number > 53) return std::nullopt;
        // The week's days, from its Monday, clamped to the plan period.
        const date::sys_days week1_monday = [&] {
            date::sys_days jan4(date::year(parts->year) / 1 / 4);
            return jan4 - (date::weekday(jan4) - date::Monday);
        }();
        const date::sys_days monday = week1_monday + date::weeks(parts->number - 1);
        if (week_key(monday) != key) return std::nullopt;  // no week 53 that year
        std::vector<std::pair<std::string, year_month_day>> found;
        scheduled_between(schedule, std::max(year_month_day(monday), plan_first(plan)),
                          std::min(year_month_day(monday + date::days(6)), plan_last(plan)), found);
        if (found.empty()) return std::nullopt;
        return found.front().second;
    }
    if (parts->year < plan.first_year || parts->year > plan.last_year) return std::nullopt;
    for (const auto& [number, day] : numbered_dates(schedule, parts->year))
        if (number == parts->number) return day;
    return std::nullopt;
}

bool in_range(year_month_day day, year_month_day first, year_month_day last) { return day >= first && day <= last; }

void add_role(std::vector<config::RoleRef>& roles, const config::RoleRef& role) {
    if (std::ranges::find(roles, role) == roles.end()) roles.push_back(role);
}

}  // namespace

Task task_of(const config::Plan& plan, const config::Tiltak& tiltak, const std::vector<ResponsibilityEdit>& edits) {
    Task task;
    task.number = tiltak.number;
    task.title = tiltak.short_title.empty() ? tiltak.title : tiltak.short_title;
    task.tiltak = &tiltak;
    task.per = tiltak.per;
    for (const config::RoleRef& role : tiltak.ansvarlig) add_role(task.roles, role);
    for (const ResponsibilityEdit& edit : edits)
        if (edit.task == tiltak.number) add_role(task.roles, edit.role);
    if (task.roles.empty()) {
        if (!plan.special.board.empty()) task.roles.push_back({plan.special.board, ""});
        task.ansvarlig_missing = true;
    }
    return task;
}

Task task_of(const AddedTask& added) {
    Task task;
    task.number = added.number;
    task.title = added.title;
    task.roles = {added.role};
    task.added_date = added.date;
    return task;
}

std::optional<Task> find_task(const config::Plan& plan, const State& state, int number) {
    if (number >= kFirstAddedTask) {
        if (auto added = state.added_task(number)) return task_of(*added);
        return std::nullopt;
    }
    if (const config::Tiltak* tiltak = plan.find_tiltak(number)) return task_of(plan, *tiltak, state.responsibility_edits());
    return std::nullopt;
}

std::vector<Occurrence> occurrences(const config::Plan& plan, const Task& task, const std::vector<DeadlineEdit>& edits,
                                    year_month_day first, year_month_day last) {
    first = std::max(first, plan_first(plan));
    last = std::min(last, plan_last(plan));
    std::vector<Occurrence> out;
    if (first > last) return out;

    if (task.tiltak == nullptr) {
        if (!task.added_date) return out;
        Occurrence only{{task.number, "", ""}, *task.added_date, false};
        for (const DeadlineEdit& edit : edits)
            if (edit.id == only.id) {
                only.due = edit.date;
                only.moved = true;
            }
        if (in_range(only.due, first, last)) out.push_back(only);
        return out;
    }

    const config::Schedule& schedule = task.tiltak->schedule;
    std::vector<std::string> units = units_of(plan, task.per);
    if (units.empty()) units.emplace_back();
    std::vector<std::pair<std::string, year_month_day>> series;
    scheduled_between(schedule, first, last, series);
    // Date-major, units in the plan's order: sorted as promised while nothing is edited.
    out.reserve(series.size() * units.size());
    for (const auto& [key, due] : series)
        for (const std::string& unit : units) out.push_back({{task.number, unit, key}, due, false});

    // Edits: a moved occurrence counts by its new date; one moved in from outside the
    // range is found through its key.
    bool edited = false;
    for (const DeadlineEdit& edit : edits) {
        if (edit.id.task != task.number) continue;
        if (std::ranges::find(units, edit.id.unit) == units.end() && !edit.id.unit.empty()) continue;
        auto listed = std::ranges::find_if(out, [&](const Occurrence& o) { return o.id == edit.id; });
        if (listed != out.end()) {
            listed->due = edit.date;
            listed->moved = edited = true;
            continue;
        }
        const bool added = added_day(edit.id.key).has_value();
        if (!added && (edit.id.unit.empty() != (task.per == Scope::none))) continue;
        if (added || scheduled_day(plan, schedule, edit.id.key)) {
            out.push_back({edit.id, edit.date, true});
            edited = true;
        }
    }
    if (!edited) return out;
    std::erase_if(out, [&](const Occurrence& o) { return !in_range(o.due, first, last); });

    if (units.size() == 1) {
        std::ranges::sort(out, [](const Occurrence& a, const Occurrence& b) {
            return std::tie(a.due, a.id.key) < std::tie(b.due, b.id.key);
        });
        return out;
    }
    // Units in the plan's order (an added date's unit "" first).
    std::vector<std::pair<size_t, Occurrence>> ordered;
    ordered.reserve(out.size());
    for (Occurrence& o : out)
        ordered.emplace_back(o.id.unit.empty() ? 0 : 1 + (std::ranges::find(units, o.id.unit) - units.begin()),
                             std::move(o));
    std::ranges::sort(ordered, [](const auto& a, const auto& b) {
        return std::tie(a.second.due, a.first, a.second.id.key) < std::tie(b.second.due, b.first, b.second.id.key);
    });
    for (size_t i = 0; i < out.size(); ++i) out[i] = std::move(ordered[i].second);
    return out;
}

std::vector<Occurrence> all_occurrences(const config::Plan& plan, const Task& task,
                                        const std::vector<DeadlineEdit>& edits) {
    return occurrences(plan, task, edits, plan_first(plan), plan_last(plan));
}

std::vector<config::RoleRef> responsible_for(const config::Plan& plan, const Task& task, std::string_view unit) {
    std::vector<config::RoleRef> out;
    for (const config::RoleRef& role : task.roles) {
        config::RoleRef narrowed = role;
        if (!unit.empty() && task.per != Scope::none && role.unit.empty())
            if (const config::Role* known = plan.find_role(role.role_id); known && known->scope == task.per)
                narrowed.unit = std::string(unit);
        add_role(out, narrowed);
    }
    return out;
}

bool answers_for(const config::RoleRef& held, const config::RoleRef& responsible) {
    return held.role_id == responsible.role_id && (responsible.unit.empty() || responsible.unit == held.unit);
}

bool answers_for_any(const std::vector<config::RoleRef>& held, const std::vector<config::RoleRef>& responsible) {
    return std::ranges::any_of(held, [&](const config::RoleRef& h) {
        return std::ranges::any_of(responsible, [&](const config::RoleRef& r) { return answers_for(h, r); });
    });
}

std::string occurrence_label(const config::Plan& plan, const Task& task, const Occurrence& occurrence) {
    std::string label = [&]() -> std::string {
        const std::string& key = occurrence.id.key;
        if (auto added = added_day(key)) return long_day(*added);
        auto parts = key_parts(key);
        if (!parts || task.tiltak == nullptr) return long_day(occurrence.due);
        if (parts->week) return "uke " + std::to_string(parts->number) + " " + std::to_string(parts->year);
        const config::Schedule& schedule = task.tiltak->schedule;
        auto planned = scheduled_day(plan, schedule, key);
        if (!planned) return long_day(occurrence.due);
        const std::string year = std::to_string(parts->year);
        switch (schedule.kind) {
            case ScheduleKind::quarterly:
                return std::to_string((static_cast<unsigned>(planned->month()) + 2) / 3) + ". kvartal " + year;
            case ScheduleKind::months:
            case ScheduleKind::monthly:
                return std::string(month_name(static_cast<int>(static_cast<unsigned>(planned->month())))) + " " + year;
            case ScheduleKind::yearly:
                if (schedule.days.size() == 1) return year;
                return long_day(*planned);
            default:
                return long_day(*planned);
        }
    }();
    if (occurrence.id.unit.empty()) return label;
    return unit_name(plan, task.per, occurrence.id.unit) + " " + label;
}

int occurrence_year(const Task&, const Occurrence& occurrence) {
    const std::string& key = occurrence.id.key;
    if (auto added = added_day(key)) return static_cast<int>(added->year());
    if (auto parts = key_parts(key)) return parts->year;
    return static_cast<int>(occurrence.due.year());
}

std::vector<Occurrence> occurrences_of_year(const config::Plan& plan, const Task& task,
                                            const std::vector<DeadlineEdit>& edits, int year) {
    std::vector<Occurrence> out;
    for (Occurrence& occurrence : all_occurrences(plan, task, edits))
        if (occurrence_year(task, occurrence) == year) out.push_back(std::move(occurrence));
    return out;
}

}  // namespace planbot::commands
