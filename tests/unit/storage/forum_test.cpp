// storage/forum through WorkState: the forum part of commands::State on real SQLite,
// with the contract of state.hpp and tests/unit/memory_state.hpp: numbering, threads
// by last activity, visibility of hidden and deleted posts and of hidden threads,
// FTS5 prefix search, tags, drafts, the digest choice, which forum changes reach the
// audit log, migration 4 over a version-3 database, and the thread of a bot message
// (migration 5).
#include <catch2/catch.hpp>

#include <cctype>
#include <string>
#include <tuple>
#include <vector>

#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/forum.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "storage/work_state.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/storage_test_support.hpp"
#include "tests/support/released_migrations.hpp"
#include "tests/support/temporary_folder.hpp"

using namespace planbot;
using namespace planbot::storage;

namespace {

// 2026-11-28T09:00:00Z plus `offset` seconds; the tests never read the real clock.
std::chrono::sys_seconds forum_time(int64_t offset = 0) {
    return std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(9) +
           std::chrono::seconds(offset);
}

constexpr const char* kKari = "1001";
constexpr const char* kOla = "1002";
constexpr const char* kAdmin = "9000";

struct ForumFixture {
    Database database = Database::in_memory();
    Directory directory{database};
    WorkState state{database};

    ForumFixture() {
        migrate(database);
        directory.remember_user({"telegram", kKari, "Kari", "Nordmann", "kari"}, forum_time());
        directory.remember_user({"telegram", kOla, "Ola", "Dunk", "ola"}, forum_time());
        directory.remember_user({"telegram", kAdmin, "Siri", "", "siri"}, forum_time());
    }

    void apply(commands::Change change, int64_t offset = 0, std::string actor = kKari) {
        state.apply({std::move(change), "endring"}, "telegram", actor, forum_time(offset));
    }

    // A new thread (title set) or a reply. Its search text is the title and text in
    // lower case: the core folds them further, but the tests write ASCII words.
    void post(int64_t number, int64_t thread, std::string title, std::string text, int64_t offset = 0,
              std::string actor = kKari, std::vector<std::string> tags = {}) {
        std::string search_text = title.empty() ? text : title + " " + text;
        for (char& c : search_text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        apply(commands::AddForumPost{number, thread, std::move(title), std::move(text), std::move(tags),
                                     std::move(search_text)},
              offset, std::move(actor));
    }

    std::vector<int64_t> search(std::vector<std::string> prefixes, int limit = 20) {
        return numbers(state.forum_search(prefixes, limit));
    }

    static std::vector<int64_t> numbers(const std::vector<commands::ForumPost>& posts) {
        std::vector<int64_t> out;
        for (const auto& post : posts) out.push_back(post.number);
        return out;
    }
};

// "number:replies" per thread, in the listed order.
std::vector<std::string> describe(const std::vector<commands::ForumThread>& threads) {
    std::vector<std::string> out;
    for (const auto& thread : threads)
        out.push_back(std::to_string(thread.first.number) + ":" + std::to_string(thread.replies));
    return out;
}

std::vector<std::string> describe(const std::vector<commands::ForumTag>& tags) {
    std::vector<std::string> out;
    for (const auto& tag : tags) out.push_back(tag.tag + ":" + std::to_string(tag.posts));
    return out;
}

using Numbers = std::vector<int64_t>;
using Texts = std::vector<std::string>;

}  // namespace

// ---- posts and numbering ----

TEST_CASE_METHOD(ForumFixture, "posts are numbered from 1 and read back whole, the author named from users and a reply "
                          "carrying its thread's title",
                 "[forum]") {
    CHECK(state.next_forum_post_number() == 1);
    CHECK_FALSE(state.forum_post(1).has_value());
    post(1, 1, "Budsjett 2027", "Utkast til budsjett 🎉 «ærlig»", 0, kKari, {"budsjett", "okonomi"});
    post(2, 1, "", "Ser bra ut", 60, kOla);
    post(3, 3, "Stand", "Hvem stiller?", 120, "4242");  // never seen: named by the id
    CHECK(state.next_forum_post_number() == 4);

    auto first = state.forum_post(1);
    REQUIRE(first.has_value());
    CHECK(first->thread == 1);
    CHECK(first->author == commands::Person{"telegram", kKari, "Kari Nordmann", "kari"});
    CHECK(first->title == "Budsjett 2027");
    CHECK(first->text == "Utkast til budsjett 🎉 «ærlig»");
    CHECK(first->tags == Texts{"budsjett", "okonomi"});
    CHECK(first->at == forum_time());
    CHECK_FALSE(first->edited_at.has_value());
    CHECK_FALSE(first->hidden);
    CHECK_FALSE(first->deleted);

    auto reply = state.forum_post(2);
    REQUIRE(reply.has_value());
    CHECK(reply->thread == 1);
    CHECK(reply->title == "Budsjett 2027");
    CHECK(reply->author.name == "Ola Dunk");
    CHECK(reply->tags.empty());
    CHECK(state.forum_post(3)->author == commands::Person{"telegram", "4242", "4242", ""});
}

TEST_CASE_METHOD(ForumFixture, "a post stores its whole text, up to the longest a post may be", "[forum]") {
    std::string longest;
    while (longest.size() < commands::kMaxForumPost) longest += "ø";  // 2 bytes a character
    post(1, 1, "Langt", longest);
    CHECK(state.forum_post(1)->text == longest);
}

TEST_CASE_METHOD(ForumFixture, "a post whose number is taken throws, and the savepoint around it keeps nothing of it",
                 "[forum]") {
    post(1, 1, "Først", "forste innlegg");
    {
        Transaction transaction(database);
        post(2, 1, "", "svar", 10);
        {
            Savepoint savepoint(database);
            apply(commands::SetForumDraft{commands::ForumDraft{"Utkast", forum_time(20)}}, 20);
            post(3, 3, "Tredje", "tredje innlegg", 20, kOla, {"tapt"});
            CHECK_THROWS_AS(post(1, 1, "Igjen", "andre forsok", 30), StorageError);
        }  // not released: rolled back
        transaction.commit();
    }
    CHECK(state.forum_post(1)->title == "Først");
    CHECK(state.forum_post(2).has_value());
    CHECK_FALSE(state.forum_post(3).has_value());
    CHECK_FALSE(state.forum_draft("telegram", kKari).has_value());
    CHECK(search({"tredje"}).empty());
    CHECK(search({"andre"}).empty());
    CHECK(state.forum_tags().empty());
    CHECK(state.next_forum_post_number() == 3);
}

TEST_CASE_METHOD(ForumFixture, "a reply to a thread that does not exist is refused, and the transaction keeps nothing",
                 "[forum]") {
    {
        Transaction transaction(database);
        post(1, 1, "Tråd", "tekst");
        CHECK_THROWS_AS(post(2, 7, "", "svar til ingenting"), StorageError);
    }
    CHECK_FALSE(state.forum_post(1).has_value());
    CHECK(state.next_forum_post_number() == 1);
}

// ---- threads ----

TEST_CASE_METHOD(ForumFixture, "threads are listed by their newest visible post, then the higher number, with visible "
                          "replies counted, and paged",
                 "[forum]") {
    post(1, 1, "En", "a", 0);
    post(2, 2, "To", "b", 10);
    post(3, 3, "Tre", "c", 20);
    post(4, 1, "", "svar pa en", 30);  // thread 1 is now the most recently active
    post(5, 5, "Fem", "d", 30);        // as recent as thread 1: the higher number first
    post(6, 2, "", "svar pa to", 40);
    post(7, 2, "", "skjult svar", 50);
    apply(commands::HideForumPost{7, true}, 60, kAdmin);  // thread 2's activity is post 6's again

    CHECK(state.forum_thread_count() == 4);
    auto threads = state.forum_threads(10, 0);
    CHECK(describe(threads) == Texts{"2:1", "5:0", "1:1", "3:0"});
    CHECK(threads[0].last_activity == forum_time(40));
    CHECK(threads[0].first.title == "To");
    CHECK(threads[3].last_activity == forum_time(20));
    CHECK(describe(state.forum_threads(2, 1)) == Texts{"5:0", "1:1"});
    CHECK(state.forum_threads(10, 4).empty());
    CHECK(state.forum_threads(0, 0).empty());

    apply(commands::DeleteForumPost{6}, 70);  // its author deletes the only visible reply
    CHECK(describe(state.forum_threads(10, 0)) == Texts{"5:0", "1:1", "3:0", "2:0"});
    CHECK(state.forum_threads(10, 0)[3].last_activity == forum_time(10));
}

TEST_CASE_METHOD(ForumFixture, "a thread's visible posts come first post first, then replies oldest first", "[forum]") {
    post(1, 1, "Tråd", "start", 0);
    post(2, 2, "Annen", "annen", 5);
    post(3, 1, "", "svar en", 10, kOla);
    post(4, 1, "", "svar to", 10);
    post(5, 1, "", "slettet", 20);
    apply(commands::DeleteForumPost{5}, 30);
    CHECK(numbers(state.forum_thread_posts(1)) == Numbers{1, 3, 4});
    CHECK(state.forum_thread_posts(1)[1].title == "Tråd");
    CHECK(state.forum_thread_posts(99).empty());
}

// ---- visibility ----

TEST_CASE_METHOD(ForumFixture, "hidden and deleted posts leave the lists, search and the digest, but forum_post still "
                          "returns them with their flags",
                 "[forum]") {
    post(1, 1, "Valgkamp", "plakater og stand", 0, kKari, {"valg"});
    post(2, 1, "", "plakater henger", 10, kOla, {"valg"});
    post(3, 1, "", "plakater mangler", 20, kOla, {"valg"});
    apply(commands::HideForumPost{2, true}, 30, kAdmin);
    apply(commands::DeleteForumPost{3}, 40, kOla);

    CHECK(search({"plakat"}) == Numbers{1});
    CHECK(numbers(state.forum_posts_between(forum_time(-1), forum_time(100))) == Numbers{1});
    CHECK(numbers(state.forum_thread_posts(1)) == Numbers{1});
    CHECK(describe(state.forum_threads(10, 0)) == Texts{"1:0"});
    CHECK(describe(state.forum_tags()) == Texts{"valg:1"});

    auto hidden = state.forum_post(2);
    REQUIRE(hidden.has_value());
    CHECK(hidden->hidden);
    CHECK_FALSE(hidden->deleted);
    CHECK(hidden->title == "Valgkamp");
    auto deleted = state.forum_post(3);
    REQUIRE(deleted.has_value());
    CHECK(deleted->deleted);
    CHECK(deleted->tags.empty());  // a deleted post keeps no words (see below)
}

TEST_CASE_METHOD(ForumFixture, "a deleted post keeps no words: its text, title, tags and search row are gone, and a "
                          "deleted thread takes its replies with it",
                 "[forum]") {
    post(1, 1, "Hemmelig sak", "personlige opplysninger", 0, kKari, {"helse"});
    post(2, 1, "", "mitt eget svar om helse", 10, kKari, {"helse"});
    post(3, 3, "Annen tråd", "blir stående", 20, kOla);
    post(4, 3, "", "slettet svar om lege", 30, kKari, {"lege"});
    apply(commands::DeleteForumPost{4}, 40, kKari);
    apply(commands::DeleteForumPost{1}, 50, kKari);

    for (int64_t number : {1, 2, 4}) {
        INFO(number);
        const auto deleted = state.forum_post(number);
        REQUIRE(deleted.has_value());
        CHECK(deleted->deleted);
        CHECK(deleted->text.empty());
        CHECK(deleted->tags.empty());
        CHECK(deleted->author.user_id == kKari);  // who and when stay, for the audit log
    }
    CHECK(state.forum_post(1)->title.empty());
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_posts WHERE text LIKE '%helse%' OR text LIKE "
                                     "'%lege%' OR title LIKE '%Hemmelig%'") == 0);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_tags") == 0);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_search WHERE rowid IN (1, 2, 4)") == 0);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_search") == 1);
    CHECK(state.forum_post(3)->text == "blir stående");
    CHECK(state.forum_last_post_by("telegram", kKari) == std::nullopt);
}

TEST_CASE_METHOD(ForumFixture, "hiding a thread's first post hides the thread and its replies everywhere, and showing it "
                          "brings them back",
                 "[forum]") {
    post(1, 1, "Bolig", "boligpolitikk", 0, kKari, {"bolig"});
    post(2, 1, "", "boligbygging i trondheim", 10, kOla, {"bolig"});
    post(3, 3, "Skole", "skolepolitikk", 20, kOla, {"skole"});

    apply(commands::HideForumPost{1, true}, 30, kAdmin);
    CHECK(search({"bolig"}).empty());
    CHECK(numbers(state.forum_posts_between(forum_time(-1), forum_time(100))) == Numbers{3});
    CHECK(state.forum_thread_posts(1).empty());
    CHECK(describe(state.forum_threads(10, 0)) == Texts{"3:0"});
    CHECK(state.forum_thread_count() == 1);
    CHECK(describe(state.forum_tags()) == Texts{"skole:1"});
    CHECK(state.forum_threads_tagged("bolig", 10).empty());
    CHECK(state.forum_post(2)->title == "Bolig");  // still readable by number

    apply(commands::HideForumPost{1, false}, 40, kAdmin);
    CHECK(search({"bolig"}) == Numbers{2, 1});
    CHECK(describe(state.forum_threads(10, 0)) == Texts{"3:0", "1:1"});
    CHECK(describe(state.forum_tags()) == Texts{"bolig:2", "skole:1"});
    CHECK(describe(state.forum_threads_tagged("bolig", 10)) == Texts{"1:1"});
}

TEST_CASE_METHOD(ForumFixture, "the threads an admin hid are listed for admins, newest first, without deleted ones",
                 "[forum]") {
    post(1, 1, "Første", "a", 0);
    post(2, 2, "Andre", "b", 10);
    post(3, 2, "", "svar", 20, kOla);
    post(4, 4, "Tredje", "c", 30);
    post(5, 5, "Fjerde", "d", 40);
    apply(commands::HideForumPost{1, true}, 50, kAdmin);
    apply(commands::HideForumPost{3, true}, 50, kAdmin);  // a reply: its thread is not hidden
    apply(commands::HideForumPost{4, true}, 50, kAdmin);
    apply(commands::HideForumPost{5, true}, 50, kAdmin);
    apply(commands::DeleteForumPost{5}, 60, kKari);
    CHECK(numbers(state.forum_hidden_threads(10)) == Numbers{4, 1});
    CHECK(numbers(state.forum_hidden_threads(1)) == Numbers{4});
    CHECK(state.forum_hidden_threads(10)[0].title == "Tredje");
    CHECK(state.forum_thread_count() == 1);
}

TEST_CASE_METHOD(ForumFixture, "a person's last post counts hidden posts but not deleted ones", "[forum]") {
    CHECK_FALSE(state.forum_last_post_by("telegram", kKari).has_value());
    post(1, 1, "En", "en", 0);
    post(2, 1, "", "to", 100);
    post(3, 1, "", "tre", 200);
    post(4, 1, "", "ola", 300, kOla);
    apply(commands::HideForumPost{2, true}, 400, kAdmin);
    apply(commands::DeleteForumPost{3}, 400);
    CHECK(state.forum_last_post_by("telegram", kKari) == forum_time(100));
    CHECK(state.forum_last_post_by("telegram", kOla) == forum_time(300));
    CHECK_FALSE(state.forum_last_post_by("slack", kKari).has_value());
}

TEST_CASE_METHOD(ForumFixture, "posts between two times are those after the first and until the second, oldest first",
                 "[forum]") {
    post(1, 1, "En", "en", 0);
    post(2, 2, "To", "to", 100);
    post(3, 1, "", "tre", 100);
    post(4, 2, "", "fire", 200);
    CHECK(numbers(state.forum_posts_between(forum_time(0), forum_time(200))) == Numbers{2, 3, 4});
    CHECK(numbers(state.forum_posts_between(forum_time(-1), forum_time(100))) == Numbers{1, 2, 3});
    CHECK(state.forum_posts_between(forum_time(200), forum_time(300)).empty());
}

// ---- search ----

TEST_CASE_METHOD(ForumFixture, "search finds word beginnings anywhere in the text, for every prefix, newest first",
                 "[forum]") {
    post(1, 1, "Arsmote", "innkalling til arsmote i namdal", 0);
    post(2, 1, "", "sakliste og innkalling er sendt", 10);
    post(3, 3, "Stand", "stand pa torget i steinkjer", 20);
    post(4, 3, "", "vi trenger flere til standen", 30);

    CHECK(search({"innkall"}) == Numbers{2, 1});
    CHECK(search({"namd"}) == Numbers{1});              // a word in the middle of the text
    CHECK(search({"arsmote"}) == Numbers{1});           // a whole word, in title and text
    CHECK(search({"stand"}) == Numbers{4, 3});          // "standen" starts with it
    CHECK(search({"tand"}).empty());                    // inside a word: no match
    CHECK(search({"innkalling", "sak"}) == Numbers{2});  // every prefix must match
    CHECK(search({"st", "tor"}) == Numbers{3});
    CHECK(search({"stand", "namdal"}).empty());
    CHECK(search({"i"}) == Numbers{3, 2, 1});            // a one-letter prefix
    CHECK(search({"stand"}, 1) == Numbers{4});
    CHECK(search({"stand"}, 0).empty());
    CHECK(state.forum_search({"sak"}, 5).at(0).title == "Arsmote");
}

TEST_CASE_METHOD(ForumFixture, "search reads prefixes as words, never as query syntax, and skips empty ones", "[forum]") {
    post(1, 1, "Tittel", "or and not near kvote", 0);
    post(2, 2, "Annen", "noe helt annet", 10);
    CHECK(search({"or"}) == Numbers{1});
    CHECK(search({"not", "near"}) == Numbers{1});
    CHECK(search({"kvote\" OR \"noe"}).empty());  // one quoted phrase, not an OR
    CHECK(search({"\"", "*", "-"}).empty());
    CHECK(search({"", "kvo"}) == Numbers{1});
    CHECK(search({}).empty());
    CHECK(search({""}).empty());
}

TEST_CASE_METHOD(ForumFixture, "editing a post replaces its text, tags and search words and records when", "[forum]") {
    post(1, 1, "Kurs", "kurs i mars", 0, kKari, {"kurs", "mars"});
    post(2, 1, "", "jeg kommer", 10, kOla, {"kurs"});
    apply(commands::EditForumPost{1, "kurs i april", {"april", "kurs"}, "kurs kurs i april"}, 100);

    auto edited = state.forum_post(1);
    REQUIRE(edited.has_value());
    CHECK(edited->text == "kurs i april");
    CHECK(edited->title == "Kurs");
    CHECK(edited->tags == Texts{"april", "kurs"});
    CHECK(edited->at == forum_time());
    CHECK(edited->edited_at == forum_time(100));
    CHECK(search({"mars"}).empty());
    CHECK(search({"apr"}) == Numbers{1});
    CHECK(describe(state.forum_tags()) == Texts{"kurs:2", "april:1"});
    CHECK(describe(state.forum_threads(10, 0)) == Texts{"1:1"});  // an edit is no activity
    CHECK(state.forum_threads(10, 0)[0].last_activity == forum_time(10));
}

// ---- tags ----

TEST_CASE_METHOD(ForumFixture, "tags are counted over visible posts, the most used first, then by tag", "[forum]") {
    post(1, 1, "En", "en", 0, kKari, {"valg", "stand"});
    post(2, 1, "", "to", 10, kKari, {"stand"});
    post(3, 3, "Tre", "tre", 20, kKari, {"budsjett", "valg"});
    post(4, 4, "Fire", "fire", 30, kKari, {"arsmote"});
    post(5, 4, "", "fem", 40, kKari, {"valg"});
    apply(commands::DeleteForumPost{5}, 50);
    CHECK(describe(state.forum_tags()) == Texts{"stand:2", "valg:2", "arsmote:1", "budsjett:1"});
}

TEST_CASE_METHOD(ForumFixture, "threads with a visible post tagged so are listed by last activity, up to the limit",
                 "[forum]") {
    post(1, 1, "En", "en", 0, kKari, {"valg"});
    post(2, 2, "To", "to", 10);
    post(3, 2, "", "svar", 20, kOla, {"valg"});
    post(4, 4, "Fire", "fire", 30, kKari, {"valg"});
    post(5, 5, "Fem", "fem", 40);
    post(6, 5, "", "skjult", 50, kOla, {"valg"});
    post(7, 1, "", "nytt svar", 60);
    apply(commands::HideForumPost{6, true}, 70, kAdmin);

    CHECK(describe(state.forum_threads_tagged("valg", 10)) == Texts{"1:1", "4:0", "2:1"});
    CHECK(describe(state.forum_threads_tagged("valg", 2)) == Texts{"1:1", "4:0"});
    CHECK(state.forum_threads_tagged("val", 10).empty());
    CHECK(state.forum_threads_tagged("valg", 0).empty());
}

// ---- drafts and the digest choice ----

TEST_CASE_METHOD(ForumFixture, "a draft is kept per person, replaced by the next and dropped", "[forum]") {
    CHECK_FALSE(state.forum_draft("telegram", kKari).has_value());
    apply(commands::SetForumDraft{commands::ForumDraft{"Første tittel", forum_time()}}, 0, kKari);
    apply(commands::SetForumDraft{commands::ForumDraft{"Olas tittel", forum_time(5)}}, 5, kOla);
    apply(commands::SetForumDraft{commands::ForumDraft{"Andre tittel", forum_time(10)}}, 10, kKari);

    auto draft = state.forum_draft("telegram", kKari);
    REQUIRE(draft.has_value());
    CHECK(draft->title == "Andre tittel");
    CHECK(draft->started == forum_time(10));
    CHECK(state.forum_draft("telegram", kOla)->title == "Olas tittel");
    CHECK_FALSE(state.forum_draft("slack", kKari).has_value());

    apply(commands::SetForumDraft{std::nullopt}, 20, kKari);
    CHECK_FALSE(state.forum_draft("telegram", kKari).has_value());
    CHECK(state.forum_draft("telegram", kOla).has_value());
    apply(commands::SetForumDraft{std::nullopt}, 30, kKari);  // none to drop: nothing happens
}

TEST_CASE_METHOD(ForumFixture, "a draft waiting to be sent keeps its text, its thread and when a full piece came",
                 "[forum]") {
    apply(commands::SetForumDraft{commands::ForumDraft{"", forum_time(), 7, "Mitt svar\npå to linjer", forum_time(3)}}, 3,
          kKari);
    auto draft = state.forum_draft("telegram", kKari);
    REQUIRE(draft.has_value());
    CHECK(draft->title.empty());
    CHECK(draft->thread == 7);
    CHECK(draft->text == "Mitt svar\npå to linjer");
    CHECK(draft->started == forum_time());
    CHECK(draft->filled_at == forum_time(3));
    apply(commands::SetForumDraft{commands::ForumDraft{"Ny tråd", forum_time(10)}}, 10, kKari);
    draft = state.forum_draft("telegram", kKari);
    CHECK(draft->thread == 0);
    CHECK(draft->text.empty());
    CHECK(draft->filled_at == std::chrono::sys_seconds{});
}

TEST_CASE_METHOD(ForumFixture, "the digest choice is per person, on and off", "[forum]") {
    CHECK_FALSE(state.forum_muted("telegram", kKari));
    apply(commands::SetForumMuted{true}, 0, kKari);
    apply(commands::SetForumMuted{true}, 10, kKari);  // twice: still on
    CHECK(state.forum_muted("telegram", kKari));
    CHECK_FALSE(state.forum_muted("telegram", kOla));
    CHECK_FALSE(state.forum_muted("slack", kKari));
    apply(commands::SetForumMuted{false}, 20, kKari);
    CHECK_FALSE(state.forum_muted("telegram", kKari));
}

// ---- the audit log ----

TEST_CASE_METHOD(ForumFixture, "hiding, showing and deleting are audited; posts, edits, drafts and the digest choice are not",
                 "[forum]") {
    post(1, 1, "Hemmelig", "forumtekst holdes utenfor loggen", 0);
    post(2, 1, "", "svar", 10, kOla);
    apply(commands::EditForumPost{2, "nytt svar", {}, "nytt svar"}, 20, kOla);
    apply(commands::SetForumDraft{commands::ForumDraft{"Utkast", forum_time(30)}}, 30);
    apply(commands::SetForumMuted{true}, 40);
    CHECK(test::count_rows(database, "SELECT count(*) FROM audit_log") == 0);

    state.apply({commands::HideForumPost{2, true}, "Innlegg 2 skjult"}, "telegram", kAdmin, forum_time(50));
    state.apply({commands::HideForumPost{2, false}, "Innlegg 2 vist igjen"}, "telegram", kAdmin, forum_time(60));
    state.apply({commands::DeleteForumPost{2}, "Innlegg 2 slettet"}, "telegram", kOla, forum_time(70));
    auto log = state.audit(10);
    REQUIRE(log.size() == 3);
    CHECK(log[0].action == "forum_deleted");
    CHECK(log[0].actor.name == "Ola Dunk");
    CHECK(log[0].description == "Innlegg 2 slettet");
    CHECK(log[1].action == "forum_shown");
    CHECK(log[2].action == "forum_hidden");
    CHECK(log[2].actor.name == "Siri");
    CHECK(log[2].at == forum_time(50));
}

// ---- against the in-memory reference ----

TEST_CASE("the SQLite forum answers like MemoryState on the same changes", "[forum]") {
    auto database = Database::in_memory();
    migrate(database);
    Directory directory(database);
    WorkState stored(database);
    test::MemoryState memory;
    const std::vector<commands::Person> people = {{"telegram", "1", "Kari Nordmann", "kari"},
                                                  {"telegram", "2", "Ola Dunk", ""}};
    for (const auto& person : people) {
        memory.people.push_back(person);
        const auto space = person.name.find(' ');
        directory.remember_user({"telegram", person.user_id, person.name.substr(0, space), person.name.substr(space + 1),
                                 person.username},
                                forum_time());
    }
    auto apply = [&](commands::Change change, int64_t offset, size_t who = 0) {
        memory.apply(commands::StateChange{change, ""}, people[who], forum_time(offset));
        stored.apply({change, ""}, "telegram", people[who].user_id, forum_time(offset));
    };
    // Eight threads of up to four posts; replies hidden, deleted and edited. (The
    // hidden first posts MemoryState does not follow into search and the digest are
    // tested above.)
    const Texts words = {"valg", "stand", "budsjett", "kurs", "bolig", "skole"};
    int64_t number = 1;
    for (int thread = 0; thread < 8; ++thread) {
        const int64_t first = number;
        for (int reply = 0; reply < 1 + thread % 4; ++reply, ++number) {
            const std::string word = words[static_cast<size_t>(number) % words.size()];
            const std::string text = word + " nummer " + std::to_string(number);
            apply(commands::AddForumPost{number, first, reply == 0 ? "Tråd " + word : "", text,
                                         {word, words[static_cast<size_t>(thread) % words.size()]}, text},
                  number / 2 * 60, static_cast<size_t>(number % 2));  // two posts a minute
        }
    }
    apply(commands::HideForumPost{3}, 2000);
    apply(commands::DeleteForumPost{8}, 2010);
    apply(commands::EditForumPost{9, "skole endret", {"skole"}, "skole endret"}, 2020, 1);

    auto numbers = [](const std::vector<commands::ForumPost>& posts) {
        std::vector<std::pair<int64_t, std::string>> out;
        for (const auto& post : posts) out.emplace_back(post.number, post.title + "|" + post.author.name);
        return out;
    };
    auto threads = [&](const std::vector<commands::ForumThread>& list) {
        std::vector<std::string> out;
        for (const auto& thread : list)
            out.push_back(std::to_string(thread.first.number) + ":" + std::to_string(thread.replies) + "@" +
                          std::to_string(thread.last_activity.time_since_epoch().count()));
        return out;
    };
    CHECK(threads(stored.forum_threads(20, 0)) == threads(memory.forum_threads(20, 0)));
    CHECK(threads(stored.forum_threads(3, 2)) == threads(memory.forum_threads(3, 2)));
    CHECK(stored.forum_thread_count() == memory.forum_thread_count());
    CHECK(threads(stored.forum_threads_tagged("valg", 20)) == threads(memory.forum_threads_tagged("valg", 20)));
    CHECK(describe(stored.forum_tags()) == describe(memory.forum_tags()));
    for (int64_t thread = 1; thread < number; ++thread)
        CHECK(numbers(stored.forum_thread_posts(thread)) == numbers(memory.forum_thread_posts(thread)));
    for (const auto& prefixes : std::vector<Texts>{{"valg"}, {"nummer"}, {"nummer", "1"}, {"sk", "end"}, {"s"}})
        CHECK(numbers(stored.forum_search(prefixes, 5)) == numbers(memory.forum_search(prefixes, 5)));
    CHECK(numbers(stored.forum_posts_between(forum_time(100), forum_time(900))) ==
          numbers(memory.forum_posts_between(forum_time(100), forum_time(900))));
    for (const auto& person : people)
        CHECK(stored.forum_last_post_by("telegram", person.user_id) ==
              memory.forum_last_post_by("telegram", person.user_id));
    CHECK(stored.next_forum_post_number() == memory.next_forum_post_number());
    for (int64_t post = 1; post < number; ++post) {
        auto a = stored.forum_post(post), b = memory.forum_post(post);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(std::tie(a->thread, a->title, a->text, a->tags, a->at, a->edited_at, a->hidden, a->deleted) ==
              std::tie(b->thread, b->title, b->text, b->tags, b->at, b->edited_at, b->hidden, b->deleted));
        CHECK(a->author == b->author);
    }
}

// ---- migration ----

TEST_CASE("a version-3 database keeps its work state and users when migration 4 adds the forum", "[forum]") {
    const auto released = test::released_migrations();
    REQUIRE(released.size() >= 3);
    test::TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        for (size_t i = 0; i < 3; ++i) database.execute(released[i]);
        database.execute("PRAGMA user_version = 3");
        database.execute(
            "INSERT INTO users (platform, user_id, first_name, last_name, username, first_seen, last_seen) "
            "VALUES ('telegram', '1001', 'Kari', 'Nordmann', 'kari', 1795856400, 1795856400);"
            "INSERT INTO role_holders (role_id, unit, platform, user_id) VALUES ('kasserer', '', 'telegram', '1001');"
            "INSERT INTO audit_log (at, platform, user_id, action, description) "
            "VALUES (1795856400, 'telegram', '9000', 'role_granted', 'Kasserer gitt til Kari Nordmann');");
    }
    Database database(file);
    migrate(database);
    CHECK(schema_version(database) == latest_schema_version());
    CHECK(latest_schema_version() >= 4);

    WorkState state(database);
    CHECK(state.holders("kasserer", date::year(2025) / 1 / 1).at(0).person.name == "Kari Nordmann");
    CHECK(state.audit(5).size() == 1);
    CHECK(state.next_forum_post_number() == 1);
    Transaction transaction(database);
    state.apply({commands::AddForumPost{1, 1, "Hei", "hei alle", {}, "hei hei alle"}, ""}, "telegram", "1001",
                forum_time());
    transaction.commit();
    CHECK(state.forum_post(1)->author.name == "Kari Nordmann");
    CHECK(state.forum_search({"all"}, 5).size() == 1);
}

TEST_CASE("migration 6 clears the words of posts deleted before it, and the replies of deleted threads",
          "[forum]") {
    const auto released = test::released_migrations();
    REQUIRE(released.size() >= 6);
    test::TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        for (size_t i = 0; i < 5; ++i) database.execute(released[i]);
        database.execute("PRAGMA user_version = 5");
        auto post = [&](int number, int thread, std::string_view title, std::string_view text, int deleted) {
            database.execute("INSERT INTO forum_posts (number, thread, platform, user_id, title, text, created_at, "
                             "deleted) VALUES (" + std::to_string(number) + ", " + std::to_string(thread) +
                             ", 'telegram', '1001', '" + std::string(title) + "', '" + std::string(text) + "', 0, " +
                             std::to_string(deleted) + ")");
            database.execute("INSERT INTO forum_search (rowid, search_text) VALUES (" + std::to_string(number) +
                             ", '" + std::string(text) + "')");
            database.execute("INSERT INTO forum_tags (thread, number, position, tag, visible) VALUES (" +
                             std::to_string(thread) + ", " + std::to_string(number) + ", 0, 'tagg', 0)");
        };
        post(1, 1, "Slettet tråd", "borte", 1);
        post(2, 1, "", "svar i slettet tråd", 0);
        post(3, 3, "Levende", "blir", 0);
        post(4, 3, "", "slettet svar", 1);
    }
    Database database(file);
    migrate(database);
    WorkState state(database);
    CHECK(state.forum_post(2)->deleted);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_posts WHERE deleted = 1 AND (text != '' OR "
                                     "title != '')") == 0);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_posts WHERE deleted = 1") == 3);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_tags") == 1);
    CHECK(test::count_rows(database, "SELECT count(*) FROM forum_search") == 1);
    CHECK(state.forum_post(3)->text == "blir");
}

TEST_CASE("a thread's topic in a mirror group is recorded and found both ways", "[forum]") {
    storage::Database database = storage::Database::in_memory();
    storage::migrate(database);
    storage::Forum forum(database);
    CHECK_FALSE(forum.topic_of_thread("telegram", "-300", 5));
    forum.record_topic("telegram", "-300", 5, "77");
    CHECK(forum.topic_of_thread("telegram", "-300", 5) == "77");
    CHECK(forum.thread_of_topic("telegram", "-300", "77") == 5);
    CHECK_FALSE(forum.thread_of_topic("telegram", "-301", "77"));
    CHECK(storage::WorkState(database).forum_thread_of_topic("telegram", "-300", "77") == 5);
}

TEST_CASE("a reply to one of the bot's messages finds the forum thread the message showed", "[forum]") {
    Database database = Database::in_memory();
    migrate(database);
    Outbox outbox(database);
    storage::OutboxMessage relay{.platform = "telegram", .chat_id = "1002", .text = "💬 Forumtråd 5: Budsjett\n…"};
    relay.forum_thread = 5;
    const int64_t first = outbox.append(relay, forum_time());
    const int64_t second = outbox.append(relay, forum_time());  // the second piece of a long one
    const int64_t other = outbox.append({.platform = "telegram", .chat_id = "1002", .text = "Forumtråd 6"}, forum_time());
    WorkState state(database);
    CHECK_FALSE(state.forum_thread_of_message("telegram", "1002", "3001"));  // not delivered yet: no id
    outbox.mark_sent(first, "3001", forum_time());
    outbox.mark_sent(second, "3002", forum_time());
    outbox.mark_sent(other, "3003", forum_time());
    CHECK(state.forum_thread_of_message("telegram", "1002", "3001") == 5);
    CHECK(state.forum_thread_of_message("telegram", "1002", "3002") == 5);
    CHECK_FALSE(state.forum_thread_of_message("telegram", "1002", "3003"));  // its words name a thread; it shows none
    CHECK_FALSE(state.forum_thread_of_message("telegram", "1003", "3001"));  // another chat's message 3001
}

TEST_CASE("migration 5 finds the thread of forum messages sent before it from their first line", "[forum]") {
    const auto released = test::released_migrations();
    REQUIRE(released.size() >= 5);
    test::TemporaryFolder folder;
    const auto file = folder.path() / "planbot.sqlite";
    {
        Database database(file);
        for (size_t i = 0; i < 4; ++i) database.execute(released[i]);
        database.execute("PRAGMA user_version = 4");
        auto sent = [&](std::string_view id, std::string_view text, std::string_view method = "") {
            database.execute(
                "INSERT INTO outbox (platform, chat_id, text, status, not_before, created_at, platform_message_id, "
                "method) VALUES ('telegram', '1002', '" + std::string(text) + "', 'sent', 0, 0, '" + std::string(id) +
                "', '" + std::string(method) + "')");
        };
        sent("11", "💬 Forumtråd 12: Budsjett (del 2 av 3)\nSvar fra Kari");
        sent("12", "Forumtråd 7: Møter\nInnlegg 7 – Kari");
        sent("13", "Treff for «Forumtråd 1», nyeste først");
        sent("14", "Forumtråd x: ikke et tall");
        sent("15", "Forumtråd 9", "createForumTopic");
    }
    Database database(file);
    migrate(database);
    WorkState state(database);
    CHECK(state.forum_thread_of_message("telegram", "1002", "11") == 12);
    CHECK(state.forum_thread_of_message("telegram", "1002", "12") == 7);
    CHECK_FALSE(state.forum_thread_of_message("telegram", "1002", "13"));
    CHECK_FALSE(state.forum_thread_of_message("telegram", "1002", "14"));
    CHECK_FALSE(state.forum_thread_of_message("telegram", "1002", "15"));
}

TEST_CASE("a reply's thread is found through the index of delivered forum messages", "[forum]") {
    Database database = Database::in_memory();
    migrate(database);
    auto& plan = database.cached(
        "EXPLAIN QUERY PLAN SELECT forum_thread FROM outbox WHERE platform = ?1 AND chat_id = ?2 AND "
        "platform_message_id = ?3 AND forum_thread IS NOT NULL AND platform_message_id IS NOT NULL LIMIT 1");
    std::string steps;
    while (plan.step()) steps += plan.column_text(3) + "\n";
    plan.reset();
    CHECK(steps.find("USING INDEX outbox_forum_messages") != std::string::npos);
}

TEST_CASE_METHOD(ForumFixture, "deleting a post cancels its copies not sent yet, and the sent ones are found and keep "
                               "no words",
                 "[forum]") {
    post(1, 1, "Budsjett", "Hvordan gjør dere det?");
    post(2, 1, "", "Vi bruker regneark med tallet 4711", 60, kOla);
    Outbox outbox(database);
    auto copy = [&](int64_t number, std::string chat, std::string text) {
        return outbox.append({.platform = "telegram", .chat_id = std::move(chat), .text = std::move(text),
                              .forum_thread = 1, .forum_post = number},
                             forum_time(120));
    };
    const int64_t first_to_ola = copy(1, kOla, "Forumtråd 1: Budsjett\nHvordan gjør dere det?");
    const int64_t reply_to_kari = copy(2, kKari, "Forumtråd 1: Budsjett\nVi bruker regneark med tallet 4711");
    const int64_t reply_second_piece = copy(2, kKari, "… fortsatt tallet 4711");
    const int64_t reply_to_mirror = copy(2, "-300", "Forumtråd 1: Budsjett\nVi bruker regneark med tallet 4711");
    outbox.mark_sent(first_to_ola, "501", forum_time(121));
    outbox.mark_sent(reply_to_kari, "502", forum_time(121));
    outbox.mark_sent(reply_second_piece, "503", forum_time(121));

    const std::vector<commands::ForumCopy> copies = state.forum_copies("telegram", 2);
    REQUIRE(copies.size() == 2);  // the mirror's copy is not sent yet: it has no message to edit
    CHECK(copies[0].chat_id == kKari);
    CHECK(copies[0].message_id == "502");
    CHECK(copies[1].message_id == "503");
    CHECK(state.forum_copies("slack", 2).empty());

    apply(commands::DeleteForumPost{2}, 180, kOla);
    const auto mirror_row = outbox.find(reply_to_mirror);
    REQUIRE(mirror_row);
    CHECK(mirror_row->status == OutboxStatus::failed);  // never sent
    CHECK(mirror_row->last_error.find("deleted") != std::string::npos);
    for (const int64_t id : {reply_to_kari, reply_second_piece, reply_to_mirror})
        CHECK(outbox.find(id)->text.empty());
    // Still found, to be edited; and a reply to it still leads into the thread.
    CHECK(state.forum_copies("telegram", 2).size() == 2);
    CHECK(state.forum_thread_of_message("telegram", kKari, "502") == 1);
    // The thread's first post and its copy were untouched.
    CHECK(outbox.find(first_to_ola)->text.find("Hvordan") != std::string::npos);
    CHECK(state.forum_copies("telegram", 1).size() == 1);
    // A deleted thread's topic row keeps no name (its title) either.
    const int64_t topic = outbox.append({.platform = "telegram", .chat_id = "-300", .text = "",
                                         .method = "createForumTopic", .payload = R"({"name":"Budsjett"})",
                                         .forum_post = 1},
                                        forum_time(200));
    apply(commands::DeleteForumPost{1}, 240);
    CHECK(outbox.find(topic)->payload.empty());
    CHECK(outbox.find(topic)->status == OutboxStatus::failed);
    CHECK(outbox.find(first_to_ola)->text.empty());
}

TEST_CASE_METHOD(ForumFixture, "hiding a thread's first post cancels the copies of its posts not sent yet, and showing "
                               "it again cancels nothing",
                 "[forum]") {
    post(1, 1, "Budsjett", "Hvordan?");
    post(2, 1, "", "Slik", 60, kOla);
    post(3, 3, "Annet", "Noe annet", 90);
    Outbox outbox(database);
    auto copy = [&](int64_t number) {
        return outbox.append({.platform = "telegram", .chat_id = "-300", .text = "kopi", .forum_post = number},
                             forum_time(120));
    };
    const int64_t first = copy(1), reply = copy(2), other = copy(3);
    apply(commands::HideForumPost{1, true}, 180, kAdmin);
    CHECK(outbox.find(first)->status == OutboxStatus::failed);
    CHECK(outbox.find(reply)->status == OutboxStatus::failed);
    CHECK(outbox.find(other)->status == OutboxStatus::pending);
    CHECK(outbox.find(first)->text == "kopi");  // hidden, not deleted: an admin may show it again
    const int64_t later = copy(1);
    apply(commands::HideForumPost{1, false}, 240, kAdmin);
    CHECK(outbox.find(later)->status == OutboxStatus::pending);
}
