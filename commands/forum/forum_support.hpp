// Private to the forum's files (forum.cpp, members.cpp, text.cpp, relay.cpp,
// listings.cpp, writing.cpp, drafts.cpp): the member list, the text helpers, the relay and the
// handlers each file gives the dispatcher in forum.cpp. Pure like them: today comes
// from Context, never from a clock. A namespace of its own keeps these names apart
// from work/'s detail, whose helpers the forum uses too.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/forum/forum.hpp"
#include "commands/reply_text.hpp"
#include "commands/work/task_text.hpp"

namespace planbot::commands::forum_detail {

using detail::character_count;
using detail::display_name;
using detail::join_list;
using detail::say;

// The first line of every relayed, mirrored or shown thread: a reply to any of them
// names the thread ("Forumtråd 12").
constexpr std::string_view kThreadWord = "Forumtråd ";
constexpr std::string_view kRelayMark = "💬 ";

// ---- members.cpp ---------------------------------------------------------------

// The forum's members on the event's platform (forum_members), to look a person up: a
// member linked on several platforms is listed once, by the account they last wrote
// from, and found by any of their accounts.
struct Members {
    std::vector<ForumMember> list;
    const State* state = nullptr;  // for linked accounts; null: only the listed account

    const ForumMember* find(std::string_view platform, std::string_view user_id) const {
        for (const ForumMember& member : list)
            if (member.person.platform == platform && member.person.user_id == user_id) return &member;
        for (const ForumMember& member : list)
            if (same_person(state, member.person, platform, user_id)) return &member;
        return nullptr;
    }
};

Members members_of(const Event& event, const Context& context);
// "Kari Nordmann (Oppdal)"; an author who is no longer a member by name only.
std::string author_name(const Members& members, const Person& author);
// The answer to someone who is not a member: what the forum is, and whom to ask.
Outcome not_a_member(const Event& event, const Context& context);

// ---- text.cpp ------------------------------------------------------------------

// Digits as a number from 0 to 10^15 - 1 (leading zeros allowed), else nullopt.
std::optional<int64_t> digits_number(std::string_view arg);
// A post number as typed ("12", "12."), never 0.
std::optional<int64_t> post_number(std::string_view arg);
// `text` without spaces, tabs and line ends at either end.
std::string_view trimmed_view(std::string_view text);
std::string trimmed(std::string_view text);
// Why a post's text cannot be stored, or nullopt.
std::optional<std::string> text_problem(std::string_view text);
// A message to `chat_id` (and `thread_id`) that shows forum thread `thread`: `header`
// ("Forumtråd 12: …"), then `text`. A reply to it belongs to the thread.
Reply thread_message(const std::string& chat_id, const std::string& thread_id, int64_t thread,
                     const std::string& header, std::string_view text);
// The day of `at` in the plan's zone, as listings write it ("3. mai").
std::string day_of(const Context& context, std::chrono::sys_seconds at);
// What makes two tags one: "#Økonomi", "#økonomi" and "#oekonomi" give the same key.
std::string tag_key(std::string_view tag);

// ---- relay.cpp -----------------------------------------------------------------

// "Forumtråd 12: Budsjettkampen".
std::string thread_header(int64_t thread, std::string_view title);
ForumPost new_post(int64_t number, int64_t thread, std::string title, std::string text);
// Stores `post` (number, thread, title, text; the author is the caller) and relays it to
// every other member, live ones now, muted ones in their digest; and to the mirror,
// unless the post was written there. Tells the author in `outcome`'s first reply.
void publish(const Event& event, const Context& context, const Members& members, ForumPost post, Outcome& outcome,
             bool written_in_mirror = false);
// `post`, and when it opens a thread the thread's visible replies too: what deleting or
// hiding it takes away.
std::vector<ForumPost> posts_with(const Context& context, const ForumPost& post);
// Every message on the event's platform that carried one of `posts` (a relay, a mirrored
// copy) edited to withdrawn_copy_text. The copies not sent yet are withdrawn by the
// DeleteForumPost or HideForumPost change itself.
void withdraw_copies(const Event& event, const Context& context, const std::vector<ForumPost>& posts, bool deleted,
                     Outcome& outcome);
// `posts` shown again (after an admin hid them) sent anew to the forum's mirrors on the
// event's platform, each marked as shown again.
void mirror_again(const Event& event, const Context& context, const Members& members,
                  const std::vector<ForumPost>& posts, Outcome& outcome);

// ---- listings.cpp: /forum, /forum vis, /forum søk, /forum emne ---------------------

// The latest threads, page `page` (from 1).
Outcome list_threads(const Event& event, const Context& context, const Members& members, int page);
// True when `post` is unknown, deleted, or in a deleted thread: gone for every command.
bool gone(const Context& context, const std::optional<ForumPost>& post);
// Why post `number` is not there for this reader (unknown, deleted, hidden), or nullopt.
std::optional<std::string> missing_post(const Event& event, const Context& context, int64_t number,
                                        const std::optional<ForumPost>& post);
// The thread of post `number`: page `asked_page`, else the page that holds the post.
Outcome show_thread(const Event& event, const Context& context, const Members& members, int64_t number,
                    std::optional<size_t> asked_page);
Outcome search(const Event& event, const Context& context, const Members& members, std::string_view typed);
// The tags in use, or with a tag typed the threads that carry it.
Outcome tags(const Event& event, const Context& context, const Members& members, std::string_view typed);

// ---- writing.cpp: threads, replies, edits, muting ----------------------------------

// A new thread with its first post, published.
Outcome start_thread(const Event& event, const Context& context, const Members& members, const std::string& title,
                     const std::string& text);
// "/forum ny …": a draft of the thread, shown to its author when the text is there, else
// waiting for the text in the next message.
Outcome new_thread(const Event& event, const Context& context, const Members& members, std::string_view rest);
// "/forum svar 12 …", or an answer to a relayed post in the private chat: a draft of the
// reply in the thread of post `number`, shown to its author.
Outcome draft_reply(const Event& event, const Context& context, const Members& members, int64_t number,
                    const std::string& text);
// A reply in the thread of post `number`, published (not back to the mirror when written there).
Outcome reply_to(const Event& event, const Context& context, const Members& members, int64_t number,
                 const std::string& text, bool written_in_mirror = false);
// The author's own post: new text, or gone.
Outcome edit_post(const Event& event, const Context& context, int64_t number, const std::string& text);
Outcome delete_post(const Event& event, const Context& context, int64_t number);
// An admin hides a post (`hide`) or brings it back.
Outcome hide_post(const Event& event, const Context& context, const Members& members, int64_t number, bool hide);
// Relays live (false) or only in the Monday digest (true).
Outcome set_muted(const Event& event, const Context& context, bool muted);

// ---- drafts.cpp: what goes to every member is shown to its author first -----------

// Whether `draft` is still waiting (begun at most kDraftLifetime ago).
bool draft_fresh(const Context& context, const ForumDraft& draft);
// A new thread's title, waiting for its text in the next message; an earlier draft is
// replaced, and the author told what became of it.
Outcome await_text(const Event& event, const Context& context, const std::string& title);
// A new draft of a thread (`thread` 0, with `title`) or a reply in `thread`, shown to its
// author with how to send it; an earlier draft is replaced, and the author told so.
Outcome show_new_draft(const Event& event, const Context& context, const Members& members, std::string title,
                       int64_t thread, std::string text);
// A member's message in the private chat while `draft` waits: its text or a piece of it
// (shown again), «send», an expired draft told so and dropped, or what waits. nullopt:
// one of the bot's own questions, for the router to answer (the draft stays).
std::optional<Outcome> continue_draft(const Event& event, const Context& context, const Members& members,
                                      const ForumDraft& draft);
// What `draft` waits for, as a sentence.
std::string draft_waiting(const Context& context, const ForumDraft& draft);
// «send» or /forum send: the waiting draft published, and dropped.
Outcome send_draft(const Event& event, const Context& context, const Members& members);
// /forum avbryt: the draft dropped, unsent.
Outcome drop_draft(const Event& event, const Context& context);
// A press on ✅ Publiser (publish_button_data): the draft it was made for sent; nullopt
// for another button.
std::optional<Outcome> press_publish(const Event& event, const Context& context);

}  // namespace planbot::commands::forum_detail
