// A fresh database's first day, as a new user meets planbot in the local chat: every
// message goes through the router (commands::handle) at one fixed Oslo time, and its
// changes are applied before the next message. Anne is an admin from the config, Kari
// holds kasserer, Per has no role. Tracking started on the fixture's day.
#pragma once

#include <string>

#include "commands/router.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace planbot::test {

struct ChatFixture {
    MemoryState state;
    commands::Context context;
    commands::Person anne, kari, per;

    // `local_time` like "2026-12-06T10:00": now, and the day tracking started.
    explicit ChatFixture(const std::string& local_time) : context(at(local_time)) {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        per = state.add_person("3", "Per", "");
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.started = commands::local_today(context);
        context.state = &state;
        context.config_admins = {"1"};
    }
    ChatFixture(const ChatFixture&) = delete;
    ChatFixture& operator=(const ChatFixture&) = delete;

    // Moves the clock to another Oslo local time; tracking start stays.
    void now(const std::string& local_time) { context.now = at(local_time).now; }

    // The first reply to `text` sent privately by `from`, with the changes applied.
    std::string say(const commands::Person& from, const std::string& text) {
        const commands::Event event = private_message(from, text);
        commands::Outcome outcome = commands::handle(event, context);
        REQUIRE_FALSE(outcome.replies.empty());
        state.apply(outcome, from, context.now);
        return outcome.replies.front().text;
    }
};

}  // namespace planbot::test
