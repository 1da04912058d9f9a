// The relays: a new post stored and sent to every other member (live, or kept for their
// Monday digest) and to the mirror group, where each thread may get a topic of its own;
// the header line that names the thread; the copies of a deleted or hidden post withdrawn.
#include "commands/forum/forum_support.hpp"

#include <algorithm>

namespace planbot::commands::forum_detail {

namespace {

std::string relay_hint(bool mirror) {
    return mirror ? "Svar på denne meldingen for å svare i forumet."
                  : "Svar ved å svare på denne meldingen, eller med «/forum svar <nr> <tekst>». "
                    "«/forum demp» gir deg heller en oppsummering hver mandag.";
}

// A relayed or mirrored post, without its header line.
std::string relay_body(const ForumPost& post, const std::string& author, bool mirror) {
    std::string hint = relay_hint(mirror);
    if (!mirror) hint.replace(hint.find("<nr>"), 4, std::to_string(post.thread));
    const bool first = post.number == post.thread;
    return (first ? "Ny tråd fra " : "Svar fra ") + author + " (innlegg " + std::to_string(post.number) + "):\n\n" +
           post.text + "\n\n" + hint;
}

// The post's copy for the forum's mirror `channel`.
Reply mirror_copy(const Channel& channel, const ForumPost& post, const std::string& header, const std::string& text) {
    Reply mirrored = thread_message(channel.chat_id, channel.thread_id, post.thread, header, text);
    mirrored.message()->forum_post = post.number;
    // Bound in a group as a whole (in a group with topics: its General topic), each
    // thread gets a topic of its own there, opened by the thread's first post.
    if (channel.thread_id.empty()) mirrored.message()->into_forum_topic = true;
    return mirrored;
}

// The mirrors on the event's platform.
std::vector<Channel> mirrors(const Event& event, const Context& context) {
    std::vector<Channel> out;
    for (const Channel& channel : context.state->channels())
        if (channel.target == kForumChannel && channel.platform == event.platform) out.push_back(channel);
    return out;
}

}  // namespace

std::string thread_header(int64_t thread, std::string_view title) {
    return std::string(kThreadWord) + std::to_string(thread) + ": " + std::string(title);
}

ForumPost new_post(int64_t number, int64_t thread, std::string title, std::string text) {
    ForumPost post;
    post.number = number;
    post.thread = thread;
    post.title = std::move(title);
    post.text = std::move(text);
    return post;
}

// Stores `post` (number, thread, title, text; the author is the caller) and relays it to
// every other member, live ones now, muted ones in their digest; and to the mirror,
// unless the post was written there. Tells the author in `outcome`'s first reply.
void publish(const Event& event, const Context& context, const Members& members, ForumPost post, Outcome& outcome,
             bool written_in_mirror) {
    const Person author = detail::caller(event, context);
    post.author = author;
    const bool first = post.number == post.thread;
    // The title is searched and tagged with the first post only: a reply is found by its own words.
    const std::string own_words = first ? post.title + "\n" + post.text : post.text;
    outcome.changes.push_back({AddForumPost{post.number, post.thread, first ? post.title : "", post.text,
                                            forum_tags_of(own_words), forum_search_text(own_words)},
                               ""});
    const std::string header = std::string(kRelayMark) + thread_header(post.thread, post.title);
    const std::string name = author_name(members, author);
    size_t live = 0, muted = 0;
    for (const ForumMember& member : members.list) {
        if (same_person(context.state, member.person, author.platform, author.user_id)) continue;
        if (context.state->forum_muted(member.person.platform, member.person.user_id)) {
            ++muted;
            continue;
        }
        Reply relayed = thread_message(member.person.user_id, "", post.thread, header, relay_body(post, name, false));
        relayed.message()->forum_post = post.number;
        outcome.replies.push_back(std::move(relayed));
        ++live;
    }
    if (!written_in_mirror)
        for (const Channel& channel : mirrors(event, context)) {
            Reply mirrored = mirror_copy(channel, post, header, relay_body(post, name, true));
            if (first && mirrored.message()->into_forum_topic) mirrored.message()->open_topic = post.title;
            outcome.replies.push_back(std::move(mirrored));
        }
    std::string told = post.number == post.thread
                           ? "✅ Tråd " + std::to_string(post.number) + " «" + post.title + "» er startet"
                           : "✅ Svaret ditt er lagt i tråd " + std::to_string(post.thread) + " (innlegg " +
                                 std::to_string(post.number) + ")";
    if (live + muted == 0) told += ". Ingen andre er med i forumet ennå.";
    else if (live == 0) told += ". Alle de andre får det i mandagsoppsummeringen.";
    else {
        told += " og sendt til " + std::to_string(live) + (live == 1 ? " medlem" : " medlemmer");
        if (muted > 0) told += " (og " + std::to_string(muted) + " får det i mandagsoppsummeringen)";
        told += ".";
    }
    outcome.replies.insert(outcome.replies.begin(), reply_in(event, told));
}

std::vector<ForumPost> posts_with(const Context& context, const ForumPost& post) {
    std::vector<ForumPost> out{post};
    if (post.number != post.thread) return out;
    for (const ForumPost& reply : context.state->forum_thread_posts(post.thread))
        if (reply.number != post.number) out.push_back(reply);
    return out;
}

// Each copy that went out is edited to the notice, a long one's first piece in each chat
// (the rest to the mark only); the ones not sent yet are withdrawn by the change itself
// (DeleteForumPost, HideForumPost), in the same transaction.
void withdraw_copies(const Event& event, const Context& context, const std::vector<ForumPost>& posts, bool deleted,
                     Outcome& outcome) {
    for (const ForumPost& post : posts) {
        // A thread's topic in a mirror with topics is named after its title: renamed.
        if (post.number == post.thread)
            for (const Channel& channel : mirrors(event, context))
                if (auto topic = context.state->forum_topic_of_thread(event.platform, channel.chat_id, post.thread))
                    outcome.replies.push_back({channel.chat_id,
                                               "Tråd " + std::to_string(post.thread) + (deleted ? " (slettet)" : " (skjult)"),
                                               RenameTopic{*topic}});
        std::vector<std::string> chats_told;
        for (const ForumCopy& copy : context.state->forum_copies(event.platform, post.number)) {
            const bool first_piece = std::ranges::find(chats_told, copy.chat_id) == chats_told.end();
            if (first_piece) chats_told.push_back(copy.chat_id);
            outcome.replies.push_back(
                {copy.chat_id, withdrawn_copy_text(post, deleted, first_piece), EditMessage{copy.message_id}});
        }
    }
}

void mirror_again(const Event& event, const Context& context, const Members& members,
                  const std::vector<ForumPost>& posts, Outcome& outcome) {
    for (const Channel& channel : mirrors(event, context))
        for (const ForumPost& post : posts) {
            if (post.number == post.thread)
                if (auto topic = context.state->forum_topic_of_thread(event.platform, channel.chat_id, post.thread))
                    outcome.replies.push_back({channel.chat_id, post.title, RenameTopic{*topic}});
            const std::string header = std::string(kRelayMark) + thread_header(post.thread, post.title);
            outcome.replies.push_back(mirror_copy(channel, post, header,
                                                  "👁 Vist igjen av en admin.\n" +
                                                      relay_body(post, author_name(members, post.author), true)));
        }
}

}  // namespace planbot::commands::forum_detail

namespace planbot::commands {

std::string withdrawn_copy_text(const ForumPost& post, bool deleted, bool first_piece) {
    const std::string mark = deleted ? "🗑" : "🙈";
    if (!first_piece) return mark;
    const bool thread = post.number == post.thread;
    const std::string what = thread ? "Tråd " + std::to_string(post.number) + " i forumet"
                                    : "Innlegg " + std::to_string(post.number) + " i forumet";
    return mark + " " + what + (deleted ? " er slettet av den som skrev " + std::string(thread ? "den." : "det.")
                                        : " er skjult av en admin.");
}

}  // namespace planbot::commands
