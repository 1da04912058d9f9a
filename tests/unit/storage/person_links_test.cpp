// storage/person_links and WorkState's answers for linked accounts (/kobling), on real
// SQLite: the migration over a released database, a code used once and only inside
// its ten minutes, persons merging, unlinking with the roles kept, and the holders
// named once by the account that wrote last.
#include <catch2/catch.hpp>

#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/person_links.hpp"
#include "storage/work_state.hpp"
#include "tests/support/released_migrations.hpp"
#include "tests/support/storage_test_support.hpp"
#include "tests/support/temporary_folder.hpp"

using namespace planbot;
using namespace planbot::storage;
using planbot::test::count_rows;
using planbot::test::instant;

namespace {

constexpr date::year_month_day kLinkDay = date::year(2027) / 4 / 20;

struct LinkedFixture {
    Database database = Database::in_memory();
    PersonLinks links{database};
    WorkState state{database};
    Directory directory{database};

    LinkedFixture() {
        migrate(database);
        // Kari on telegram and slack, Ola on slack; Kari last wrote on telegram.
        directory.remember_user({"telegram", "1001", "Kari", "Nordmann", "kari"}, instant(0), true);
        directory.remember_user({"slack", "UKARI", "Kari", "N", ""}, instant(-60), true);
        directory.remember_user({"slack", "UOLA", "Ola", "Dunk", ""}, instant(-60), true);
    }

    void apply(const commands::Change& change, std::string_view platform, std::string_view user_id,
               std::chrono::sys_seconds now = instant(10)) {
        Transaction transaction(database);
        state.apply({change, "test"}, platform, user_id, now);
        transaction.commit();
    }
    void link(std::string_view digest, const Account& owner, const Account& other) {
        apply(commands::StartLink{std::string(digest), instant(600)}, owner.platform, owner.user_id);
        apply(commands::LinkAccounts{std::string(digest)}, other.platform, other.user_id);
    }
};

const Account kLinkedKariTelegram{"telegram", "1001"}, kLinkedKariSlack{"slack", "UKARI"}, kLinkedOla{"slack", "UOLA"};

}  // namespace

TEST_CASE("the link migration keeps a released database's users and adds the link tables") {
    const auto released = test::released_migrations();
    REQUIRE(released.size() == static_cast<size_t>(latest_schema_version()));
    test::TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        for (size_t i = 0; i + 1 < released.size(); ++i) database.execute(released[i]);
        database.execute("PRAGMA user_version = " + std::to_string(released.size() - 1));
        database.execute("INSERT INTO users (platform, user_id, first_name, first_seen, last_seen) "
                         "VALUES ('telegram', '1001', 'Kari', 1795852800, 1795852800)");
    }
    Database database(file);
    migrate(database);
    CHECK(schema_version(database) == latest_schema_version());
    CHECK(count_rows(database, "SELECT count(*) FROM users WHERE user_id = '1001' AND last_active IS NULL") == 1);
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 0);
    CHECK(count_rows(database, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                               "('person_accounts', 'link_codes', 'link_failures') AND sql LIKE '%STRICT%'") == 3);
}

TEST_CASE_METHOD(LinkedFixture, "a code links once: a second use throws and its transaction keeps nothing") {
    link("d1", kLinkedKariTelegram, kLinkedKariSlack);
    CHECK(links.others("slack", "UKARI") == std::vector<Account>{kLinkedKariTelegram});
    CHECK(count_rows(database, "SELECT count(*) FROM link_codes") == 0);
    {
        Transaction transaction(database);
        state.apply({commands::AddNote{9, "halvveis"}, "notat"}, "slack", "UOLA", instant(20));
        CHECK_THROWS_AS(state.apply({commands::LinkAccounts{"d1"}, "test"}, "slack", "UOLA", instant(20)),
                        StorageError);
    }  // rolled back, as the pipeline does when apply throws
    CHECK(links.others("slack", "UOLA").empty());
    CHECK(count_rows(database, "SELECT count(*) FROM task_notes") == 0);
}

TEST_CASE_METHOD(LinkedFixture, "an expired code links nothing") {
    apply(commands::StartLink{"d2", instant(600)}, "telegram", "1001");
    CHECK(state.link_code("d2").has_value());
    Transaction transaction(database);
    CHECK_THROWS_AS(state.apply({commands::LinkAccounts{"d2"}, "test"}, "slack", "UKARI", instant(600)), StorageError);
}

TEST_CASE_METHOD(LinkedFixture, "a new code replaces the account's earlier one, and expired codes go") {
    apply(commands::StartLink{"old", instant(600)}, "telegram", "1001");
    apply(commands::StartLink{"ola", instant(30)}, "slack", "UOLA");
    apply(commands::StartLink{"new", instant(1200)}, "telegram", "1001", instant(60));
    CHECK_FALSE(state.link_code("old").has_value());
    CHECK_FALSE(state.link_code("ola").has_value());  // expired at 30
    REQUIRE(state.link_code("new").has_value());
    CHECK(state.link_code("new")->owner.user_id == "1001");
}

TEST_CASE_METHOD(LinkedFixture, "wrong codes are counted per account within the window") {
    for (int i = 0; i < 3; ++i) apply(commands::FailLink{}, "slack", "UOLA", instant(i));
    CHECK(state.link_failures("slack", "UOLA", instant(-1)) == 3);
    CHECK(state.link_failures("slack", "UOLA", instant(1)) == 1);
    CHECK(state.link_failures("slack", "UKARI", instant(-1)) == 0);
}

TEST_CASE_METHOD(LinkedFixture, "roles and admin rights of either account are the person's, named by the account used last") {
    apply(commands::GrantRole{{"slack", "UKARI", "", ""}, {"kasserer", ""}}, "slack", "UKARI");
    apply(commands::GrantRole{{"telegram", "1001", "", ""}, {"kasserer", ""}, kLinkDay + date::years(1)}, "telegram",
          "1001");
    apply(commands::GrantAdmin{{"slack", "UKARI", "", ""}}, "slack", "UKARI");
    link("d3", kLinkedKariSlack, kLinkedKariTelegram);

    CHECK(state.is_admin("telegram", "1001"));
    CHECK(state.roles_of("telegram", "1001", kLinkDay) == std::vector<config::RoleRef>{{"kasserer", ""}});
    const auto holders = state.holders("kasserer", kLinkDay);
    REQUIRE(holders.size() == 1);  // once, though both accounts hold it
    CHECK(holders[0].person.platform == "telegram");  // Kari wrote there last
    CHECK_FALSE(holders[0].term_end.has_value());     // the longer term: none
    REQUIRE(state.admins().size() == 1);
    CHECK(state.admins()[0].platform == "telegram");

    directory.remember_user({"slack", "UKARI", "Kari", "N", ""}, instant(100), true);
    CHECK(state.holders("kasserer", kLinkDay)[0].person.platform == "slack");
    // A mention is no sign of where Kari is.
    directory.remember_user({"telegram", "1001", "Kari", "Nordmann", "kari"}, instant(200));
    CHECK(state.holders("kasserer", kLinkDay)[0].person.platform == "slack");

    // Revoking through either account ends the person's role.
    apply(commands::RevokeRole{{"telegram", "1001", "", ""}, {"kasserer", ""}}, "telegram", "1001");
    CHECK(state.holders("kasserer", kLinkDay).empty());
    CHECK(count_rows(database, "SELECT count(*) FROM role_holders") == 0);
}

TEST_CASE_METHOD(LinkedFixture, "persons linking a third account become one person") {
    const Account kari_local{"local", "local"};
    link("d4", kLinkedKariTelegram, kLinkedKariSlack);
    link("d5", kari_local, kLinkedOla);   // another person
    link("d6", kLinkedKariSlack, kari_local);
    CHECK(links.others("telegram", "1001").size() == 3);
    CHECK(count_rows(database, "SELECT count(DISTINCT person) FROM person_accounts") == 1);
}

TEST_CASE_METHOD(LinkedFixture, "the account that leaves gives its roles and admin rights to the one used last") {
    apply(commands::GrantRole{{"slack", "UKARI", "", ""}, {"kasserer", ""}}, "slack", "UKARI");
    apply(commands::GrantAdmin{{"slack", "UKARI", "", ""}}, "slack", "UKARI");
    link("d7", kLinkedKariTelegram, kLinkedKariSlack);
    apply(commands::UnlinkAccount{}, "slack", "UKARI");
    CHECK(links.others("telegram", "1001").empty());
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 0);
    CHECK(state.roles_of("telegram", "1001", kLinkDay) == std::vector<config::RoleRef>{{"kasserer", ""}});
    CHECK(state.roles_of("slack", "UKARI", kLinkDay).empty());
    CHECK(state.is_admin("telegram", "1001"));
    CHECK_FALSE(state.is_admin("slack", "UKARI"));
    CHECK(count_rows(database, "SELECT count(*) FROM audit_log WHERE action = 'account_unlinked'") == 1);
}

TEST_CASE_METHOD(LinkedFixture, "forgetting one account of a person leaves the other with its own roles") {
    apply(commands::GrantRole{{"telegram", "1001", "", ""}, {"kasserer", ""}}, "telegram", "1001");
    link("d8", kLinkedKariTelegram, kLinkedKariSlack);
    apply(commands::ForgetPerson{}, "slack", "UKARI");
    CHECK(count_rows(database, "SELECT count(*) FROM person_accounts") == 0);
    CHECK(state.roles_of("telegram", "1001", kLinkDay).size() == 1);
}
