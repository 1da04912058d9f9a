// An in-memory commands::State for the core's unit tests, with apply() doing what
// storage/ does with a StateChange (minus SQL), so a test can run a command, apply its
// changes and run the next command against the result. storage_work_state_test checks
// the SQLite implementation against the same contract.
#pragma once

#include <algorithm>
#include <map>
#include <tuple>
#include <ranges>
#include <stdexcept>
#include <variant>

#include "commands/event.hpp"
#include "commands/state.hpp"

namespace planbot::test {

class MemoryState : public commands::State {
public:
    std::vector<commands::Person> people;
    std::vector<commands::Person> admin_list;
    std::vector<commands::Holding> holdings;
    std::vector<commands::Channel> channel_list;
    std::vector<commands::DeadlineEdit> edits;
    std::vector<commands::ResponsibilityEdit> responsibility;
    std::vector<commands::AddedTask> added;
    std::vector<commands::Completion> done;
    std::vector<commands::TaskNote> note_list;  // oldest first
    std::vector<std::pair<std::string, std::string>> private_chats;  // (platform, user id) that wrote privately
    std::vector<commands::AuditEntry> log;  // oldest first
    date::year_month_day started = date::year(2025) / 1 / 1;  // tracking_start(): the whole plan by default
    std::optional<date::year_month_day> paused;
    std::vector<commands::WheelDate> wheel_days;  // by event, year
    // The forum: every post ever written, by number, with its search text.
    struct StoredPost {
        commands::ForumPost post;
        std::string search_text;
    };
    std::vector<StoredPost> posts;
    std::map<std::pair<std::string, std::string>, commands::ForumDraft> drafts;  // (platform, user id)
    std::vector<std::pair<std::string, std::string>> muted;
    std::map<std::pair<std::string, std::string>, std::chrono::sys_seconds> erasures;  // (platform, user id)
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> topics;  // (platform, chat, topic) → thread
    // (platform, chat, message id) → the forum thread the bot's message showed
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> thread_messages;
    // (platform, post number) → the messages that carried the post, oldest first
    std::map<std::pair<std::string, int64_t>, std::vector<commands::ForumCopy>> copies;

    // When each account's secret link of a kind was made (/kalender, /oversikt).
    std::map<std::tuple<std::string, std::string, commands::AccessKind>, std::chrono::sys_seconds> made_tokens;
    std::optional<std::chrono::sys_seconds> access_token_made(std::string_view platform, std::string_view user_id,
                                                              commands::AccessKind kind) const override {
        const auto found = made_tokens.find({std::string(platform), std::string(user_id), kind});
        if (found == made_tokens.end()) return std::nullopt;
        return found->second;
    }

    commands::Person& add_person(std::string user_id, std::string name, std::string username = "",
                                 std::string platform = "telegram") {
        people.push_back({std::move(platform), std::move(user_id), std::move(name), std::move(username)});
        return people.back();
    }

    std::optional<commands::Person> person(std::string_view platform, std::string_view user_id) const override {
        for (const auto& p : people)
            if (p.platform == platform && p.user_id == user_id) return p;
        return std::nullopt;
    }
    std::optional<commands::Person> person_by_username(std::string_view platform,
                                                       std::string_view username) const override {
        auto lower = [](std::string_view s) {
            std::string out(s);
            for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            return out;
        };
        for (const auto& p : people)
            if (p.platform == platform && !p.username.empty() && lower(p.username) == lower(username)) return p;
        return std::nullopt;
    }
    bool is_admin(std::string_view platform, std::string_view user_id) const override {
        return std::ranges::any_of(admin_list,
                                   [&](const auto& p) { return p.platform == platform && p.user_id == user_id; });
    }
    std::vector<commands::Person> admins() const override { return admin_list; }

    std::vector<config::RoleRef> roles_of(std::string_view platform, std::string_view user_id,
                                          date::year_month_day on) const override {
        std::vector<config::RoleRef> out;
        for (const auto& h : holdings)
            if (h.person.platform == platform && h.person.user_id == user_id && commands::held_on(h, on))
                out.push_back(h.role);
        std::ranges::sort(out, [](const auto& a, const auto& b) {
            return std::tie(a.role_id, a.unit) < std::tie(b.role_id, b.unit);
        });
        return out;
    }
    std::vector<commands::Holding> holders(std::string_view role_id, date::year_month_day on) const override {
        std::vector<commands::Holding> out;
        for (const auto& h : holdings)
            if (h.role.role_id == role_id && commands::held_on(h, on)) out.push_back(h);
        return out;
    }
    std::vector<commands::Holding> all_holdings() const override { return holdings; }
    // For tests that care for no terms: held at the plan's start.
    std::vector<config::RoleRef> roles_of(std::string_view platform, std::string_view user_id) const {
        return roles_of(platform, user_id, date::year(2025) / 1 / 1);
    }
    std::vector<commands::Holding> holders(std::string_view role_id) const {
        return holders(role_id, date::year(2025) / 1 / 1);
    }
    bool knows_private_chat(std::string_view platform, std::string_view user_id) const override {
        return std::ranges::find(private_chats, std::pair{std::string(platform), std::string(user_id)}) !=
               private_chats.end();
    }
    std::vector<commands::TaskNote> notes(const std::vector<int>& tasks) const override {
        std::vector<commands::TaskNote> out;
        for (auto it = note_list.rbegin(); it != note_list.rend(); ++it)
            if (std::ranges::find(tasks, it->task) != tasks.end()) out.push_back(*it);
        return out;
    }
    std::vector<commands::Channel> channels() const override { return channel_list; }

    std::vector<commands::DeadlineEdit> deadline_edits(int task) const override {
        std::vector<commands::DeadlineEdit> out;
        for (const auto& e : edits)
            if (e.id.task == task) out.push_back(e);
        return out;
    }
    std::vector<commands::DeadlineEdit> all_deadline_edits() const override { return edits; }
    std::vector<commands::ResponsibilityEdit> responsibility_edits() const override { return responsibility; }

    std::optional<commands::AddedTask> added_task(int number) const override {
        for (const auto& t : added)
            if (t.number == number) return t;
        return std::nullopt;
    }
    std::vector<commands::AddedTask> added_tasks_between(date::year_month_day first,
                                                         date::year_month_day last) const override {
        std::vector<commands::AddedTask> out;
        for (const auto& t : added)
            if (t.date >= first && t.date <= last) out.push_back(t);
        std::ranges::sort(out, [](const auto& a, const auto& b) {
            return std::tie(a.date, a.number) < std::tie(b.date, b.number);
        });
        return out;
    }
    std::vector<commands::AddedTask> added_tasks_for(const std::vector<config::RoleRef>& held) const override {
        std::vector<commands::AddedTask> out;
        for (const auto& t : added)
            if (std::ranges::any_of(held, [&](const config::RoleRef& r) {
                    return r.role_id == t.role.role_id && (t.role.unit.empty() || t.role.unit == r.unit);
                }))
                out.push_back(t);
        std::ranges::sort(out, [](const auto& a, const auto& b) {
            return std::tie(a.date, a.number) < std::tie(b.date, b.number);
        });
        return out;
    }
    int next_added_task_number() const override {
        int next = commands::kFirstAddedTask;
        for (const auto& t : added) next = std::max(next, t.number + 1);
        return next;
    }

    std::vector<commands::Completion> completions(int task) const override { return completions_of({task}); }
    std::vector<commands::Completion> completions_of(const std::vector<int>& tasks) const override {
        std::vector<commands::Completion> out;
        for (const auto& c : done)
            if (std::ranges::find(tasks, c.id.task) != tasks.end()) out.push_back(c);
        std::ranges::sort(out, [](const auto& a, const auto& b) { return a.id < b.id; });
        return out;
    }
    std::vector<commands::Completion> all_completions() const override {
        auto out = done;
        std::ranges::sort(out, [](const auto& a, const auto& b) { return a.id < b.id; });
        return out;
    }
    date::year_month_day tracking_start() const override { return started; }
    std::optional<date::year_month_day> paused_until() const override { return paused; }
    std::vector<commands::WheelDate> wheel_dates() const override { return wheel_days; }
    std::vector<std::string> queued_keys;  // the scheduler's reminder log
    bool reminder_queued(std::string_view key) const override {
        return std::ranges::find(queued_keys, key) != queued_keys.end();
    }
    std::vector<commands::AuditEntry> audit_by(std::string_view platform, std::string_view user_id) const override {
        std::vector<commands::AuditEntry> out;
        for (const auto& entry : log)
            if (entry.actor.platform == platform && entry.actor.user_id == user_id) out.push_back(entry);
        return out;
    }
    std::vector<commands::TaskNote> notes_by(std::string_view platform, std::string_view user_id) const override {
        std::vector<commands::TaskNote> out;
        for (const auto& note : note_list)
            if (note.by.platform == platform && note.by.user_id == user_id) out.push_back(note);
        return out;
    }
    std::vector<commands::ForumPost> forum_posts_by(std::string_view platform, std::string_view user_id) const override {
        std::vector<commands::ForumPost> out;
        for (const auto& stored : posts)
            if (stored.post.author.platform == platform && stored.post.author.user_id == user_id) out.push_back(stored.post);
        return out;
    }
    std::optional<std::chrono::sys_seconds> erasure_requested(std::string_view platform,
                                                              std::string_view user_id) const override {
        auto found = erasures.find({std::string(platform), std::string(user_id)});
        if (found == erasures.end()) return std::nullopt;
        return found->second;
    }
    std::vector<commands::AuditEntry> audit(int limit) const override {
        std::vector<commands::AuditEntry> out;
        for (auto it = log.rbegin(); it != log.rend() && static_cast<int>(out.size()) < limit; ++it)
            out.push_back(*it);
        return out;
    }

    // ---- the forum ----
    std::optional<commands::ForumPost> forum_post(int64_t number) const override {
        for (const auto& stored : posts)
            if (stored.post.number == number) return with_title(stored.post);
        return std::nullopt;
    }
    std::vector<commands::ForumThread> forum_threads(int limit, int offset) const override {
        auto all = visible_threads("");
        std::vector<commands::ForumThread> out;
        for (size_t i = static_cast<size_t>(offset); i < all.size() && static_cast<int>(out.size()) < limit; ++i)
            out.push_back(all[i]);
        return out;
    }
    int forum_thread_count() const override { return static_cast<int>(visible_threads("").size()); }
    std::vector<commands::ForumPost> forum_hidden_threads(int limit) const override {
        std::vector<commands::ForumPost> out;
        for (auto it = posts.rbegin(); it != posts.rend() && static_cast<int>(out.size()) < limit; ++it)
            if (it->post.number == it->post.thread && it->post.hidden && !it->post.deleted) out.push_back(it->post);
        return out;
    }
    std::vector<commands::ForumPost> forum_thread_posts(int64_t thread) const override {
        std::vector<commands::ForumPost> out;
        for (const auto& stored : posts)
            if (stored.post.thread == thread && listed(stored.post)) out.push_back(with_title(stored.post));
        std::ranges::sort(out, [](const auto& a, const auto& b) { return std::tie(a.at, a.number) < std::tie(b.at, b.number); });
        return out;
    }
    std::vector<commands::ForumThread> forum_threads_tagged(std::string_view tag, int limit) const override {
        auto all = visible_threads(tag);
        if (static_cast<int>(all.size()) > limit) all.resize(static_cast<size_t>(limit));
        return all;
    }
    std::vector<commands::ForumTag> forum_tags() const override {
        std::map<std::string, int> counts;
        for (const auto& stored : posts)
            if (listed(stored.post))
                for (const auto& tag : stored.post.tags) ++counts[tag];
        std::vector<commands::ForumTag> out;
        for (const auto& [tag, count] : counts) out.push_back({tag, count});
        std::ranges::stable_sort(out, [](const auto& a, const auto& b) { return a.posts > b.posts; });
        return out;
    }
    std::vector<commands::ForumPost> forum_search(const std::vector<std::string>& prefixes, int limit) const override {
        std::vector<commands::ForumPost> out;
        if (prefixes.empty()) return out;
        for (const auto& stored : posts) {
            if (!listed(stored.post)) continue;
            std::vector<std::string> text_words;
            for (const auto word : std::views::split(stored.search_text, ' '))
                text_words.emplace_back(word.begin(), word.end());
            const bool all = std::ranges::all_of(prefixes, [&](const std::string& prefix) {
                return std::ranges::any_of(text_words, [&](const std::string& w) { return w.starts_with(prefix); });
            });
            if (all) out.push_back(with_title(stored.post));
        }
        newest_first(out);
        if (static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
        return out;
    }
    std::vector<commands::ForumPost> forum_posts_between(std::chrono::sys_seconds after,
                                                         std::chrono::sys_seconds until) const override {
        std::vector<commands::ForumPost> out;
        for (const auto& stored : posts)
            if (listed(stored.post) && stored.post.at > after && stored.post.at <= until)
                out.push_back(with_title(stored.post));
        std::ranges::sort(out, [](const auto& a, const auto& b) { return std::tie(a.at, a.number) < std::tie(b.at, b.number); });
        return out;
    }
    std::optional<std::chrono::sys_seconds> forum_last_post_by(std::string_view platform,
                                                               std::string_view user_id) const override {
        std::optional<std::chrono::sys_seconds> last;
        for (const auto& stored : posts)
            if (!stored.post.deleted && stored.post.author.platform == platform && stored.post.author.user_id == user_id)
                last = std::max(last.value_or(stored.post.at), stored.post.at);
        return last;
    }
    int64_t next_forum_post_number() const override {
        int64_t next = 1;
        for (const auto& stored : posts) next = std::max(next, stored.post.number + 1);
        return next;
    }
    std::optional<commands::ForumDraft> forum_draft(std::string_view platform, std::string_view user_id) const override {
        auto found = drafts.find({std::string(platform), std::string(user_id)});
        if (found == drafts.end()) return std::nullopt;
        return found->second;
    }
    std::optional<int64_t> forum_thread_of_topic(std::string_view platform, std::string_view chat_id,
                                                 std::string_view topic_id) const override {
        auto found = topics.find({std::string(platform), std::string(chat_id), std::string(topic_id)});
        if (found == topics.end()) return std::nullopt;
        return found->second;
    }
    std::optional<int64_t> forum_thread_of_message(std::string_view platform, std::string_view chat_id,
                                                   std::string_view message_id) const override {
        auto found = thread_messages.find({std::string(platform), std::string(chat_id), std::string(message_id)});
        if (found == thread_messages.end()) return std::nullopt;
        return found->second;
    }
    std::optional<std::string> forum_topic_of_thread(std::string_view platform, std::string_view chat_id,
                                                     int64_t thread) const override {
        for (const auto& [key, found] : topics)
            if (std::get<0>(key) == platform && std::get<1>(key) == chat_id && found == thread) return std::get<2>(key);
        return std::nullopt;
    }
    std::vector<commands::ForumCopy> forum_copies(std::string_view platform, int64_t number) const override {
        auto found = copies.find({std::string(platform), number});
        return found == copies.end() ? std::vector<commands::ForumCopy>{} : found->second;
    }
    bool forum_muted(std::string_view platform, std::string_view user_id) const override {
        return std::ranges::find(muted, std::pair{std::string(platform), std::string(user_id)}) != muted.end();
    }

    // What storage does with a change made by `actor` at `now`.
    void apply(const commands::StateChange& change, const commands::Person& actor, std::chrono::sys_seconds now) {
        using namespace commands;
        std::visit(
            [&](const auto& c) {
                using T = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<T, GrantRole>) {
                    std::erase_if(holdings, [&](const Holding& h) {
                        return h.role == c.role && h.person.platform == c.person.platform &&
                               h.person.user_id == c.person.user_id;
                    });
                    holdings.push_back({c.role, c.person, c.until});
                } else if constexpr (std::is_same_v<T, RevokeRole>) {
                    std::erase_if(holdings, [&](const Holding& h) {
                        return h.role == c.role && h.person.platform == c.person.platform &&
                               h.person.user_id == c.person.user_id;
                    });
                } else if constexpr (std::is_same_v<T, GrantAdmin>) {
                    if (!is_admin(c.person.platform, c.person.user_id)) admin_list.push_back(c.person);
                } else if constexpr (std::is_same_v<T, RevokeAdmin>) {
                    std::erase_if(admin_list, [&](const Person& p) {
                        return p.platform == c.person.platform && p.user_id == c.person.user_id;
                    });
                } else if constexpr (std::is_same_v<T, BindChannel>) {
                    std::erase_if(channel_list, [&](const Channel& ch) { return same_binding(ch, c.channel); });
                    channel_list.push_back(c.channel);
                } else if constexpr (std::is_same_v<T, UnbindChannel>) {
                    std::erase_if(channel_list, [&](const Channel& ch) { return same_binding(ch, c.channel); });
                } else if constexpr (std::is_same_v<T, SetDeadline>) {
                    std::erase_if(edits, [&](const DeadlineEdit& e) { return e.id == c.edit.id; });
                    edits.push_back(c.edit);
                } else if constexpr (std::is_same_v<T, AddTask>) {
                    added.push_back(c.task);
                } else if constexpr (std::is_same_v<T, AssignResponsible>) {
                    if (std::ranges::none_of(responsibility, [&](const ResponsibilityEdit& e) {
                            return e.task == c.edit.task && e.role == c.edit.role;
                        }))
                        responsibility.push_back(c.edit);
                } else if constexpr (std::is_same_v<T, Complete>) {
                    if (std::ranges::none_of(done, [&](const Completion& d) { return d.id == c.id; }))
                        done.push_back({c.id, actor, now, c.comment});
                } else if constexpr (std::is_same_v<T, Skip>) {
                    if (std::ranges::none_of(done, [&](const Completion& d) { return d.id == c.id; }))
                        done.push_back({c.id, actor, now, c.reason, true});
                } else if constexpr (std::is_same_v<T, AddNote>) {
                    note_list.push_back({c.task, actor, now, c.text});
                } else if constexpr (std::is_same_v<T, Reopen>) {
                    std::erase_if(done, [&](const Completion& d) { return d.id == c.id; });
                } else if constexpr (std::is_same_v<T, PauseReminders>) {
                    paused = c.until;
                } else if constexpr (std::is_same_v<T, SetWheelDate>) {
                    std::erase_if(wheel_days, [&](const WheelDate& w) { return w.event == c.event && w.year == c.year; });
                    wheel_days.push_back({c.event, c.year, c.date, actor, now});
                    std::ranges::sort(wheel_days, [](const WheelDate& a, const WheelDate& b) {
                        return std::tie(a.event, a.year) < std::tie(b.event, b.year);
                    });
                } else if constexpr (std::is_same_v<T, ClearWheelDate>) {
                    std::erase_if(wheel_days, [&](const WheelDate& w) { return w.event == c.event && w.year == c.year; });
                } else if constexpr (std::is_same_v<T, AddForumPost>) {
                    if (std::ranges::any_of(posts, [&](const StoredPost& p) { return p.post.number == c.number; }))
                        throw std::runtime_error("forum post number taken");
                    posts.push_back({{c.number, c.thread, actor, c.title, c.text, c.tags, now, std::nullopt, false, false},
                                     c.search_text});
                } else if constexpr (std::is_same_v<T, EditForumPost>) {
                    for (auto& stored : posts)
                        if (stored.post.number == c.number) {
                            stored.post.text = c.text;
                            stored.post.tags = c.tags;
                            stored.post.edited_at = now;
                            stored.search_text = c.search_text;
                        }
                } else if constexpr (std::is_same_v<T, DeleteForumPost>) {
                    // As storage: no words kept, and a thread's first post takes its replies.
                    for (auto& stored : posts)
                        if (stored.post.number == c.number || stored.post.thread == c.number) {
                            stored.post.deleted = true;
                            stored.post.title.clear();
                            stored.post.text.clear();
                            stored.post.tags.clear();
                            stored.search_text.clear();
                        }
                } else if constexpr (std::is_same_v<T, HideForumPost>) {
                    for (auto& stored : posts)
                        if (stored.post.number == c.number) stored.post.hidden = c.hidden;
                } else if constexpr (std::is_same_v<T, SetForumDraft>) {
                    if (c.draft) drafts[{actor.platform, actor.user_id}] = *c.draft;
                    else drafts.erase({actor.platform, actor.user_id});
                } else if constexpr (std::is_same_v<T, SetForumMuted>) {
                    std::erase(muted, std::pair{actor.platform, actor.user_id});
                    if (c.muted) muted.emplace_back(actor.platform, actor.user_id);
                } else if constexpr (std::is_same_v<T, RequestErasure>) {
                    if (c.requested) erasures[{actor.platform, actor.user_id}] = now;
                    else erasures.erase({actor.platform, actor.user_id});
                } else if constexpr (std::is_same_v<T, ForgetPerson>) {
                    // What storage::forget_person does to the state the core reads.
                    auto is_actor = [&](const Person& p) { return p.platform == actor.platform && p.user_id == actor.user_id; };
                    std::erase_if(holdings, [&](const Holding& h) { return is_actor(h.person); });
                    std::erase_if(admin_list, is_actor);
                    std::erase_if(people, is_actor);
                    erasures.erase({actor.platform, actor.user_id});
                    const Person former{actor.platform, std::string(kFormerMember), std::string(kFormerMember), ""};
                    for (auto& completion : done)
                        if (is_actor(completion.by)) completion.by = former;
                    for (auto& stored : posts)
                        if (is_actor(stored.post.author)) stored.post.author = former;
                    for (auto& entry : log)
                        if (is_actor(entry.actor)) entry.actor = former;
                }
            },
            change.change);
        if (!audited(change.change)) return;
        log.push_back({static_cast<int64_t>(log.size() + 1), now, actor, std::string(action_name(change.change)),
                       change.description});
    }

    void apply(const commands::Outcome& outcome, const commands::Person& actor, std::chrono::sys_seconds now) {
        for (const auto& change : outcome.changes) apply(change, actor, now);
    }

private:
    static bool visible(const commands::ForumPost& post) { return !post.hidden && !post.deleted; }
    const commands::ForumPost* first_post(int64_t thread) const {
        for (const auto& stored : posts)
            if (stored.post.number == thread) return &stored.post;
        return nullptr;
    }
    // The thread's title on a reply, and its first post's visibility.
    commands::ForumPost with_title(commands::ForumPost post) const {
        if (const auto* first = first_post(post.thread)) post.title = first->title;
        return post;
    }
    // A visible post of a visible thread: what the lists hold.
    bool listed(const commands::ForumPost& post) const {
        const auto* first = first_post(post.thread);
        return visible(post) && first != nullptr && visible(*first);
    }
    static void newest_first(std::vector<commands::ForumPost>& list) {
        std::ranges::sort(list, [](const auto& a, const auto& b) { return std::tie(a.at, a.number) > std::tie(b.at, b.number); });
    }
    // Visible threads (with a visible post tagged `tag` unless it is ""), most recently active first.
    std::vector<commands::ForumThread> visible_threads(std::string_view tag) const {
        std::vector<commands::ForumThread> out;
        for (const auto& stored : posts) {
            const auto& first = stored.post;
            if (first.number != first.thread || !visible(first)) continue;
            commands::ForumThread thread{first, 0, first.at};
            bool tagged = tag.empty();
            for (const auto& other : posts) {
                if (other.post.thread != first.number || !visible(other.post)) continue;
                if (std::ranges::find(other.post.tags, tag) != other.post.tags.end()) tagged = true;
                if (other.post.number == first.number) continue;
                ++thread.replies;
                thread.last_activity = std::max(thread.last_activity, other.post.at);
            }
            if (tagged) out.push_back(thread);
        }
        std::ranges::sort(out, [](const auto& a, const auto& b) {
            return std::tie(a.last_activity, a.first.number) > std::tie(b.last_activity, b.first.number);
        });
        return out;
    }
    bool holds(const commands::Person& p, const config::RoleRef& role) const {
        return std::ranges::any_of(holdings, [&](const commands::Holding& h) {
            return h.role == role && h.person.platform == p.platform && h.person.user_id == p.user_id;
        });
    }
    static bool same_binding(const commands::Channel& a, const commands::Channel& b) {
        return a.target == b.target && a.unit == b.unit && a.platform == b.platform && a.chat_id == b.chat_id;
    }
};

}  // namespace planbot::test
