// libFuzzer target: the core's entry point (commands::handle, the router with every
// command and question behind it) with the shipped plan, a fixed state and a clock
// standing still: any text, from any of four senders, in a private chat, the role's
// group, another group or a topic. The core must not throw (MessageProcessor would
// answer with an apology), and every reply must have a chat. The text is repaired to
// valid UTF-8 first, as the message processor does with everything a platform brings.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "bot/language/hunspell_speller.hpp"
#include "bot/pipeline/valid_utf8.hpp"
#include "commands/router.hpp"
#include "fuzz/router_state.hpp"

using namespace planbot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fuzz::RouterWorld world;
    // Debian's dictionaries as the bot reads them, when installed (hunspell-no).
    static const std::unique_ptr<bot::HunspellSpeller> speller = [] {
        auto loaded = bot::HunspellSpeller::load("/usr/share/hunspell");
        return loaded ? std::move(*loaded) : nullptr;
    }();
    if (size == 0) return 0;
    commands::Event event = world.event(data[0]);
    event.text = bot::repair_utf8(fuzz::as_text(data + 1, size - 1));
    commands::Context context = world.context();
    context.speller = speller.get();

    const commands::Outcome outcome = commands::handle(event, context);
    for (const commands::Reply& reply : outcome.replies)
        if (reply.chat_id.empty()) std::abort();
    return 0;
}
