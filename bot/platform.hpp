// The small interface every chat platform implements (bot/telegram/, bot/local/, and
// the next one beside them), and all the rest of bot/ knows of a platform:
// - Platform: the name its rows are stored under, how a neutral reply becomes its
//   outbox rows (markup, message size, buttons), and the facts its flood limits need.
// - Sender: one connection's way of delivering a row, with the platform's answer
//   classified (delivered, retry after, chat moved or gone, refused, try again later).
// Translating what the platform sends into the neutral Incoming stays inside the
// platform's folder, since each platform delivers in its own way (webhook, terminal).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "commands/event.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

class Platform {
public:
    virtual ~Platform() = default;
    // "telegram", "local": the platform column of users, chats, processed updates and
    // outbox rows, and the platform of every Event its adapter makes.
    virtual std::string_view name() const = 0;
    // The outbox rows that deliver `reply`, in order; none for an empty text.
    virtual std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const = 0;
    // Whether its apps show the bot's buttons (✅ Ferdig, ✅ Publiser) and send presses
    // back; without, the bot's texts name what to type instead (commands::Context::buttons).
    virtual bool has_buttons() const = 0;
    // The longest text one message may hold, in the platform's units; its apps send a
    // longer text as several messages (commands::Context::longest_message). 0: no limit.
    virtual size_t longest_message() const { return 0; }
    // Whether a chat is a group, where the platform's stricter per-group limit applies.
    virtual bool is_group(std::string_view /*chat_id*/) const { return false; }
    // Whether a row appears in its chat as a message (and counts against the per-chat
    // limits), or only changes one (an edit, an answer to a button press).
    virtual bool counts_in_chat(const storage::OutboxMessage&) const { return true; }
    // What a row with method "" calls on the platform ("sendMessage"), for the metrics.
    virtual std::string_view plain_method() const { return name(); }
};

// What became of one row the platform was asked to deliver.
struct Delivery {
    enum class Kind {
        delivered,    // accepted; platform_message_id names what it made
        retry_after,  // the platform asked us to wait `retry_after` before writing to the chat again
        moved,        // the chat lives on under `moved_to`: send the row there
        chat_gone,    // the bot may no longer write to the chat
        refused,      // the row itself is wrong: retrying cannot help
        temporary,    // no answer, or the platform's trouble: try again later
    };
    Kind kind = Kind::temporary;
    bool answered = false;              // the platform answered at all (for /healthz)
    int status = 0;                     // the answer's HTTP status, for the log (0: none)
    std::string method;                 // what was asked of the platform, for the log
    std::string reason;                 // the platform's words, or the network's error
    std::string platform_message_id;    // delivered: the platform's id of the message (or topic)
    std::optional<int64_t> opened_forum_thread;  // delivered: the row opened this forum thread's topic
    std::chrono::seconds retry_after{0};
    std::string moved_to;
    bool expected = false;  // refused, but harmlessly (a button answered too late): a warning only
    // temporary, because the platform refused the bot's credentials (a revoked token):
    // no row can go until an operator acts, so the platform counts as down at once.
    bool credentials_refused = false;
};

class Sender {
public:
    virtual ~Sender() = default;
    // Delivers one row over this sender's connection. Never throws for the platform's
    // or the network's trouble: that is a Delivery too.
    virtual boost::asio::awaitable<Delivery> send(const storage::OutboxMessage& message) = 0;
};

}  // namespace planbot::bot
