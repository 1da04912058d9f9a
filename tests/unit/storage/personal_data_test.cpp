// storage/personal_data (forgetting a person) and storage/retention, on real SQLite in
// memory with every migration: after ForgetPerson nothing names the person in any text
// column of any table, while what they did stays under «tidligere medlem»; the
// retention deletes only what is old and done; a row of personal data goes once sent.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/personal_data.hpp"
#include "storage/processed_updates.hpp"
#include "storage/reminder_log.hpp"
#include "storage/retention.hpp"
#include "storage/work_state.hpp"
#include "tests/support/storage_test_support.hpp"

using namespace planbot;
using namespace planbot::storage;

namespace {

std::chrono::sys_seconds days_later(int64_t days = 0) {
    return std::chrono::sys_seconds(std::chrono::seconds(1796000000 + days * 86400));
}

// Every text of every table (FTS shadow tables too) that holds `needle`, as "table.column".
std::vector<std::string> texts_holding(Database& database, const std::string& needle) {
    std::vector<std::string> found;
    Statement tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    std::vector<std::string> names;
    while (tables.step()) names.push_back(tables.column_text(0));
    for (const std::string& table : names) {
        Statement columns = database.prepare("SELECT name FROM pragma_table_info('" + table + "')");
        std::vector<std::string> column_names;
        while (columns.step()) column_names.push_back(columns.column_text(0));
        for (const std::string& column : column_names) {
            Statement rows = database.prepare("SELECT count(*) FROM \"" + table + "\" WHERE instr(CAST(\"" + column +
                                              "\" AS TEXT), ?1) > 0");
            rows.bind(1, needle);
            if (rows.step() && rows.column_int64(0) > 0) found.push_back(table + "." + column);
        }
    }
    return found;
}

struct PersonalDataFixture {
    Database database = Database::in_memory();
    Directory directory{database};
    WorkState state{database};
    Outbox outbox{database};

    PersonalDataFixture() {
        migrate(database);
        directory.remember_user({"telegram", "9400002", "Kari", "Glemsk", "kari_g"}, days_later());
        directory.remember_user({"telegram", "9400001", "Anne", "Admin", "anne"}, days_later());
        directory.remember_chat({"telegram", "9400002", "private", ""}, days_later());
        directory.remember_chat({"telegram", "-100300", "supergroup", "Styret"}, days_later());
    }
    void apply(commands::Change change, std::string description, std::string actor = "9400002") {
        state.apply({std::move(change), std::move(description)}, "telegram", actor, days_later());
    }
};

}  // namespace

TEST_CASE("a whole word is replaced, never part of a longer one") {
    CHECK(replace_whole_words("Takk, Kari!", "Kari", "tidligere medlem") == "Takk, tidligere medlem!");
    CHECK(replace_whole_words("Karianne og Kari", "Kari", "X") == "Karianne og X");
    CHECK(replace_whole_words("Kåre Kari", "Kari", "X") == "Kåre X");
    CHECK(replace_whole_words("<a href=\"tg://user?id=9400002\">Kari</a>", "9400002", "X") ==
          "<a href=\"tg://user?id=X\">Kari</a>");
    CHECK(replace_whole_words("id 194000021", "9400002", "X") == "id 194000021");
    CHECK(replace_whole_words("hei @kari_g.", "@kari_g", "X") == "hei X.");
}

TEST_CASE("forgetting a person leaves their name, username and id in no text of any table, and keeps what they did") {
    PersonalDataFixture f;
    f.apply(commands::GrantRole{{"telegram", "9400002", "Kari Glemsk", "kari_g"}, {"kasserer", ""}},
            "Kasserer gitt til Kari Glemsk", "9400001");
    f.apply(commands::GrantAdmin{{"telegram", "9400002", "Kari Glemsk", "kari_g"}}, "Kari Glemsk er admin", "9400001");
    f.apply(commands::Complete{{9, "", "2026-12"}, "betalt inn, hilsen Kari"}, "Nr. 9 meldt ferdig av Kari Glemsk");
    f.apply(commands::AddNote{9, "kvittering i permen"}, "Notat på nr. 9");
    f.apply(commands::AddForumPost{1, 1, "Budsjett", "Hvordan gjør dere det?", {}, "budsjett hvordan"}, "");
    f.apply(commands::SetForumMuted{true}, "");
    f.apply(commands::RequestErasure{true}, "");
    f.outbox.append({.platform = "telegram", .chat_id = "9400002", .text = "Hei Kari"}, days_later());
    f.outbox.append({.platform = "telegram", .chat_id = "-100300",
                     .text = "✅ Nr. 9 er ferdig. Takk, <a href=\"tg://user?id=9400002\">Kari</a>! @kari_g"},
                    days_later());
    for (const char* needle : {"Kari", "Glemsk", "kari_g", "9400002"}) REQUIRE_FALSE(texts_holding(f.database, needle).empty());

    f.apply(commands::ForgetPerson{}, "Et medlem ba planbot glemme dem (/slett meg)");

    for (const char* needle : {"Kari", "Glemsk", "kari_g", "9400002"}) {
        INFO(needle);
        CHECK(texts_holding(f.database, needle).empty());
    }
    // The organisation's record: the confirmation and the post stay, by «tidligere medlem».
    const std::vector<commands::Completion> done = f.state.completions(9);
    REQUIRE(done.size() == 1);
    CHECK(done[0].by.name == "tidligere medlem");
    CHECK(done[0].comment == "betalt inn, hilsen tidligere medlem");
    const auto post = f.state.forum_post(1);
    REQUIRE(post);
    CHECK(post->author.name == "tidligere medlem");
    CHECK(post->text == "Hvordan gjør dere det?");
    CHECK(f.state.holders("kasserer", date::year(2026) / 12 / 7).empty());
    CHECK_FALSE(f.state.is_admin("telegram", "9400002"));
    // The group's message stays, without her; her private chat's are gone.
    CHECK(test::count_rows(f.database, "SELECT count(*) FROM outbox WHERE chat_id = '-100300'") == 1);
    CHECK(test::count_rows(f.database, "SELECT count(*) FROM outbox WHERE chat_id = '9400002'") == 0);
    // The audit log says it happened, naming nobody.
    CHECK(test::count_rows(f.database, "SELECT count(*) FROM audit_log WHERE action = 'personal_data_erased' "
                                       "AND user_id = 'tidligere medlem'") == 1);
    // Anne is untouched.
    CHECK(f.state.person("telegram", "9400001"));
}

TEST_CASE("a row of personal data is deleted when sent, other rows stay as sent rows") {
    PersonalDataFixture f;
    const int64_t file = f.outbox.append({.platform = "telegram", .chat_id = "9400002", .text = "fil",
                                          .method = "sendDocument", .payload = "{}", .forget_when_sent = true},
                                         days_later());
    const int64_t plain = f.outbox.append({.platform = "telegram", .chat_id = "9400002", .text = "hei"}, days_later());
    CHECK(f.outbox.find(file)->forget_when_sent);
    f.outbox.mark_sent(file, "55", days_later());
    f.outbox.mark_sent(plain, "56", days_later());
    CHECK_FALSE(f.outbox.find(file));
    CHECK(f.outbox.find(plain)->status == OutboxStatus::sent);
}

TEST_CASE("the retention deletes old processed ids, old sent and failed messages and their reminders, nothing newer") {
    PersonalDataFixture f;
    ProcessedUpdates processed(f.database);
    processed.insert("telegram", 1, days_later(-100));
    processed.insert("telegram", 2, days_later(-95));  // the newest: polling resumes after it
    const int64_t old_sent = f.outbox.append({.platform = "telegram", .chat_id = "-100300", .text = "gammel"}, days_later(-100));
    f.outbox.mark_sent(old_sent, "1", days_later(-99));
    const int64_t old_pending = f.outbox.append({.platform = "telegram", .chat_id = "-100301", .text = "venter"}, days_later(-100));
    const int64_t new_sent = f.outbox.append({.platform = "telegram", .chat_id = "-100300", .text = "ny"}, days_later(-10));
    f.outbox.mark_sent(new_sent, "2", days_later(-10));
    ReminderLog reminders(f.database);
    reminders.record({"r|old", "before", 9, "", "2026-3", days_later(-100), false}, {old_sent}, days_later(-100));

    const Pruned pruned = prune_older_than(f.database, days_later(-90), days_later());
    CHECK(pruned.updates == 1);
    CHECK(pruned.messages == 1);
    CHECK(pruned.reminders == 1);
    CHECK_FALSE(processed.contains("telegram", 1));
    CHECK(processed.contains("telegram", 2));
    CHECK_FALSE(f.outbox.find(old_sent));
    CHECK(f.outbox.find(old_pending));
    CHECK(f.outbox.find(new_sent));
    CHECK_FALSE(reminders.contains("r|old"));
}
