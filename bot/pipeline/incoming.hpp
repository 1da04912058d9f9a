// One thing a platform delivered, already translated by its adapter: perhaps a
// message for the core (the neutral commands::Event), and what storage should
// remember of the people and the chat. The platform's own update types stop at its
// adapter; from here on every platform looks the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/event.hpp"
#include "storage/directory.hpp"

namespace planbot::bot {

struct Incoming {
    // The platform's id of this delivery, to handle a delivery sent twice once; nullopt
    // for a source that never repeats itself (the local chat).
    std::optional<int64_t> update_id;
    std::optional<commands::Event> event;        // a message the core should see
    std::optional<storage::UserInfo> user;       // the sender, to remember
    std::optional<storage::ChatInfo> chat;       // the chat, to remember
    std::vector<storage::UserInfo> other_users;  // mentioned or replied-to people, to remember
    std::optional<std::string> migrated_to;      // the chat now lives under this id
    std::optional<bool> bot_is_member;           // false when the bot was removed or blocked
    std::string ignored;                         // why there is no event (for the log)
};

}  // namespace planbot::bot
