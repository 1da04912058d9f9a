// The forum's listings: the latest threads (/forum, paged), one thread with its posts
// (/forum vis, paged), search (/forum søk) and tags (/forum emne). They only read the
// state; nothing here changes it.
#include "commands/forum/forum_support.hpp"

#include <algorithm>
#include <ranges>
#include <tuple>

namespace planbot::commands::forum_detail {

namespace {

constexpr int kThreadsPerPage = 10;
constexpr int kHiddenListed = 10;  // hidden threads named to an admin under /forum
constexpr size_t kPostsPerPage = 10;
constexpr size_t kPageCharacters = 8000;  // of posts on one page of /forum vis (about three messages)
constexpr int kSearchHits = 10;
constexpr size_t kSnippet = 120;  // bytes of a post shown in a search hit
constexpr size_t kShortestPrefix = 2;  // characters of a search word

std::string thread_line(const Context& context, const Members& members, const ForumThread& thread) {
    return "• " + std::to_string(thread.first.number) + " " + thread.first.title + " – " +
           author_name(members, thread.first.author) + ", " +
           (thread.replies == 1 ? "1 svar" : std::to_string(thread.replies) + " svar") + ", sist " +
           day_of(context, thread.last_activity);
}

// For an admin: the threads an admin hid, and how to bring one back; "" when none is.
std::string hidden_threads(const Event& event, const Context& context, const Members& members) {
    if (!is_admin(event, context)) return "";
    const std::vector<ForumPost> hidden = context.state->forum_hidden_threads(kHiddenListed + 1);
    if (hidden.empty()) return "";
    std::string text = "Skjult av en admin:";
    for (size_t i = 0; i < hidden.size() && i < kHiddenListed; ++i)
        text += "\n• " + std::to_string(hidden[i].number) + " " + hidden[i].title + " – " +
                author_name(members, hidden[i].author);
    if (hidden.size() > kHiddenListed) text += "\n• … og flere";
    const std::string example = std::to_string(hidden.front().number);
    return text + "\nMedlemmene ser dem ikke. «/forum gjenopprett " + example + "» viser tråd " + example +
           " for alle igjen.";
}

std::string snippet(std::string_view text) {
    std::string flat(text);
    std::ranges::replace(flat, '\n', ' ');
    return detail::shortened(flat, kSnippet);
}

}  // namespace

Outcome list_threads(const Event& event, const Context& context, const Members& members, int page) {
    const State& state = *context.state;
    const int count = state.forum_thread_count();
    const std::string hidden = hidden_threads(event, context, members);
    if (count == 0 && !hidden.empty())
        return say(event, "Ingen tråder vises i forumet nå.\n\n" + hidden +
                              "\n\nStart en ny tråd med «/forum ny <tittel>».");
    if (count == 0) return say(event, "Forumet er tomt ennå. Start den første tråden med «/forum ny <tittel>».");
    const int pages = (count + kThreadsPerPage - 1) / kThreadsPerPage;
    if (page > pages)
        return say(event, pages == 1 ? "Det er bare én side. Skriv «/forum»."
                                     : "Det er bare " + std::to_string(pages) + " sider. Skriv «/forum side " +
                                           std::to_string(pages) + "» for den siste.");
    std::string text = "Forumet for enpersonsgrupper – sist aktive tråder:";
    for (const ForumThread& thread : state.forum_threads(kThreadsPerPage, (page - 1) * kThreadsPerPage))
        text += "\n" + thread_line(context, members, thread);
    if (pages > 1) {
        text += "\n\nSide " + std::to_string(page) + " av " + std::to_string(pages);
        if (page < pages) text += " — skriv «/forum side " + std::to_string(page + 1) + "»";
    }
    if (page == 1 && !hidden.empty()) text += "\n\n" + hidden;
    text += "\n\nLes en tråd med «/forum vis <nr>», start en med «/forum ny <tittel>». /forum hjelp viser resten.";
    return say(event, text);
}

// Deleted, or in a deleted thread: gone for every command.
bool gone(const Context& context, const std::optional<ForumPost>& post) {
    if (!post || post->deleted) return true;
    if (post->number == post->thread) return false;
    const std::optional<ForumPost> first = context.state->forum_post(post->thread);
    return !first || first->deleted;
}

// A post that is not there for this reader: unknown, deleted (or in a deleted thread),
// or hidden (admins are told it is hidden, so they can bring it back).
std::optional<std::string> missing_post(const Event& event, const Context& context, int64_t number,
                                        const std::optional<ForumPost>& post) {
    if (gone(context, post))
        return "Jeg finner ikke innlegg eller tråd nummer " + std::to_string(number) +
               " i forumet. «/forum» viser trådene.";
    if (post->hidden)
        return is_admin(event, context) ? "Innlegg " + std::to_string(number) +
                                              " er skjult av en admin. «/forum gjenopprett " + std::to_string(number) +
                                              "» viser det igjen."
                                        : "Jeg finner ikke innlegg eller tråd nummer " + std::to_string(number) +
                                              " i forumet. «/forum» viser trådene.";
    return std::nullopt;
}

// The thread of post `number`: page `asked_page`, else the page that holds the post.
Outcome show_thread(const Event& event, const Context& context, const Members& members, int64_t number,
                    std::optional<size_t> asked_page) {
    const State& state = *context.state;
    const std::optional<ForumPost> asked = state.forum_post(number);
    if (auto missing = missing_post(event, context, number, asked)) return say(event, *missing);
    const std::optional<ForumPost> first = state.forum_post(asked->thread);
    if (auto missing = missing_post(event, context, asked->thread, first)) return say(event, *missing);
    const std::vector<ForumPost> posts = state.forum_thread_posts(asked->thread);
    // Pages of up to kPostsPerPage posts and kPageCharacters (a long post has a page of its own).
    std::vector<size_t> starts{0};
    for (size_t i = 0, count = 0, characters = 0; i < posts.size(); ++i) {
        const size_t length = character_count(posts[i].text);
        if (count > 0 && (count == kPostsPerPage || characters + length > kPageCharacters)) {
            starts.push_back(i);
            count = characters = 0;
        }
        ++count;
        characters += length;
    }
    const size_t pages = starts.size();
    size_t page = asked_page.value_or(1);
    if (!asked_page)
        for (size_t i = 0; i < posts.size(); ++i)
            if (posts[i].number == number) page = static_cast<size_t>(std::ranges::upper_bound(starts, i) - starts.begin());
    const std::string thread = std::to_string(asked->thread);
    if (page > pages)
        return say(event, "Tråd " + thread + " har bare " + std::to_string(pages) +
                              (pages == 1 ? " side." : " sider.") + " Skriv «/forum vis " + thread + "».");
    std::string header = thread_header(asked->thread, first->title);
    if (pages > 1) header += " (side " + std::to_string(page) + " av " + std::to_string(pages) + ")";
    std::string text;
    for (size_t i = starts[page - 1]; i < (page < pages ? starts[page] : posts.size()); ++i) {
        const ForumPost& post = posts[i];
        text += "\nInnlegg " + std::to_string(post.number) + " – " + author_name(members, post.author) + ", " +
                day_of(context, post.at) + (post.edited_at ? " (endret)" : "") + ":\n" + post.text + "\n";
    }
    text += "\n";
    if (page < pages) text += "Flere svar: «/forum vis " + thread + " side " + std::to_string(page + 1) + "». ";
    text += "Svar med «/forum svar " + thread + " <tekst>», eller svar på denne meldingen.";
    Outcome outcome;
    outcome.replies.push_back(thread_message(event.chat_id, event.thread_id, asked->thread, header, text));
    return outcome;
}

Outcome search(const Event& event, const Context& context, const Members& members, std::string_view typed) {
    std::vector<std::string> prefixes;
    for (const auto word : std::views::split(forum_search_text(typed), ' ')) {
        std::string prefix(word.begin(), word.end());
        if (character_count(prefix) >= kShortestPrefix && std::ranges::find(prefixes, prefix) == prefixes.end())
            prefixes.push_back(std::move(prefix));
    }
    if (prefixes.empty())
        return say(event, "Hva vil du søke etter? Skriv minst to bokstaver, for eksempel «/forum søk budsjett».");
    const std::vector<ForumPost> hits = context.state->forum_search(prefixes, kSearchHits + 1);
    if (hits.empty())
        return say(event, "Ingen innlegg i forumet passer til " + detail::quoted(typed) +
                              ". Prøv begynnelsen av et ord, for eksempel «budsj».");
    std::string text = "Treff for " + detail::quoted(typed) + ", nyeste først:";
    for (size_t i = 0; i < hits.size() && i < static_cast<size_t>(kSearchHits); ++i) {
        const ForumPost& hit = hits[i];
        text += "\n• Tråd " + std::to_string(hit.thread) + " «" + hit.title + "», innlegg " +
                std::to_string(hit.number) + " – " + author_name(members, hit.author) + ", " + day_of(context, hit.at) +
                ": " + snippet(hit.text);
    }
    if (hits.size() > static_cast<size_t>(kSearchHits))
        text += "\n\nViser de " + std::to_string(kSearchHits) + " nyeste. Legg til et ord for å snevre inn.";
    text += "\n\nLes en tråd med «/forum vis <nr>».";
    return say(event, text);
}

Outcome tags(const Event& event, const Context& context, const Members& members, std::string_view typed) {
    const State& state = *context.state;
    std::string_view first_word = trimmed_view(typed);
    first_word = first_word.substr(0, first_word.find_first_of(" \t\r\n"));
    if (first_word.starts_with('#')) first_word.remove_prefix(1);
    // The spellings in use, one entry per tag: the most used spelling and all the posts.
    struct Named {
        std::string key, label;
        int posts = 0;
        std::vector<std::string> spellings;
    };
    std::vector<Named> named;
    for (const ForumTag& item : state.forum_tags()) {  // the most used first
        const std::string key = tag_key(item.tag);
        auto found = std::ranges::find(named, key, &Named::key);
        if (found == named.end()) named.push_back({key, item.tag, item.posts, {item.tag}});
        else {
            found->posts += item.posts;
            found->spellings.push_back(item.tag);
        }
    }
    if (first_word.empty()) {
        if (named.empty())
            return say(event, "Ingen innlegg har emneknagger ennå. Skriv for eksempel #budsjett i teksten, så kan "
                              "andre finne det med «/forum emne budsjett».");
        std::ranges::stable_sort(named, std::greater{}, &Named::posts);
        std::vector<std::string> listed;
        for (const Named& item : named) listed.push_back("#" + item.label + " (" + std::to_string(item.posts) + ")");
        return say(event, "Emneknagger i forumet: " + join_list(listed) + ".\nSkriv «/forum emne " +
                              named.front().label + "» for trådene.");
    }
    const std::vector<std::string> read = forum_tags_of("#" + std::string(first_word));
    if (read.empty())
        return say(event, "En emneknagg begynner med en bokstav, for eksempel «/forum emne budsjett».");
    auto found = std::ranges::find(named, tag_key(read.front()), &Named::key);
    if (found == named.end())
        return say(event, "Ingen tråder er merket #" + read.front() + ". «/forum emne» viser emneknaggene som finnes.");
    std::vector<ForumThread> threads;
    for (const std::string& spelling : found->spellings)
        for (ForumThread& thread : state.forum_threads_tagged(spelling, kThreadsPerPage * 3))
            if (std::ranges::none_of(threads, [&](const ForumThread& t) { return t.first.number == thread.first.number; }))
                threads.push_back(std::move(thread));
    std::ranges::sort(threads, [](const ForumThread& a, const ForumThread& b) {
        return std::tie(a.last_activity, a.first.number) > std::tie(b.last_activity, b.first.number);
    });
    if (threads.size() > static_cast<size_t>(kThreadsPerPage * 3)) threads.resize(kThreadsPerPage * 3);
    std::string text = "Tråder merket #" + found->label + ":";
    for (const ForumThread& thread : threads) text += "\n" + thread_line(context, members, thread);
    text += "\n\nLes en tråd med «/forum vis <nr>».";
    return say(event, text);
}

}  // namespace planbot::commands::forum_detail
