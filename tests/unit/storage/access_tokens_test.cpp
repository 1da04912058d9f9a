// storage/access_tokens and WorkState's part in /kalender and /oversikt, on real
// SQLite: only digests are stored, a new link replaces the old one of its kind, the
// kinds are separate, and a forgotten person's links stop working.
#include <catch2/catch.hpp>

#include "storage/access_tokens.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/personal_data.hpp"
#include "storage/work_state.hpp"
#include "tests/support/storage_test_support.hpp"

using namespace planbot;
using namespace planbot::storage;
using planbot::test::count_rows;
using planbot::test::instant;

namespace {

struct TokenFixture {
    Database database = Database::in_memory();
    WorkState state{database};
    AccessTokens tokens{database};

    TokenFixture() {
        migrate(database);
        Directory(database).remember_user({"telegram", "1001", "Kari", "Nordmann", "kari"}, instant(0), true);
    }
    void apply(const commands::Change& change, std::chrono::sys_seconds now = instant(10)) {
        Transaction transaction(database);
        state.apply({change, "test"}, "telegram", "1001", now);
        transaction.commit();
    }
};

}  // namespace

TEST_CASE("a link is found by its digest, and a new one of its kind makes the old one stop working") {
    TokenFixture f;
    f.apply(commands::IssueAccessToken{commands::AccessKind::calendar, "digest-one"}, instant(10));
    f.apply(commands::IssueAccessToken{commands::AccessKind::calendar_all, "digest-all"}, instant(10));
    const auto found = f.tokens.find("digest-one");
    REQUIRE(found);
    CHECK(found->kind == commands::AccessKind::calendar);
    CHECK(found->platform == "telegram");
    CHECK(found->user_id == "1001");
    CHECK(f.state.access_token_made("telegram", "1001", commands::AccessKind::calendar) == instant(10));
    CHECK_FALSE(f.state.access_token_made("telegram", "1001", commands::AccessKind::overview));

    f.apply(commands::IssueAccessToken{commands::AccessKind::calendar, "digest-two"}, instant(20));
    CHECK_FALSE(f.tokens.find("digest-one"));
    CHECK(f.tokens.find("digest-two"));
    CHECK(f.tokens.find("digest-all"));  // the other kind stays
    CHECK(f.state.access_token_made("telegram", "1001", commands::AccessKind::calendar) == instant(20));
    CHECK(count_rows(f.database, "SELECT count(*) FROM access_tokens") == 2);
    // Making a link is in the audit log; the digest is not.
    CHECK(count_rows(f.database, "SELECT count(*) FROM audit_log WHERE action = 'access_link_made'") == 3);
    CHECK(count_rows(f.database, "SELECT count(*) FROM audit_log WHERE description LIKE '%digest%'") == 0);
}

TEST_CASE("a forgotten person's links stop working") {
    TokenFixture f;
    f.apply(commands::IssueAccessToken{commands::AccessKind::overview, "digest-page"});
    f.apply(commands::ForgetPerson{});
    CHECK_FALSE(f.tokens.find("digest-page"));
    CHECK(count_rows(f.database, "SELECT count(*) FROM access_tokens") == 0);
}
