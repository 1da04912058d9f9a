// Slack's side of the edge: what Slack delivers (Events API JSON, slash commands and
// button presses as form bodies) becomes the neutral Incoming and commands::Event, and
// a neutral reply becomes outbox rows and then Web API calls (chat.postMessage,
// chat.update, chat.postEphemeral). Pure translation: no sockets, no database, no
// clock; nothing here throws on network input. The signature is checked before any of
// this runs (signature.hpp, routes.cpp).
//
// One header, two implementation files, one per direction, as for Telegram:
// event_reader.cpp (deliveries -> Incoming) and reply_renderer.cpp (Reply -> rows -> calls).
//
// Ids as the core sees them: a channel's chat id is its id ("C…", "G…"); a direct
// message's chat id is the person's user id ("U…"), because the core addresses a
// person's private chat by their user id, and chat.postMessage with channel=U… posts
// into the app's DM with them. A message's platform id is "<channel>:<ts>" (the
// channel as Slack answered it, "D…" for a DM), which is what chat.update needs.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/pipeline/incoming.hpp"
#include "bot/platform.hpp"
#include "commands/event.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot::slack {

// The platform column of Slack's users, chats, deliveries and outbox rows.
inline constexpr std::string_view kPlatform = "slack";

// ---- Delivery translation (event_reader.cpp) ----

// Who the bot is, learnt at start-up from auth.test: its own user id (to recognise
// "<@U…>" mentions of it, its own messages and threads it started) and a name for
// "@planbot" in the core's texts.
struct SlackIdentity {
    std::string user_id;
    std::string team_id;
    std::string name;
};

// The dedupe key of a delivery: a 63-bit positive number from the first 8 bytes of the
// SHA-256 of Slack's id for it (event_id for events, trigger_id for slash commands and
// button presses), since processed_updates keeps 64-bit ids and Slack's are strings.
// Two different ids share a key with odds of 2^-63 per pair.
int64_t delivery_key(std::string_view slack_id);

// An Events API url_verification: answered with its challenge, nothing stored.
struct UrlVerification {
    std::string challenge;
};

// An event delivery read: a challenge to answer, or an Incoming (update_id always set;
// no event, with `ignored` saying why, for what the bot does not answer). An error
// (not JSON, no event_id) is for the log only: Slack resending it cannot help.
//
// event_callback events read: app_mention (addressed to the bot, the mention taken out
// of the text); message with channel_type "im" (a private chat with the sender); message
// in a channel or group (addressed when it replies in a thread the bot started; else
// the core decides, as for «hva skjer i mai»). A channel message that mentions the bot
// is ignored, because Slack sends the same message as an app_mention too. Messages from
// bots (the bot's own included), edits, deletions, joins and other subtypes are ignored
// (file_share and thread_broadcast are messages like any other).
std::expected<std::variant<UrlVerification, Incoming>, std::string> parse_event(std::string_view json_body,
                                                                               const SlackIdentity& bot);

// A slash command (/planbot <text>), form-encoded: an Event addressed to the bot, its
// text what followed the command, with a '/' put before it when its first word names
// one of the core's commands ("ferdig 9 betalt inn" -> "/ferdig 9 betalt inn"), so that
// the core reads it as it reads the command typed elsewhere. response_url is not read.
std::expected<Incoming, std::string> parse_command(std::string_view form_body, const SlackIdentity& bot);

// A button press (payload=<block_actions JSON>): an Event with `button` set (id
// "<channel>|<user>", which an AnswerButton reply answers with chat.postEphemeral;
// data the button's value; message_id "<channel>:<ts>" of the message carrying it).
std::expected<Incoming, std::string> parse_interaction(std::string_view form_body, const SlackIdentity& bot);

// The value of `key` in an application/x-www-form-urlencoded body, decoded; "" when absent.
std::string form_value(std::string_view form_body, std::string_view key);
// %XX and '+' decoded; a '%' not followed by two hex digits is kept as it is.
std::string url_decode(std::string_view text);

// ---- Reply rendering (reply_renderer.cpp) ----

// Escapes &, < and > as Slack's mrkdwn wants.
std::string mrkdwn_escape(std::string_view text);

// The core's command hints («skriv /ferdig 9») as a Slack user types them: the bot's
// slash command in front («/planbot ferdig 9»), since Slack would take "/ferdig" for a
// command of its own. Only the core's command names at the start of a word; other
// slashes (a URL, a date) stay as they are.
std::string slack_commands(std::string_view text);

// Slack's limit on a section block's text, in characters: one message holds at most this.
inline constexpr size_t kMessageLimit = 3000;

// Splits text into pieces of at most `limit` characters once escaped (mrkdwn_escape),
// at line ends where possible, never inside a UTF-8 character. Empty or blank text gives
// no pieces. The pieces are not escaped.
std::vector<std::string> split_message(std::string_view text, size_t limit = kMessageLimit);

// The Web API methods outbox rows name. A new message's row keeps method "" (the
// platform's plain send, as the outbox and the dispatcher know it), which is chat.postMessage.
inline constexpr std::string_view kPostMessage = "chat.postMessage";
inline constexpr std::string_view kUpdate = "chat.update";
inline constexpr std::string_view kPostEphemeral = "chat.postEphemeral";
// A slash command's answer, posted to the command's response_url (Slack's, valid for
// 30 minutes) rather than through the Web API: the row's method, and the payload key
// that holds the URL (which lets anyone post there: it is never logged, and the row
// goes when sent).
inline constexpr std::string_view kResponseUrl = "response_url";

// The response_url of a slash command's form body: https:// on a Slack host, or, with
// `allow_loopback` (the Web API itself is a stand-in on loopback, in tests), plain
// http:// on loopback; "" when missing or anything else.
std::string command_response_url(std::string_view form_body, bool allow_loopback = false);
// Whether planbot may post a row's answer to `url` (what command_response_url keeps).
bool acceptable_response_url(std::string_view url, bool allow_loopback = false);
// The buttons' action ids.
inline constexpr std::string_view kDoneAction = "planbot_done";
inline constexpr std::string_view kPublishAction = "planbot_publish";

// Outbox rows for one reply, in the reply's chat. By the reply's kind:
// - NewMessage: split into messages of kMessageLimit, escaped, each mentioned person with
//   a Slack user id as <@U…> at the first occurrence of their name (within one piece);
//   in the reply's thread (thread_ts in the payload); the ✅ Ferdig or ✅ Publiser button
//   (a section block with the text and an actions block) on the last piece. A document
//   cannot be uploaded (no files:write): its caption, then its content as text.
//   forum_thread, forum_post and forget_when_sent go on every row.
// - EditMessage ("<channel>:<ts>"): one chat.update row, the text cut to one message and
//   the blocks emptied (the buttons go). None when the id is not of that form.
// - AnswerButton ("<channel>|<user>"): one chat.postEphemeral row to that person there.
// - RenameTopic: none (Slack has no topics).
std::vector<storage::OutboxMessage> outbox_messages(const commands::Reply& reply);

// One Web API call: the method and its JSON body.
struct ApiRequest {
    std::string method;
    nlohmann::json body;
};

// The call that delivers one outbox row.
ApiRequest api_request(const storage::OutboxMessage& message);

// ---- The adapter as the platform interface (bot/platform.hpp) ----

// Slack as the pipeline, the scheduler and the dispatcher see it: channels ("C…",
// private ones "G…") are groups; a DM's chat id is a user id. Only new messages appear
// in a chat; an edit or an ephemeral answer counts only against the total rate.
class SlackPlatform final : public Platform {
public:
    std::string_view name() const override { return kPlatform; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        return outbox_messages(reply);
    }
    bool has_buttons() const override { return true; }
    std::string_view plain_method() const override { return kPostMessage; }
    size_t longest_message() const override { return kMessageLimit; }
    bool is_group(std::string_view chat_id) const override {
        return chat_id.starts_with('C') || chat_id.starts_with('G');
    }
    bool counts_in_chat(const storage::OutboxMessage& message) const override {
        return message.method.empty() || message.method == kPostMessage;
    }
};

}  // namespace planbot::bot::slack
