// Reply rendering, the other half of the Slack adapter (adapter.hpp; the first half,
// event_reader.cpp, reads deliveries): outbox_messages turns a neutral commands::Reply
// into outbox rows (mrkdwn-escaped, split at Slack's section limit, people mentioned as
// <@U…>, the ✅ Ferdig and ✅ Publiser buttons as Block Kit, edits, ephemeral answers to
// presses), and api_request turns one row into the Web API call that delivers it. Pure:
// no sockets, no database, no clock; an unreadable payload in a row is left out of the
// call rather than thrown.
#include "bot/slack/adapter.hpp"

#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/router.hpp"

#include <algorithm>
#include <optional>
#include <type_traits>

namespace planbot::bot::slack {

namespace {

using nlohmann::json;

// Byte length of the UTF-8 sequence starting with `lead` (1 for invalid bytes).
size_t sequence_bytes(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

// How many characters `c` (a character's first byte) takes once escaped.
size_t escaped_width(char c) {
    if (c == '&') return 5;
    if (c == '<' || c == '>') return 4;
    return 1;
}

size_t escaped_length(std::string_view text) {
    size_t length = 0;
    for (size_t i = 0; i < text.size(); i += std::min(sequence_bytes(static_cast<unsigned char>(text[i])), text.size() - i))
        length += escaped_width(text[i]);
    return length;
}

// The longest start of `text` that is at most `limit` characters once escaped, in whole
// characters; a cut text ends with "…" (inside the limit).
std::string cut_to(std::string_view text, size_t limit) {
    if (escaped_length(text) <= limit) return std::string(text);
    std::string out;
    size_t width = 0;
    for (size_t i = 0; i < text.size();) {
        const size_t bytes = std::min(sequence_bytes(static_cast<unsigned char>(text[i])), text.size() - i);
        if (width + escaped_width(text[i]) + 1 > limit) break;  // room for the "…"
        width += escaped_width(text[i]);
        out.append(text.substr(i, bytes));
        i += bytes;
    }
    return out + "…";
}

// A Slack user id ("U…", or "W…" in an Enterprise Grid), as a mention can name it.
bool is_slack_user_id(std::string_view id) {
    if (id.size() < 3 || (id.front() != 'U' && id.front() != 'W')) return false;
    return std::ranges::all_of(id, [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// Where `needle` first occurs in `piece` outside the mentions made already ("Kari" in
// "<@U1>" cannot occur, but a name may be part of a longer name that was linked).
size_t find_outside_mentions(const std::string& piece, const std::string& needle) {
    for (size_t at = piece.find(needle); at != std::string::npos; at = piece.find(needle, at + 1)) {
        const size_t open = piece.rfind("<@", at);
        const size_t close = open == std::string::npos ? std::string::npos : piece.find('>', open);
        if (open == std::string::npos || close == std::string::npos || close < at) return at;
    }
    return std::string::npos;
}

// Room left in each piece for the mentions linked after the split: "<@U0123ABCD>" is
// longer than the "@kari" or "Kari" it replaces.
constexpr size_t kMentionRoom = 300;

// Whether a '/' at `at` starts a word: at the start, or after a space or an opening mark
// (not inside a URL, a date or a fraction).
bool starts_word(std::string_view text, size_t at) {
    if (at == 0) return true;
    const char before = text[at - 1];
    return before == ' ' || before == '\n' || before == '\t' || before == '(' || before == '"' || before == '\'' ||
           before == '`' || before == '*' || before == '_' || text.substr(0, at).ends_with("«");
}

}  // namespace

std::string slack_commands(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        out += text[i];
        if (text[i] != '/' || !starts_word(text, i)) continue;
        // The command's name as the core's reader sees it ("/ferdig 9", "/paminnelser").
        size_t end = i + 1;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != ')' && text[end] != ',' &&
               text[end] != '.' && text[end] != '\xc2' /* « » */ && text[end] != '"' && text[end] != '`' && text[end] != '*')
            ++end;
        if (end == i + 1) continue;
        const std::optional<commands::Command> command = commands::read_command(std::string(text.substr(i, end - i)));
        if (command && commands::find_command(commands::command_table(), command->name) != nullptr) out += "planbot ";
    }
    return out;
}

namespace {

// Replaces the first occurrence of `needle` in `pieces` (outside mentions) with a
// mention of `user_id`; false when it occurs nowhere.
bool mention_first(std::vector<std::string>& pieces, const std::string& needle, const std::string& user_id) {
    if (needle.empty()) return false;
    for (std::string& piece : pieces) {
        const size_t at = find_outside_mentions(piece, needle);
        if (at == std::string::npos) continue;
        piece.replace(at, needle.size(), "<@" + user_id + ">");
        return true;
    }
    return false;
}

// Mentions each person at the first place the text names them, so they are notified:
// "@handle" where the core wrote one (a plain "@kari" notifies nobody in Slack), else
// their (escaped) name. `pieces` are escaped already; a name cut by a split stays plain.
void link_mentions(std::vector<std::string>& pieces, const std::vector<commands::UserRef>& mentions) {
    std::vector<std::string_view> linked;
    for (const commands::UserRef& person : mentions) {
        if (!is_slack_user_id(person.user_id)) continue;
        if (std::ranges::find(linked, person.user_id) != linked.end()) continue;  // named twice: one mention
        linked.push_back(person.user_id);
        if (!person.username.empty() && mention_first(pieces, "@" + mrkdwn_escape(person.username), person.user_id))
            continue;
        mention_first(pieces, mrkdwn_escape(person.name), person.user_id);
    }
}

// "&lt;@U…&gt;" back to a mention: the text of a message the bot wrote, edited, keeps
// the mentions it had (event_reader.cpp reads them as "<@U…>").
std::string keep_mentions(std::string text) {
    for (size_t at = text.find("&lt;@"); at != std::string::npos; at = text.find("&lt;@", at + 1)) {
        const size_t end = text.find("&gt;", at);
        if (end == std::string::npos) break;
        const std::string id = text.substr(at + 5, end - at - 5);
        if (!is_slack_user_id(id)) continue;
        text.replace(at, end + 4 - at, "<@" + id + ">");
    }
    return text;
}

// The text as one section, and one button under it.
std::string button_blocks(const std::string& text, std::string_view action, std::string_view label,
                          const std::string& value) {
    json button = {{"type", "button"},
                   {"action_id", action},
                   {"text", {{"type", "plain_text"}, {"text", label}, {"emoji", true}}},
                   {"value", value}};
    json blocks = json::array({json{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}},
                               json{{"type", "actions"}, {"elements", json::array({button})}}});
    return blocks.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string blocks_of(const commands::NewMessage& send, const std::string& text) {
    if (send.done_button)
        return button_blocks(text, kDoneAction, "✅ Ferdig", commands::done_button_data(*send.done_button));
    if (send.publish_button)
        return button_blocks(text, kPublishAction, "✅ Publiser", commands::publish_button_data(*send.publish_button));
    return {};
}

storage::OutboxMessage row_in(const std::string& chat_id) {
    storage::OutboxMessage message;
    message.platform = kPlatform;
    message.chat_id = chat_id;
    return message;
}

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

std::vector<storage::OutboxMessage> answer_rows(const commands::Reply& reply, const commands::AnswerButton& answer) {
    const size_t bar = answer.press_id.find('|');
    if (bar == std::string::npos || reply.text.empty()) return {};
    storage::OutboxMessage message = row_in(reply.chat_id);
    message.method = kPostEphemeral;
    message.payload = dump({{"channel", answer.press_id.substr(0, bar)}, {"user", answer.press_id.substr(bar + 1)}});
    message.text = mrkdwn_escape(cut_to(slack_commands(reply.text), kMessageLimit));
    return {message};
}

std::vector<storage::OutboxMessage> edit_rows(const commands::Reply& reply, const commands::EditMessage& edit) {
    const size_t colon = edit.message_id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == edit.message_id.size()) return {};
    storage::OutboxMessage message = row_in(reply.chat_id);
    message.method = kUpdate;
    message.payload = dump({{"channel", edit.message_id.substr(0, colon)}, {"ts", edit.message_id.substr(colon + 1)}});
    std::vector<std::string> text{keep_mentions(mrkdwn_escape(cut_to(slack_commands(reply.text), kMessageLimit - kMentionRoom)))};
    link_mentions(text, edit.mentions);
    message.text = std::move(text.front());
    message.reply_markup = "[]";  // the blocks, and with them the buttons, go
    return {message};
}

std::vector<storage::OutboxMessage> send_rows(const commands::Reply& reply, const commands::NewMessage& send) {
    std::string text = slack_commands(reply.text);
    if (send.document) {
        // No file upload (it needs the files:write scope and another call): the file's
        // content follows its caption as text, which is what the reader wants from it.
        if (!text.empty()) text += "\n\n";
        text += "Innholdet i «" + send.document->file_name + "»:\n" + send.document->content;
    }
    if (send.picture)  // no upload either: the caption, and where the picture is to be seen
        text += "\n\nBilder kan jeg ikke sende i Slack ennå. Spør en admin om styrets oversiktsside, der årshjulet "
                "er som bilde; «/planbot hva skjer i mai» gir en måned som tekst.";
    std::vector<std::string> pieces = split_message(text, kMessageLimit - kMentionRoom);
    for (std::string& piece : pieces) piece = mrkdwn_escape(piece);
    link_mentions(pieces, send.mentions);
    std::vector<storage::OutboxMessage> out;
    for (std::string& piece : pieces) {
        storage::OutboxMessage message = row_in(reply.chat_id);
        message.text = std::move(piece);
        if (!send.thread_id.empty()) message.payload = dump({{"thread_ts", send.thread_id}});
        if (send.forum_thread > 0) message.forum_thread = send.forum_thread;
        if (send.forum_post > 0) message.forum_post = send.forum_post;
        message.forget_when_sent = send.forget_when_sent;
        out.push_back(std::move(message));
    }
    if (!out.empty()) out.back().reply_markup = blocks_of(send, out.back().text);
    return out;
}

}  // namespace

std::string mrkdwn_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::vector<std::string> split_message(std::string_view text, size_t limit) {
    std::vector<std::string> pieces;
    std::string current;
    size_t current_width = 0;
    auto flush = [&] {
        while (!current.empty() && current.back() == '\n') current.pop_back();
        if (current.find_first_not_of(" \t\r\n") != std::string::npos) pieces.push_back(current);
        current.clear();
        current_width = 0;
    };
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start + 1);
        start = end == std::string_view::npos ? text.size() : end + 1;
        size_t width = escaped_length(line);
        // A line that fits in a message of its own starts the next one rather than being cut.
        if (current_width + width > limit && width <= limit) flush();
        // A longer line fills the current message and goes on in the next, cut between characters.
        while (current_width + width > limit) {
            size_t cut = 0, cut_width = 0;
            while (cut < line.size()) {
                const size_t bytes = std::min(sequence_bytes(static_cast<unsigned char>(line[cut])), line.size() - cut);
                const size_t add = escaped_width(line[cut]);
                if (current_width + cut_width + add > limit && (cut > 0 || current_width > 0)) break;
                cut += bytes;
                cut_width += add;
            }
            current += line.substr(0, cut);
            line.remove_prefix(cut);
            width -= cut_width;
            flush();
        }
        current += line;
        current_width += width;
    }
    flush();
    return pieces;
}

std::vector<storage::OutboxMessage> outbox_messages(const commands::Reply& reply) {
    return std::visit(
        [&](const auto& kind) -> std::vector<storage::OutboxMessage> {
            using Kind = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<Kind, commands::AnswerButton>) return answer_rows(reply, kind);
            else if constexpr (std::is_same_v<Kind, commands::RenameTopic>) return {};  // Slack has no topics
            else if constexpr (std::is_same_v<Kind, commands::EditMessage>) return edit_rows(reply, kind);
            else return send_rows(reply, kind);
        },
        reply.kind);
}

ApiRequest api_request(const storage::OutboxMessage& message) {
    json payload = message.payload.empty() ? json::object() : json::parse(message.payload, nullptr, false);
    if (!payload.is_object()) payload = json::object();  // unreadable: the call goes without it
    ApiRequest request{message.method.empty() ? std::string(kPostMessage) : message.method, std::move(payload)};
    json& body = request.body;
    if (request.method == kResponseUrl) {
        // Seen only by whoever typed the command, and never in place of an earlier answer.
        body["response_type"] = "ephemeral";
        body["replace_original"] = false;
    }
    if (request.method == kPostMessage) {
        body["channel"] = message.chat_id;
        // Like Telegram's disabled link previews: a reminder should not grow a card.
        body["unfurl_links"] = false;
        body["unfurl_media"] = false;
    }
    body["text"] = message.text;
    if (!message.reply_markup.empty()) {
        json blocks = json::parse(message.reply_markup, nullptr, false);
        if (blocks.is_array()) body["blocks"] = std::move(blocks);
    }
    return request;
}

}  // namespace planbot::bot::slack
