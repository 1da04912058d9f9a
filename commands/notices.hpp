// Texts the bot sends on its own initiative (not answers to a question), so that
// every Norwegian sentence users read lives in commands/. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace planbot::commands {

// To the admins, when the bot can no longer write in a chat.
std::string lost_chat_notice(std::string_view chat_name, std::string_view reason);

// To the admins, once when a chat's queue of unsent messages reached its cap: new
// answers to it are not sent until half the queue has gone.
std::string flooded_chat_notice(std::string_view chat_name, int64_t unsent);

// The answer when handling a message failed inside the bot: nothing of it was changed,
// and the member may try again. One wording for every platform.
std::string failure_apology();

}  // namespace planbot::commands
