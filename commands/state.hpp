// The organisation's working state as the core sees it: who holds which role, which
// group is a role's channel, the admins' edits to deadlines and responsibilities, the
// one-off tasks added in the chat, and who confirmed what. The core reads it through
// the narrow `State` interface (storage/ implements it over SQLite; tests in memory)
// and never writes it: a handler returns `StateChange`s, and the caller applies them
// in the same transaction as the update's dedupe mark and replies.
//
// Plain values only: no SQL, no sockets, no clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <date/date.h>

#include "config/plan.hpp"

namespace planbot::commands {

// A chat user on one platform.
struct Person {
    std::string platform;
    std::string user_id;
    std::string name;      // "Kari Nordmann" (first and last name as the platform gives them)
    std::string username;  // without '@'; "" when the user has none
    friend bool operator==(const Person&, const Person&) = default;
};

// One person holding one role; role.unit is set for scoped roles ("regionleder/innherred").
// term_end: the Oslo day the term ends, when it was given for a term; from that day on
// the person no longer holds the role (reminders go to a successor or the secretary).
struct Holding {
    config::RoleRef role;
    Person person;
    std::optional<date::year_month_day> term_end{};
};

// Whether `holding` is held on `day`: no term, or a term that ends after it.
inline bool held_on(const Holding& holding, date::year_month_day day) {
    return !holding.term_end || *holding.term_end > day;
}

// Where a target's messages go. target: a role id, or kMainChannel (the organisation's
// main group), or kForumChannel (the forum's mirror). unit narrows a scoped role.
inline constexpr std::string_view kMainChannel = "@main";
inline constexpr std::string_view kForumChannel = "@forum";
struct Channel {
    std::string target;
    std::string unit;
    std::string platform;
    std::string chat_id;
    std::string thread_id;  // "" for the whole group
    std::string title;      // the group's title when known (for listings)
    friend bool operator==(const Channel&, const Channel&) = default;
};

// One occurrence of a task: task number, unit ("" unless the task is per unit) and a
// key that stays the same when the plan's dates are corrected:
//   "2026-3", "2026-12", … the task's scheduled date in that month of 2026 (a second
//                          date in the same month: "2026-103"), so a corrected plan
//                          that adds or drops other months keeps the key
//   "2026-W05"             a weekly task's ISO week
//   "+2026-05-12"          a date an admin added (admin_dates and ongoing tasks)
//   ""                     the single occurrence of a one-off task added with /ny
struct OccurrenceId {
    int task = 0;
    std::string unit;
    std::string key;
    friend auto operator<=>(const OccurrenceId&, const OccurrenceId&) = default;
};

// An admin's date for an occurrence: a scheduled one moved, or an added one.
struct DeadlineEdit {
    OccurrenceId id;
    date::year_month_day date;
};

// An admin's /ansvar: `role` is responsible for `task` too (for rows 27–28: instead of
// the county board, which stands in while the plan names nobody).
struct ResponsibilityEdit {
    int task = 0;
    config::RoleRef role;
};

// Numbers of tasks added with /ny start here, so they never collide with the plan's.
inline constexpr int kFirstAddedTask = 101;

// A one-off task added with /ny.
struct AddedTask {
    int number = 0;
    config::RoleRef role;
    std::string title;
    date::year_month_day date;
};

// An occurrence closed: confirmed done (/ferdig, ✅), or skipped with a reason (/hopp),
// whose reason is then `comment`. Either way it is no longer open work.
struct Completion {
    OccurrenceId id;
    Person by;
    std::chrono::sys_seconds at{};
    std::string comment;
    bool skipped = false;
};

// A note left on a task for whoever holds its role next (/notat), shown in handovers.
struct TaskNote {
    int task = 0;
    Person by;
    std::chrono::sys_seconds at{};
    std::string text;
};

// The day an admin set with /dato for a wheel event the plan gives only a month (or
// moved one that has a day): the event `event` (the plan's wheel id) of the wheel's
// year `year` takes place on `date`.
struct WheelDate {
    std::string event;
    int year = 0;
    date::year_month_day date;
    Person set_by{};                   // who set it (the audit log says so too)
    std::chrono::sys_seconds set_at{};
};

// When a person was first and last seen (wrote in a chat the bot is in, or was mentioned).
struct SeenTimes {
    std::chrono::sys_seconds first{};
    std::chrono::sys_seconds last{};
};

// ---- One person on several platforms (/kobling) ----
//
// A person may hold several accounts (platform, user id): /kobling in a private chat on
// one platform gives a one-time code, and «/kobling <kode>» in a private chat on another
// makes the two accounts one person. Stored rows keep the account that made them; the
// State answers for the person: roles_of and is_admin count every linked account, and
// holders, all_holdings and admins name each person once, by the account they last
// wrote from (so a reminder or a forum relay reaches them once, where they are).
inline constexpr std::chrono::minutes kLinkCodeLifetime{10};
// Wrong codes an account may try within kLinkAttemptWindow before it must wait.
inline constexpr int kLinkAttempts = 5;
inline constexpr std::chrono::minutes kLinkAttemptWindow{60};

// A code waiting to be used; the State knows it only by its digest (LinkCodes::digest).
struct LinkCode {
    Person owner;  // the account that asked for it
    std::chrono::sys_seconds expires{};
};

// Who a person becomes once they had planbot forget them (/slett meg): the name on what
// they confirmed, noted, dated and posted, and in the audit log, in place of theirs. It
// is stored as the user id of those rows, so every listing shows it as the name.
inline constexpr std::string_view kFormerMember = "tidligere medlem";

// How long "/slett meg" waits for its confirmation.
inline constexpr std::chrono::minutes kErasureConfirmWindow{15};

struct AuditEntry {
    int64_t id = 0;
    std::chrono::sys_seconds at{};
    Person actor;
    std::string action;       // "role_granted", "deadline_set", "completed", … (see StateChange)
    std::string description;  // Norwegian, as /logg shows it
};


// ---- The forum for one-person groups (forum.hpp) ----
//
// Posts are numbered across the whole forum (1, 2, 3, …); a thread is numbered by its
// first post, so any post's number names its thread too. A post is visible unless its
// author deleted it or an admin hid it; a thread is visible while its first post is.
// A deleted post keeps no words (title, text and tags empty), and deleting a thread's
// first post deletes its replies.
struct ForumPost {
    int64_t number = 0;
    int64_t thread = 0;         // the first post's number (== number for a first post)
    Person author;
    std::string title;          // the thread's title (for replies too)
    std::string text;           // as written, stored whole (at most kMaxForumPost characters)
    std::vector<std::string> tags;  // lower-cased, without '#', in order of first appearance (forum_tags_of)
    std::chrono::sys_seconds at{};
    std::optional<std::chrono::sys_seconds> edited_at;
    bool hidden = false;   // by an admin
    bool deleted = false;  // by its author
};

// A message the platform accepted that carried a forum post (NewMessage::forum_post).
struct ForumCopy {
    std::string chat_id;
    std::string message_id;  // the platform's id of the message
};

struct ForumThread {
    ForumPost first;
    int replies = 0;                         // visible replies
    std::chrono::sys_seconds last_activity{};  // the newest visible post's time
};

// A post its author has not sent yet, one per member: a new thread's title waiting for
// its text in the next message (text ""), or a new thread or a reply with its text,
// waiting for the author to confirm it («send», or the ✅ Publiser button). Nothing of
// it reaches anyone else before that.
struct ForumDraft {
    std::string title;                      // a new thread's title; "" for a reply
    std::chrono::sys_seconds started{};     // when the draft was begun (it expires a while after)
    int64_t thread = 0;                     // a reply: the thread it answers; 0 for a new thread
    std::string text{};                     // "" while a new thread waits for its text
    // When the text last got a piece that filled a whole chat message: the app sends the
    // rest of a long text within seconds, and it is added (0: no such piece).
    std::chrono::sys_seconds filled_at{};
};

struct ForumTag {
    std::string tag;  // as stored (lower-cased, without '#')
    int posts = 0;    // visible posts carrying it
};

// Limits of forum text, in characters (not bytes). A longer post is refused whole and
// the author told; a stored post longer than a chat message is split on display.
inline constexpr size_t kMaxForumPost = 20000;
inline constexpr size_t kMaxForumTitle = 200;

// The secret links that show the plan outside the chat (/kalender, /oversikt): a
// person's calendar feed, the organisation's calendar feed, the board's overview page,
// and the organisation's feed as that page links it (its token derived from the page's,
// so the feed's link never opens the page).
enum class AccessKind { calendar, calendar_all, overview, overview_calendar };

// Read access to the state. Every list is in a stable order (documented per call).
class State {
public:
    virtual ~State() = default;

    // People the bot has seen (they wrote in a chat the bot is in, or were mentioned).
    virtual std::optional<Person> person(std::string_view platform, std::string_view user_id) const = 0;
    // Case-insensitive, without '@'.
    virtual std::optional<Person> person_by_username(std::string_view platform, std::string_view username) const = 0;

    // Admins made in the chat (the config's bootstrap admins are in Context).
    virtual bool is_admin(std::string_view platform, std::string_view user_id) const = 0;
    virtual std::vector<Person> admins() const = 0;  // by name

    // Roles held on the Oslo day `on` (a term ending on or before it is over). roles_of:
    // the person's roles (role id, unit order); holders: everyone holding `role_id` in
    // any unit; all_holdings: every stored holding, ended terms included (role id, unit,
    // name), for listings and the reminders, which decide per day (held_on).
    virtual std::vector<config::RoleRef> roles_of(std::string_view platform, std::string_view user_id,
                                                  date::year_month_day on) const = 0;
    virtual std::vector<Holding> holders(std::string_view role_id, date::year_month_day on) const = 0;
    virtual std::vector<Holding> all_holdings() const = 0;

    // Whether the person has written to the bot in a private chat (so it may write to them).
    virtual bool knows_private_chat(std::string_view platform, std::string_view user_id) const = 0;

    // Notes left with /notat on any of `tasks`, newest first.
    virtual std::vector<TaskNote> notes(const std::vector<int>& tasks) const = 0;

    // Every binding (a handful), in target, unit, chat order.
    virtual std::vector<Channel> channels() const = 0;

    // The admins' edits (a few per task), by task, unit, key.
    virtual std::vector<DeadlineEdit> deadline_edits(int task) const = 0;
    virtual std::vector<DeadlineEdit> all_deadline_edits() const = 0;
    virtual std::vector<ResponsibilityEdit> responsibility_edits() const = 0;

    // Added tasks. added_task: by number. added_tasks_between: due in [first, last], by
    // date then number. added_tasks_for: assigned to a role the holder of `held` answers
    // for (same role id, and the task's unit empty or equal to the held unit), by date.
    // next_added_task_number: the number /ny gives the next one (>= kFirstAddedTask).
    virtual std::optional<AddedTask> added_task(int number) const = 0;
    virtual std::vector<AddedTask> added_tasks_between(date::year_month_day first,
                                                       date::year_month_day last) const = 0;
    virtual std::vector<AddedTask> added_tasks_for(const std::vector<config::RoleRef>& held) const = 0;
    virtual int next_added_task_number() const = 0;

    // Completions: of one task (by unit, key); of several tasks; of all.
    virtual std::vector<Completion> completions(int task) const = 0;
    virtual std::vector<Completion> completions_of(const std::vector<int>& tasks) const = 0;
    virtual std::vector<Completion> all_completions() const = 0;

    // The first day planbot followed the plan (Oslo date of the database's first start).
    // Occurrences due before it are history, not overdue work: /oppgaver, /ferdig without
    // a selector and the reminders skip them; /rapport shows them as not followed up.
    virtual date::year_month_day tracking_start() const = 0;

    // Until when an admin paused all reminders (/pause); nullopt when not paused.
    virtual std::optional<date::year_month_day> paused_until() const = 0;

    // The days set with /dato, by event, then year. (Not abstract: a State without
    // the table knows no set days.)
    virtual std::vector<WheelDate> wheel_dates() const { return {}; }

    // Whether the scheduler has queued the planned message with this key (a term
    // question planned again on a later day is not listed by /påminnelser as still to come).
    virtual bool reminder_queued(std::string_view /*key*/) const { return false; }

    // The newest `limit` audit entries, newest first.
    virtual std::vector<AuditEntry> audit(int limit) const = 0;

    // ---- A person's own data (/mine data, /slett meg). Not abstract: a State that
    // stores none of it has none to give.
    // When the person was first and last seen; nullopt for someone never seen.
    virtual std::optional<SeenTimes> seen(std::string_view /*platform*/, std::string_view /*user_id*/) const {
        return std::nullopt;
    }
    // The audit entries the person made, oldest first.
    virtual std::vector<AuditEntry> audit_by(std::string_view /*platform*/, std::string_view /*user_id*/) const {
        return {};
    }
    // Every post the person wrote, deleted ones included (without words), by number.
    virtual std::vector<ForumPost> forum_posts_by(std::string_view /*platform*/, std::string_view /*user_id*/) const {
        return {};
    }
    // The notes the person wrote, oldest first.
    virtual std::vector<TaskNote> notes_by(std::string_view /*platform*/, std::string_view /*user_id*/) const {
        return {};
    }
    // When the person asked planbot to forget them (/slett meg) and has not confirmed
    // or cancelled since; nullopt if not.
    virtual std::optional<std::chrono::sys_seconds> erasure_requested(std::string_view /*platform*/,
                                                                      std::string_view /*user_id*/) const {
        return std::nullopt;
    }

    // ---- Linked accounts (/kobling). Not abstract: a State that stores no links has
    // one account per person.
    // The person's other accounts (not the one asked about), by platform, user id.
    virtual std::vector<Person> linked_accounts(std::string_view /*platform*/, std::string_view /*user_id*/) const {
        return {};
    }
    // The code whose digest is `digest`, if it is waiting (expired ones included).
    virtual std::optional<LinkCode> link_code(std::string_view /*digest*/) const { return std::nullopt; }

    // ---- Secret links (/kalender, /oversikt). Not abstract: a State that stores none
    // has none. When the account's link of `kind` was made; nullopt: it has none.
    virtual std::optional<std::chrono::sys_seconds> access_token_made(std::string_view /*platform*/,
                                                                      std::string_view /*user_id*/,
                                                                      AccessKind /*kind*/) const {
        return std::nullopt;
    }
    // Wrong codes the account tried after `since`.
    virtual int link_failures(std::string_view /*platform*/, std::string_view /*user_id*/,
                              std::chrono::sys_seconds /*since*/) const {
        return 0;
    }

    // ---- The forum (see ForumPost). Lists hold visible posts of visible threads only.
    // forum_post: any post, hidden or deleted included (flags set); nullopt if none.
    virtual std::optional<ForumPost> forum_post(int64_t number) const = 0;
    // Visible threads, the most recently active first (then the higher number), paged.
    virtual std::vector<ForumThread> forum_threads(int limit, int offset) const = 0;
    virtual int forum_thread_count() const = 0;
    // Threads an admin hid (their first posts, not deleted), the newest first, at most `limit`.
    virtual std::vector<ForumPost> forum_hidden_threads(int limit) const = 0;
    // A thread's visible posts, the first post first, then replies oldest first.
    virtual std::vector<ForumPost> forum_thread_posts(int64_t thread) const = 0;
    // Visible threads with a visible post tagged exactly `tag`, most recently active first.
    virtual std::vector<ForumThread> forum_threads_tagged(std::string_view tag, int limit) const = 0;
    // Tags of visible posts, the most used first, then by tag.
    virtual std::vector<ForumTag> forum_tags() const = 0;
    // Visible posts whose search text (AddForumPost::search_text) has, for every one of
    // `prefixes` (folded words), a word starting with it; newest first, at most `limit`.
    virtual std::vector<ForumPost> forum_search(const std::vector<std::string>& prefixes, int limit) const = 0;
    // Visible posts written in (after, until], oldest first.
    virtual std::vector<ForumPost> forum_posts_between(std::chrono::sys_seconds after,
                                                       std::chrono::sys_seconds until) const = 0;
    // When the person last wrote a post that is not deleted (hidden ones count).
    virtual std::optional<std::chrono::sys_seconds> forum_last_post_by(std::string_view platform,
                                                                       std::string_view user_id) const = 0;
    // The number the next post gets (1 for an empty forum).
    virtual int64_t next_forum_post_number() const = 0;
    virtual std::optional<ForumDraft> forum_draft(std::string_view platform, std::string_view user_id) const = 0;
    // True after "/forum demp": the member gets the Monday digest instead of each post.
    virtual bool forum_muted(std::string_view platform, std::string_view user_id) const = 0;
    // The thread whose topic `topic_id` is in the mirror group `chat_id` (a forum
    // group with topics, where each thread got one of its own); nullopt for other topics.
    virtual std::optional<int64_t> forum_thread_of_topic(std::string_view platform, std::string_view chat_id,
                                                         std::string_view topic_id) const = 0;
    // The thread the bot's message `message_id` in `chat_id` showed (a relay, a mirrored
    // post, a thread read with /forum vis); nullopt for any other message.
    virtual std::optional<int64_t> forum_thread_of_message(std::string_view platform, std::string_view chat_id,
                                                           std::string_view message_id) const = 0;
    // The messages on `platform` that carried post `number` (NewMessage::forum_post) and
    // that the platform accepted, oldest first: a long post is several. Sent messages are
    // kept for the outbox's retention (90 days by default); older copies are not found.
    virtual std::vector<ForumCopy> forum_copies(std::string_view platform, int64_t number) const = 0;
    // The topic thread `thread` has in the mirror group `chat_id` (made for its first
    // post), nullopt when it has none.
    virtual std::optional<std::string> forum_topic_of_thread(std::string_view platform, std::string_view chat_id,
                                                             int64_t thread) const = 0;
};

// What a handler asks the caller to change. The actor (the event's user) and the time
// are the caller's; the caller writes each change and its audit entry atomically.
// until: the term's end (Holding::term_end); nullopt: no end. renewal: the person holds
// the role already and only the term changes (no handover is sent).
struct GrantRole {
    Person person;
    config::RoleRef role;
    std::optional<date::year_month_day> until{};
    bool renewal = false;
};
struct RevokeRole { Person person; config::RoleRef role; };
struct GrantAdmin { Person person; };
struct RevokeAdmin { Person person; };
struct BindChannel { Channel channel; };
struct UnbindChannel { Channel channel; };      // matched on target, unit, platform, chat_id
struct SetDeadline { DeadlineEdit edit; };      // insert or replace
struct AddTask { AddedTask task; };
struct AssignResponsible { ResponsibilityEdit edit; };
struct Complete { OccurrenceId id; std::string comment; };  // by the actor, now
struct Skip { OccurrenceId id; std::string reason; };     // by the actor, now (a Completion with skipped)
struct Reopen { OccurrenceId id; };                       // undoes a Complete or a Skip
struct AddNote { int task = 0; std::string text; };       // by the actor, now
struct PauseReminders { std::optional<date::year_month_day> until; };  // nullopt: resume now
struct SetWheelDate { std::string event; int year = 0; date::year_month_day date; };  // insert or replace, by the actor
struct ClearWheelDate { std::string event; int year = 0; };  // the event is back to the plan's month (or day)
// The forum. The author of a post is the actor, its time the caller's now.
// search_text: the title and text folded for search (forum.hpp's search words), which
// forum_search matches word beginnings against.
struct AddForumPost {
    int64_t number = 0;  // next_forum_post_number(); a number taken throws in storage
    int64_t thread = 0;  // == number for a new thread
    std::string title;   // a new thread's title; "" for a reply
    std::string text;
    std::vector<std::string> tags;
    std::string search_text;
};
struct EditForumPost {  // by its author: text, tags and search text replaced, edited_at = now
    int64_t number = 0;
    std::string text;
    std::vector<std::string> tags;
    std::string search_text;
};
// Deleting or hiding a post (a thread's first post: the whole thread) also withdraws its
// copies that have not gone out yet (NewMessage::forum_post): they are never sent.
struct DeleteForumPost { int64_t number = 0; };              // by its author
struct HideForumPost { int64_t number = 0; bool hidden = true; };  // by an admin; false shows it again
struct SetForumDraft { std::optional<ForumDraft> draft; };   // the actor's; nullopt drops it
struct SetForumMuted { bool muted = false; };                // the actor's
// Personal data (/mine data, /slett meg), all about the actor. RecordDataExport writes
// only its audit entry (the data went to the actor, none of it to the log);
// RequestErasure starts or (false) drops the wait for the confirmation; ForgetPerson
// removes the actor's roles, admin rights, forum draft and choices, their private chat
// and what the bot still holds for it, and their user row (the identity), and puts
// kFormerMember in place of them on what they did. Its audit entry names no one.
struct RecordDataExport {};
struct RequestErasure { bool requested = true; };
struct ForgetPerson {};

// Linking accounts (/kobling), all by the actor. StartLink: a new code (its digest) for
// the actor's account, replacing any earlier one. LinkAccounts: the owner of the code
// and the actor become one person, and the code is used up (a code already used or gone
// throws in storage, so the update keeps nothing). UnlinkAccount: the actor's account
// leaves its person; the roles and chat-made admin rights it carried stay with the
// person's account seen last. FailLink: a wrong code, counted against guessing.
struct StartLink { std::string digest; std::chrono::sys_seconds expires{}; };
struct LinkAccounts { std::string digest; };
struct UnlinkAccount {};
struct FailLink {};

// A new link of `kind` for the actor, replacing their earlier one of that kind (whose
// link stops working). Only the token's digest is stored; the token itself is in the
// reply and nowhere else.
struct IssueAccessToken { AccessKind kind = AccessKind::calendar; std::string digest; };

using Change = std::variant<GrantRole, RevokeRole, GrantAdmin, RevokeAdmin, BindChannel, UnbindChannel, SetDeadline,
                            AddTask, AssignResponsible, Complete, Skip, Reopen, AddNote, PauseReminders,
                            AddForumPost, EditForumPost, DeleteForumPost, HideForumPost, SetForumDraft,
                             SetForumMuted, SetWheelDate, ClearWheelDate, RecordDataExport, RequestErasure,
                             ForgetPerson, StartLink, LinkAccounts, UnlinkAccount, FailLink, IssueAccessToken>;

// The audit action name of a change: "role_granted", "role_revoked", "admin_granted",
// "admin_revoked", "channel_bound", "channel_unbound", "deadline_set", "task_added",
// "responsible_assigned", "completed", "skipped", "reopened", "note_added",
// "reminders_paused", "forum_posted",
// "forum_edited", "forum_deleted", "forum_hidden" (or "forum_shown"), "forum_draft",
// "forum_muted", "wheel_date_set", "wheel_date_cleared", "personal_data_sent",
// "erasure_requested", "personal_data_erased", "link_started", "accounts_linked",
// "account_unlinked", "link_failed", "access_link_made".
std::string_view action_name(const Change& change);

// Whether a change is written to the audit log. Forum posts, edits, drafts and the
// digest choice are not: forum text stays out of /logg. Deleting and hiding are; so
// are sending a person their data and forgetting them (not the request to), and linking
// and unlinking accounts (not the codes, nor a wrong one).
bool audited(const Change& change);

// Whether `person` is the account (platform, user_id) or one linked to it. `state`
// null: only the same account.
bool same_person(const State* state, const Person& person, std::string_view platform, std::string_view user_id);

struct StateChange {
    Change change;
    std::string description;  // Norwegian, for the audit log: "Kasserer gitt til Kari Nordmann"
};

// Limits on free text, so a pasted essay is refused instead of stored.
inline constexpr size_t kMaxComment = 500;     // characters of a /ferdig comment
inline constexpr size_t kMaxTaskTitle = 200;   // characters of a /ny title
inline constexpr size_t kMaxNote = 1000;       // characters of a /notat

}  // namespace planbot::commands
