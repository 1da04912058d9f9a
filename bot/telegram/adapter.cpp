// See adapter.hpp. JSON is read defensively: a field of the wrong type is treated
// as absent, and nothing here throws on network input.
#include "bot/telegram/adapter.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

namespace planbot::bot::telegram {

namespace {

using nlohmann::json;

const json* member(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

std::optional<int64_t> int_of(const json& object, std::string_view key) {
    const json* value = member(object, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    return value->get<int64_t>();
}

std::string text_of(const json& object, std::string_view key) {
    const json* value = member(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

bool bool_of(const json& object, std::string_view key) {
    const json* value = member(object, key);
    return value && value->is_boolean() && value->get<bool>();
}

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return text;
}

// Byte length of the UTF-8 sequence starting with `lead` (1 for invalid bytes).
size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

bool is_from_bot(const json& message, const BotIdentity& bot) {
    const json* from = member(message, "from");
    if (!from) return false;
    if (bot.id != 0 && int_of(*from, "id") == bot.id) return true;
    return !bot.username.empty() && lower(text_of(*from, "username")) == lower(bot.username);
}

// In a forum topic every message carries the topic's opening service message as
// reply_to_message; when the bot opened the topic, that is not a reply to the bot.
bool is_topic_start(const json& message, const json& replied) {
    if (member(replied, "forum_topic_created")) return true;
    auto thread = int_of(message, "message_thread_id");
    return bool_of(message, "is_topic_message") && thread && int_of(replied, "message_id") == thread;
}

struct Addressing {
    bool to_us = false;
    bool to_other_bot = false;  // "/cmd@otherbot": not ours to answer
};

Addressing addressing_of(const json& message, const std::string& text, const BotIdentity& bot) {
    Addressing result;
    const std::string us = lower(bot.username);
    if (const json* entities = member(message, "entities"); entities && entities->is_array()) {
        for (const json& entity : *entities) {
            const std::string type = text_of(entity, "type");
            auto offset = int_of(entity, "offset"), length = int_of(entity, "length");
            if (!offset || !length || *offset < 0 || *length <= 0) continue;
            const std::string part = lower(utf16_slice(text, static_cast<size_t>(*offset), static_cast<size_t>(*length)));
            if (type == "bot_command" && *offset == 0) {
                auto at = part.find('@');
                if (at == std::string::npos || (!us.empty() && part.substr(at + 1) == us)) result.to_us = true;
                else result.to_other_bot = true;
            } else if (type == "mention" && !us.empty() && part == "@" + us) {
                result.to_us = true;
            } else if (type == "text_mention") {
                const json* user = member(entity, "user");
                if (user && bot.id != 0 && int_of(*user, "id") == bot.id) result.to_us = true;
            }
        }
    }
    if (const json* replied = member(message, "reply_to_message");
        replied && is_from_bot(*replied, bot) && !is_topic_start(message, *replied))
        result.to_us = true;
    return result;
}

void read_user(const json* from, ParsedUpdate& update) {
    if (!from) return;
    if (auto id = int_of(*from, "id"))
        update.user = storage::UserInfo{std::string(kPlatform), std::to_string(*id), text_of(*from, "first_name"),
                                        text_of(*from, "last_name"), text_of(*from, "username")};
}

void read_chat(const json* chat, ParsedUpdate& update) {
    if (!chat) return;
    if (auto id = int_of(*chat, "id")) {
        std::string title = text_of(*chat, "title");
        if (title.empty()) title = text_of(*chat, "first_name");
        update.chat = storage::ChatInfo{std::string(kPlatform), std::to_string(*id), text_of(*chat, "type"), title};
    }
}

void read_sender_and_chat(const json& message, ParsedUpdate& update) {
    read_user(member(message, "from"), update);
    read_chat(member(message, "chat"), update);
}

bool is_answerable_chat(const std::string& type) { return type == "private" || type == "group" || type == "supergroup"; }

// The event's chat, sender and topic, common to messages and button presses.
commands::Event event_in(const json& message, const ParsedUpdate& update) {
    commands::Event event;
    event.platform = kPlatform;
    event.chat_id = update.chat->chat_id;
    event.chat_kind =
        update.chat->type == "private" ? commands::ChatKind::private_chat : commands::ChatKind::group;
    event.user_id = update.user ? update.user->user_id : std::string();
    event.user_name = update.user ? update.user->first_name : std::string();
    if (bool_of(message, "is_topic_message"))
        if (auto thread = int_of(message, "message_thread_id")) event.thread_id = std::to_string(*thread);
    if (event.chat_kind == commands::ChatKind::group) event.chat_title = update.chat->title;
    return event;
}

// A user object of a text mention or a replied-to message, when it is a person.
std::optional<commands::UserRef> person_of(const json* user, const BotIdentity& bot, ParsedUpdate& update) {
    if (!user || bool_of(*user, "is_bot")) return std::nullopt;
    auto id = int_of(*user, "id");
    if (!id || (bot.id != 0 && *id == bot.id)) return std::nullopt;
    storage::UserInfo info{std::string(kPlatform), std::to_string(*id), text_of(*user, "first_name"), text_of(*user, "last_name"),
                           text_of(*user, "username")};
    std::string name = info.first_name;
    if (!info.last_name.empty()) name += (name.empty() ? "" : " ") + info.last_name;
    update.other_users.push_back(info);
    return commands::UserRef{info.user_id, name, info.username};
}

// Users the message points at: text mentions (people without a username), and the
// author of the message it replies to, so "/rolle gi kasserer" can name them.
void read_people(const json& message, const BotIdentity& bot, ParsedUpdate& update, commands::Event& event) {
    if (const json* entities = member(message, "entities"); entities && entities->is_array())
        for (const json& entity : *entities)
            if (text_of(entity, "type") == "text_mention")
                if (auto person = person_of(member(entity, "user"), bot, update))
                    event.mentioned_users.push_back(std::move(*person));
    if (const json* replied = member(message, "reply_to_message"); replied && !is_topic_start(message, *replied)) {
        event.reply_to_user = person_of(member(*replied, "from"), bot, update);
        // The bot's own message: what it said tells which forum thread an answer is for.
        if (is_from_bot(*replied, bot)) event.reply_to_bot_text = text_of(*replied, "text");
    }
}

// The kinds of content other than text a message can carry (Bot API "Message").
constexpr std::string_view kAttachments[] = {"photo", "document", "video", "audio", "voice", "video_note",
                                             "animation", "sticker", "contact", "location", "poll"};

std::string attachment_of(const json& message) {
    for (std::string_view kind : kAttachments)
        if (member(message, kind)) return std::string(kind);
    return "";
}

void read_message(const json& message, const BotIdentity& bot, ParsedUpdate& update) {
    read_sender_and_chat(message, update);
    if (auto to = int_of(message, "migrate_to_chat_id")) update.migrated_to = std::to_string(*to);
    const json* from = member(message, "from");
    if (!update.chat || !from) return void(update.ignored = "message without chat or sender");
    if (bool_of(*from, "is_bot")) return void(update.ignored = "message from a bot");
    // A photo or file comes with its caption as the text. The caption's entities are not
    // read: nothing answers an attachment but the forum's "only text is kept".
    const std::string attachment = attachment_of(message);
    const std::string text = text_of(message, attachment.empty() ? "text" : "caption");
    if (text.empty() && attachment.empty()) return void(update.ignored = "message without text");
    if (!is_answerable_chat(update.chat->type)) return void(update.ignored = "chat type " + update.chat->type);

    Addressing addressing = addressing_of(message, text, bot);
    if (addressing.to_other_bot) return void(update.ignored = "command for another bot");
    commands::Event event = event_in(message, update);
    event.text = text;
    event.attachment = attachment;
    event.addressed_to_bot = addressing.to_us;
    read_people(message, bot, update, event);
    update.event = std::move(event);
}

// A press on an inline button. The presser is remembered like a sender; the chat is
// the one of the message carrying the button. A button on a message sent in inline
// mode has no message (only inline_message_id): the bot sends none, so it is ignored.
void read_button_press(const json& query, ParsedUpdate& update) {
    read_user(member(query, "from"), update);
    const json* message = member(query, "message");
    if (message && message->is_object()) read_chat(member(*message, "chat"), update);
    const std::string id = text_of(query, "id");
    if (id.empty() || !update.user) return void(update.ignored = "callback query without id or sender");
    if (!update.chat) return void(update.ignored = "callback query without message");
    if (!is_answerable_chat(update.chat->type)) return void(update.ignored = "chat type " + update.chat->type);

    commands::Event event = event_in(*message, update);
    event.addressed_to_bot = true;
    auto message_id = int_of(*message, "message_id");
    // An old message comes as InaccessibleMessage (date 0, no text): the id still edits it.
    event.button = commands::Event::ButtonPress{id, text_of(query, "data"),
                                                message_id ? std::to_string(*message_id) : std::string(),
                                                text_of(*message, "text")};
    update.event = std::move(event);
}

void read_membership(const json& change, ParsedUpdate& update) {
    read_sender_and_chat(change, update);
    const json* member_now = member(change, "new_chat_member");
    const std::string status = member_now ? text_of(*member_now, "status") : std::string();
    update.bot_is_member = status != "left" && status != "kicked";
    update.ignored = "membership " + status;
}

}  // namespace

std::expected<ParsedUpdate, std::string> parse_update(std::string_view body, const BotIdentity& bot) {
    json update_json = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (update_json.is_discarded()) return std::unexpected("not JSON");
    auto update_id = int_of(update_json, "update_id");
    if (!update_id) return std::unexpected("no update_id");
    ParsedUpdate update;
    update.update_id = *update_id;
    if (const json* message = member(update_json, "message"); message && message->is_object()) {
        update.kind = UpdateKind::message;
        read_message(*message, bot, update);
    } else if (const json* edited = member(update_json, "edited_message"); edited && edited->is_object()) {
        update.kind = UpdateKind::edited_message;
        read_sender_and_chat(*edited, update);
        update.ignored = "edited message";
    } else if (const json* query = member(update_json, "callback_query"); query && query->is_object()) {
        update.kind = UpdateKind::callback_query;
        read_button_press(*query, update);
    } else if (const json* change = member(update_json, "my_chat_member"); change && change->is_object()) {
        update.kind = UpdateKind::my_chat_member;
        read_membership(*change, update);
    } else {
        update.ignored = "unhandled update kind";
    }
    return update;
}

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
    std::string current;
    size_t current_units = 0;
    auto flush = [&] {
        while (!current.empty() && current.back() == '\n') current.pop_back();
        if (!current.empty()) pieces.push_back(std::move(current));
        current.clear();
        current_units = 0;
    };
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start + 1);
        start = end == std::string_view::npos ? text.size() : end + 1;
        size_t units = utf16_length(line);
        if (current_units + units > limit) flush();
        // A line longer than the limit is cut at character boundaries.
        while (units > limit) {
            size_t cut = 0, cut_units = 0;
            while (cut < line.size()) {
                size_t bytes = std::min(sequence_length(static_cast<unsigned char>(line[cut])), line.size() - cut);
                size_t add = bytes == 4 ? 2 : 1;
                // A character wider than the whole limit goes out whole, never in halves.
                if (cut_units + add > limit && cut > 0) break;
                cut += bytes;
                cut_units += add;
            }
            pieces.emplace_back(line.substr(0, cut));
            line.remove_prefix(cut);
            units -= cut_units;
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

// Telegram refuses a button whose data is over 64 bytes, and with it the whole
// message: a reminder is better sent without its button than not at all.
std::string done_button_markup(const commands::OccurrenceId& occurrence) {
    const std::string data = commands::done_button_data(occurrence);
    if (data.size() > 64) return {};
    json button = {{"text", "✅ Ferdig"}, {"callback_data", data}};
    return json{{"inline_keyboard", json::array({json::array({button})})}}.dump();
}

storage::OutboxMessage row_for(const commands::Reply& reply) {
    storage::OutboxMessage message;
    message.platform = kPlatform;
    message.chat_id = reply.chat_id;
    message.thread_id = integer_of(reply.thread_id);
    return message;
}

storage::OutboxMessage answer_row(const commands::Reply& reply) {
    storage::OutboxMessage message = row_for(reply);
    message.method = kAnswerCallbackQuery;
    message.payload = json{{"callback_query_id", reply.button_press_id}}.dump();
    message.text = cut_to(reply.text, kAnswerLimit);  // plain: answers have no parse mode
    return message;
}

storage::OutboxMessage edit_row(const commands::Reply& reply) {
    storage::OutboxMessage message = row_for(reply);
    message.method = kEditMessageText;
    message.payload = json{{"message_id", id_json(reply.edit_message_id)}}.dump();
    std::vector<std::string> text{html_escape(cut_to(reply.text, kMessageLimit))};
    link_mentions(text, reply.mentions);
    message.text = std::move(text.front());
    message.parse_mode = "HTML";
    // An edit replaces the markup too: none given takes the ✅ button away.
    message.reply_markup = reply.done_button ? done_button_markup(*reply.done_button) : std::string();
    if (message.reply_markup.empty()) message.reply_markup = R"({"inline_keyboard":[]})";
    return message;
}

}  // namespace

std::vector<storage::OutboxMessage> outbox_messages(const commands::Reply& reply) {
    if (!reply.button_press_id.empty()) return {answer_row(reply)};
    if (!reply.edit_message_id.empty()) return {edit_row(reply)};
    std::vector<std::string> pieces = split_message(reply.text, kMessageLimit);
    for (std::string& piece : pieces) piece = html_escape(piece);
    link_mentions(pieces, reply.mentions);
    std::vector<storage::OutboxMessage> out;
    const std::string forum_payload =
        reply.forum_thread > 0 ? json{{kForumThreadKey, reply.forum_thread}}.dump() : std::string();
    if (!reply.open_topic.empty() && reply.forum_thread > 0) {
        storage::OutboxMessage topic = row_for(reply);
        topic.method = kCreateForumTopic;
        topic.payload = json{{"name", reply.open_topic}, {kForumThreadKey, reply.forum_thread}}.dump();
        out.push_back(std::move(topic));
    }
    for (std::string& piece : pieces) {
        storage::OutboxMessage message = row_for(reply);
        message.text = std::move(piece);
        message.parse_mode = "HTML";
        message.payload = forum_payload;
        out.push_back(std::move(message));
    }
    if (!out.empty() && reply.done_button) out.back().reply_markup = done_button_markup(*reply.done_button);
    return out;
}

std::optional<int64_t> forum_thread_of(const storage::OutboxMessage& message) {
    if (message.payload.find(kForumThreadKey) == std::string::npos) return std::nullopt;
    const json payload = json::parse(message.payload, nullptr, false);
    return int_of(payload, kForumThreadKey);
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
    if (message.method == kCreateForumTopic) {
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
