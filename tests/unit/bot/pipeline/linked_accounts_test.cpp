// One person on two platforms (/kobling), through the one message path every platform
// takes: two platforms of the test's own share one SQLite database in memory, as
// Telegram and Slack share one in a process that runs both. The codes are the bot's
// real ones (random, stored by their SHA-256), read from the answers as a user would.
// The shipped plan, from 2026-04-20 10:00 in Oslo.
#include <catch2/catch.hpp>

#include <regex>

#include "bot/pipeline/message_processor.hpp"
#include "commands/reminders/planner.hpp"
#include "storage/migrations.hpp"
#include "tests/support/bot_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::bot;
using planbot::test::count_rows;

namespace {

class Room final : public Platform {
public:
    explicit Room(std::string name) : name_(std::move(name)) {}
    std::string_view name() const override { return name_; }
    std::vector<storage::OutboxMessage> render(const commands::Reply& reply) const override {
        storage::OutboxMessage row;
        row.platform = name_;
        row.chat_id = reply.chat_id;
        row.text = reply.text;
        return {row};
    }
    bool has_buttons() const override { return false; }

private:
    std::string name_;
};

struct Account {
    std::string platform, user_id, first_name;
};

// Kari on «north» (n-kari) and «south» (s-kari); Ola, another person, on south.
const Account kNorthKari{"north", "n-kari", "Kari"};
const Account kSouthKari{"south", "s-kari", "Kari"};
const Account kSouthOla{"south", "s-ola", "Ola"};
const Account kNorthAdmin{"north", "n-admin", "Anne"};

struct LinkFixture {
    storage::Database database = storage::Database::in_memory();
    Room north{"north"}, south{"south"};
    MessageProcessor north_bot{database, test::shipped_plan(), test::oslo(), north, "planbot", {"n-admin"}};
    MessageProcessor south_bot{database, test::shipped_plan(), test::oslo(), south, "planbot", {}};
    storage::Outbox outbox{database};
    std::chrono::sys_seconds now = test::test_start();

    LinkFixture() {
        storage::migrate(database);
        const std::vector<commands::Person> admins = {{"north", "n-admin", "", ""}};
        north_bot.set_admin_accounts(admins);
        south_bot.set_admin_accounts(admins);
    }

    // The answers to `text` sent by `from` (in a private chat unless `group`), in order.
    std::vector<std::string> send(const Account& from, const std::string& text, bool group = false) {
        Incoming incoming;
        incoming.user = storage::UserInfo{from.platform, from.user_id, from.first_name, "Nordmann", ""};
        const std::string chat = group ? "g-1" : from.user_id;
        incoming.chat = storage::ChatInfo{from.platform, chat, group ? "group" : "private", group ? "Styret" : ""};
        commands::Event& event = incoming.event.emplace();
        event.platform = from.platform;
        event.chat_id = chat;
        event.chat_kind = group ? commands::ChatKind::group : commands::ChatKind::private_chat;
        event.user_id = from.user_id;
        event.user_name = from.first_name;
        event.text = text;
        event.addressed_to_bot = true;
        storage::Transaction transaction(database);
        const auto processed = (from.platform == "north" ? north_bot : south_bot).process(incoming, now);
        transaction.commit();
        std::vector<std::string> texts;
        for (int64_t id : processed.outbox_ids) texts.push_back(outbox.find(id)->text);
        return texts;
    }
    std::string say(const Account& from, const std::string& text, bool group = false) {
        const std::vector<std::string> texts = send(from, text, group);
        REQUIRE_FALSE(texts.empty());
        return texts.front();
    }

    // The code in /kobling's answer, as shown («abcd-efgh»).
    std::string code_for(const Account& from) {
        const std::string answer = say(from, "/kobling");
        std::smatch found;
        REQUIRE(std::regex_search(answer, found, std::regex("Koden din er ([a-z0-9]{4}-[a-z0-9]{4})")));
        return found[1];
    }
    // Kari asks on north, and a minute later sends the code on south.
    void link_kari() {
        const std::string code = code_for(kNorthKari);
        now += std::chrono::minutes(1);
        REQUIRE(test::contains(say(kSouthKari, "/kobling " + code), "er koblet"));
    }

    void grant(const Account& to, const std::string& role, const std::string& unit = "") {
        storage::Transaction transaction(database);
        storage::WorkState(database).apply({commands::GrantRole{{to.platform, to.user_id, "", ""}, {role, unit}}, ""},
                                           to.platform, "n-admin", now);
        transaction.commit();
    }
};

}  // namespace

TEST_CASE_METHOD(LinkFixture, "a code from one platform links the account on the other, and the roles count on both") {
    grant(kNorthKari, "kasserer");
    CHECK(test::contains(say(kSouthKari, "/mineroller"), "ingen roller"));
    link_kari();
    CHECK(test::contains(say(kSouthKari, "/mineroller"), "Kasserer"));
    CHECK(test::contains(say(kSouthKari, "/oppgaver"), "Kasserer"));
    // The code is not in the database, only its digest.
    const std::string code = code_for(kNorthKari);
    CHECK(count_rows(database, "SELECT count(*) FROM link_codes WHERE digest = '" + code.substr(0, 4) +
                                   code.substr(5) + "'") == 0);
    CHECK(count_rows(database, "SELECT count(*) FROM link_codes") == 1);
}

TEST_CASE_METHOD(LinkFixture, "a code works once, for one account") {
    const std::string code = code_for(kNorthKari);
    link_kari();  // a new code, replacing the first
    CHECK(test::contains(say(kSouthOla, "/kobling " + code), "Den koden kjenner jeg ikke"));
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 2);
    const std::string second = code_for(kNorthKari);
    CHECK(test::contains(say(kSouthKari, "/kobling " + second), "allerede koblet"));
    CHECK(test::contains(say(kSouthOla, "/kobling " + second), "Den koden kjenner jeg ikke"));
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts WHERE user_id = 's-ola'") == 0);
}

TEST_CASE_METHOD(LinkFixture, "a code is refused after ten minutes and from the platform it was made on") {
    const std::string code = code_for(kNorthKari);
    CHECK(test::contains(say(kNorthKari, "/kobling " + code), "Den koden laget du her"));
    CHECK(test::contains(say({"north", "n-other", "Per"}, "/kobling " + code), "to ulike plattformer"));
    now += std::chrono::minutes(10);
    CHECK(test::contains(say(kSouthKari, "/kobling " + code), "Koden er gått ut"));
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 0);
}

TEST_CASE_METHOD(LinkFixture, "an account that tried five wrong codes must wait before the right one works") {
    const std::string code = code_for(kNorthKari);
    for (int attempt = 0; attempt < commands::kLinkAttempts; ++attempt)
        CHECK(test::contains(say(kSouthKari, "/kobling abcd-efgh"), "Den koden kjenner jeg ikke"));
    CHECK(test::contains(say(kSouthKari, "/kobling " + code), "for mange feil koder"));
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 0);
    // Another account is not held back by Kari's mistakes; an hour later Kari may try again.
    now += commands::kLinkAttemptWindow;
    CHECK(test::contains(say(kSouthKari, "/kobling " + code_for(kNorthKari)), "er koblet"));
}

TEST_CASE_METHOD(LinkFixture, "in a group /kobling gives no code and says to write privately") {
    const std::string answer = say(kNorthKari, "/kobling", true);
    CHECK(test::contains(answer, "privat chat"));
    CHECK_FALSE(test::contains(answer, "Koden din"));
    CHECK(count_rows(database, "SELECT count(*) FROM link_codes") == 0);
}

TEST_CASE_METHOD(LinkFixture, "/kobling fjern takes the account out, and its roles stay with the other account") {
    grant(kSouthKari, "kasserer");
    link_kari();
    CHECK(test::contains(say(kNorthKari, "/mineroller"), "Kasserer"));
    CHECK(test::contains(say(kSouthKari, "/kobling fjern"), "Kontoen er koblet fra"));
    CHECK(test::contains(say(kNorthKari, "/mineroller"), "Kasserer"));   // the role stayed with the person
    CHECK(test::contains(say(kSouthKari, "/mineroller"), "ingen roller"));
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 0);
    CHECK(test::contains(say(kSouthKari, "/kobling fjern"), "ikke koblet"));
}

TEST_CASE_METHOD(LinkFixture, "a linked account may confirm its person's tasks, a stranger may not") {
    grant(kNorthKari, "kasserer");
    CHECK(test::contains(say(kSouthOla, "/ferdig 9"), "Beklager"));
    link_kari();
    const std::string answer = say(kSouthKari, "/ferdig 9");
    CHECK(test::contains(answer, "✅"));
    CHECK(count_rows(database, "SELECT count(*) FROM completions WHERE task = 9 AND user_id = 's-kari'") == 1);
}

TEST_CASE_METHOD(LinkFixture, "an admin by the settings on one platform is admin from a linked account") {
    const Account south_anne{"south", "s-anne", "Anne"};
    CHECK(test::contains(say(south_anne, "/logg"), "Beklager"));
    const std::string code = code_for(kNorthAdmin);
    REQUIRE(test::contains(say(south_anne, "/kobling " + code), "er koblet"));
    CHECK_FALSE(test::contains(say(south_anne, "/logg"), "Beklager"));
}

namespace {

// The planned messages in the fixture's next 60 days for `platform` that go to `chat_id`.
size_t reminders_to(LinkFixture& f, std::string_view platform, const std::string& chat_id) {
    const storage::WorkState state(f.database);
    const config::ReminderSettings settings;
    size_t count = 0;
    for (const commands::PlannedMessage& message : commands::due_messages(
             test::shipped_plan(), state, settings, test::oslo(), f.now, f.now + std::chrono::days(60), platform, {}))
        count += message.reply.chat_id == chat_id ? 1 : 0;
    return count;
}

}  // namespace

TEST_CASE_METHOD(LinkFixture, "a linked person's reminders go once, to the platform they last wrote from") {
    grant(kNorthKari, "kasserer");
    const size_t alone = reminders_to(*this, "north", "n-kari");
    REQUIRE(alone > 0);
    link_kari();  // Kari wrote on south last
    CHECK(reminders_to(*this, "north", "n-kari") == 0);
    CHECK(reminders_to(*this, "south", "s-kari") == alone);
    now += std::chrono::minutes(1);
    say(kNorthKari, "hei");
    CHECK(reminders_to(*this, "north", "n-kari") == alone);
    CHECK(reminders_to(*this, "south", "s-kari") == 0);
}

TEST_CASE_METHOD(LinkFixture, "a forum post reaches a linked member once, on the platform they last wrote from") {
    const Account oppdal{"north", "n-oppdal", "Ola"};
    grant(oppdal, "enpersonsgrupper", "Oppdal");
    grant(kSouthKari, "enpersonsgrupper", "Orkland");  // a member through her south account
    grant(kNorthKari, "enpersonsgrupper", "Orkland");  // and through her north one, before they were linked
    link_kari();
    now += std::chrono::minutes(1);
    say(kNorthKari, "hei");  // north is where Kari is now
    auto relays_to_kari = [&] {
        return count_rows(database, "SELECT count(*) FROM outbox WHERE chat_id IN ('n-kari', 's-kari') "
                                    "AND text LIKE '%Forumtråd%'");
    };
    say(oppdal, "/forum ny Budsjett: Hvordan fikk dere gjennomslag?");
    CHECK(test::contains(say(oppdal, "send"), "sendt til 2 medlemmer"));  // Kari once, and the admin
    CHECK(relays_to_kari() == 1);
    CHECK(count_rows(database, "SELECT count(*) FROM outbox WHERE platform = 'north' AND chat_id = 'n-kari' "
                               "AND text LIKE '%Forumtråd 1%'") == 1);
    // Kari answers from north as the member she is; then writes on south, and is no
    // longer reached on north.
    say(kNorthKari, "/forum ny Skole: Nedleggingen av skolen vår");
    CHECK(test::contains(say(kNorthKari, "send"), "sendt til 2 medlemmer"));
    now += std::chrono::minutes(1);
    say(kSouthKari, "hei");
    say(oppdal, "/forum ny Kommunevalg: Hvem stiller?");
    say(oppdal, "send");
    CHECK(relays_to_kari() == 1);
}

TEST_CASE_METHOD(LinkFixture, "an admin by the settings on one platform is in the forum from a linked account") {
    const Account south_anne{"south", "s-anne", "Anne"};
    CHECK(test::contains(say(south_anne, "/forum"), "Forumet er for enpersonsgruppene"));
    const std::string code = code_for(kNorthAdmin);
    REQUIRE(test::contains(say(south_anne, "/kobling " + code), "er koblet"));
    CHECK_FALSE(test::contains(say(south_anne, "/forum"), "Forumet er for enpersonsgruppene"));
}
