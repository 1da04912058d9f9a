// Update translation, one half of the Telegram adapter (adapter.hpp; the other half,
// reply_renderer.cpp, turns replies into outbox rows and Bot API calls): parse_update
// reads one Update into the neutral Incoming and commands::Event, plus the users and
// chats storage remembers. Reads only the Update it is given: no sockets, no database,
// no clock, and nothing here throws on network input (json_fields.hpp).
#include "bot/telegram/adapter.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "bot/pipeline/valid_utf8.hpp"
#include "bot/telegram/json_fields.hpp"

namespace planbot::bot::telegram {

namespace {

using nlohmann::json;
using json_fields::bool_of;
using json_fields::int_of;
using json_fields::member;
using json_fields::text_of;

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    return text;
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
        // The bot's own message: the outbox knows which forum thread it showed.
        if (is_from_bot(*replied, bot))
            if (const auto id = int_of(*replied, "message_id")) event.reply_to_bot_message = std::to_string(*id);
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

// A message sent on behalf of a chat: a group's anonymous admin (sender_chat is the group
// itself, from is GroupAnonymousBot) or someone writing as a channel (sender_chat is the
// channel). Telegram names no person; the placeholder in `from` is not one either.
const json* sender_chat_of(const json& message) {
    const json* chat = member(message, "sender_chat");
    return chat && chat->is_object() && int_of(*chat, "id") ? chat : nullptr;
}

void read_message(const json& message, const BotIdentity& bot, ParsedUpdate& update) {
    read_sender_and_chat(message, update);
    if (auto to = int_of(message, "migrate_to_chat_id")) update.migrated_to = std::to_string(*to);
    const json* from = member(message, "from");
    const json* sender_chat = sender_chat_of(message);
    if (sender_chat) update.user.reset();  // no person to remember
    if (!update.chat || (!from && !sender_chat)) return void(update.ignored = "message without chat or sender");
    // A channel's post copied into its discussion group speaks to no one here.
    if (sender_chat && bool_of(message, "is_automatic_forward"))
        return void(update.ignored = "automatic forward from a channel");
    if (!sender_chat && bool_of(*from, "is_bot")) return void(update.ignored = "message from a bot");
    // A photo or file comes with its caption as the text. The caption's entities are not
    // read: nothing answers an attachment but the forum's "only text is kept".
    const std::string attachment = attachment_of(message);
    const std::string text = text_of(message, attachment.empty() ? "text" : "caption");
    if (text.empty() && attachment.empty()) return void(update.ignored = "message without text");
    if (!is_answerable_chat(update.chat->type)) return void(update.ignored = "chat type " + update.chat->type);

    Addressing addressing = addressing_of(message, text, bot);
    if (addressing.to_other_bot) return void(update.ignored = "command for another bot");
    commands::Event event = event_in(message, update);
    if (sender_chat) {
        // No one's rights: not even an admin's (Event::from_chat); the name is the chat's.
        event.from_chat = true;
        event.user_id.clear();
        event.user_name = text_of(*sender_chat, "title");
    }
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

std::expected<json, std::string> read_update_json(std::string_view body) {
    json update_json = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (update_json.is_discarded() && !is_valid_utf8(body)) {
        // JSON is UTF-8 and the parser refuses other bytes; rather than drop the message
        // unanswered, they are repaired as the pipeline repairs every platform's text.
        const std::string repaired = repair_utf8(body);
        update_json = json::parse(repaired.begin(), repaired.end(), nullptr, /*allow_exceptions=*/false);
    }
    if (update_json.is_discarded()) return std::unexpected("not JSON");
    return update_json;
}

std::expected<ParsedUpdate, std::string> parse_update(std::string_view body, const BotIdentity& bot) {
    auto update_json = read_update_json(body);
    if (!update_json) return std::unexpected(update_json.error());
    return parse_update_json(*update_json, bot);
}

std::expected<ParsedUpdate, std::string> parse_update_json(const json& update_json, const BotIdentity& bot) {
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

}  // namespace planbot::bot::telegram
