// The forum's Monday digest keeps quiet on days off like the reminders: a Monday that
// is a public holiday sends it on the Tuesday, a fellesferie (as the settings have it)
// after its last week, each time with the posts since the digest before. Fixed
// instants; nothing reads a clock.
#include <catch2/catch.hpp>

#include "commands/reminders/planner.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using std::chrono::sys_seconds;

// Kari (Oppdal) and Ola (Røros) are one-person groups; Ola chose the digest («/forum demp»).
struct ForumDigestDaysFixture {
    test::MemoryState state;
    config::ReminderSettings settings;
    Person kari, ola;
    int64_t posts = 0;

    ForumDigestDaysFixture() {
        state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        ola = state.add_person("4", "Ola Berg", "");
        state.holdings.push_back({{"enpersonsgrupper", "Oppdal"}, kari});
        state.holdings.push_back({{"enpersonsgrupper", "Røros"}, ola});
        state.started = date::year(2027) / 1 / 1;
        change({SetForumMuted{true}, ""}, ola, "2027-01-04T10:00");
    }
    void change(StateChange what, const Person& by, const std::string& local) {
        state.apply(what, by, test::at(local).now);
    }
    // Kari starts a thread at Oslo `local`.
    void thread(const std::string& title, const std::string& local) {
        ++posts;
        change({AddForumPost{posts, posts, title, "Tekst", {}, title}, ""}, kari, local);
    }
    // The forum digests due in the minute ending at Oslo `local`.
    std::vector<PlannedMessage> digests(const std::string& local) const {
        const sys_seconds until = test::at(local).now;
        std::vector<PlannedMessage> out;
        for (PlannedMessage& message : due_messages(test::shipped_plan(), state, settings, test::oslo(),
                                                    until - std::chrono::minutes(1), until, "telegram", {"1"}))
            if (message.kind == ReminderKind::forum_digest) out.push_back(std::move(message));
        return out;
    }
};

}  // namespace

TEST_CASE("on 2. påskedag the forum digest waits for Tuesday and covers the posts since the Monday before",
          "[forum][holidays]") {
    ForumDigestDaysFixture f;
    f.thread("Budsjett", "2027-03-24T12:00");
    f.thread("Påskeaksjon", "2027-03-29T12:00");  // on the holiday itself
    CHECK(f.digests("2027-03-29T08:00").empty());  // 2. påskedag
    const auto tuesday = f.digests("2027-03-30T08:00");
    REQUIRE(tuesday.size() == 1);
    CHECK(tuesday[0].reply.chat_id == f.ola.user_id);
    CHECK(tuesday[0].key == "f|week|2027-W13|telegram|4");
    CHECK(contains(tuesday[0].reply.text, "Forumet for enpersonsgrupper, 22.–29. mars 2027:"));
    CHECK(contains(tuesday[0].reply.text, "• 1 Budsjett – Kari Nordmann (Oppdal)"));
    CHECK(contains(tuesday[0].reply.text, "• 2 Påskeaksjon"));
    // The next Monday's covers only what came after Tuesday's.
    f.thread("Etter påske", "2027-04-01T12:00");
    const auto next = f.digests("2027-04-05T08:00");
    REQUIRE(next.size() == 1);
    CHECK(contains(next[0].reply.text, "30. mars – 4. april 2027:"));
    CHECK(contains(next[0].reply.text, "Etter påske"));
    CHECK_FALSE(contains(next[0].reply.text, "Budsjett"));
}

TEST_CASE("in the fellesferie the forum digest waits until the Monday after, unless the setting has no fellesferie",
          "[forum][holidays]") {
    ForumDigestDaysFixture f;
    f.thread("Sommerbrev", "2027-07-14T12:00");  // Wednesday of week 28
    for (const char* monday : {"2027-07-12T08:00", "2027-07-19T08:00", "2027-07-26T08:00"})
        CHECK(f.digests(monday).empty());
    const auto after = f.digests("2027-08-02T08:00");
    REQUIRE(after.size() == 1);
    CHECK(contains(after[0].reply.text, "Forumet for enpersonsgrupper, 5. juli – 1. august 2027:"));
    CHECK(contains(after[0].reply.text, "Sommerbrev"));

    ForumDigestDaysFixture none;
    none.settings.fellesferie_first_week = none.settings.fellesferie_last_week = 0;
    none.thread("Sommerbrev", "2027-07-14T12:00");
    const auto monday = none.digests("2027-07-19T08:00");
    REQUIRE(monday.size() == 1);
    CHECK(contains(monday[0].reply.text, "uka 12.–18. juli 2027:"));
}
