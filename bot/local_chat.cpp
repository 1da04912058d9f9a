// See local_chat.hpp.
#include "bot/local_chat.hpp"

#include <iostream>

#include "bot/log.hpp"
#include "commands/router.hpp"
#include "commands/search_index.hpp"
#include "storage/directory.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

constexpr std::string_view kLocal = "local";

}  // namespace

int run_local_chat(std::istream& in, std::ostream& out, const config::Plan& plan, const Clock& clock,
                   const date::time_zone* zone, storage::Database& database, const LocalChatOptions& options) {
    storage::WorkState state(database);
    storage::Directory directory(database);
    const commands::SearchIndex index = commands::build_search_index(plan);
    {
        storage::Transaction transaction(database);
        const auto local = date::make_zoned(zone, clock.now()).get_local_time();
        state.ensure_tracking_start(date::year_month_day(date::floor<date::days>(local)));
        directory.remember_user({std::string(kLocal), std::string(kLocal), "Lokal", "bruker", ""}, clock.now());
        transaction.commit();
    }
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
        event.platform = std::string(kLocal);
        event.chat_id = std::string(kLocal);
        event.chat_kind = commands::ChatKind::private_chat;
        event.user_id = std::string(kLocal);
        event.user_name = "Lokal";
        event.text = line;
        const auto now = clock.now();
        const commands::Context context{plan, now, zone, options.username, &index, &state, {std::string(kLocal)}};
        commands::Outcome outcome;
        try {
            storage::Transaction transaction(database);
            outcome = commands::handle(event, context);
            for (const commands::StateChange& change : outcome.changes)
                state.apply(change, event.platform, event.user_id, now);
            transaction.commit();
        } catch (const std::exception& error) {
            log::error("local_chat_failed", {{"error", error.what()}});
            outcome = {};
            outcome.replies.push_back({event.chat_id, "Beklager, noe gikk galt hos meg, og ingenting ble lagret. "
                                                      "Prøv igjen.", ""});
        }
        for (const commands::Reply& reply : outcome.replies) {
            if (!first_answer && !options.interactive) out << "\n";
            // Posts to a role's group have nowhere to go in the local chat: show them marked.
            if (reply.chat_id != event.chat_id) out << "[til gruppe " << reply.chat_id << "] ";
            out << reply.text << "\n";
            first_answer = false;
        }
        out << std::flush;
    }
    if (options.interactive) out << "\n";
    return 0;
}

}  // namespace planbot::bot
