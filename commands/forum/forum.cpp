// See forum.hpp. The commands (/forum …), the text that follows "/forum ny", replies to
// relayed posts, and the relays themselves.
#include "commands/forum/forum.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <ranges>
#include <variant>

#include "commands/language/norwegian.hpp"
#include "commands/reply_text.hpp"
#include "commands/people/roles.hpp"
#include "commands/work/work_support.hpp"

namespace planbot::commands {

namespace {

using detail::character_count;
using detail::display_name;
using detail::join_list;
using detail::say;

constexpr int kThreadsPerPage = 10;
constexpr int64_t kLastPage = 1'000'000;  // pages asked for beyond this are read as this one
constexpr size_t kPostsPerPage = 10;
constexpr size_t kPageCharacters = 8000;  // of posts on one page of /forum vis (about three messages)
constexpr int kSearchHits = 10;
constexpr size_t kSnippet = 120;  // bytes of a post shown in a search hit
constexpr size_t kLongestTag = 40;
constexpr size_t kShortestPrefix = 2;  // characters of a search word

// The first line of every relayed, mirrored or shown thread: a reply to any of them
// names the thread ("Forumtråd 12").
constexpr std::string_view kThreadWord = "Forumtråd ";
constexpr std::string_view kRelayMark = "💬 ";
// Characters of one message the forum sends: a chat message holds 4,096 (UTF-16 units),
// so longer forum texts go as several messages, each with the thread's header line.
constexpr size_t kPieceCharacters = 3500;
// A member's message arriving this soon after a post of theirs that filled a whole chat
// message (at least kSplitLength characters) continues it: a phone app sends a text over
// the platform's limit (Telegram: 4,096) as several messages. A shorter post was not split.
constexpr std::chrono::seconds kContinuationWindow{5};
constexpr size_t kSplitLength = 3500;

constexpr std::string_view kUsage =
    "Forumet for enpersonsgrupper:\n"
    "• /forum – de nyeste trådene (/forum side 2 for flere)\n"
    "• /forum ny <tittel> – start en tråd; skriv teksten i neste melding (eller «/forum ny tittel: tekst»)\n"
    "• /forum vis 12 – les tråd 12 med svarene\n"
    "• /forum svar 12 <tekst> – svar i tråd 12 (eller svar på meldingen fra meg)\n"
    "• /forum søk <ord> – søk i titler og tekst\n"
    "• /forum emne – emneknaggene; /forum emne budsjett – trådene merket #budsjett\n"
    "• /forum rediger 13 <tekst>, /forum slett 13 – endre eller slette ditt eget innlegg\n"
    "• /forum demp – bare en oppsummering hver mandag; /forum på – hvert innlegg igjen\n"
    "Skriv #emneknagger i teksten, for eksempel #budsjett eller #skole. Forumet tar bare vare på tekst.";

// ---- members -------------------------------------------------------------------

struct Members {
    std::vector<ForumMember> list;

    const ForumMember* find(std::string_view platform, std::string_view user_id) const {
        for (const ForumMember& member : list)
            if (member.person.platform == platform && member.person.user_id == user_id) return &member;
        return nullptr;
    }
};

Members members_of(const Event& event, const Context& context) {
    return {forum_members(context.plan, *context.state, event.platform, context.config_admins)};
}

// "Kari Nordmann (Oppdal)"; an author who is no longer a member by name only.
std::string author_name(const Members& members, const Person& author) {
    const ForumMember* member = members.find(author.platform, author.user_id);
    return display_name(author) + (member ? " (" + member->label + ")" : "");
}

// "Sara Sekretær (@sara)": a name and how to reach them from a phone.
std::string reachable_name(const Person& person) {
    return person.username.empty() || person.name.empty() ? display_name(person)
                                                           : person.name + " (@" + person.username + ")";
}

// Who to ask for membership: the fylkessekretær, else the admins, by name.
std::string contact_names(const Event& event, const Context& context) {
    std::vector<std::string> names;
    for (const Holding& holding : context.state->holders(context.plan.special.secretary))
        if (holding.person.platform == event.platform) names.push_back(reachable_name(holding.person));
    if (names.empty())
        for (const Person& admin : context.state->admins())
            if (admin.platform == event.platform) names.push_back(reachable_name(admin));
    if (names.empty()) return "fylkessekretæren eller en administrator";
    return join_list(names, " eller ");
}

Outcome not_a_member(const Event& event, const Context& context) {
    return say(event, "Forumet er for enpersonsgruppene i kommunestyrene, med fylkesstyret og administratorene som "
                      "mentorer, og jeg kan ikke vise deg noe fra det. Vil du være med, ta kontakt med " +
                          contact_names(event, context) + ".");
}

// ---- numbers and text ------------------------------------------------------------

// Digits as a number from 0 to 10^15 - 1 (leading zeros allowed), else nullopt.
std::optional<int64_t> digits_number(std::string_view arg) {
    std::string word = detail::one_word(arg);
    if (word.empty() || !std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    word.erase(0, std::min(word.find_first_not_of('0'), word.size() - 1));
    if (word.size() > 15) return std::nullopt;
    return std::stoll(word);
}

// A post number as typed ("12", "12."), never 0.
std::optional<int64_t> post_number(std::string_view arg) {
    const auto number = digits_number(arg);
    if (!number || *number <= 0) return std::nullopt;
    return number;
}

// The thread a bot message is about: its first line starts with "Forumtråd 12" (after
// "💬 " on relays). Every piece of a long forum message starts so (see pieces()).
std::optional<int64_t> thread_named_in(std::string_view bot_text) {
    std::string_view first_line = bot_text.substr(0, bot_text.find('\n'));
    if (first_line.starts_with(kRelayMark)) first_line.remove_prefix(kRelayMark.size());
    if (!first_line.starts_with(kThreadWord)) return std::nullopt;
    std::string_view digits = first_line.substr(kThreadWord.size());
    size_t length = 0;
    while (length < digits.size() && length < 12 && digits[length] >= '0' && digits[length] <= '9') ++length;
    if (length == 0) return std::nullopt;
    return post_number(digits.substr(0, length));
}

std::string_view trimmed_view(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string trimmed(std::string_view text) { return std::string(trimmed_view(text)); }

// Lower case for ASCII and the Latin-1 letters (Æ Ø Å É …), UTF-8 otherwise unchanged.
std::string lower_case(std::string_view text) {
    std::string out(text);
    for (size_t i = 0; i < out.size(); ++i) {
        const auto byte = static_cast<unsigned char>(out[i]);
        if (byte >= 'A' && byte <= 'Z') out[i] = static_cast<char>(byte - 'A' + 'a');
        else if (byte == 0xC3 && i + 1 < out.size()) {
            const auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
            ++i;
        }
    }
    return out;
}

// "20 000".
std::string grouped(size_t number) {
    std::string digits = std::to_string(number), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
        out += digits[i];
    }
    return out;
}

// Why a post's text cannot be stored, or nullopt.
std::optional<std::string> text_problem(std::string_view text) {
    if (text.empty()) return "Innlegget er tomt. Skriv teksten etter kommandoen.";
    if (const size_t length = character_count(text); length > kMaxForumPost)
        return "Innlegget er på " + grouped(length) + " tegn, og forumet tar vare på inntil " +
               grouped(kMaxForumPost) + ". Ingenting er lagret. Del det gjerne i flere svar med /forum svar.";
    return std::nullopt;
}

// UTF-16 units of UTF-8 text, as Telegram counts a message's length: a character of
// four bytes (most emoji) counts two.
size_t utf16_units(std::string_view text) {
    size_t units = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
    }
    return units;
}

// `text` as messages of at most kPieceCharacters UTF-16 units, split at line ends where
// it can be (else between characters), each starting with `header` ("Forumtråd 12: …")
// so that a reply to any of them finds the thread; "(del 2 av 3)" marks the pieces.
std::vector<std::string> pieces(const std::string& header, std::string_view text) {
    std::vector<std::string> bodies;
    const size_t room = kPieceCharacters - std::min(kPieceCharacters / 2, utf16_units(header) + 16);
    while (!text.empty()) {
        size_t cut = 0, units = 0, last_line = 0;
        while (cut < text.size()) {
            const size_t length = std::min<size_t>(static_cast<unsigned char>(text[cut]) >= 0xF0 ? 4 : 1, text.size() - cut);
            const size_t add = length == 4 ? 2 : 1;
            if (units + add > room) break;
            if (text[cut] == '\n') last_line = cut + 1;
            cut += length;
            while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
            units += add;
        }
        if (cut < text.size() && last_line > cut / 2) cut = last_line;  // a line end, unless it leaves a stub
        if (std::string body = trimmed(text.substr(0, cut)); !body.empty()) bodies.push_back(std::move(body));
        text = text.substr(cut);
    }
    std::vector<std::string> out;
    for (size_t i = 0; i < bodies.size(); ++i)
        out.push_back(header +
                      (bodies.size() > 1 ? " (del " + std::to_string(i + 1) + " av " + std::to_string(bodies.size()) + ")"
                                         : "") +
                      "\n" + bodies[i]);
    return out;
}

// One reply per piece of `text` (see pieces()).
void add_pieces(std::vector<Reply>& replies, const std::string& chat_id, const std::string& thread_id,
                const std::string& header, std::string_view text) {
    for (std::string& piece : pieces(header, text)) replies.push_back({chat_id, std::move(piece), thread_id});
}

std::string day_of(const Context& context, std::chrono::sys_seconds at) {
    return day_in(local_day(context.zone, at), local_today(context));
}

// ---- relays ---------------------------------------------------------------------

std::string relay_hint(bool mirror) {
    return mirror ? "Svar på denne meldingen for å svare i forumet."
                  : "Svar ved å svare på denne meldingen, eller med «/forum svar <nr> <tekst>». "
                    "«/forum demp» gir deg heller en oppsummering hver mandag.";
}

// A topic's name (at most 128 characters on Telegram): "12 Budsjettkampen".
std::string topic_name(const std::string& title) {
    std::string name = title;
    size_t cut = 0, characters = 0;
    while (cut < name.size() && characters < 120) {
        ++cut;
        while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;
        ++characters;
    }
    return name.substr(0, cut);
}

std::string thread_header(int64_t thread, std::string_view title) {
    return std::string(kThreadWord) + std::to_string(thread) + ": " + std::string(title);
}

// A relayed or mirrored post, without its header line (pieces() adds it).
std::string relay_body(const ForumPost& post, const std::string& author, bool mirror) {
    std::string hint = relay_hint(mirror);
    if (!mirror) hint.replace(hint.find("<nr>"), 4, std::to_string(post.thread));
    const bool first = post.number == post.thread;
    return (first ? "Ny tråd fra " : "Svar fra ") + author + " (innlegg " + std::to_string(post.number) + "):\n\n" +
           post.text + "\n\n" + hint;
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
             bool written_in_mirror = false) {
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
        if (member.person.user_id == author.user_id) continue;
        if (context.state->forum_muted(member.person.platform, member.person.user_id)) {
            ++muted;
            continue;
        }
        add_pieces(outcome.replies, member.person.user_id, "", header, relay_body(post, name, false));
        ++live;
    }
    if (!written_in_mirror)
        for (const Channel& channel : context.state->channels()) {
            if (channel.target != kForumChannel || channel.platform != event.platform) continue;
            const size_t from = outcome.replies.size();
            add_pieces(outcome.replies, channel.chat_id, channel.thread_id, header, relay_body(post, name, true));
            // Bound in a group as a whole (in a forum supergroup: its General topic), each
            // thread gets a topic of its own there, opened by the thread's first post.
            if (!channel.thread_id.empty()) continue;
            for (size_t i = from; i < outcome.replies.size(); ++i) outcome.replies[i].forum_thread = post.thread;
            if (first) outcome.replies[from].open_topic = topic_name(post.title);
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
    outcome.replies.insert(outcome.replies.begin(), {event.chat_id, told, event.thread_id});
}

// ---- listings ---------------------------------------------------------------------

std::string thread_line(const Context& context, const Members& members, const ForumThread& thread) {
    return "• " + std::to_string(thread.first.number) + " " + thread.first.title + " – " +
           author_name(members, thread.first.author) + ", " +
           (thread.replies == 1 ? "1 svar" : std::to_string(thread.replies) + " svar") + ", sist " +
           day_of(context, thread.last_activity);
}

Outcome list_threads(const Event& event, const Context& context, const Members& members, int page) {
    const State& state = *context.state;
    const int count = state.forum_thread_count();
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
    text += "\n\nLes en tråd med «/forum vis <nr>», start en med «/forum ny <tittel>». /forum hjelp viser resten.";
    return say(event, text);
}

// A post that is not there for this reader: unknown, deleted, or hidden (admins are
// told it is hidden, so they can bring it back).
std::optional<std::string> missing_post(const Event& event, const Context& context, int64_t number,
                                        const std::optional<ForumPost>& post) {
    if (!post || post->deleted)
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
    add_pieces(outcome.replies, event.chat_id, event.thread_id, header, text);
    return outcome;
}

std::string snippet(std::string_view text) {
    std::string flat(text);
    std::ranges::replace(flat, '\n', ' ');
    return detail::shortened(flat, kSnippet);
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

// What makes two tags one: "#Økonomi", "#økonomi" and "#oekonomi" are written
// differently and found together.
std::string tag_key(std::string_view tag) {
    std::string key = forum_search_text(tag);
    std::erase(key, ' ');
    return key;
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

// ---- writing ---------------------------------------------------------------------

std::optional<std::string> title_problem(std::string_view title) {
    if (title.empty()) return "Tråden trenger en tittel. Skriv for eksempel «/forum ny Budsjettkampen».";
    if (character_count(title) > kMaxForumTitle)
        return "Tittelen er for lang (over " + std::to_string(kMaxForumTitle) +
               " tegn). Skriv en kort tittel, og resten i teksten.";
    return std::nullopt;
}

Outcome start_thread(const Event& event, const Context& context, const Members& members, const std::string& title,
                     const std::string& text) {
    if (auto problem = text_problem(text)) return say(event, *problem);
    Outcome outcome;
    const int64_t number = context.state->next_forum_post_number();
    publish(event, context, members, new_post(number, number, title, text), outcome);
    return outcome;
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

// "/forum ny <tittel>", "/forum ny <tittel>: <tekst>", or the title's line and the text
// below it.
Outcome new_thread(const Event& event, const Context& context, const Members& members, std::string_view rest) {
    std::string title = trimmed(rest), text;
    if (const size_t end = title_end(title); end != std::string::npos) {
        text = trimmed(std::string_view(title).substr(end + 1));
        title = trimmed(std::string_view(title).substr(0, end));
    }
    if (auto problem = title_problem(title)) return say(event, *problem);
    if (!text.empty()) return start_thread(event, context, members, title, text);
    Outcome outcome;
    outcome.changes.push_back({SetForumDraft{ForumDraft{title, context.now}}, ""});
    outcome.replies.push_back({event.chat_id,
                               "Tråden «" + title + "» er klar. Skriv teksten i neste melding (bare tekst). "
                               "«/forum avbryt» avbryter.",
                               event.thread_id});
    return outcome;
}

Outcome reply_to(const Event& event, const Context& context, const Members& members, int64_t number,
                 const std::string& text, bool written_in_mirror = false) {
    const std::optional<ForumPost> target = context.state->forum_post(number);
    if (auto missing = missing_post(event, context, number, target)) return say(event, *missing);
    const std::optional<ForumPost> first = context.state->forum_post(target->thread);
    if (auto missing = missing_post(event, context, target->thread, first)) return say(event, *missing);
    if (text.empty())
        return say(event, "Hva vil du svare? Skriv «/forum svar " + std::to_string(target->thread) + " <tekst>».");
    if (auto problem = text_problem(text)) return say(event, *problem);
    Outcome outcome;
    publish(event, context, members,
            new_post(context.state->next_forum_post_number(), target->thread, first->title, text), outcome,
            written_in_mirror);
    return outcome;
}

// The caller's own post that they may change: it exists, is not deleted, is theirs.
std::variant<ForumPost, std::string> own_post(const Event& event, const Context& context, int64_t number) {
    const std::optional<ForumPost> post = context.state->forum_post(number);
    if (auto missing = missing_post(event, context, number, post)) return *missing;
    if (post->author.platform != event.platform || post->author.user_id != event.user_id)
        return "Innlegg " + std::to_string(number) + " er skrevet av " + display_name(post->author) +
               ". Du kan bare endre og slette dine egne innlegg.";
    return *post;
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
    outcome.replies.push_back({event.chat_id, "✏️ Innlegg " + std::to_string(number) + " er endret.", event.thread_id});
    return outcome;
}

Outcome delete_post(const Event& event, const Context& context, int64_t number) {
    auto found = own_post(event, context, number);
    if (auto* problem = std::get_if<std::string>(&found)) return say(event, *problem);
    const ForumPost& post = std::get<ForumPost>(found);
    if (post.number == post.thread)
        for (const ForumPost& reply : context.state->forum_thread_posts(post.thread))
            if (reply.author.platform != event.platform || reply.author.user_id != event.user_id)
                return say(event, "Tråd " + std::to_string(number) + " har svar fra andre, og de forsvinner ikke med "
                                  "den. Endre heller teksten med «/forum rediger " + std::to_string(number) +
                                  " <tekst>», eller be en administrator skjule tråden.");
    Outcome outcome;
    outcome.changes.push_back(
        {DeleteForumPost{number}, "Forum: innlegg " + std::to_string(number) + " slettet av forfatteren"});
    outcome.replies.push_back(
        {event.chat_id,
         post.number == post.thread ? "🗑 Tråd " + std::to_string(number) + " er slettet, med svarene i den."
                                    : "🗑 Innlegg " + std::to_string(number) + " er slettet.",
         event.thread_id});
    return outcome;
}

Outcome hide_post(const Event& event, const Context& context, int64_t number, bool hide) {
    if (!is_admin(event, context)) return say(event, "Bare en admin kan skjule innlegg. Ditt eget kan du slette med "
                                                     "«/forum slett <nr>».");
    const std::optional<ForumPost> post = context.state->forum_post(number);
    if (!post || post->deleted)
        return say(event, "Jeg finner ikke innlegg nummer " + std::to_string(number) + " i forumet.");
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
    outcome.replies.push_back({event.chat_id, text, event.thread_id});
    return outcome;
}

Outcome set_muted(const Event& event, const Context& context, bool muted) {
    if (context.state->forum_muted(event.platform, event.user_id) == muted)
        return say(event, muted ? "Du får allerede bare oppsummeringen hver mandag. «/forum på» gir deg hvert innlegg."
                                : "Du får allerede hvert nytt innlegg. «/forum demp» gir deg heller en oppsummering "
                                  "hver mandag.");
    Outcome outcome;
    outcome.changes.push_back({SetForumMuted{muted}, ""});
    outcome.replies.push_back(
        {event.chat_id,
         muted ? "🔕 Du får nå en oppsummering av nye tråder og svar hver mandag morgen i stedet for hvert innlegg. "
                 "«/forum på» slår det av igjen."
               : "🔔 Du får nå hvert nytt innlegg i forumet med en gang.",
         event.thread_id});
    return outcome;
}

// "/forum vis 12 side 2": the page asked for, taken off the args; nullopt when none is.
// A page past every page is told so (a number of any length reads as kLastPage).
std::optional<size_t> take_page(std::vector<std::string>& args) {
    if (args.size() < 2 || detail::one_word(args[args.size() - 2]) != "side") return std::nullopt;
    const std::string word = detail::one_word(args.back());
    if (word.empty() || !std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    const auto number = digits_number(word);
    args.resize(args.size() - 2);
    return static_cast<size_t>(number ? std::clamp<int64_t>(*number, 1, kLastPage) : kLastPage);
}

Outcome forum_command(const Event& event, const Context& context, const Command& command) {
    if (event.chat_kind != ChatKind::private_chat)
        return say(event, "Forumet er privat. Skriv /forum til meg i en privat melding (trykk på navnet mitt).");
    const Members members = members_of(event, context);
    if (!members.find(event.platform, event.user_id)) return not_a_member(event, context);

    std::vector<std::string> args = command.args;
    const std::optional<size_t> page = take_page(args);
    const std::string sub = args.empty() ? "" : detail::one_word(args[0]);
    auto number_at = [&](size_t at) { return at < args.size() ? post_number(args[at]) : std::nullopt; };
    auto needs_number = [&](std::string_view how) {
        return say(event, "Hvilket nummer? Skriv for eksempel «/forum " + std::string(how) + "». «/forum» viser "
                          "trådene med numrene.");
    };

    if (sub.empty()) return list_threads(event, context, members, static_cast<int>(page.value_or(1)));
    if (post_number(args[0])) return show_thread(event, context, members, *post_number(args[0]), page);
    if (is_one_of(sub, {"hjelp", "help"})) return say(event, std::string(kUsage));
    if (is_one_of(sub, {"ny", "nytt", "ni"})) return new_thread(event, context, members, detail::text_after(command.rest, 1));
    if (is_one_of(sub, {"vis", "les", "sjå", "sja", "apne"})) {
        if (auto number = number_at(1)) return show_thread(event, context, members, *number, page);
        return needs_number("vis 12");
    }
    if (is_one_of(sub, {"svar", "svare"})) {
        if (auto number = number_at(1))
            return reply_to(event, context, members, *number, detail::text_after(command.rest, 2));
        return needs_number("svar 12 <tekst>");
    }
    if (is_one_of(sub, {"sok", "finn", "let"})) return search(event, context, members, detail::text_after(command.rest, 1));
    if (is_one_of(sub, {"emne", "emner", "emneknagg", "emneknagger", "tag", "knagg"}))
        return tags(event, context, members, detail::text_after(command.rest, 1));
    if (is_one_of(sub, {"demp", "dempe", "stille", "ukentlig"})) return set_muted(event, context, true);
    if (is_one_of(sub, {"pa", "live", "alle"})) return set_muted(event, context, false);
    if (is_one_of(sub, {"rediger", "endre", "rett"})) {
        if (auto number = number_at(1)) return edit_post(event, context, *number, detail::text_after(command.rest, 2));
        return needs_number("rediger 13 <ny tekst>");
    }
    if (is_one_of(sub, {"slett", "slette", "fjern"})) {
        if (auto number = number_at(1)) return delete_post(event, context, *number);
        return needs_number("slett 13");
    }
    if (is_one_of(sub, {"skjul", "skjule"})) {
        if (auto number = number_at(1)) return hide_post(event, context, *number, true);
        return needs_number("skjul 13");
    }
    if (is_one_of(sub, {"gjenopprett", "vis-igjen", "fram"})) {
        if (auto number = number_at(1)) return hide_post(event, context, *number, false);
        return needs_number("gjenopprett 13");
    }
    if (is_one_of(sub, {"avbryt", "angre", "stopp"})) {
        if (!context.state->forum_draft(event.platform, event.user_id))
            return say(event, "Du har ingen tråd som venter på tekst.");
        Outcome outcome;
        outcome.changes.push_back({SetForumDraft{std::nullopt}, ""});
        outcome.replies.push_back({event.chat_id, "Tråden er avbrutt; ingenting er lagret.", event.thread_id});
        return outcome;
    }
    return say(event, "Den kjenner jeg ikke: " + detail::quoted(args[0]) + ".\n\n" + std::string(kUsage));
}

// A photo, file or voice message: the forum keeps text only.
Outcome attachment(const Event& event, const Context& context, bool member) {
    if (!member) return say(event, "Jeg leser bare tekst. Skriv for eksempel «hva skjer i mai» eller «hjelp».");
    std::string text = "Forumet tar bare vare på tekst, så vedlegget er ikke lagret. Skriv innlegget som tekst "
                       "(en lenke går fint).";
    if (auto draft = context.state->forum_draft(event.platform, event.user_id);
        draft && context.now - draft->started <= kDraftLifetime)
        text += " Tråden «" + draft->title + "» venter fortsatt på teksten din.";
    return say(event, text);
}

bool is_mirror(const Event& event, const Context& context) {
    return std::ranges::any_of(context.state->channels(), [&](const Channel& channel) {
        return channel.target == kForumChannel && channel.platform == event.platform && channel.chat_id == event.chat_id;
    });
}

}  // namespace

const std::vector<CommandSpec>& forum_commands() {
    static const std::vector<CommandSpec> rows = {
        {.name = "forum",
         .handler = [](const Event& event, const Context& context, const Command& command) {
             // "/forum ny …" as a photo's caption: the photo would be lost, so nothing is posted.
             if (!event.attachment.empty() && event.chat_kind == ChatKind::private_chat)
                 return attachment(event, context, members_of(event, context).find(event.platform, event.user_id));
             return forum_command(event, context, command);
         },
         .help = "forumet for enpersonsgruppene (for medlemmene, i privat chat)",
         .menu = "Forumet for enpersonsgruppene (i privat chat)"},
    };
    return rows;
}

std::optional<Outcome> handle_forum(const Event& event, const Context& context, const std::optional<Command>& command) {
    if (command) return run_command(forum_commands(), event, context, *command);
    if (!context.state || event.button) return std::nullopt;
    const bool in_private = event.chat_kind == ChatKind::private_chat;
    const std::optional<int64_t> replied_thread = thread_named_in(event.reply_to_bot_text);
    std::optional<int64_t> thread = replied_thread;
    // In a group only the mirror's messages can be the forum's: a reply to a mirrored
    // post, or a message in a thread's own topic. Anything else there (photos included)
    // is not for the bot to answer.
    bool in_topic = false;
    if (!in_private) {
        const bool mirror = is_mirror(event, context);
        if (mirror && !thread && !event.thread_id.empty()) {
            thread = context.state->forum_thread_of_topic(event.platform, event.chat_id, event.thread_id);
            in_topic = thread.has_value();
        }
        if (!mirror || !thread) {
            if (!event.attachment.empty()) return Outcome{};
            return std::nullopt;
        }
    }
    const std::optional<ForumDraft> draft =
        in_private ? context.state->forum_draft(event.platform, event.user_id) : std::nullopt;
    const bool fresh_draft = draft && context.now - draft->started <= kDraftLifetime;
    if (!fresh_draft && !thread && event.attachment.empty()) {
        // The rest of a text too long for one chat message, which the app sent as several.
        for (const ForumPost& post : context.state->forum_posts_between(context.now - kContinuationWindow, context.now))
            if (post.author.platform == event.platform && post.author.user_id == event.user_id)
                thread = character_count(post.text) >= kSplitLength ? std::optional(post.thread) : std::nullopt;
        if (!thread) return std::nullopt;
    }

    const Members members = members_of(event, context);
    const bool member = members.find(event.platform, event.user_id) != nullptr;
    // The topic is the group's: what others write there is theirs, and left alone.
    if (in_topic && !member) return Outcome{};
    if (!event.attachment.empty()) return attachment(event, context, member);
    if (!member) {
        Outcome refused = not_a_member(event, context);
        if (draft) refused.changes.push_back({SetForumDraft{std::nullopt}, ""});
        return refused;
    }
    const std::string text = trimmed(event.text);
    // A reply to a thread's message says where it belongs, even while a new thread waits for its text.
    if (fresh_draft && !replied_thread) {
        Outcome outcome = start_thread(event, context, members, draft->title, text);
        if (!outcome.changes.empty()) outcome.changes.push_back({SetForumDraft{std::nullopt}, ""});
        return outcome;
    }
    Outcome outcome = reply_to(event, context, members, *thread, text, !in_private);
    // Written in the thread's topic, the post is there for all to see: no receipt under it.
    if (in_topic && !outcome.changes.empty()) outcome.replies.erase(outcome.replies.begin());
    return outcome;
}

std::vector<ForumMember> forum_members(const config::Plan& plan, const State& state, std::string_view platform,
                                       const std::vector<std::string>& config_admins) {
    std::vector<ForumMember> out;
    auto add = [&](const Person& person, std::string label) {
        if (person.platform != platform) return;
        if (std::ranges::any_of(out, [&](const ForumMember& m) { return m.person.user_id == person.user_id; })) return;
        out.push_back({person, std::move(label)});
    };
    auto by_name = [](std::vector<Holding> list) {
        std::ranges::stable_sort(list, [](const Holding& a, const Holding& b) {
            return std::tie(a.role.unit, a.person.name) < std::tie(b.role.unit, b.person.name);
        });
        return list;
    };
    const config::SpecialRoles& special = plan.special;
    if (!special.forum_members.empty())
        for (const Holding& holding : by_name(state.holders(special.forum_members)))
            add(holding.person, holding.role.unit.empty() ? role_label(plan, holding.role) : holding.role.unit);
    if (!special.board.empty())
        for (const Holding& holding : by_name(state.holders(special.board))) add(holding.person, special.board);
    for (const Person& admin : state.admins()) add(admin, "admin");
    for (const std::string& user_id : config_admins) {
        Person admin = state.person(platform, user_id).value_or(Person{std::string(platform), user_id, "", ""});
        add(admin, "admin");
    }
    return out;
}

std::string forum_search_text(std::string_view text) {
    std::string out;
    for (std::string word : words(text)) {
        std::string normal;
        for (size_t i = 0; i < word.size(); ++i) {
            const char c = word[i] == '-' ? ' ' : word[i];
            normal += c;
            if (c == 'o' && i + 1 < word.size() && word[i + 1] == 'e') ++i;  // "oe" is how ø is typed without it
        }
        if (!out.empty()) out += ' ';
        out += normal;
    }
    return out;
}

namespace {

// Bytes of the character at `at` if a tag may hold it, else 0: ASCII letters and digits,
// '-', '_', and the Latin letters of two UTF-8 bytes (æ ø å é ü …, ŋ č š …; not × or ÷).
// Punctuation («» … –), spaces and emoji end a tag.
size_t tag_character(std::string_view text, size_t at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (std::isalnum(byte) || byte == '-' || byte == '_') return 1;
    if (byte < 0xC3 || byte > 0xC9 || at + 1 >= text.size()) return 0;
    const auto next = static_cast<unsigned char>(text[at + 1]);
    if ((next & 0xC0) != 0x80 || (byte == 0xC3 && (next == 0x97 || next == 0xB7))) return 0;
    return 2;
}

}  // namespace

std::vector<std::string> forum_tags_of(std::string_view text) {
    std::vector<std::string> out, keys;
    for (size_t at = text.find('#'); at != std::string_view::npos; at = text.find('#', at + 1)) {
        if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '#')) continue;
        size_t end = at + 1;
        while (end < text.size())
            if (const size_t length = tag_character(text, end)) end += length;
            else break;
        std::string tag = lower_case(text.substr(at + 1, end - at - 1));
        while (!tag.empty() && (tag.back() == '-' || tag.back() == '_')) tag.pop_back();
        const bool starts_with_letter =
            !tag.empty() && ((tag[0] >= 'a' && tag[0] <= 'z') || static_cast<unsigned char>(tag[0]) >= 0xC0);
        if (!starts_with_letter || character_count(tag) > kLongestTag) continue;
        std::string key = tag_key(tag);
        if (key.empty() || std::ranges::find(keys, key) != keys.end()) continue;
        keys.push_back(std::move(key));
        out.push_back(std::move(tag));
    }
    return out;
}

std::string forum_follow_up_lines(const config::Plan& plan, const State& state, const date::time_zone* zone,
                                  date::year_month_day deadline) {
    std::vector<Holding> groups =
        plan.special.forum_members.empty() ? std::vector<Holding>{} : state.holders(plan.special.forum_members);
    if (groups.empty())
        return "Ingen har rollen " + role_label(plan, {plan.special.forum_members, ""}) +
               " ennå. Gi den med «/rolle gi enpersonsgruppe <kommune> @navn», så kommer de med i forumet og på "
               "denne lista.";
    std::ranges::stable_sort(groups, [](const Holding& a, const Holding& b) {
        return std::tie(a.role.unit, a.person.name) < std::tie(b.role.unit, b.person.name);
    });
    const unsigned quarter_month = (static_cast<unsigned>(deadline.month()) - 1) / 3 * 3 + 1;
    const date::local_days quarter_start{deadline.year() / date::month(quarter_month) / 1};
    const std::chrono::sys_seconds quarter_from = date::make_zoned(zone, date::local_seconds(quarter_start)).get_sys_time();
    std::string text = "Enpersonsgruppene i forumet:";
    std::vector<std::string> silent;
    for (const Holding& holding : groups) {
        const std::string name = display_name(holding.person) +
                                 (holding.role.unit.empty() ? "" : " (" + holding.role.unit + ")");
        const auto last = state.forum_last_post_by(holding.person.platform, holding.person.user_id);
        if (last) {
            text += "\n• " + name + ": sist i forumet " + format_day(local_day(zone, *last), true);
        } else {
            text += "\n• " + name + ": har ikke skrevet i forumet";
        }
        if (!last || *last < quarter_from) silent.push_back(name);
    }
    text += silent.empty() ? "\nAlle har vært i forumet dette kvartalet."
                           : "\nIngen kontakt i forumet dette kvartalet: " + join_list(silent) +
                                 ". Ta en telefon eller skriv til dem.";
    return text;
}

}  // namespace planbot::commands
