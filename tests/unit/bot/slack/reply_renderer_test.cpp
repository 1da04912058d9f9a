// bot/slack/reply_renderer: neutral replies as the rows and Web API calls Slack gets.
#include <catch2/catch.hpp>

#include "bot/slack/adapter.hpp"

using namespace planbot;
using namespace planbot::bot::slack;

namespace {

std::vector<storage::OutboxMessage> render(commands::Reply reply) { return outbox_messages(reply); }

}  // namespace

TEST_CASE("&, < and > are escaped for mrkdwn, so a text cannot mention or link") {
    CHECK(mrkdwn_escape("A & B <@U1> > C") == "A &amp; B &lt;@U1&gt; &gt; C");
    const auto rows = render(commands::message_to("C1", "Frist <i morgen> & i dag"));
    REQUIRE(rows.size() == 1);
    const ApiRequest request = api_request(rows[0]);
    CHECK(request.method == "chat.postMessage");
    CHECK(request.body["channel"] == "C1");
    CHECK(request.body["text"] == "Frist &lt;i morgen&gt; &amp; i dag");
    CHECK_FALSE(request.body.contains("blocks"));
}

TEST_CASE("a long text is split at line ends into messages of at most 3,000 characters") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "Linje " + std::to_string(i) + ": " + std::string(40, 'x') + "\n";
    const auto pieces = split_message(text, kMessageLimit);
    REQUIRE(pieces.size() == 2);
    for (const std::string& piece : pieces) {
        CHECK(piece.size() <= kMessageLimit);
        CHECK(piece.back() == 'x');  // cut at a line end
    }
    CHECK(pieces[0] + "\n" + pieces[1] + "\n" == text);
}

TEST_CASE("splitting counts escaped characters and never cuts a character in two") {
    // 2,000 '&' become 10,000 characters once escaped: four messages.
    const auto ampersands = split_message(std::string(2000, '&'), kMessageLimit);
    REQUIRE(ampersands.size() == 4);
    for (const std::string& piece : ampersands) CHECK(mrkdwn_escape(piece).size() <= kMessageLimit);
    std::string text;
    for (int i = 0; i < 4000; ++i) text += "ø";
    const auto pieces = split_message(text, kMessageLimit);
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[0].size() == 2 * kMessageLimit);  // 3,000 characters of two bytes
    CHECK(pieces[0] + pieces[1] == text);
    CHECK(split_message(" \n ").empty());
}

TEST_CASE("a reminder gets the ✅ Ferdig button under its text, in a section block") {
    commands::Reply reply = commands::message_to("C1", "Påminnelse: nr. 9 har frist");
    const commands::OccurrenceId occurrence{9, "", "2026-3"};
    reply.message()->done_button = occurrence;
    const auto rows = render(reply);
    REQUIRE(rows.size() == 1);
    const ApiRequest request = api_request(rows[0]);
    const nlohmann::json& blocks = request.body["blocks"];
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0]["type"] == "section");
    CHECK(blocks[0]["text"]["type"] == "mrkdwn");
    CHECK(blocks[0]["text"]["text"] == "Påminnelse: nr. 9 har frist");
    CHECK(blocks[1]["type"] == "actions");
    const nlohmann::json& button = blocks[1]["elements"][0];
    CHECK(button["action_id"] == "planbot_done");
    CHECK(button["text"]["text"] == "✅ Ferdig");
    CHECK(button["value"] == commands::done_button_data(occurrence));
    CHECK(request.body["text"] == "Påminnelse: nr. 9 har frist");  // the notification's text
}

TEST_CASE("only the last piece of a long reminder carries the button") {
    commands::Reply reply = commands::message_to("C1", std::string(2500, 'a') + "\n" + std::string(2500, 'b'));
    reply.message()->done_button = commands::OccurrenceId{9, "", "2026-3"};
    const auto rows = render(reply);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].reply_markup.empty());
    CHECK_FALSE(rows[1].reply_markup.empty());
}

TEST_CASE("a mentioned person is notified as <@U…> at the first occurrence of their name") {
    commands::Reply reply = commands::message_to("C1", "Kari & Ola: Kari har frist.");
    reply.message()->mentions = {{"U123ABC", "Kari", ""}, {"555000222", "Ola", ""}};
    const auto rows = render(reply);
    REQUIRE(rows.size() == 1);
    // Ola's id is no Slack id (a Telegram person): his name stays text.
    CHECK(rows[0].text == "<@U123ABC> &amp; Ola: Kari har frist.");
}

TEST_CASE("a person the core names by handle (@kari) is notified as <@U…> there, not as plain text") {
    commands::Reply reply = commands::message_to("C1", "⏰ @kari: nr. 9 har frist. Kari, trykk ✅.");
    reply.message()->mentions = {{"U123ABC", "Kari", "kari"}};
    const auto rows = render(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == "⏰ <@U123ABC>: nr. 9 har frist. Kari, trykk ✅.");
}

TEST_CASE("the core's command hints are written as Slack users type them, and other slashes are left alone") {
    CHECK(slack_commands("Skriv /ferdig 9 når det er gjort.") == "Skriv /planbot ferdig 9 når det er gjort.");
    CHECK(slack_commands("/oppgaver viser dine (eller «/hjelp»)") == "/planbot oppgaver viser dine (eller «/planbot hjelp»)");
    CHECK(slack_commands("Se https://sv.no/plan og 1/2 av 31/3.") == "Se https://sv.no/plan og 1/2 av 31/3.");
    CHECK(slack_commands("/finnesikke er ikke en kommando") == "/finnesikke er ikke en kommando");
    const auto rows = render(commands::message_to("D1", "Skriv /ferdig 9 betalt"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == "Skriv /planbot ferdig 9 betalt");
}

TEST_CASE("a reply in a thread goes into the thread, and the row keeps what the outbox needs") {
    commands::Reply reply = commands::message_to("C1", "svar", "1515449522.000100");
    reply.message()->forum_thread = 4;
    reply.message()->forum_post = 7;
    reply.message()->forget_when_sent = true;
    const auto rows = render(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].platform == "slack");
    CHECK(rows[0].method.empty());  // the plain send, as the dispatcher knows it
    CHECK(rows[0].forum_thread == 4);
    CHECK(rows[0].forum_post == 7);
    CHECK(rows[0].forget_when_sent);
    CHECK(api_request(rows[0]).body["thread_ts"] == "1515449522.000100");
}

TEST_CASE("an edit updates the message named by channel and ts, and takes its button away") {
    const commands::Reply reply{"U2147483697", "⏰ Til <@U2147483697>: nr. 9 & 10\n\n✅ Ferdig – meldt av kari",
                                commands::EditMessage{"D024BE91L:1548261231.000200"}};
    const auto rows = render(reply);
    REQUIRE(rows.size() == 1);
    const ApiRequest request = api_request(rows[0]);
    CHECK(request.method == "chat.update");
    CHECK(request.body["channel"] == "D024BE91L");
    CHECK(request.body["ts"] == "1548261231.000200");
    CHECK(request.body["text"] == "⏰ Til <@U2147483697>: nr. 9 &amp; 10\n\n✅ Ferdig – meldt av kari");
    CHECK(request.body["blocks"] == nlohmann::json::array());
    CHECK_FALSE(SlackPlatform().counts_in_chat(rows[0]));
    CHECK(render({"C1", "x", commands::EditMessage{"no-colon"}}).empty());
}

TEST_CASE("an answer to a button press is shown only to whoever pressed it") {
    const auto rows = render({"C1", "✅ Registrert. Takk!", commands::AnswerButton{"C2147483705|U2147483697"}});
    REQUIRE(rows.size() == 1);
    const ApiRequest request = api_request(rows[0]);
    CHECK(request.method == "chat.postEphemeral");
    CHECK(request.body["channel"] == "C2147483705");
    CHECK(request.body["user"] == "U2147483697");
    CHECK(request.body["text"] == "✅ Registrert. Takk!");
}

TEST_CASE("a topic rename sends nothing, and a document's content comes as text after its caption") {
    CHECK(render({"C1", "Tråd 3 (slettet)", commands::RenameTopic{"3"}}).empty());
    commands::Reply reply = commands::message_to("U1", "Dine data:");
    reply.message()->document = commands::Document{"planbot-mine-data.txt", "Navn: Kari"};
    reply.message()->forget_when_sent = true;
    const auto rows = render(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == "Dine data:\n\nInnholdet i «planbot-mine-data.txt»:\nNavn: Kari");
    CHECK(rows[0].forget_when_sent);
}

TEST_CASE("channels are groups and a person's DM is not") {
    const SlackPlatform platform;
    CHECK(platform.name() == "slack");
    CHECK(platform.is_group("C123"));
    CHECK(platform.is_group("G123"));
    CHECK_FALSE(platform.is_group("U123"));
    CHECK(platform.longest_message() == 3000);
    CHECK(platform.has_buttons());
}
