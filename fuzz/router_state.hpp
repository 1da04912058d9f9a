// The fixed state the router and button targets read: the people of the command tests
// (Anne an admin from the config, Kari kasserer with the kasserer group -100 as its
// channel, Per without a role), one confirmed occurrence, a forum thread with a reply
// and Kari's draft. The first input byte picks who writes where.
#pragma once

#include <cstdint>
#include <string>

#include "commands/event.hpp"
#include "commands/language/search_index.hpp"
#include "commands/people/roles.hpp"
#include "fuzz/fuzz_support.hpp"
#include "tests/support/memory_state.hpp"

namespace planbot::fuzz {

struct RouterWorld {
    test::MemoryState state;
    commands::SearchIndex index = commands::build_search_index(shipped_plan());
    commands::RoleNames role_names = commands::build_role_names(shipped_plan());
    commands::Person anne, kari, per, stranger{"telegram", "4", "Sara Fremmed", ""};

    RouterWorld() {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        per = state.add_person("3", "Per", "");
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.channel_list.push_back({"kasserer", "", "telegram", "-100", "", "Kasserere"});
        state.started = date::year(2026) / 3 / 1;
        state.done.push_back({{9, "", "2026-Q1"}, kari, fixed_now() - std::chrono::days(30), "betalt", false});
        commands::ForumPost first{1, 1, kari, "Budsjett", "Hvordan setter dere opp budsjettet? #budsjett",
                                  {"budsjett"}, fixed_now() - std::chrono::days(2), std::nullopt, false, false};
        commands::ForumPost reply{2, 1, per, "Budsjett", "Vi bruker regneark.", {}, fixed_now() - std::chrono::days(1), std::nullopt, false, false};
        state.posts.push_back({first, "hvordan setter dere opp budsjettet budsjett"});
        state.posts.push_back({reply, "vi bruker regneark"});
        state.drafts[{"telegram", "2"}] = commands::ForumDraft{"Ny tråd", fixed_now() - std::chrono::minutes(5)};
    }

    commands::Context context() const {
        return commands::Context{shipped_plan(), fixed_now(), oslo(), "planbot", &index, &state, {"1"}, nullptr,
                                 4096, true, nullptr, &role_names};
    }

    // Who writes and where, from one byte: bits 0-1 the sender, 2-3 the chat (private,
    // the kasserer group, another group, the kasserer group's topic), 4 addressed to
    // the bot, 5 a reply to the bot's message, 6 a mention of Per.
    commands::Event event(uint8_t choice) const {
        const commands::Person* people[] = {&anne, &kari, &per, &stranger};
        const commands::Person& from = *people[choice & 3];
        commands::Event event;
        event.platform = "telegram";
        event.user_id = from.user_id;
        event.user_name = from.name;
        switch ((choice >> 2) & 3) {
        case 0: event.chat_id = from.user_id; break;
        case 1: event.chat_id = "-100"; event.chat_title = "Kasserere"; break;
        case 2: event.chat_id = "-200"; event.chat_title = "Lokallaget"; break;
        default: event.chat_id = "-100"; event.chat_title = "Kasserere"; event.thread_id = "7"; break;
        }
        event.chat_kind = event.chat_id.starts_with('-') ? commands::ChatKind::group : commands::ChatKind::private_chat;
        event.addressed_to_bot = (choice & 16) != 0 || event.chat_kind == commands::ChatKind::private_chat;
        if (choice & 32) event.reply_to_bot_message = "55";
        if (choice & 64) event.mentioned_users.push_back({per.user_id, per.name, per.username});
        return event;
    }
};

}  // namespace planbot::fuzz
