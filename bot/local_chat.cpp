// See local_chat.hpp.
#include "bot/local_chat.hpp"

#include <iostream>

#include "commands/router.hpp"

namespace planbot::bot {

int run_local_chat(std::istream& in, std::ostream& out, const config::Plan& plan, const Clock& clock,
                   const date::time_zone* zone, const LocalChatOptions& options) {
    if (options.interactive)
        out << "planbot – lokal chat for " << plan.organisation << ". Skriv «hjelp» for eksempler, "
            << "Ctrl-D for å avslutte.\n";
    std::string line;
    bool first_answer = true;
    for (;;) {
        if (options.interactive) out << "> " << std::flush;
        if (!std::getline(in, line)) break;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;

        commands::Event event;
        event.platform = "local";
        event.chat_id = "local";
        event.chat_kind = commands::ChatKind::private_chat;
        event.user_id = "local";
        event.text = line;
        const commands::Context context{plan, clock.now(), zone, options.username};
        for (const commands::Reply& reply : commands::handle(event, context).replies) {
            if (!first_answer && !options.interactive) out << "\n";
            out << reply.text << "\n";
            first_answer = false;
        }
        out << std::flush;
    }
    if (options.interactive) out << "\n";
    return 0;
}

}  // namespace planbot::bot
