// A person's own data as members meet it: /mine data sends everything planbot stores
// about them as a file, only in a private chat; /slett meg asks first and forgets them
// only when confirmed within the window; bokmål and nynorsk forms are understood.
#include <catch2/catch.hpp>

#include "commands/router.hpp"
#include "tests/support/chat_fixture.hpp"

namespace {

using namespace planbot;
using namespace planbot::commands;
using test::contains;

Outcome private_outcome(test::ChatFixture& f, const Person& from, const std::string& text) {
    return handle(test::private_message(from, text), f.context);
}

Event group_message(const Person& from, std::string text) {
    Event event = test::private_message(from, std::move(text));
    event.chat_id = "-100200";
    event.chat_kind = ChatKind::group;
    event.chat_title = "Styret";
    return event;
}

template <class T>
bool has_change(const Outcome& outcome) {
    for (const StateChange& change : outcome.changes)
        if (std::holds_alternative<T>(change.change)) return true;
    return false;
}

}  // namespace

TEST_CASE("/mine data sends a file with the person's roles, confirmations, notes and forum posts", "[personal data]") {
    test::ChatFixture f("2026-12-07T10:00");
    f.state.done.push_back({{9, "", "2026-12"}, f.kari, f.context.now, "betalt inn"});
    f.state.note_list.push_back({9, f.kari, f.context.now, "husk kvittering"});
    f.state.note_list.push_back({9, f.per, f.context.now, "Pers notat"});
    const Outcome outcome = private_outcome(f, f.kari, "/mine data");
    REQUIRE(outcome.replies.size() == 1);
    const NewMessage* message = outcome.replies[0].message();
    REQUIRE(message);
    REQUIRE(message->document);
    CHECK(message->forget_when_sent);
    CHECK(message->document->file_name == "planbot-mine-data-2026-12-07.txt");
    const std::string& file = message->document->content;
    CHECK(contains(file, "Navn: Kari Nordmann"));
    CHECK(contains(file, "Brukernavn: @kari"));
    CHECK(contains(file, "Kasserer"));
    CHECK(contains(file, "nr. 9"));
    CHECK(contains(file, "kommentar: betalt inn"));
    CHECK(contains(file, "husk kvittering"));
    CHECK_FALSE(contains(file, "Pers notat"));
    // The audit log hears that it was sent, and nothing of what.
    REQUIRE(outcome.changes.size() == 1);
    CHECK(std::holds_alternative<RecordDataExport>(outcome.changes[0].change));
    CHECK_FALSE(contains(outcome.changes[0].description, "Kari"));
    CHECK(audited(outcome.changes[0].change));
}

TEST_CASE("/mine data is understood in bokmål and nynorsk, and «/mine» alone is asked about", "[personal data]") {
    test::ChatFixture f("2026-12-07T10:00");
    for (const char* text : {"/mine data", "/mine opplysninger", "/mine opplysningar", "/minedata", "/mine_data",
                             "/Mine Data"}) {
        INFO(text);
        const Outcome outcome = private_outcome(f, f.kari, text);
        REQUIRE(outcome.replies.size() == 1);
        CHECK(outcome.replies[0].message()->document.has_value());
    }
    const Outcome bare = private_outcome(f, f.kari, "/mine");
    CHECK_FALSE(bare.replies[0].message()->document.has_value());
    CHECK(contains(bare.replies[0].text, "/mine data"));
    CHECK(bare.changes.empty());
}

TEST_CASE("/mine data and /slett meg in a group only say to ask privately, and send or change nothing",
          "[personal data]") {
    test::ChatFixture f("2026-12-07T10:00");
    for (const char* text : {"/mine data", "/slett meg", "/slett meg bekreft"}) {
        INFO(text);
        const Outcome outcome = handle(group_message(f.kari, text), f.context);
        REQUIRE(outcome.replies.size() == 1);
        CHECK(contains(outcome.replies[0].text, "privat"));
        CHECK_FALSE(outcome.replies[0].message()->document.has_value());
        CHECK(outcome.changes.empty());
    }
}

TEST_CASE("/slett meg asks first, and «/slett meg bekreft» within the window forgets the person", "[personal data]") {
    test::ChatFixture f("2026-12-07T10:00");
    const std::string asked = f.say(f.kari, "/slett meg");
    CHECK(contains(asked, "«/slett meg bekreft»"));
    CHECK(contains(asked, "tidligere medlem"));
    CHECK(f.state.erasure_requested("telegram", "2") == f.context.now);
    CHECK(!f.state.holdings.empty());  // nothing removed yet
    f.now("2026-12-07T10:10");
    const Outcome confirmed = private_outcome(f, f.kari, "/slett meg bekreft");
    CHECK(has_change<ForgetPerson>(confirmed));
    CHECK(confirmed.replies[0].message()->forget_when_sent);
    REQUIRE(confirmed.changes.size() == 1);
    CHECK_FALSE(contains(confirmed.changes[0].description, "Kari"));
    f.state.apply(confirmed, f.kari, f.context.now);
    CHECK(f.state.holdings.empty());
    CHECK_FALSE(f.state.person("telegram", "2"));
}

TEST_CASE("/slett meg bekreft without a request, or after the window, forgets nothing", "[personal data]") {
    test::ChatFixture f("2026-12-07T10:00");
    Outcome early = private_outcome(f, f.kari, "/slett meg bekreft");
    CHECK_FALSE(has_change<ForgetPerson>(early));
    CHECK(contains(early.replies[0].text, "Skriv «/slett meg» for å begynne på nytt"));
    f.say(f.kari, "/slett meg");
    f.now("2026-12-07T10:16");
    const Outcome late = private_outcome(f, f.kari, "/slett meg bekreft");
    CHECK_FALSE(has_change<ForgetPerson>(late));
    CHECK(contains(late.replies[0].text, "mer enn 15 minutter"));
}

TEST_CASE("/slett meg avbryt drops the request, and nynorsk forms are understood", "[personal data]") {
    test::ChatFixture f("2026-12-07T10:00");
    f.say(f.kari, "/slett meg");
    CHECK(contains(f.say(f.kari, "/slett meg avbryt"), "sletter ingenting"));
    CHECK_FALSE(f.state.erasure_requested("telegram", "2"));
    CHECK_FALSE(has_change<ForgetPerson>(private_outcome(f, f.kari, "/slett meg bekreft")));
    // Nynorsk: «sletta meg», «stadfest».
    f.say(f.kari, "/sletta meg");
    CHECK(has_change<ForgetPerson>(private_outcome(f, f.kari, "/sletta meg stadfest")));
    // Other words get the usage, and change nothing.
    const Outcome other = private_outcome(f, f.kari, "/slett alt");
    CHECK(other.changes.empty());
    CHECK(contains(other.replies[0].text, "/slett meg"));
}
