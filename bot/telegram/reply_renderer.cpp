// Reply rendering, the other half of the Telegram adapter (adapter.hpp; the first half,
// update_reader.cpp, reads Updates): outbox_messages turns a neutral commands::Reply
// into outbox rows (escaped for parse_mode HTML, split by UTF-16 length, people linked,
// the ✅ Ferdig and ✅ Publiser buttons, edits, answers to button presses, forum topics), and api_request turns
// one row into the Bot API call that delivers it. Also the UTF-16 measures both halves
// use, since Telegram counts text and entity offsets in UTF-16 units. Pure: no sockets,
// no database, no clock; an unreadable payload or markup in a row is left out of the
// call rather than thrown.
#include "bot/telegram/adapter.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "bot/telegram/json_fields.hpp"

namespace planbot::bot::telegram {

namespace {

using nlohmann::json;

// Byte length of the UTF-8 sequence starting with `lead` (1 for invalid bytes).
size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

}  // namespace

std::string html_escape(std::string_view text) {
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

size_t utf16_length(std::string_view utf8) {
    size_t units = 0;
    for (size_t i = 0; i < utf8.size();) {
        size_t length = sequence_length(static_cast<unsigned char>(utf8[i]));
        units += length == 4 ? 2 : 1;
        i += std::min(length, utf8.size() - i);
    }
    return units;
}

std::string utf16_slice(std::string_view utf8, size_t offset, size_t length) {
    size_t units = 0, start = utf8.size(), i = 0;
    while (i < utf8.size()) {
        if (units == offset && start == utf8.size()) start = i;
        if (units >= offset + length) break;
        size_t bytes = std::min(sequence_length(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
        units += bytes == 4 ? 2 : 1;
        i += bytes;
    }
    if (start == utf8.size()) return {};
    return std::string(utf8.substr(start, i - start));
}

std::vector<std::string> split_message(std::string_view text, size_t limit) {
    std::vector<std::string> pieces;
    // Telegram refuses a message of only spaces and line ends.
    auto add = [&](std::string_view piece) {
        if (piece.find_first_not_of(" \t\r\n") != std::string_view::npos) pieces.emplace_back(piece);
    };
    std::string current;
    size_t current_units = 0;
    auto flush = [&] {
        while (!current.empty() && current.back() == '\n') current.pop_back();
        add(current);
        current.clear();
        current_units = 0;
    };
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start + 1);
        start = end == std::string_view::npos ? text.size() : end + 1;
        size_t units = utf16_length(line);
        // A line that fits in a message of its own starts the next one rather than being cut.
        if (current_units + units > limit && units <= limit) flush();
        // A longer line fills the current message and goes on in the next, cut between characters.
        while (current_units + units > limit) {
            size_t cut = 0, cut_units = 0;
            while (cut < line.size()) {
                size_t bytes = std::min(sequence_length(static_cast<unsigned char>(line[cut])), line.size() - cut);
                size_t width = bytes == 4 ? 2 : 1;
                // A character wider than the whole limit goes out whole, never in halves.
                if (current_units + cut_units + width > limit && (cut > 0 || current_units > 0)) break;
                cut += bytes;
                cut_units += width;
            }
            current += line.substr(0, cut);
            line.remove_prefix(cut);
            units -= cut_units;
            flush();
        }
        current += line;
        current_units += units;
    }
    flush();
    return pieces;
}

namespace {

std::optional<int64_t> integer_of(std::string_view text) {
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A number where Telegram wants one (chat and message ids), else the text as it is
// ("@channelname").
json id_json(const std::string& id) {
    if (auto number = integer_of(id)) return *number;
    return id;
}

// The longest start of `text` of at most `limit` UTF-16 units, in whole characters;
// a cut text ends with "…" (inside the limit).
std::string cut_to(std::string_view text, size_t limit) {
    if (utf16_length(text) <= limit) return std::string(text);
    std::string out;
    size_t units = 0;
    for (size_t i = 0; i < text.size();) {
        const size_t bytes = std::min(sequence_length(static_cast<unsigned char>(text[i])), text.size() - i);
        const size_t add = bytes == 4 ? 2 : 1;
        if (units + add + 1 > limit) break;  // room for the "…"
        out.append(text.substr(i, bytes));
        units += add;
        i += bytes;
    }
    return out + "…";
}

// Where `needle` first occurs in `piece` outside the links made already (a name may
// be part of another, longer one: "Kari" in "Kari Nordmann").
size_t find_outside_links(const std::string& piece, const std::string& needle) {
    for (size_t at = piece.find(needle); at != std::string::npos; at = piece.find(needle, at + 1)) {
        bool inside = false;
        for (size_t open = piece.find("<a "); open != std::string::npos && open < at + needle.size();
             open = piece.find("<a ", open + 1)) {
            const size_t close = piece.find("</a>", open);
            const size_t link_end = close == std::string::npos ? piece.size() : close + 4;
            if (at < link_end) inside = true;
        }
        if (!inside) return at;
    }
    return std::string::npos;
}

// Links the first occurrence of each username-less person's (escaped) name to them,
// so they get a notification. `pieces` are escaped already; a name cut by a split is
// in no piece whole and stays plain text, so a link never spans two messages.
void link_mentions(std::vector<std::string>& pieces, const std::vector<commands::UserRef>& mentions) {
    std::vector<std::string_view> linked;
    for (const commands::UserRef& person : mentions) {
        if (!person.username.empty() || person.name.empty() || !integer_of(person.user_id)) continue;
        if (std::ranges::find(linked, person.user_id) != linked.end()) continue;  // named twice: one link
        linked.push_back(person.user_id);
        const std::string name = html_escape(person.name);
        for (std::string& piece : pieces) {
            const size_t at = find_outside_links(piece, name);
            if (at == std::string::npos) continue;
            piece.replace(at, name.size(), "<a href=\"tg://user?id=" + person.user_id + "\">" + name + "</a>");
            break;
        }
    }
}

// One inline button. Telegram refuses a button whose data is over 64 bytes, and with it
// the whole message: a message is better sent without its button than not at all.
std::string button_markup(std::string_view label, const std::string& data) {
    if (data.size() > 64) return {};
    json button = {{"text", label}, {"callback_data", data}};
    return json{{"inline_keyboard", json::array({json::array({button})})}}.dump();
}

// The message's button, if it has one: ✅ Ferdig under a reminder, ✅ Publiser under a
// forum draft shown to its author.
std::string button_of(const commands::NewMessage& send) {
    if (send.done_button) return button_markup("✅ Ferdig", commands::done_button_data(*send.done_button));
    if (send.publish_button) return button_markup("✅ Publiser", commands::publish_button_data(*send.publish_button));
    return {};
}

storage::OutboxMessage row_in(const std::string& chat_id, const std::string& thread_id = {}) {
    storage::OutboxMessage message;
    message.platform = kPlatform;
    message.chat_id = chat_id;
    message.thread_id = integer_of(thread_id);
    return message;
}

// At most `characters` characters of `text` (Telegram counts a topic's name so).
std::string first_characters(std::string_view text, size_t characters) {
    size_t cut = 0;
    for (size_t count = 0; cut < text.size() && count < characters; ++count) {
        ++cut;
        while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    }
    return std::string(text.substr(0, cut));
}

std::vector<storage::OutboxMessage> answer_rows(const commands::Reply& reply, const commands::AnswerButton& answer) {
    storage::OutboxMessage message = row_in(reply.chat_id);
    message.method = kAnswerCallbackQuery;
    message.payload = json{{"callback_query_id", answer.press_id}}.dump();
    message.text = cut_to(reply.text, kAnswerLimit);  // plain: answers have no parse mode
    return {message};
}

std::vector<storage::OutboxMessage> edit_rows(const commands::Reply& reply, const commands::EditMessage& edit) {
    storage::OutboxMessage message = row_in(reply.chat_id);
    message.method = kEditMessageText;
    message.payload = json{{"message_id", id_json(edit.message_id)}}.dump();
    std::vector<std::string> text{html_escape(cut_to(reply.text, kMessageLimit))};
    link_mentions(text, edit.mentions);
    message.text = std::move(text.front());
    message.parse_mode = "HTML";
    message.reply_markup = R"({"inline_keyboard":[]})";  // an edit replaces the markup: the buttons go
    return {message};
}

// editForumTopic: the topic's new name, cut to Telegram's length; a topic id that is no
// number is no Telegram topic, and nothing is sent.
std::vector<storage::OutboxMessage> rename_rows(const commands::Reply& reply, const commands::RenameTopic& rename) {
    int64_t topic = 0;
    const auto [end, error] = std::from_chars(rename.topic_id.data(), rename.topic_id.data() + rename.topic_id.size(), topic);
    if (error != std::errc() || end != rename.topic_id.data() + rename.topic_id.size() || reply.text.empty()) return {};
    storage::OutboxMessage message = row_in(reply.chat_id);
    message.method = kEditForumTopic;
    message.payload = json{{"message_thread_id", topic}, {"name", first_characters(reply.text, kTopicNameLimit)}}.dump();
    return {message};
}

std::vector<storage::OutboxMessage> document_rows(const commands::Reply& reply, const commands::NewMessage& send) {
    storage::OutboxMessage message = row_in(reply.chat_id, send.thread_id);
    message.method = kSendDocument;
    message.text = cut_to(reply.text, kCaptionLimit);  // plain: no parse mode
    message.payload = json{{kDocumentNameKey, send.document->file_name}, {kDocumentContentKey, send.document->content}}
                          .dump(-1, ' ', false, json::error_handler_t::replace);
    message.forget_when_sent = send.forget_when_sent;
    return {message};
}

std::vector<storage::OutboxMessage> picture_rows(const commands::Reply& reply, const commands::NewMessage& send) {
    storage::OutboxMessage message = row_in(reply.chat_id, send.thread_id);
    message.method = kSendPhoto;
    message.text = cut_to(reply.text, kCaptionLimit);  // plain: no parse mode
    message.payload = json{{kWheelYearKey, send.picture->year}}.dump();
    return {message};
}

std::vector<storage::OutboxMessage> send_rows(const commands::Reply& reply, const commands::NewMessage& send) {
    if (send.document) return document_rows(reply, send);
    if (send.picture) return picture_rows(reply, send);
    std::vector<std::string> pieces = split_message(reply.text, kMessageLimit);
    for (std::string& piece : pieces) piece = html_escape(piece);
    link_mentions(pieces, send.mentions);
    std::vector<storage::OutboxMessage> out;
    const bool into_topic = send.into_forum_topic && send.forum_thread > 0;
    if (into_topic && !send.open_topic.empty() && !pieces.empty()) {
        storage::OutboxMessage topic = row_in(reply.chat_id, send.thread_id);
        topic.method = kCreateForumTopic;
        topic.payload = json{{"name", first_characters(send.open_topic, kTopicNameLimit)},
                             {kForumThreadKey, send.forum_thread}}
                            .dump();
        // Cancelled with the post, if that is hidden or deleted before the topic is made.
        if (send.forum_post > 0) topic.forum_post = send.forum_post;
        out.push_back(std::move(topic));
    }
    for (std::string& piece : pieces) {
        storage::OutboxMessage message = row_in(reply.chat_id, send.thread_id);
        message.text = std::move(piece);
        message.parse_mode = "HTML";
        if (into_topic) message.payload = json{{kForumThreadKey, send.forum_thread}}.dump();
        if (send.forum_thread > 0) message.forum_thread = send.forum_thread;
        if (send.forum_post > 0) message.forum_post = send.forum_post;
        message.forget_when_sent = send.forget_when_sent;
        out.push_back(std::move(message));
    }
    if (!out.empty()) out.back().reply_markup = button_of(send);
    return out;
}

}  // namespace

std::vector<storage::OutboxMessage> outbox_messages(const commands::Reply& reply) {
    return std::visit(
        [&](const auto& kind) {
            using Kind = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<Kind, commands::AnswerButton>) return answer_rows(reply, kind);
            else if constexpr (std::is_same_v<Kind, commands::RenameTopic>) return rename_rows(reply, kind);
            else if constexpr (std::is_same_v<Kind, commands::EditMessage>) return edit_rows(reply, kind);
            else return send_rows(reply, kind);
        },
        reply.kind);
}

std::optional<int64_t> topic_thread_of(const storage::OutboxMessage& message) {
    if (message.payload.find(kForumThreadKey) == std::string::npos) return std::nullopt;
    const json payload = json::parse(message.payload, nullptr, false);
    return json_fields::int_of(payload, kForumThreadKey);
}

ApiRequest api_request(const storage::OutboxMessage& message) {
    json payload = message.payload.empty() ? json::object() : json::parse(message.payload, nullptr, false);
    if (!payload.is_object()) payload = json::object();  // unreadable: the call goes without it
    ApiRequest request{message.method.empty() ? "sendMessage" : message.method, json::object()};
    json& body = request.body;
    payload.erase(std::string(kForumThreadKey));  // planbot's own, not the platform's
    if (message.method == kAnswerCallbackQuery) {
        body = std::move(payload);
        if (!message.text.empty()) body["text"] = message.text;
        return request;
    }
    if (message.method == kSendDocument || message.method == kSendPhoto) {
        // Sent as multipart/form-data (TelegramSender): the file is not in the JSON body.
        body["chat_id"] = id_json(message.chat_id);
        if (!message.text.empty()) body["caption"] = message.text;
        if (message.thread_id) body["message_thread_id"] = *message.thread_id;
        return request;
    }
    if (message.method == kCreateForumTopic || message.method == kEditForumTopic) {
        body = std::move(payload);
        body["chat_id"] = id_json(message.chat_id);
        return request;
    }
    body["chat_id"] = id_json(message.chat_id);
    for (auto& [key, value] : payload.items()) body[key] = value;
    body["text"] = message.text;
    if (!message.parse_mode.empty()) body["parse_mode"] = message.parse_mode;
    // editMessageText finds the message by chat and id; it takes no topic.
    if (message.thread_id && message.method != kEditMessageText) body["message_thread_id"] = *message.thread_id;
    if (!message.reply_markup.empty()) {
        json markup = json::parse(message.reply_markup, nullptr, false);
        if (!markup.is_discarded()) body["reply_markup"] = std::move(markup);
    }
    body["link_preview_options"] = {{"is_disabled", true}};
    return request;
}

}  // namespace planbot::bot::telegram
