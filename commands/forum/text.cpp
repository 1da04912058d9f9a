// The forum's numbers and text: post numbers as typed, trimming, a post's size limit,
// a message that shows a thread, days as the listings write them, and the search text and
// #tags of a post (forum_search_text and forum_tags_of, declared in forum.hpp).
#include "commands/forum/forum_support.hpp"

#include <algorithm>
#include <cctype>

#include "commands/language/dates.hpp"
#include "commands/language/norwegian.hpp"

namespace planbot::commands::forum_detail {

namespace {

constexpr size_t kLongestTag = 40;

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

Reply thread_message(const std::string& chat_id, const std::string& thread_id, int64_t thread,
                     const std::string& header, std::string_view text) {
    Reply reply = message_to(chat_id, header + "\n" + std::string(text), thread_id);
    reply.message()->forum_thread = thread;
    return reply;
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
    for (std::string word : folded_words(text)) {
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
