// A reply with a document (/mine data) as Telegram rows: one sendDocument row whose
// payload keeps the file (so it survives a restart), forgotten when sent, and the call
// that delivers it names the chat and caption but carries the file only in the upload.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/telegram/adapter.hpp"

using namespace planbot;
using namespace planbot::bot::telegram;

TEST_CASE("a reply with a document becomes one sendDocument row that keeps the file and is forgotten when sent") {
    commands::Reply reply = commands::message_to("9400002", "Her er alt planbot lagrer om deg.");
    reply.message()->document = commands::Document{"planbot-mine-data-2026-12-07.txt", "Navn: Kari <b>\nRoller: Kasserer"};
    reply.message()->forget_when_sent = true;
    const std::vector<storage::OutboxMessage> rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].method == kSendDocument);
    CHECK(rows[0].text == "Her er alt planbot lagrer om deg.");
    CHECK(rows[0].forget_when_sent);
    const nlohmann::json payload = nlohmann::json::parse(rows[0].payload);
    CHECK(payload[std::string(kDocumentNameKey)] == "planbot-mine-data-2026-12-07.txt");
    CHECK(payload[std::string(kDocumentContentKey)] == "Navn: Kari <b>\nRoller: Kasserer");

    const ApiRequest request = api_request(rows[0]);
    CHECK(request.method == "sendDocument");
    CHECK(request.body["chat_id"] == 9400002);
    CHECK(request.body["caption"] == "Her er alt planbot lagrer om deg.");
    CHECK_FALSE(request.body.contains(std::string(kDocumentContentKey)));
    CHECK_FALSE(request.body.contains("text"));
}

TEST_CASE("a long text to be forgotten is split as always, every piece forgotten when sent") {
    commands::Reply reply = commands::message_to("9400002", std::string(5000, 'a'));
    reply.message()->forget_when_sent = true;
    const std::vector<storage::OutboxMessage> rows = outbox_messages(reply);
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) CHECK(row.forget_when_sent);
}
