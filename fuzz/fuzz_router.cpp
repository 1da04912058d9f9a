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

namespace {
const fuzz::RouterWorld* world = nullptr;
const bot::HunspellSpeller* speller = nullptr;
}  // namespace

// The world and Debian's dictionaries (hunspell-no, when installed) load once, before
// the first input: loading takes seconds, and inside an input it counts against
// libFuzzer's per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    world = new fuzz::RouterWorld();
    if (auto loaded = bot::HunspellSpeller::load("/usr/share/hunspell")) speller = loaded->release();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    commands::Event event = world->event(data[0]);
    event.text = bot::repair_utf8(fuzz::as_text(data + 1, size - 1));
    commands::Context context = world->context();
    context.speller = speller;

    const commands::Outcome outcome = commands::handle(event, context);
    for (const commands::Reply& reply : outcome.replies)
        if (reply.chat_id.empty()) std::abort();
    return 0;
}
