// bot/slack/event_reader: Slack's deliveries (tests/fixtures/slack/, in the shapes Slack
// documents) read into the neutral Incoming: what is answered, in which chat and
// thread, and what is ignored.
#include <catch2/catch.hpp>

#include "tests/unit/bot/slack/slack_test_support.hpp"

using namespace planbot;
using namespace planbot::bot;
using namespace planbot::bot::slack;
using test::slack_bot;
using test::slack_fixture;

namespace {

Incoming event_of(std::string_view fixture) {
    auto parsed = parse_event(slack_fixture(fixture), slack_bot());
    REQUIRE(parsed);
    REQUIRE(std::holds_alternative<Incoming>(*parsed));
    return std::get<Incoming>(*parsed);
}

std::string message_json(const nlohmann::json& event, std::string event_id = "Ev1") {
    return nlohmann::json{{"type", "event_callback"}, {"event_id", event_id}, {"team_id", "T1"}, {"event", event}}.dump();
}

}  // namespace

TEST_CASE("url_verification gives back its challenge") {
    auto parsed = parse_event(slack_fixture("url_verification.json"), slack_bot());
    REQUIRE(parsed);
    const auto* verification = std::get_if<UrlVerification>(&*parsed);
    REQUIRE(verification);
    CHECK(verification->challenge == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST_CASE("an app_mention is a message to the bot in the channel, the mention taken out") {
    const Incoming incoming = event_of("app_mention.json");
    REQUIRE(incoming.event);
    const commands::Event& event = *incoming.event;
    CHECK(event.platform == "slack");
    CHECK(event.chat_id == "C123ABC456");
    CHECK(event.chat_kind == commands::ChatKind::group);
    CHECK(event.user_id == "U123ABC456");
    CHECK(event.text == "hva skjer i mai?");
    CHECK(event.addressed_to_bot);
    CHECK(event.thread_id.empty());
    CHECK(incoming.update_id == delivery_key("Ev123ABC456"));
}

TEST_CASE("an edited mention, which Slack delivers again as an app_mention with a new event_id, is not answered again") {
    nlohmann::json edited = nlohmann::json::parse(slack_fixture("app_mention.json"));
    edited["event_id"] = "Ev999EDITED";
    edited["event"]["edited"] = {{"user", "U123ABC456"}, {"ts", "1515449600.000000"}};
    auto parsed = parse_event(edited.dump(), slack_bot());
    REQUIRE(parsed);
    const Incoming& incoming = std::get<Incoming>(*parsed);
    CHECK_FALSE(incoming.event.has_value());
    CHECK(incoming.ignored == "edited message");
}

TEST_CASE("the same mention as a channel message is ignored, so the bot answers once") {
    const Incoming incoming = event_of("message_channels_mention.json");
    CHECK_FALSE(incoming.event);
    CHECK_FALSE(incoming.ignored.empty());
    // Its own delivery, marked handled under its own key.
    CHECK(incoming.update_id == delivery_key("Ev123ABC457"));
    CHECK(incoming.update_id != event_of("app_mention.json").update_id);
}

TEST_CASE("a direct message is a private chat addressed by the person's user id, with Slack's escapes undone") {
    const Incoming incoming = event_of("message_im.json");
    REQUIRE(incoming.event);
    CHECK(incoming.event->chat_kind == commands::ChatKind::private_chat);
    CHECK(incoming.event->chat_id == "U2147483697");
    CHECK(incoming.event->text == "Hva skjer i mai & juni?");
    REQUIRE(incoming.chat);
    CHECK(incoming.chat->chat_id == "U2147483697");
    CHECK(incoming.chat->type == "private");
}

TEST_CASE("a reply in a thread the bot started is addressed to it and answered in that thread") {
    const Incoming incoming = event_of("message_thread_reply.json");
    REQUIRE(incoming.event);
    CHECK(incoming.event->addressed_to_bot);
    CHECK(incoming.event->thread_id == "1515449522.000100");
    CHECK(incoming.event->reply_to_bot_message == "C123ABC456:1515449522.000100");
}

TEST_CASE("a channel message that does not address the bot is left to the core to judge") {
    auto parsed = parse_event(message_json({{"type", "message"}, {"channel", "C1"}, {"user", "U9"},
                                            {"text", "ka skjer i mai"}, {"ts", "1.2"}, {"channel_type", "channel"}}),
                              slack_bot());
    REQUIRE(parsed);
    const Incoming& incoming = std::get<Incoming>(*parsed);
    REQUIRE(incoming.event);
    CHECK_FALSE(incoming.event->addressed_to_bot);
    CHECK(incoming.event->text == "ka skjer i mai");
}

TEST_CASE("messages from bots, the bot's own, edits, deletions and joins are ignored") {
    CHECK_FALSE(event_of("bot_message.json").event);
    CHECK_FALSE(event_of("message_changed.json").event);
    const SlackIdentity bot = slack_bot();
    for (const nlohmann::json& event :
         {nlohmann::json{{"type", "message"}, {"channel", "C1"}, {"user", bot.user_id}, {"text", "hva skjer i mai"},
                         {"ts", "1.2"}, {"channel_type", "channel"}},
          nlohmann::json{{"type", "message"}, {"subtype", "message_deleted"}, {"channel", "C1"}, {"ts", "1.2"},
                         {"deleted_ts", "1.1"}, {"channel_type", "channel"}},
          nlohmann::json{{"type", "message"}, {"subtype", "channel_join"}, {"channel", "C1"}, {"user", "U9"},
                         {"text", "<@U9> has joined the channel"}, {"ts", "1.2"}, {"channel_type", "channel"}},
          nlohmann::json{{"type", "message"}, {"channel", "D1"}, {"user", "U9"}, {"bot_id", "B1"}, {"text", "hei"},
                         {"ts", "1.2"}, {"channel_type", "im"}}}) {
        auto parsed = parse_event(message_json(event), bot);
        REQUIRE(parsed);
        const Incoming& incoming = std::get<Incoming>(*parsed);
        CHECK_FALSE(incoming.event);
        CHECK_FALSE(incoming.ignored.empty());
        CHECK(incoming.update_id);
    }
}

TEST_CASE("a body that is not JSON, or has no event_id, is an error for the log") {
    CHECK_FALSE(parse_event("{nope", slack_bot()));
    CHECK_FALSE(parse_event(R"({"type":"event_callback","event":{"type":"message"}})", slack_bot()));
}

TEST_CASE("people mentioned in a message are read with their names") {
    auto parsed = parse_event(message_json({{"type", "app_mention"}, {"channel", "C1"}, {"user", "U9"},
                                            {"text", "<@U0LAN0Z89> rolle gi kasserer <@U777|kari> og <#C2|okonomi>"},
                                            {"ts", "1.2"}}),
                              slack_bot());
    REQUIRE(parsed);
    const Incoming& incoming = std::get<Incoming>(*parsed);
    REQUIRE(incoming.event);
    CHECK(incoming.event->text == "rolle gi kasserer kari og #okonomi");
    REQUIRE(incoming.event->mentioned_users.size() == 1);
    CHECK(incoming.event->mentioned_users[0].user_id == "U777");
    CHECK(incoming.event->mentioned_users[0].name == "kari");
}

TEST_CASE("delivery keys are positive, stable and differ between ids") {
    CHECK(delivery_key("Ev123ABC456") > 0);
    CHECK(delivery_key("Ev123ABC456") == delivery_key("Ev123ABC456"));
    CHECK(delivery_key("Ev123ABC456") != delivery_key("Ev123ABC457"));
}

TEST_CASE("a slash command is a command to the bot, with the slash put back before a command's name") {
    auto parsed = parse_command(slack_fixture("slash_command.txt"), slack_bot());
    REQUIRE(parsed);
    REQUIRE(parsed->event);
    const commands::Event& event = *parsed->event;
    CHECK(event.text == "/ferdig 9 betalt inn");
    CHECK(event.addressed_to_bot);
    CHECK(event.chat_id == "C2147483705");
    CHECK(event.user_id == "U2147483697");
    CHECK(event.user_name == "Steve");
    CHECK(parsed->update_id == delivery_key("13345224609.738474920.8088930838d88f008e0"));
    REQUIRE(parsed->user);
    CHECK(parsed->user->username == "Steve");
}

TEST_CASE("a slash command's question stays a question, and one in a DM is the person's private chat") {
    auto parsed = parse_command("user_id=U1&user_name=kari&channel_id=D0001&channel_name=directmessage"
                                "&command=%2Fplanbot&text=hva+skjer+i+mai%3F&trigger_id=1.2.3",
                                slack_bot());
    REQUIRE(parsed);
    REQUIRE(parsed->event);
    CHECK(parsed->event->text == "hva skjer i mai?");
    CHECK(parsed->event->chat_kind == commands::ChatKind::private_chat);
    CHECK(parsed->event->chat_id == "U1");
}

TEST_CASE("form values are URL-decoded: %XX, '+', and a stray '%' kept") {
    CHECK(url_decode("a+b%2Fc%C3%B8") == "a b/cø");
    CHECK(url_decode("100%") == "100%");
    CHECK(url_decode("%zz") == "%zz");
    CHECK(form_value("a=1&text=hei+du&b=2", "text") == "hei du");
    CHECK(form_value("a=1", "text").empty());
}

TEST_CASE("a press on the ✅ Ferdig button carries its value, its message and whom to answer") {
    auto parsed = parse_interaction(slack_fixture("block_actions.txt"), slack_bot());
    REQUIRE(parsed);
    REQUIRE(parsed->event);
    const commands::Event& event = *parsed->event;
    REQUIRE(event.button);
    CHECK(event.button->data == "done:9::2026-3");
    CHECK(event.button->id == "C2147483705|U2147483697");
    CHECK(event.button->message_id == "C2147483705:1548261231.000200");
    // Escapes undone, the mention kept as Slack wrote it (the edit keeps it).
    CHECK(event.button->message_text ==
          "⏰ Påminnelse til <@U2147483697>: nr. 9 Følge opp partiskatt & kontingent har frist tirsdag 31. mars.");
    CHECK(event.user_id == "U2147483697");
    CHECK(event.user_name == "kari");
    CHECK(event.chat_id == "C2147483705");
    CHECK(parsed->update_id == delivery_key("12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3"));
}
