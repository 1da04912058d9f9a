// The people most command tests start from, at an Oslo local time: Anne is an admin from
// the config, Kari holds kasserer with the kasserer group (-100, «Kasserere») as its
// channel, Per has no role. planbot has followed the plan since 1 March 2026.
#pragma once

#include <string>

#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace planbot::test {

struct KassererFixture {
    MemoryState state;
    commands::Context context;
    commands::Person anne, kari, per;

    explicit KassererFixture(const std::string& local_time) : context(at(local_time)) {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        per = state.add_person("3", "Per", "");
        state.holdings.push_back({{"kasserer", ""}, kari});
        state.channel_list.push_back({"kasserer", "", "telegram", "-100", "", "Kasserere"});
        state.started = date::year(2026) / 3 / 1;
        context.state = &state;
        context.config_admins = {"1"};
    }
    KassererFixture(const KassererFixture&) = delete;
    KassererFixture& operator=(const KassererFixture&) = delete;
};

}  // namespace planbot::test
