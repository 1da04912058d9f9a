// storage/outbox: messages are kept until sent or failed for good, go out in order
// within a chat, and wait for their not_before.
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "tests/support/storage_test_support.hpp"

using namespace planbot::storage;

namespace {

// 2027-04-20T08:00:00Z plus `offset` seconds; the tests never read the real clock.
using planbot::test::instant;

OutboxMessage message_to(std::string chat_id, std::string text) {
    OutboxMessage message;
    message.platform = "telegram";
    message.chat_id = std::move(chat_id);
    message.text = std::move(text);
    return message;
}

std::vector<int64_t> ids(const std::vector<OutboxMessage>& messages) {
    std::vector<int64_t> result;
    for (const auto& message : messages) result.push_back(message.id);
    return result;
}

struct OutboxFixture {
    Database database = Database::in_memory();
    Outbox outbox{database};
    OutboxFixture() { migrate(database); }
};

}  // namespace

TEST_CASE_METHOD(OutboxFixture, "an appended message is stored as pending with all its fields") {
    auto message = message_to("-100", "Hei, styret!");
    message.thread_id = 17;
    message.parse_mode = "HTML";
    message.reply_markup = R"({"inline_keyboard":[]})";
    message.status = OutboxStatus::sent;  // ignored
    message.attempts = 9;                 // ignored
    auto id = outbox.append(message, instant());

    auto stored = outbox.find(id);
    REQUIRE(stored.has_value());
    CHECK(stored->id == id);
    CHECK(stored->platform == "telegram");
    CHECK(stored->chat_id == "-100");
    CHECK(stored->thread_id == 17);
    CHECK(stored->text == "Hei, styret!");
    CHECK(stored->parse_mode == "HTML");
    CHECK(stored->reply_markup == R"({"inline_keyboard":[]})");
    CHECK(stored->status == OutboxStatus::pending);
    CHECK(stored->attempts == 0);
    CHECK(stored->not_before == instant());
    CHECK(stored->created_at == instant());
    CHECK_FALSE(stored->sent_at.has_value());
    CHECK_FALSE(stored->platform_message_id.has_value());
    CHECK(stored->last_error.empty());
    CHECK_FALSE(outbox.find(id + 1).has_value());
}

TEST_CASE_METHOD(OutboxFixture, "an edit or an answer keeps its method and payload, a plain message has neither") {
    auto edit = message_to("-100", "✅ Meldt ferdig av Kari");
    edit.method = "editMessageText";
    edit.payload = R"({"message_id":5001})";
    auto answer = message_to("-100", "Takk!");
    answer.method = "answerCallbackQuery";
    answer.payload = R"({"callback_query_id":"4382bfdwdsb323b2d9"})";
    const int64_t edit_id = outbox.append(edit, instant());
    const int64_t answer_id = outbox.append(answer, instant());
    const int64_t plain_id = outbox.append(message_to("-100", "Hei"), instant());

    CHECK(outbox.find(edit_id)->method == "editMessageText");
    CHECK(outbox.find(edit_id)->payload == R"({"message_id":5001})");
    CHECK(outbox.find(answer_id)->method == "answerCallbackQuery");
    CHECK(outbox.find(answer_id)->payload == R"({"callback_query_id":"4382bfdwdsb323b2d9"})");
    CHECK(outbox.find(plain_id)->method.empty());
    CHECK(outbox.find(plain_id)->payload.empty());
    // Every reader gives them: ready() and all_for_chat() as well as find().
    auto ready = outbox.ready(instant(), 10);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].method == "editMessageText");
    auto listed = outbox.all_for_chat("telegram", "-100");
    REQUIRE(listed.size() == 3);
    CHECK(listed[1].payload == R"({"callback_query_id":"4382bfdwdsb323b2d9"})");
}

TEST_CASE_METHOD(OutboxFixture, "a message waits until its not_before, never earlier than now") {
    auto later_message = message_to("-100", "senere");
    later_message.not_before = instant(3600);
    auto later = outbox.append(later_message, instant());
    auto past_message = message_to("-200", "nå");
    past_message.not_before = instant(-3600);
    auto now = outbox.append(past_message, instant());

    CHECK(outbox.find(later)->not_before == instant(3600));
    CHECK(outbox.find(now)->not_before == instant());
    CHECK(ids(outbox.ready(instant(), 10)) == std::vector<int64_t>{now});
    CHECK(ids(outbox.ready(instant(3600), 10)) == std::vector<int64_t>{later, now});
}

TEST_CASE_METHOD(OutboxFixture, "ready gives each chat's oldest pending message, oldest first, up to the limit") {
    auto a1 = outbox.append(message_to("-100", "a1"), instant());
    auto b1 = outbox.append(message_to("-200", "b1"), instant());
    outbox.append(message_to("-100", "a2"), instant());
    auto c1 = outbox.append(message_to("-300", "c1"), instant());

    CHECK(ids(outbox.ready(instant(), 10)) == std::vector<int64_t>{a1, b1, c1});
    CHECK(ids(outbox.ready(instant(), 2)) == std::vector<int64_t>{a1, b1});
    CHECK(outbox.ready(instant(), 0).empty());
}

TEST_CASE_METHOD(OutboxFixture, "each platform's dispatcher reads only its own platform's due messages") {
    OutboxMessage on_slack = message_to("C0123", "slack");
    on_slack.platform = "slack";
    auto telegram = outbox.append(message_to("-100", "telegram"), instant());
    auto slack = outbox.append(on_slack, instant(60));
    CHECK(ids(outbox.ready("telegram", instant(60), 10)) == std::vector<int64_t>{telegram});
    CHECK(ids(outbox.ready("slack", instant(60), 10)) == std::vector<int64_t>{slack});
    CHECK(ids(outbox.ready(instant(60), 10)) == std::vector<int64_t>{telegram, slack});
    CHECK(outbox.next_not_before("telegram") == instant());
    CHECK(outbox.next_not_before("slack") == instant(60));
    CHECK(outbox.next_not_before("matrix") == std::nullopt);
}

// The dispatcher's query (one platform, chat by chat) must pick exactly the rows the
// plain definition picks: each chat's oldest pending row, if due, oldest first.
TEST_CASE_METHOD(OutboxFixture, "one platform's due chat heads are the same rows the plain definition gives") {
    std::mt19937 random(20271206);
    std::vector<int64_t> pending;
    for (int step = 0; step < 600; ++step) {
        const int what = static_cast<int>(random() % 10);
        if (what < 6 || pending.empty()) {
            OutboxMessage message = message_to(std::to_string(-100 - static_cast<int>(random() % 40)), "m");
            if (random() % 4 == 0) message.platform = "slack";
            message.not_before = instant(static_cast<int>(random() % 120));
            pending.push_back(outbox.append(message, instant()));
            continue;
        }
        const size_t at = random() % pending.size();
        const int64_t id = pending[at];
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(at));
        if (what < 8) outbox.mark_sent(id, "1", instant());
        else if (what < 9) outbox.mark_failed(id, "gone");
        else {
            outbox.schedule_retry(id, instant(static_cast<int>(random() % 200)), "429");
            pending.push_back(id);
        }
        if (step % 50 != 0) continue;
        for (const std::string platform : {"telegram", "slack", "matrix"}) {
            for (const int seconds : {0, 60, 119, 500}) {
                std::vector<int64_t> expected;
                for (const OutboxMessage& head : outbox.ready(instant(seconds), 100000))
                    if (head.platform == platform) expected.push_back(head.id);
                const std::vector<int64_t> all = ids(outbox.ready(platform, instant(seconds), 100000));
                CHECK(all == expected);
                const std::vector<int64_t> first = ids(outbox.ready(platform, instant(seconds), 3));
                CHECK(first == std::vector<int64_t>(expected.begin(), expected.begin() + std::min<std::ptrdiff_t>(3, std::ssize(expected))));
            }
            std::optional<std::chrono::sys_seconds> earliest;
            for (const OutboxMessage& head : outbox.ready(instant(100000), 100000))
                if (head.platform == platform && (!earliest || head.not_before < *earliest)) earliest = head.not_before;
            CHECK(outbox.next_not_before(platform) == earliest);
        }
    }
    CHECK_FALSE(outbox.ready("telegram", instant(500), 100).empty());
}

TEST_CASE_METHOD(OutboxFixture, "a retrying message holds back the rest of its chat but not other chats") {
    auto a1 = outbox.append(message_to("-100", "a1"), instant());
    auto a2 = outbox.append(message_to("-100", "a2"), instant());
    auto b1 = outbox.append(message_to("-200", "b1"), instant());

    outbox.schedule_retry(a1, instant(30), "429 Too Many Requests");
    auto retrying = outbox.find(a1);
    CHECK(retrying->status == OutboxStatus::pending);
    CHECK(retrying->attempts == 1);
    CHECK(retrying->not_before == instant(30));
    CHECK(retrying->last_error == "429 Too Many Requests");

    CHECK(ids(outbox.ready(instant(10), 10)) == std::vector<int64_t>{b1});
    CHECK(ids(outbox.ready(instant(30), 10)) == std::vector<int64_t>{a1, b1});

    outbox.mark_sent(a1, "555", instant(31));
    CHECK(ids(outbox.ready(instant(31), 10)) == std::vector<int64_t>{a2, b1});
}

TEST_CASE_METHOD(OutboxFixture, "a sent message records when, its platform id and the attempt") {
    auto id = outbox.append(message_to("-100", "hei"), instant());
    outbox.mark_sent(id, "8812", instant(2));
    auto sent = outbox.find(id);
    CHECK(sent->status == OutboxStatus::sent);
    CHECK(sent->sent_at == instant(2));
    CHECK(sent->platform_message_id == "8812");
    CHECK(sent->attempts == 1);
    CHECK(outbox.pending_count() == 0);
    CHECK(outbox.ready(instant(2), 10).empty());
}

TEST_CASE_METHOD(OutboxFixture, "a failed message is kept with its error and lets the next one in its chat go") {
    auto a1 = outbox.append(message_to("-100", "a1"), instant());
    auto a2 = outbox.append(message_to("-100", "a2"), instant());
    outbox.schedule_retry(a1, instant(5), "timeout");
    outbox.mark_failed(a1, "400 Bad Request: can't parse entities");

    auto failed = outbox.find(a1);
    REQUIRE(failed.has_value());
    CHECK(failed->status == OutboxStatus::failed);
    CHECK(failed->attempts == 2);
    CHECK(failed->last_error == "400 Bad Request: can't parse entities");
    CHECK(ids(outbox.ready(instant(), 10)) == std::vector<int64_t>{a2});
    CHECK(ids(outbox.all_for_chat("telegram", "-100")) == std::vector<int64_t>{a1, a2});
}

TEST_CASE_METHOD(OutboxFixture, "failing a chat's pending messages leaves its sent ones and other chats alone") {
    auto sent = outbox.append(message_to("-100", "sendt"), instant());
    outbox.mark_sent(sent, "1", instant());
    auto p1 = outbox.append(message_to("-100", "p1"), instant());
    auto p2 = outbox.append(message_to("-100", "p2"), instant());
    auto other = outbox.append(message_to("-200", "annen"), instant());

    outbox.fail_pending_for_chat("telegram", "-100", "403 Forbidden: bot was kicked");

    CHECK(outbox.find(sent)->status == OutboxStatus::sent);
    for (auto id : {p1, p2}) {
        auto failed = outbox.find(id);
        CHECK(failed->status == OutboxStatus::failed);
        CHECK(failed->attempts == 0);
        CHECK(failed->last_error == "403 Forbidden: bot was kicked");
    }
    CHECK(outbox.find(other)->status == OutboxStatus::pending);
    CHECK(outbox.pending_count() == 1);
}

TEST_CASE_METHOD(OutboxFixture, "pending_count and next_not_before follow the pending messages") {
    CHECK(outbox.pending_count() == 0);
    CHECK_FALSE(outbox.next_not_before().has_value());

    auto a1 = outbox.append(message_to("-100", "a1"), instant(20));
    auto b_message = message_to("-200", "b1");
    b_message.not_before = instant(50);
    auto b1 = outbox.append(b_message, instant());
    CHECK(outbox.pending_count() == 2);
    CHECK(outbox.next_not_before() == instant(20));

    outbox.mark_sent(a1, "1", instant(20));
    CHECK(outbox.next_not_before() == instant(50));
    outbox.mark_failed(b1, "gone");
    CHECK(outbox.pending_count() == 0);
    CHECK_FALSE(outbox.next_not_before().has_value());
}

TEST_CASE_METHOD(OutboxFixture, "a message held back behind a retry does not wake the dispatcher early") {
    auto a1 = outbox.append(message_to("-100", "a1"), instant());
    outbox.append(message_to("-100", "a2"), instant(1));
    outbox.schedule_retry(a1, instant(60), "timeout");

    CHECK(outbox.next_not_before() == instant(60));
    CHECK(outbox.ready(instant(59), 10).empty());
    CHECK(ids(outbox.ready(instant(60), 10)) == std::vector<int64_t>{a1});
}

TEST_CASE_METHOD(OutboxFixture, "an unknown message id is an error, not a silent no-op") {
    CHECK_THROWS_AS(outbox.mark_sent(99, "1", instant()), StorageError);
    CHECK_THROWS_AS(outbox.schedule_retry(99, instant(), "x"), StorageError);
    CHECK_THROWS_WITH(outbox.mark_failed(99, "x"), "no outbox message with id 99");
}

TEST_CASE_METHOD(OutboxFixture, "all_for_chat lists every message of one chat in id order") {
    auto a1 = outbox.append(message_to("-100", "a1"), instant());
    outbox.append(message_to("-200", "b1"), instant());
    auto slack = message_to("-100", "slack");
    slack.platform = "slack";
    outbox.append(slack, instant());
    auto a2 = outbox.append(message_to("-100", "a2"), instant());
    outbox.mark_sent(a1, "1", instant());

    CHECK(ids(outbox.all_for_chat("telegram", "-100")) == std::vector<int64_t>{a1, a2});
    CHECK(outbox.all_for_chat("telegram", "-999").empty());
}

TEST_CASE("a chat's queue is capped: a reply to a full chat stores none of its rows, and the flood is counted once") {
    OutboxFixture f;
    constexpr int64_t cap = 4;
    for (int i = 0; i < 4; ++i) {
        const Admission queued = f.outbox.append_within({message_to("111", "svar " + std::to_string(i))}, instant(i), cap);
        CHECK(queued.ids.size() == 1);
        CHECK_FALSE(queued.flood_started);
    }
    f.outbox.append_within({message_to("222", "en annen chat")}, instant(5), cap);

    // Full: a reply of two parts is refused whole, the first refusal starts the flood.
    const Admission first = f.outbox.append_within({message_to("111", "del 1"), message_to("111", "del 2")}, instant(6), cap);
    CHECK(first.ids.empty());
    CHECK(first.pending == 4);
    CHECK(first.flood_started);
    CHECK(first.refused_in_flood == 1);
    const Admission second = f.outbox.append_within({message_to("111", "igjen")}, instant(7), cap);
    CHECK(second.ids.empty());
    CHECK_FALSE(second.flood_started);
    CHECK(second.refused_in_flood == 2);
    CHECK(f.outbox.pending_in_chat("telegram", "111") == 4);
    CHECK(f.outbox.all_for_chat("telegram", "111").size() == 4);
    // Another chat is not held back.
    CHECK(f.outbox.append_within({message_to("222", "fortsatt")}, instant(8), cap).ids.size() == 1);

    // One sent leaves three, still over half the cap: still refused, still the same flood.
    const auto sent = f.outbox.ready(instant(9), 10);
    f.outbox.mark_sent(sent.front().id, "1", instant(9));
    const Admission third = f.outbox.append_within({message_to("111", "tredje")}, instant(10), cap);
    CHECK(third.ids.empty());
    CHECK_FALSE(third.flood_started);
    CHECK(third.refused_in_flood == 3);

    // Under half the cap (one left): the next reply is queued, and ends the flood with its count.
    for (int round = 0; round < 2; ++round)
        for (const OutboxMessage& head : f.outbox.ready(instant(11), 10))
            if (head.chat_id == "111") f.outbox.mark_sent(head.id, "2", instant(11));
    CHECK(f.outbox.pending_in_chat("telegram", "111") == 1);
    const Admission back = f.outbox.append_within({message_to("111", "tilbake")}, instant(12), cap);
    CHECK(back.ids.size() == 1);
    CHECK(back.refused_in_flood == 3);
    // A new flood later is a new one.
    CHECK(f.outbox.append_within({message_to("111", "a")}, instant(13), cap).ids.size() == 1);
    CHECK(f.outbox.append_within({message_to("111", "b")}, instant(13), cap).ids.size() == 1);
    const Admission again = f.outbox.append_within({message_to("111", "c")}, instant(14), cap);
    CHECK(again.ids.empty());
    CHECK(again.flood_started);
}

TEST_CASE("with no cap every reply is queued") {
    OutboxFixture f;
    for (int i = 0; i < 50; ++i) CHECK(f.outbox.append_within({message_to("111", "svar")}, instant(i), 0).ids.size() == 1);
    CHECK(f.outbox.pending_in_chat("telegram", "111") == 50);
}

TEST_CASE_METHOD(OutboxFixture, "a message the bot keeps no copy of keeps none when it fails either") {
    // A secret link (/kalender) or a person's data: refused for good, or its chat gone.
    auto secret = message_to("1001", "https://planbot.example.no/kalender/SECRET.ics");
    secret.payload = R"({"x":"SECRET"})";
    secret.forget_when_sent = true;
    const int64_t refused = outbox.append(secret, instant());
    const int64_t lost = outbox.append(secret, instant());
    const int64_t plain = outbox.append(message_to("1001", "Hei"), instant());
    outbox.mark_failed(refused, "Bad Request: chat not found");
    outbox.fail_pending_for_chat("telegram", "1001", "chat inactive");
    for (int64_t id : {refused, lost}) {
        const auto row = outbox.find(id);
        REQUIRE(row.has_value());
        CHECK(row->status == OutboxStatus::failed);
        CHECK(row->text.empty());
        CHECK(row->payload.empty());
        CHECK_FALSE(row->last_error.empty());
    }
    CHECK(outbox.find(plain)->text == "Hei");  // an ordinary message is kept to look into
}
