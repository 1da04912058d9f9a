// Telegram's JSON at the edge: an Update becomes the neutral commands::Event (plus
// what storage remembers of users and chats), and a reply becomes outbox rows and
// then Bot API calls (sendMessage, editMessageText, answerCallbackQuery). Pure
// translation: no sockets, no database, no clock.
//
// One header, two implementation files, one per direction: update_reader.cpp (Update ->
// Event) and reply_renderer.cpp (Reply -> outbox rows -> Bot API calls, with the UTF-16
// measures). One header because both directions share kPlatform and the UTF-16 measures
// (entity offsets are read with utf16_slice), and every user of the adapter includes
// just this file.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/pipeline/incoming.hpp"
#include "bot/platform.hpp"
#include "commands/event.hpp"
#include "storage/directory.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot::telegram {

// The platform column of Telegram's users, chats, updates and outbox rows.
inline constexpr std::string_view kPlatform = "telegram";

// ---- Update translation (update_reader.cpp) ----

// Who the bot is, to recognise "/cmd@name", "@name" and replies to its messages.
struct BotIdentity {
    std::string username;  // without '@'
    int64_t id = 0;        // 0 when unknown
};

enum class UpdateKind { message, edited_message, callback_query, my_chat_member, other };

// An Update as the pipeline sees every platform's deliveries (update_id always set),
// plus which kind of Update it was.
struct ParsedUpdate : Incoming {
    UpdateKind kind = UpdateKind::other;
};

// Reads one Update. An error (not JSON, no update_id) is for the log only: the
// webhook still answers 200, since Telegram resending it cannot help. A press on one
// of the bot's buttons (callback_query) becomes an Event with `button` set, text "",
// addressed to the bot, in the chat of the message that carries the button.
std::expected<ParsedUpdate, std::string> parse_update(std::string_view body, const BotIdentity& bot);
// The same in two steps, so the JSON can be read away from the thread that writes the
// database. read_update_json parses the body (bytes that are not UTF-8 repaired, as
// above); it reads nothing but its argument and may run on any thread.
std::expected<nlohmann::json, std::string> read_update_json(std::string_view body);
std::expected<ParsedUpdate, std::string> parse_update_json(const nlohmann::json& update, const BotIdentity& bot);

// ---- Reply rendering (reply_renderer.cpp) ----

// Escapes &, < and > for parse_mode HTML.
std::string html_escape(std::string_view text);

// Length in UTF-16 code units, as Telegram counts text and entity offsets.
size_t utf16_length(std::string_view utf8);
// The part of `utf8` at UTF-16 `offset` with UTF-16 `length` (entities).
std::string utf16_slice(std::string_view utf8, size_t offset, size_t length);

// Splits text into pieces of at most `limit` UTF-16 units, at line ends where
// possible, never inside a character. Empty text gives no pieces.
std::vector<std::string> split_message(std::string_view text, size_t limit = 4096);

// The Bot API methods an outbox row may name besides sendMessage (OutboxMessage::method "").
inline constexpr std::string_view kEditMessageText = "editMessageText";
inline constexpr std::string_view kAnswerCallbackQuery = "answerCallbackQuery";
inline constexpr std::string_view kCreateForumTopic = "createForumTopic";
inline constexpr std::string_view kEditForumTopic = "editForumTopic";
inline constexpr std::string_view kSendDocument = "sendDocument";
inline constexpr std::string_view kSendPhoto = "sendPhoto";
// A sendPhoto row's payload: the year of the årshjul it shows (commands::WheelPicture),
// drawn when the row is sent (TelegramSender), so the row is small and survives a restart.
inline constexpr std::string_view kWheelYearKey = "planbot_wheel_year";
inline constexpr size_t kCaptionLimit = 1024;
// A sendDocument row's payload: the file's name and its content (kept in the row until
// it is sent, so it survives a restart).
inline constexpr std::string_view kDocumentNameKey = "planbot_file_name";
inline constexpr std::string_view kDocumentContentKey = "planbot_file_content";
// In a row's payload, not sent: the forum thread whose topic the row goes to
// (NewMessage::into_forum_topic). The dispatcher puts the topic in the row once it knows it, and records
// the topic a createForumTopic row creates for the thread.
inline constexpr std::string_view kForumThreadKey = "planbot_forum_thread";

// Telegram's limits: a message's text, an answer to a button press (both after parsing,
// UTF-16 units), a topic's name (characters).
inline constexpr size_t kMessageLimit = 4096;
inline constexpr size_t kAnswerLimit = 200;
inline constexpr size_t kTopicNameLimit = 128;

// Outbox rows for one reply, in the reply's chat. By the reply's kind:
// - AnswerButton: one answerCallbackQuery row, the text (plain, cut to kAnswerLimit)
//   as its notice.
// - EditMessage: one editMessageText row for that message, the text cut to one message
//   (never split), which also takes the message's buttons away.
// - NewMessage: in its thread, split into messages of kMessageLimit (the one place a
//   long text is split), escaped, parse_mode HTML; each mentioned person without a
//   username linked (tg://user) at the first occurrence of their name, within one
//   piece; the done_button ("✅ Ferdig") on the last piece; every piece keeps the
//   forum_thread it shows. Into a forum topic: a createForumTopic row first when it
//   opens one (the name cut to kTopicNameLimit), and every row carries the thread in its
//   payload (kForumThreadKey). With a document: one sendDocument row, the text its
//   caption (cut to kCaptionLimit), the file in its payload. forget_when_sent goes on
//   every row.
std::vector<storage::OutboxMessage> outbox_messages(const commands::Reply& reply);

// The forum thread a row's payload names (kForumThreadKey), if any.
std::optional<int64_t> topic_thread_of(const storage::OutboxMessage& message);

// One Bot API call: the method and its JSON body.
struct ApiRequest {
    std::string method;
    nlohmann::json body;
};

// The call that delivers one outbox row: its method ("" is sendMessage) with the row's
// chat, text, parse mode and markup, plus the parameters in its payload.
ApiRequest api_request(const storage::OutboxMessage& message);

// ---- The adapter as the platform interface (bot/platform.hpp) ----

// Telegram as the pipeline, the scheduler and the dispatcher see it: replies rendered
// by outbox_messages; groups have negative chat ids; the per-chat limits are about
// messages that appear in the chat, so an edit or an answer to a button press counts
// only against the total rate.
class TelegramPlatform final : public Platform {
public:
    std::string_view name() const override { return kPlatform; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        return outbox_messages(reply);
    }
    bool has_buttons() const override { return true; }
    std::string_view plain_method() const override { return "sendMessage"; }
    bool is_group(std::string_view chat_id) const override { return chat_id.starts_with('-'); }
    size_t longest_message() const override { return kMessageLimit; }
    bool counts_in_chat(const storage::OutboxMessage& message) const override {
        return message.method.empty() || message.method == "sendMessage" || message.method == kSendDocument ||
               message.method == kSendPhoto;
    }
};

}  // namespace planbot::bot::telegram
