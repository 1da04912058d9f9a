// What the shared message pipeline and the scheduler need of one chat platform: the
// name its rows are stored under, and how a neutral reply becomes that platform's
// outbox rows (its markup, its message size, its buttons). Each platform folder
// (bot/telegram/, bot/local/) has one; nothing else in the pipeline is per platform.
#pragma once

#include <string_view>
#include <vector>

#include "commands/event.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

class Platform {
public:
    virtual ~Platform() = default;
    // "telegram", "local": the platform column of users, chats, processed updates and
    // outbox rows, and the platform of every Event the adapter makes.
    virtual std::string_view name() const = 0;
    // The outbox rows that deliver `reply`, in order; none for an empty text.
    virtual std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const = 0;
};

}  // namespace planbot::bot
