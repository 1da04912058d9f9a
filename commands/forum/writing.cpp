// Writing in the forum: new threads (with the text at once or in the next message) and
// replies, as drafts their authors confirm (drafts.cpp) and then published; authors
// editing and deleting their own posts, admins hiding and restoring posts, and muting
// the relays for the Monday digest.
#include "commands/forum/forum_support.hpp"

#include <variant>

namespace planbot::commands::forum_detail {

namespace {

std::optional<std::string> title_problem(std::string_view title) {
    if (title.empty()) return "Tråden trenger en tittel. Skriv for eksempel «/forum ny Budsjettkampen».";
    if (character_count(title) > kMaxForumTitle)
        return "Tittelen er for lang (over " + std::to_string(kMaxForumTitle) +
               " tegn). Skriv en kort tittel, og resten i teksten.";
    return std::nullopt;
}

// Where a title typed with its text ends: at the first line's first ':' followed by a
// space or the line's end ("Budsjett: hvordan …", not "kl. 18:00" or "https://…"), else
// at the first line's end; npos when the title is all there is.
size_t title_end(std::string_view typed) {
    const size_t line = typed.find('\n');
    const std::string_view first_line = typed.substr(0, line);
    for (size_t colon = first_line.find(':'); colon != std::string_view::npos; colon = first_line.find(':', colon + 1))
        if (colon + 1 == first_line.size() || first_line[colon + 1] == ' ' || first_line[colon + 1] == '\t')
            return colon;
    return line;
}

// The caller's own post that they may change: it exists, is not deleted, is theirs.
std::variant<ForumPost, std::string> own_post(const Event& event, const Context& context, int64_t number) {
    const std::optional<ForumPost> post = context.state->forum_post(number);
    if (auto missing = missing_post(event, context, number, post)) return *missing;
    if (!same_person(context.state, post->author, event.platform, event.user_id))
        return "Innlegg " + std::to_string(number) + " er skrevet av " + display_name(post->author) +
               ". Du kan bare endre og slette dine egne innlegg.";
    return *post;
}

}  // namespace

Outcome start_thread(const Event& event, const Context& context, const Members& members, const std::string& title,
                     const std::string& text) {
    if (auto problem = text_problem(text)) return say(event, *problem);
    Outcome outcome;
    const int64_t number = context.state->next_forum_post_number();
    publish(event, context, members, new_post(number, number, title, text), outcome);
    return outcome;
}

// "/forum ny <tittel>", "/forum ny <tittel>: <tekst>", or the title's line and the text
// below it.
Outcome new_thread(const Event& event, const Context& context, const Members& members, std::string_view rest) {
    std::string title = trimmed(rest), text;
    if (const size_t end = title_end(title); end != std::string::npos) {
        text = trimmed(std::string_view(title).substr(end + 1));
        title = trimmed(std::string_view(title).substr(0, end));
    }
    if (auto problem = title_problem(title)) return say(event, *problem);
    if (text.empty()) return await_text(event, context, title);
    if (auto problem = text_problem(text)) return say(event, *problem);
    return show_new_draft(event, context, members, title, 0, text);
}

namespace {

// The first post of the thread a reply to post `number` goes into, or why there is none.
std::variant<ForumPost, std::string> reply_target(const Event& event, const Context& context, int64_t number,
                                                 const std::string& text) {
    const std::optional<ForumPost> target = context.state->forum_post(number);
    if (auto missing = missing_post(event, context, number, target)) return *missing;
    const std::optional<ForumPost> first = context.state->forum_post(target->thread);
    if (auto missing = missing_post(event, context, target->thread, first)) return *missing;
    if (text.empty()) return "Hva vil du svare? Skriv «/forum svar " + std::to_string(target->thread) + " <tekst>».";
    if (auto problem = text_problem(text)) return *problem;
    return *first;
}

}  // namespace

Outcome draft_reply(const Event& event, const Context& context, const Members& members, int64_t number,
                    const std::string& text) {
    auto found = reply_target(event, context, number, text);
    if (auto* problem = std::get_if<std::string>(&found)) return say(event, *problem);
    return show_new_draft(event, context, members, "", std::get<ForumPost>(found).thread, text);
}

Outcome reply_to(const Event& event, const Context& context, const Members& members, int64_t number,
                 const std::string& text, bool written_in_mirror) {
    auto found = reply_target(event, context, number, text);
    if (auto* problem = std::get_if<std::string>(&found)) return say(event, *problem);
    const ForumPost& first = std::get<ForumPost>(found);
    Outcome outcome;
    publish(event, context, members,
            new_post(context.state->next_forum_post_number(), first.thread, first.title, text), outcome,
            written_in_mirror);
    return outcome;
}

Outcome edit_post(const Event& event, const Context& context, int64_t number, const std::string& text) {
    auto found = own_post(event, context, number);
    if (auto* problem = std::get_if<std::string>(&found)) return say(event, *problem);
    if (text.empty()) return say(event, "Skriv den nye teksten: «/forum rediger " + std::to_string(number) + " <tekst>».");
    if (auto problem = text_problem(text)) return say(event, *problem);
    const ForumPost& post = std::get<ForumPost>(found);
    const std::string own_words = post.number == post.thread ? post.title + "\n" + text : text;
    Outcome outcome;
    outcome.changes.push_back(
        {EditForumPost{number, text, forum_tags_of(own_words), forum_search_text(own_words)}, ""});
    outcome.replies.push_back(reply_in(event, "✏️ Innlegg " + std::to_string(number) + " er endret."));
    return outcome;
}

Outcome delete_post(const Event& event, const Context& context, int64_t number) {
    auto found = own_post(event, context, number);
    if (auto* problem = std::get_if<std::string>(&found)) return say(event, *problem);
    const ForumPost& post = std::get<ForumPost>(found);
    if (post.number == post.thread)
        for (const ForumPost& reply : context.state->forum_thread_posts(post.thread))
            if (!same_person(context.state, reply.author, event.platform, event.user_id))
                return say(event, "Tråd " + std::to_string(number) + " har svar fra andre, og de forsvinner ikke med "
                                  "den. Endre heller teksten med «/forum rediger " + std::to_string(number) +
                                  " <tekst>», eller be en administrator skjule tråden.");
    Outcome outcome;
    outcome.changes.push_back(
        {DeleteForumPost{number}, "Forum: innlegg " + std::to_string(number) + " slettet av forfatteren"});
    outcome.replies.push_back(reply_in(event,
         post.number == post.thread ? "🗑 Tråd " + std::to_string(number) + " er slettet, med svarene i den."
                                    : "🗑 Innlegg " + std::to_string(number) + " er slettet."));
    // Where it was relayed or mirrored, only this is left of it.
    withdraw_copies(event, context, posts_with(context, post), true, outcome);
    return outcome;
}

namespace {

// The thread of reply `post` is hidden: the reply, shown again, stays out of the mirror
// until the thread is shown (which mirrors its replies).
bool thread_hidden(const Context& context, const ForumPost& post) {
    const std::optional<ForumPost> first = context.state->forum_post(post.thread);
    return first && first->hidden;
}

}  // namespace

Outcome hide_post(const Event& event, const Context& context, const Members& members, int64_t number, bool hide) {
    if (!is_admin(event, context)) return say(event, "Bare en admin kan skjule innlegg. Ditt eget kan du slette med "
                                                     "«/forum slett <nr>».");
    const std::optional<ForumPost> post = context.state->forum_post(number);
    if (gone(context, post)) return say(event, "Jeg finner ikke innlegg nummer " + std::to_string(number) + " i forumet.");
    const std::string name = "Innlegg " + std::to_string(number);
    if (post->hidden == hide) return say(event, name + (hide ? " er skjult allerede." : " er ikke skjult."));
    Outcome outcome;
    outcome.changes.push_back(
        {HideForumPost{number, hide}, "Forum: innlegg " + std::to_string(number) + (hide ? " skjult" : " vist igjen")});
    std::string text = hide ? "🙈 " + name + " er skjult: det vises ikke i lister, søk eller oppsummeringer." +
                                  (post->number == post->thread ? " Det var trådens første innlegg, så hele tråden "
                                                                  "er skjult."
                                                                : "") +
                                  " «/forum gjenopprett " + std::to_string(number) + "» viser det igjen."
                            : "👁 " + name + " vises igjen.";
    outcome.replies.push_back(reply_in(event, text));
    if (hide) {
        withdraw_copies(event, context, posts_with(context, *post), false, outcome);
    } else if (post->number == post->thread || !thread_hidden(context, *post)) {
        // The copies that went out say it was hidden; the mirrors get it again, a thread
        // with its replies (which were not listed while it was hidden). Members read it
        // with /forum vis.
        std::vector<ForumPost> shown{*post};
        shown.front().hidden = false;
        if (post->number == post->thread)
            for (int64_t later = post->number + 1; later < context.state->next_forum_post_number(); ++later)
                if (auto reply = context.state->forum_post(later);
                    reply && reply->thread == post->thread && !reply->hidden && !reply->deleted)
                    shown.push_back(*reply);
        mirror_again(event, context, members, shown, outcome);
    }
    return outcome;
}

Outcome set_muted(const Event& event, const Context& context, bool muted) {
    if (context.state->forum_muted(event.platform, event.user_id) == muted)
        return say(event, muted ? "Du får allerede bare oppsummeringen hver mandag. «/forum på» gir deg hvert innlegg."
                                : "Du får allerede hvert nytt innlegg. «/forum demp» gir deg heller en oppsummering "
                                  "hver mandag.");
    Outcome outcome;
    outcome.changes.push_back({SetForumMuted{muted}, ""});
    outcome.replies.push_back(reply_in(event,
         muted ? "🔕 Du får nå en oppsummering av nye tråder og svar hver mandag morgen i stedet for hvert innlegg. "
                 "«/forum på» slår det av igjen."
               : "🔔 Du får nå hvert nytt innlegg i forumet med en gang."));
    return outcome;
}

}  // namespace planbot::commands::forum_detail
