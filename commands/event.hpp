// The neutral types that flow through the core: an incoming chat Event (whatever
// the platform), the Context a handler reads (plan, time), and the Outcome it
// returns. Platform adapters in bot/ translate to and from these; nothing here
// knows JSON, sockets or SQL.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <date/tz.h>

#include "commands/language/public_holidays.hpp"
#include "commands/state.hpp"
#include "config/plan.hpp"

namespace planbot::config {
struct ReminderSettings;  // config/settings.hpp
}

namespace planbot::commands {

enum class ChatKind { private_chat, group };

// A user the message points at without an @username: a mention that links the person,
// or the author of the message this one replies to.
struct UserRef {
    std::string user_id;
    std::string name;
    std::string username;  // without '@'; may be ""
};

struct Event {
    std::string platform;  // the platform's name, as its adapter gives it
    std::string chat_id;
    ChatKind chat_kind = ChatKind::private_chat;
    std::string user_id;  // "" when from_chat
    std::string user_name;
    std::string text;
    std::string thread_id;  // a forum topic or thread to answer in; "" for none
    // Sent on behalf of a chat, by no person the platform names: a group's anonymous
    // admin, or a channel writing in a group. user_id is then "", and the message has
    // no one's rights: not a member's, a role holder's or an admin's (planbot's admins
    // are people, and an admin of a group is not one of them). Only what is the same
    // whoever asks is answered (CommandSpec::needs_person).
    bool from_chat = false;
    // The adapter's judgement that the message is meant for the bot: a command
    // addressed to it, a mention, or a reply to one of its messages.
    bool addressed_to_bot = false;
    std::string chat_title;               // a group's title ("" for private chats)
    std::vector<UserRef> mentioned_users;  // text mentions, in text order
    std::optional<UserRef> reply_to_user;  // the author of the replied-to message (not the bot)
    // The platform's id of the bot's message this one replies to ("" if none): the
    // outbox knows what that message was about (NewMessage::forum_thread).
    std::string reply_to_bot_message;
    // A photo, file, voice message, … by the adapter's name for it ("photo", "document");
    // the caption, if any, is `text`. "" for a text message.
    std::string attachment;
    // A press on one of the bot's buttons; `text` is then "".
    struct ButtonPress {
        std::string id;              // to answer the press by (AnswerButton::press_id)
        std::string data;            // the button's data, e.g. done_button_data()
        std::string message_id;      // the message that carries the button
        std::string message_text;    // its text, to edit
    };
    std::optional<ButtonPress> button;
};

// What a reply does is one of four kinds; every reply has a chat and a text.
// A file sent as a message, its content text (UTF-8); the reply's text is its caption.
struct Document {
    std::string file_name;  // "planbot-mine-data-2026-12-07.txt"
    std::string content;
};

// A picture of the årshjul of `year`, drawn when it is sent (so a restart before that
// loses nothing and it shows the wheel as it is then): the platform's photo, the local
// chat's file. The reply's text is its caption.
struct WheelPicture {
    int year = 0;
};

// A new message in the chat.
struct NewMessage {
    std::string thread_id{};  // the chat's topic or thread to write in; "" for none
    // People named in the text who should get a notification: those with a username appear
    // as "@username" in the text; for the others the adapter links the first occurrence
    // of their name (a mention that notifies them).
    std::vector<UserRef> mentions{};
    std::optional<OccurrenceId> done_button{};  // attach a "✅ Ferdig" button for this occurrence
    // Attach a "✅ Publiser" button for the author's forum draft begun at this instant
    // (ForumDraft::started); a platform without buttons shows the text only.
    std::optional<std::chrono::sys_seconds> publish_button{};
    // The forum thread the message shows: a reply to the message belongs to it (found
    // again by the platform's id of the message, which the outbox keeps). 0: none.
    int64_t forum_thread = 0;
    // The forum post the message carries (a relay to a member, a mirrored copy): when its
    // author deletes it or an admin hides it, the copy is edited to say so (the platform's
    // id of the message is kept with it), and a copy not sent yet never goes. 0: none.
    int64_t forum_post = 0;
    // In a group with topics where the forum's mirror is bound as a whole: the message
    // goes into forum_thread's topic there once that has one (else the group's General).
    // `open_topic`: first create that topic with this name (a new thread's first message).
    bool into_forum_topic = false;
    std::string open_topic{};
    // Send a file instead of a text message (the platform's way; the local chat writes it).
    std::optional<Document> document{};
    // Send the wheel as a picture instead of a text message (a platform that cannot
    // sends the caption and a line saying where to see it).
    std::optional<WheelPicture> picture{};
    // Personal data: once the platform has it, the bot keeps no copy (the outbox row
    // goes when sent, instead of staying as a sent row until the retention ends).
    bool forget_when_sent = false;
};
// The text of a message the bot sent earlier, replaced; the message's buttons go away.
struct EditMessage {
    std::string message_id;  // the platform's id of the message (Event::ButtonPress::message_id)
    std::vector<UserRef> mentions{};  // as NewMessage::mentions
};
// A short notice on the screen of whoever pressed one of the bot's buttons.
struct AnswerButton {
    std::string press_id;  // Event::ButtonPress::id
};
// A new name for the chat's topic `topic_id`, the reply's text (a mirrored forum thread's
// topic, renamed when the thread is deleted or hidden and back when it is shown again).
// A platform without topics leaves it out.
struct RenameTopic {
    std::string topic_id;
};

// Plain text: the adapter escapes it for its markup, splits it into the platform's
// message size and shortens what must be short (a button's answer, a topic's name).
struct Reply {
    std::string chat_id;
    std::string text;
    std::variant<NewMessage, EditMessage, AnswerButton, RenameTopic> kind{};

    // The kind's fields, when the reply is of that kind; else null.
    const NewMessage* message() const { return std::get_if<NewMessage>(&kind); }
    NewMessage* message() { return std::get_if<NewMessage>(&kind); }
};

// A new message to `chat_id` (in `thread_id`, "" for none).
Reply message_to(std::string chat_id, std::string text, std::string thread_id = {});
// A new message in the chat (and thread) `event` came from.
Reply reply_in(const Event& event, std::string text);

// The data of a "✅ Ferdig" button, and back. Short (at most 40 bytes) so that every
// platform's button can carry it; the adapters check their own limits.
std::string done_button_data(const OccurrenceId& occurrence);
std::optional<OccurrenceId> read_done_button_data(std::string_view data);

// The data of a "✅ Publiser" button, and back: the draft's start, so that the button
// of a draft that was replaced or sent publishes nothing.
std::string publish_button_data(std::chrono::sys_seconds draft_started);
std::optional<std::chrono::sys_seconds> read_publish_button_data(std::string_view data);

// Replies go to the event's platform: to its chat, or to another chat there (a role's
// channel). `changes` are applied by the caller in the same transaction.
struct Outcome {
    std::vector<Reply> replies;
    std::vector<StateChange> changes;
    // An admin asked for the plan file to be read again (/plan last inn): the bot layer
    // reads it and answers in the event's chat (work/plan_changes.hpp plan_reload_text).
    bool reload_plan = false;
};

struct SearchIndex;  // search_index.hpp
class Speller;      // speller.hpp
struct RoleNames;    // people/roles.hpp
class LinkCodes;     // people/linking.hpp
class AccessTokens;  // sharing/sharing_commands.hpp

// What a handler may read. `now` is UTC; calendar questions are answered in `zone`
// (Europe/Oslo), which the caller has already looked up.
struct Context {
    const config::Plan& plan;
    std::chrono::sys_seconds now;
    const date::time_zone* zone = nullptr;
    std::string_view bot_username;  // without '@'; "" when unknown
    const SearchIndex* index = nullptr;  // built once per plan; null: computed per question
    const State* state = nullptr;        // null: no database (questions about the wheel only)
    std::vector<std::string> config_admins{};  // user ids made admins by the config, on the event's platform
    const config::ReminderSettings* reminders = nullptr;  // for /paminnelser; null: the defaults
    // The event's platform: the longest text one message may hold, in its own units;
    // its apps send a longer text as several messages. 0: no limit.
    size_t longest_message = 0;
    // The event's platform shows the bot's buttons (✅ Ferdig, ✅ Publiser): texts may say
    // «Trykk ✅». Without, they name the command or word to type instead.
    bool buttons = false;
    // Debian's Norwegian dictionaries, to tell a typo from a word (speller.hpp); null:
    // without them, any word of five letters or more may be a typo.
    const Speller* speller = nullptr;
    // The plan's role names, built once per plan; null: built per question.
    const RoleNames* role_names = nullptr;
    // Makes /kobling's one-time codes and their digests (people/linking.hpp); null: the
    // bot cannot link accounts here, and /kobling says so.
    const LinkCodes* link_codes = nullptr;
    // The config's admins on every platform (name ""), so that an account linked to one
    // of them is an admin too; config_admins above stays the event's platform's ids.
    std::vector<Person> config_admin_accounts{};
    // Makes the secret links' tokens (/kalender, /oversikt) and their digests; null: the
    // bot cannot make links here, and the commands say so.
    const AccessTokens* access_tokens = nullptr;
    // Where those links point: the bot's web address as people reach it
    // ("https://planbot.example.no"), without a trailing slash. "": none is known.
    std::string_view web_address{};
};

// True when the event has a person behind it: not from_chat, and a user id.
bool from_person(const Event& event);

// True when the event's user is an admin (from the config, or made one in the chat),
// through their own account or one linked to it.
bool is_admin(const Event& event, const Context& context);

// The calendar day it is in the plan's time zone at `context.now`.
date::year_month_day local_today(const Context& context);

// The fellesferie's weeks for «i fellesferien»: the setting reminders.fellesferie, or
// the shipped weeks 28–30 when the settings are not known or name none (the nation's
// common holiday is still there when the reminders ignore it).
FerieWeeks ferie_weeks(const Context& context);

}  // namespace planbot::commands
