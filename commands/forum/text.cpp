// The forum's numbers and text: post numbers as typed and as named in the bot's own
// messages, trimming, a post's size limit, a long text split into chat-sized pieces
// that each name the thread, days as the listings write them, and the search text and
// #tags of a post (forum_search_text and forum_tags_of, declared in forum.hpp).
#include "commands/forum/forum_support.hpp"

#include <algorithm>
#include <cctype>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands::forum_detail {

namespace {

constexpr size_t kLongestTag = 40;
// Characters of one message the forum sends: a chat message holds 4,096 (UTF-16 units),
// so longer forum texts go as several messages, each with the thread's header line.
constexpr size_t kPieceCharacters = 3500;

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

// UTF-16 units of UTF-8 text, as chat apps count a message's length: a character of
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

// Why a post's text cannot be stored, or nullopt.
std::optional<std::string> text_problem(std::string_view text) {
    if (text.empty()) return "Innlegget er tomt. Skriv teksten etter kommandoen.";
    if (const size_t length = character_count(text); length > kMaxForumPost)
        return "Innlegget er på " + grouped(length) + " tegn, og forumet tar vare på inntil " +
               grouped(kMaxForumPost) + ". Ingenting er lagret. Del det gjerne i flere svar med /forum svar.";
    return std::nullopt;
}

// One reply per piece of `text` (see pieces()).
void add_pieces(std::vector<Reply>& replies, const std::string& chat_id, const std::string& thread_id,
                const std::string& header, std::string_view text) {
    for (std::string& piece : pieces(header, text)) replies.push_back({chat_id, std::move(piece), thread_id});
}

std::string day_of(const Context& context, std::chrono::sys_seconds at) {
    return day_in(local_day(context.zone, at), local_today(context));
}

// What makes two tags one: "#Økonomi", "#økonomi" and "#oekonomi" are written
// differently and found together.
std::string tag_key(std::string_view tag) {
    std::string key = forum_search_text(tag);
    std::erase(key, ' ');
    return key;
}

}  // namespace planbot::commands::forum_detail

namespace planbot::commands {

using namespace forum_detail;

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

}  // namespace planbot::commands
