// See forum_digest.hpp.
#include "commands/reminders/forum_digest.hpp"

#include <algorithm>
#include <map>

#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"

namespace planbot::commands::detail {

namespace {

using date::year_month_day;
using std::chrono::sys_seconds;

// "2026-W49" for the ISO week `monday` starts.
std::string iso_week(year_month_day monday) {
    const date::sys_days thursday = date::sys_days(monday) + date::days(3);
    const date::year year = year_month_day(thursday).year();
    const int week = static_cast<int>((thursday - date::sys_days(year / 1 / 1)).count() / 7 + 1);
    return std::to_string(static_cast<int>(year)) + "-W" + (week < 10 ? "0" : "") + std::to_string(week);
}

year_month_day monday_of(year_month_day day) {
    return add_days(day, -static_cast<int>((date::weekday(date::sys_days(day)) - date::Monday).count()));
}

// The day the digest of `monday`'s week goes out: the Monday, or, when it is a day off
// (a public holiday, the fellesferie as the settings have it), the next working day,
// as a nag moves. A week off altogether sends its digest with the next week's.
year_month_day digest_day(const ReminderClock& clock, year_month_day monday) {
    year_month_day day = monday;
    for (int i = 0; i < 120; ++i, day = add_days(day, 1)) {
        const date::weekday weekday{date::sys_days(day)};
        if (!clock.day_off(day) && weekday != date::Saturday && weekday != date::Sunday) break;
    }
    return day;
}

std::string name_of(const std::vector<ForumMember>& members, const Person& person) {
    for (const ForumMember& member : members)
        if (member.person.platform == person.platform && member.person.user_id == person.user_id)
            return display_name(person) + " (" + member.label + ")";
    return display_name(person);
}

}  // namespace

std::string forum_digest_text(const std::vector<ForumMember>& members, const Person& reader,
                              const std::vector<ForumPost>& posts, year_month_day first, year_month_day last) {
    std::vector<const ForumPost*> threads;
    struct Replies {
        std::string title;
        std::vector<std::string> authors;
        int count = 0;
    };
    std::map<int64_t, Replies> replies;  // by thread number
    for (const ForumPost& post : posts) {
        if (post.author.platform == reader.platform && post.author.user_id == reader.user_id) continue;
        if (post.number == post.thread) {
            threads.push_back(&post);
            continue;
        }
        Replies& entry = replies[post.thread];
        entry.title = post.title;
        ++entry.count;
        const std::string name = display_name(post.author);
        if (std::ranges::find(entry.authors, name) == entry.authors.end()) entry.authors.push_back(name);
    }
    if (threads.empty() && replies.empty()) return "";
    const bool week = add_days(first, 6) == last;
    std::string text =
        "📬 Forumet for enpersonsgrupper, " + std::string(week ? "uka " : "") + format_range(first, last) + ":";
    if (!threads.empty()) {
        text += "\nNye tråder:";
        for (const ForumPost* thread : threads)
            text += "\n• " + std::to_string(thread->number) + " " + thread->title + " – " +
                    name_of(members, thread->author);
    }
    if (!replies.empty()) {
        text += "\nNye svar:";
        for (const auto& [thread, entry] : replies)
            text += "\n• Tråd " + std::to_string(thread) + " «" + entry.title + "»: " + std::to_string(entry.count) +
                    " svar fra " + join_list(entry.authors);
    }
    text += "\n\nLes med «/forum vis <nr>». «/forum på» gir deg hvert innlegg med en gang igjen.";
    return text;
}

void plan_forum_digests(const config::Plan& plan, const State& state, const ReminderClock& clock, DayRange days,
                        sys_seconds until, std::string_view platform, const std::vector<std::string>& config_admins,
                        std::vector<PlannedMessage>& out) {
    // The latest digest day in the window (a Monday, or the working day a day off moved
    // it to), if its week is not over.
    year_month_day day = days.last;
    while (day >= days.first && digest_day(clock, monday_of(day)) != day) day = add_days(day, -1);
    if (day < days.first) return;
    const year_month_day monday = monday_of(day);
    if (clock.local_day(until) > add_days(monday, 6)) return;
    // It covers the posts since the digest before it (a week earlier, unless days off moved either).
    year_month_day before = add_days(monday, -7);
    while (digest_day(clock, before) >= day) before = add_days(before, -7);
    const year_month_day previous = digest_day(clock, before);
    const std::vector<ForumMember> members = forum_members(plan, state, platform, config_admins, day);
    std::vector<const ForumMember*> muted;
    for (const ForumMember& member : members)
        if (state.forum_muted(member.person.platform, member.person.user_id)) muted.push_back(&member);
    if (muted.empty()) return;
    const sys_seconds at = clock.digest_at(day);
    const std::vector<ForumPost> posts = state.forum_posts_between(clock.digest_at(previous), at);
    for (const ForumMember* member : muted) {
        std::string text = forum_digest_text(members, member->person, posts, previous, add_days(day, -1));
        if (text.empty()) continue;
        PlannedMessage message;
        message.key = "f|week|" + iso_week(monday) + "|" + std::string(platform) + "|" + member->person.user_id;
        message.kind = ReminderKind::forum_digest;
        message.due_at = at;
        message.late = is_late(at, until);
        message.platform = std::string(platform);
        message.reply.chat_id = member->person.user_id;
        message.reply.text = std::move(text);
        out.push_back(std::move(message));
    }
}

}  // namespace planbot::commands::detail
