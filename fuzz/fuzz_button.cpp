// libFuzzer target: the data of a button press (Telegram's callback_query data, any
// bytes a client may forge), read as the core reads it: the "✅ Ferdig" and
// "✅ Publiser" readers, each checked to give back what it read, then the whole press
// through commands::handle with the fixed state (router_state.hpp): from any of four
// senders, in a private chat or a group, on a message with or without text.
#include <cstdint>
#include <cstdlib>

#include "bot/pipeline/valid_utf8.hpp"
#include "commands/router.hpp"
#include "fuzz/router_state.hpp"

using namespace planbot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fuzz::RouterWorld world;
    if (size == 0) return 0;
    // Telegram's JSON carries valid UTF-8 only; the adapter repairs what is not.
    const std::string button_data = bot::repair_utf8(fuzz::as_text(data + 1, size - 1));

    // A button the bot made reads back as itself.
    if (const auto occurrence = commands::read_done_button_data(button_data)) {
        if (commands::read_done_button_data(commands::done_button_data(*occurrence)) != occurrence) std::abort();
    }
    if (const auto started = commands::read_publish_button_data(button_data)) {
        if (commands::read_publish_button_data(commands::publish_button_data(*started)) != started) std::abort();
    }

    commands::Event event = world.event(data[0]);
    event.addressed_to_bot = true;
    event.mentioned_users.clear();
    event.button = commands::Event::ButtonPress{"press-1", button_data, "55",
                                                (data[0] & 128) ? "⏰ Nr. 9 Følge opp partiskatt" : ""};
    const commands::Outcome outcome = commands::handle(event, world.context());
    for (const commands::Reply& reply : outcome.replies)
        if (reply.chat_id.empty()) std::abort();
    return 0;
}
