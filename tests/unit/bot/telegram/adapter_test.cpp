// bot/telegram/adapter: real Telegram Update samples (tests/fixtures/telegram/) become
// the neutral Event plus what storage remembers; button presses become events too;
// replies become escaped, split outbox rows (with mentions and the ✅ button), edits and
// answers, and those rows Bot API calls. Pure: no sockets, no database.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bot/telegram/adapter.hpp"
#include "tests/support/bot_test_support.hpp"

using namespace planbot;
using namespace planbot::bot::telegram;
using planbot::test::telegram_fixture;
using planbot::test::test_bot;

namespace {

ParsedUpdate parse_fixture(std::string_view name, const BotIdentity& bot = test_bot()) {
    auto parsed = parse_update(telegram_fixture(name), bot);
    if (!parsed) FAIL(std::string(name) << ": " << parsed.error());
    return *parsed;
}

std::string repeat(std::string_view part, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += part;
    return out;
}

// No piece may start inside a UTF-8 sequence or end before one is complete.
bool whole_characters(const std::string& piece) {
    size_t i = 0;
    while (i < piece.size()) {
        const auto lead = static_cast<unsigned char>(piece[i]);
        const size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
        if (length == 0 || i + length > piece.size()) return false;
        i += length;
    }
    return true;
}

std::string joined(const std::vector<std::string>& pieces, std::string_view separator) {
    std::string out;
    for (size_t i = 0; i < pieces.size(); ++i) out += (i ? std::string(separator) : std::string()) + pieces[i];
    return out;
}

}  // namespace

// --- Updates -----------------------------------------------------------------

TEST_CASE("a private text message becomes a private event from its sender") {
    ParsedUpdate update = parse_fixture("private_text.json");
    CHECK(update.update_id == 815000101);
    CHECK(update.kind == UpdateKind::message);
    REQUIRE(update.event.has_value());
    const commands::Event& event = *update.event;
    CHECK(event.platform == "telegram");
    CHECK(event.chat_id == "111222333");
    CHECK(event.chat_kind == commands::ChatKind::private_chat);
    CHECK(event.user_id == "111222333");
    CHECK(event.user_name == "Kari");
    CHECK(event.text == "hva skjer i mai");
    CHECK(event.thread_id.empty());
    // Not a command, mention or reply: the router answers it because the chat is private.
    CHECK_FALSE(event.addressed_to_bot);

    REQUIRE(update.user.has_value());
    CHECK(update.user->platform == "telegram");
    CHECK(update.user->user_id == "111222333");
    CHECK(update.user->first_name == "Kari");
    CHECK(update.user->last_name == "Nordmann");
    CHECK(update.user->username == "kari_n");
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->chat_id == "111222333");
    CHECK(update.chat->type == "private");
    CHECK(update.chat->title == "Kari");  // a private chat is named after the person
    CHECK_FALSE(update.migrated_to.has_value());
    CHECK_FALSE(update.bot_is_member.has_value());
}

TEST_CASE("a group message that mentions the bot is addressed to it") {
    ParsedUpdate update = parse_fixture("group_mention.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->chat_id == "-4012345678");
    CHECK(update.event->chat_kind == commands::ChatKind::group);
    CHECK(update.event->addressed_to_bot);
    CHECK(update.event->text == "@planbot hva skjer i mai");
    CHECK(update.event->thread_id.empty());
    CHECK(update.event->user_name == "Ola");

    REQUIRE(update.user.has_value());
    CHECK(update.user->user_id == "444555666");
    CHECK(update.user->last_name.empty());
    CHECK(update.user->username.empty());
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->type == "group");
    CHECK(update.chat->title == "SV Trondheim");
}

TEST_CASE("a mention of the bot is recognised whatever its letter case") {
    std::string body = telegram_fixture("group_mention.json");
    body.replace(body.find("@planbot"), 8, "@PlanBot");
    auto update = parse_update(body, test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK(update->event->addressed_to_bot);
}

TEST_CASE("a group message that mentions someone else is not addressed to the bot") {
    std::string body = telegram_fixture("group_mention.json");
    body.replace(body.find("@planbot"), 8, "@kari_nn");
    auto update = parse_update(body, test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK_FALSE(update->event->addressed_to_bot);
    CHECK(update->event->reply_to_bot_message.empty());
}

TEST_CASE("a message in a forum topic carries the topic as its thread") {
    ParsedUpdate update = parse_fixture("forum_topic_message.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->chat_id == "-1001234567890");
    CHECK(update.event->chat_kind == commands::ChatKind::group);
    CHECK(update.event->thread_id == "845");
    CHECK(update.event->text == "Hvem tar med kaffe til årsmøtet?");
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->type == "supergroup");
    CHECK(update.chat->title == "SV Trøndelag");
}

TEST_CASE("a message in a topic the bot opened is not taken as a reply to the bot") {
    // Telegram gives every message in a topic the topic's opening service message as
    // reply_to_message; here the bot opened the topic.
    ParsedUpdate update = parse_fixture("forum_topic_message.json");
    REQUIRE(update.event.has_value());
    CHECK_FALSE(update.event->addressed_to_bot);
}

TEST_CASE("a question to the bot in a forum topic is addressed to it and keeps the topic") {
    ParsedUpdate update = parse_fixture("forum_topic_question.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->addressed_to_bot);
    CHECK(update.event->thread_id == "845");
}

TEST_CASE("a real reply to the bot inside a forum topic is addressed to it") {
    auto body = nlohmann::json::parse(telegram_fixture("forum_topic_message.json"));
    auto& replied = body["message"]["reply_to_message"];
    replied.erase("forum_topic_created");
    replied["message_id"] = 860;
    replied["text"] = "Fylkesårsmøtet er 30. mai.";
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK(update->event->addressed_to_bot);
    CHECK(update->event->thread_id == "845");
}

TEST_CASE("a thread id without is_topic_message is not a forum topic") {
    // Replies in ordinary supergroups carry message_thread_id too; answering "in a
    // thread" there would fail, so only forum topics count.
    auto body = nlohmann::json::parse(telegram_fixture("forum_topic_question.json"));
    body["message"].erase("is_topic_message");
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK(update->event->thread_id.empty());
}

TEST_CASE("a command addressed to the bot by name is for the bot") {
    ParsedUpdate update = parse_fixture("command_for_us.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->addressed_to_bot);
    CHECK(update.event->text == "/hjelp@planbot");
    CHECK(update.event->chat_kind == commands::ChatKind::group);
}

TEST_CASE("a command without a bot name in a group is for the bot") {
    std::string body = telegram_fixture("command_for_us.json");
    body.replace(body.find("/hjelp@planbot"), 14, "/hjelp");
    body.replace(body.find("\"length\": 14"), 12, "\"length\": 6");
    auto update = parse_update(body, test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK(update->event->addressed_to_bot);
}

TEST_CASE("a command addressed to another bot is ignored") {
    ParsedUpdate update = parse_fixture("command_for_other_bot.json");
    CHECK(update.kind == UpdateKind::message);
    CHECK_FALSE(update.event.has_value());
    CHECK(update.ignored == "command for another bot");
    // Who wrote where is still remembered.
    REQUIRE(update.user.has_value());
    CHECK(update.user->user_id == "444555666");
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->chat_id == "-4012345678");
}

TEST_CASE("a reply to one of the bot's messages is addressed to it") {
    ParsedUpdate update = parse_fixture("reply_to_bot.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->addressed_to_bot);
    CHECK(update.event->text == "og i juni?");
    CHECK(update.event->chat_kind == commands::ChatKind::group);
}

TEST_CASE("a reply to the bot is recognised by username before getMe gave the bot's id") {
    ParsedUpdate update = parse_fixture("reply_to_bot.json", BotIdentity{"planbot", 0});
    REQUIRE(update.event.has_value());
    CHECK(update.event->addressed_to_bot);
}

TEST_CASE("a reply to the bot carries the id of the message it answers, so a forum answer finds its thread") {
    ParsedUpdate update = parse_fixture("reply_to_bot.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->reply_to_bot_message == "3055");
    CHECK_FALSE(update.event->reply_to_user.has_value());
}

TEST_CASE("a photo in a private chat is an event with its caption as text and the attachment named") {
    ParsedUpdate update = parse_fixture("private_photo.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->attachment == "photo");
    CHECK(update.event->text == "Budsjettet vårt");
    CHECK(update.event->chat_kind == commands::ChatKind::private_chat);

    auto body = nlohmann::json::parse(telegram_fixture("private_photo.json"));
    body["message"].erase("caption");
    body["message"].erase("photo");
    body["message"]["document"] = {{"file_id", "BQACAgQ"}, {"file_name", "budsjett.pdf"}};
    auto document = parse_update(body.dump(), test_bot());
    REQUIRE(document.has_value());
    REQUIRE(document->event.has_value());
    CHECK(document->event->attachment == "document");
    CHECK(document->event->text.empty());
}

TEST_CASE("a reply to another member is not addressed to the bot") {
    auto body = nlohmann::json::parse(telegram_fixture("reply_to_bot.json"));
    body["message"]["reply_to_message"]["from"] = {{"id", 111222333}, {"is_bot", false}, {"first_name", "Kari"}};
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK_FALSE(update->event->addressed_to_bot);
}

TEST_CASE("the author of a replied-to message is the person a command can name") {
    auto body = nlohmann::json::parse(telegram_fixture("reply_to_bot.json"));
    body["message"]["text"] = "/rolle gi kasserer";
    body["message"]["reply_to_message"]["from"] = {
        {"id", 111222333}, {"is_bot", false}, {"first_name", "Kari"}, {"last_name", "Nordmann"}};
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    REQUIRE(update->event->reply_to_user.has_value());
    CHECK(update->event->reply_to_user->user_id == "111222333");
    CHECK(update->event->reply_to_user->name == "Kari Nordmann");
    CHECK(update->event->reply_to_user->username.empty());
    // Remembered too, so the bot knows her from now on.
    REQUIRE(update->other_users.size() == 1);
    CHECK(update->other_users[0].first_name == "Kari");
}

TEST_CASE("a reply to the bot names no person") {
    ParsedUpdate update = parse_fixture("reply_to_bot.json");
    REQUIRE(update.event.has_value());
    CHECK_FALSE(update.event->reply_to_user.has_value());
    CHECK(update.other_users.empty());
}

TEST_CASE("text mentions of people without a username are read in text order, the bot's left out") {
    auto body = nlohmann::json::parse(telegram_fixture("group_mention.json"));
    const std::string text = "/rolle gi kasserer Kari Nordmann og planbot";
    body["message"]["text"] = text;
    body["message"]["entities"] = nlohmann::json::array(
        {{{"type", "bot_command"}, {"offset", 0}, {"length", 6}},
         {{"type", "text_mention"}, {"offset", 19}, {"length", 13},
          {"user", {{"id", 9988}, {"is_bot", false}, {"first_name", "Kari"}, {"last_name", "Nordmann"}}}},
         {{"type", "text_mention"}, {"offset", 36}, {"length", 7},
          {"user", {{"id", test_bot().id}, {"is_bot", true}, {"first_name", "planbot"}}}}});
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    REQUIRE(update->event->mentioned_users.size() == 1);
    CHECK(update->event->mentioned_users[0].user_id == "9988");
    CHECK(update->event->mentioned_users[0].name == "Kari Nordmann");
    CHECK(update->event->chat_title == update->chat->title);
    CHECK_FALSE(update->event->chat_title.empty());
}

TEST_CASE("an edited message is remembered but not answered") {
    ParsedUpdate update = parse_fixture("edited_message.json");
    CHECK(update.kind == UpdateKind::edited_message);
    CHECK_FALSE(update.event.has_value());
    CHECK_FALSE(update.ignored.empty());
    REQUIRE(update.user.has_value());
    CHECK(update.user->user_id == "111222333");
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->chat_id == "111222333");
}

TEST_CASE("an update of a kind the bot does not know is ignored without an error") {
    ParsedUpdate update = parse_fixture("message_reaction.json");
    CHECK(update.update_id == 815000108);
    CHECK(update.kind == UpdateKind::other);
    CHECK_FALSE(update.event.has_value());
    CHECK_FALSE(update.user.has_value());
    CHECK_FALSE(update.chat.has_value());
    CHECK_FALSE(update.ignored.empty());
}

TEST_CASE("being kicked from a group is noticed, with the chat and who did it") {
    ParsedUpdate update = parse_fixture("bot_kicked.json");
    CHECK(update.kind == UpdateKind::my_chat_member);
    CHECK_FALSE(update.event.has_value());
    REQUIRE(update.bot_is_member.has_value());
    CHECK_FALSE(*update.bot_is_member);
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->chat_id == "-1001234567890");
    CHECK(update.chat->title == "SV Trøndelag");
    REQUIRE(update.user.has_value());
    CHECK(update.user->user_id == "111222333");
}

TEST_CASE("being added to a group again is noticed as membership") {
    auto body = nlohmann::json::parse(telegram_fixture("bot_kicked.json"));
    body["my_chat_member"]["old_chat_member"]["status"] = "left";
    body["my_chat_member"]["new_chat_member"]["status"] = "member";
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->bot_is_member.has_value());
    CHECK(*update->bot_is_member);
}

TEST_CASE("a mention after an emoji is found by UTF-16 offsets, not bytes") {
    const std::string body = telegram_fixture("emoji_before_mention.json");
    const std::string text = "Hei 😀 hør @planbot: hva skjer i mai?";
    // The entity says offset 11 (UTF-16 units); in UTF-8 bytes the mention starts at 14.
    REQUIRE(text.find("@planbot") == 14);
    CHECK(utf16_slice(text, 11, 8) == "@planbot");

    ParsedUpdate update = parse_fixture("emoji_before_mention.json");
    REQUIRE(update.event.has_value());
    CHECK(update.event->addressed_to_bot);
    CHECK(update.event->text == text);
}

TEST_CASE("UTF-16 lengths count emoji as two units and other characters as one") {
    CHECK(utf16_length("") == 0);
    CHECK(utf16_length("abc") == 3);
    CHECK(utf16_length("æøå") == 3);   // two bytes each
    CHECK(utf16_length("€") == 1);     // three bytes
    CHECK(utf16_length("😀") == 2);    // four bytes, a surrogate pair
    CHECK(utf16_length("Hei 😀 hør @planbot: hva skjer i mai?") == 37);
    CHECK(utf16_slice("😀ab", 2, 2) == "ab");
    CHECK(utf16_slice("😀ab", 1, 2).empty());  // an offset inside a surrogate pair names nothing
    CHECK(utf16_slice("ab", 5, 1).empty());
}

TEST_CASE("a group that became a supergroup reports its new id") {
    ParsedUpdate update = parse_fixture("migrate_to_supergroup.json");
    REQUIRE(update.migrated_to.has_value());
    CHECK(*update.migrated_to == "-1009876543210");
    CHECK_FALSE(update.event.has_value());  // a service message without text
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->chat_id == "-4012345678");
}

TEST_CASE("a message from another bot is not an event") {
    auto body = nlohmann::json::parse(telegram_fixture("group_mention.json"));
    body["message"]["from"]["is_bot"] = true;
    auto update = parse_update(body.dump(), test_bot());
    REQUIRE(update.has_value());
    CHECK_FALSE(update->event.has_value());
}

TEST_CASE("a message from a group's anonymous admin is an event from the group, with no person") {
    // Telegram: sender_chat is the group, from is GroupAnonymousBot (1087968824, a bot).
    ParsedUpdate update = parse_fixture("anonymous_admin.json");
    REQUIRE(update.event.has_value());
    const commands::Event& event = *update.event;
    CHECK(event.from_chat);
    CHECK(event.user_id.empty());
    CHECK(event.user_name == "SV Innherred");
    CHECK(event.chat_id == "-1001234567890");
    CHECK(event.text == "/logg");
    CHECK(event.addressed_to_bot);
    CHECK_FALSE(update.user.has_value());  // GroupAnonymousBot is no one to remember
    REQUIRE(update.chat.has_value());
}

TEST_CASE("a message written as a channel is from the channel, and a channel's copied post is ignored") {
    auto body = nlohmann::json::parse(telegram_fixture("anonymous_admin.json"));
    body["message"]["from"] = {{"id", 136817688}, {"is_bot", true}, {"first_name", "Channel"}, {"username", "Channel_Bot"}};
    body["message"]["sender_chat"] = {{"id", -1009999}, {"title", "SV-kanalen"}, {"type", "channel"}};
    ParsedUpdate as_channel = *parse_update(body.dump(), test_bot());
    REQUIRE(as_channel.event.has_value());
    CHECK(as_channel.event->from_chat);
    CHECK(as_channel.event->user_id.empty());

    body["message"]["from"] = {{"id", 777000}, {"is_bot", false}, {"first_name", "Telegram"}};
    body["message"]["is_automatic_forward"] = true;
    ParsedUpdate forwarded = *parse_update(body.dump(), test_bot());
    CHECK_FALSE(forwarded.event.has_value());
    CHECK_FALSE(forwarded.user.has_value());
}

TEST_CASE("a person's message is never from the chat, whatever their name") {
    auto body = nlohmann::json::parse(telegram_fixture("anonymous_admin.json"));
    body["message"].erase("sender_chat");
    body["message"]["from"] = {{"id", 444555666}, {"is_bot", false}, {"first_name", "GroupAnonymousBot"}};
    ParsedUpdate update = *parse_update(body.dump(), test_bot());
    REQUIRE(update.event.has_value());
    CHECK_FALSE(update.event->from_chat);
    CHECK(update.event->user_id == "444555666");
    // And the real GroupAnonymousBot without sender_chat is a bot like any other: ignored.
    body["message"]["from"] = {{"id", 1087968824}, {"is_bot", true}, {"first_name", "Group"}};
    CHECK_FALSE(parse_update(body.dump(), test_bot())->event.has_value());
}

TEST_CASE("bytes that are not UTF-8 in an Update's strings are repaired, not the whole Update dropped") {
    // JSON must be UTF-8; a sender that breaks that still gets an answer, with each bad
    // part as U+FFFD, the way the message pipeline repairs every platform's text.
    std::string body = telegram_fixture("private_text.json");
    body.replace(body.find("hva skjer i mai"), 15, "/ny kasserer 1.6.2027 bad \xC3\x28 text");
    body.replace(body.find("\"Kari\""), 6, "\"K\xE5ri\"");
    auto update = parse_update(body, test_bot());
    REQUIRE(update.has_value());
    REQUIRE(update->event.has_value());
    CHECK(update->event->text == "/ny kasserer 1.6.2027 bad \uFFFD( text");
    CHECK(update->event->user_name == "K\uFFFDri");
    REQUIRE(update->user.has_value());
    CHECK(update->user->first_name == "K\uFFFDri");
}

TEST_CASE("input that is not an Update is an error value, never an exception") {
    for (std::string_view body : {"", "not json", "{\"update_id\":", "[]", "{}", "{\"update_id\":\"5\"}", "null",
                                  "{\"update_id\":1.5}"}) {
        INFO(body);
        CHECK_FALSE(parse_update(body, test_bot()).has_value());
    }
}

TEST_CASE("fields of the wrong type are treated as absent") {
    const char* body = R"({"update_id": 9, "message": {"message_id": "x", "from": {"id": "111", "first_name": 5},
        "chat": {"id": -4012345678, "type": "group", "title": ["SV"]}, "text": 17,
        "entities": [{"type": "mention", "offset": "0", "length": 8}, 5, null]}})";
    auto update = parse_update(body, test_bot());
    REQUIRE(update.has_value());
    CHECK(update->update_id == 9);
    CHECK_FALSE(update->event.has_value());
    CHECK_FALSE(update->user.has_value());  // no numeric id
    REQUIRE(update->chat.has_value());
    CHECK(update->chat->title.empty());
}

// --- Replies -----------------------------------------------------------------

TEST_CASE("HTML escaping replaces &, < and > and nothing else") {
    CHECK(html_escape("Tom & Jerry <b>fet</b> > 3") == "Tom &amp; Jerry &lt;b&gt;fet&lt;/b&gt; &gt; 3");
    CHECK(html_escape(R"("sitat" og 'apostrof')") == R"("sitat" og 'apostrof')");
    CHECK(html_escape("&amp;") == "&amp;amp;");  // already escaped text is escaped again: it is plain text
    CHECK(html_escape("Årsmøte 🎉 #1 @kari_n https://sv.no/?a=1;b=2") ==
          "Årsmøte 🎉 #1 @kari_n https://sv.no/?a=1;b=2");
    CHECK(html_escape("").empty());
}

TEST_CASE("empty text gives no message at all") {
    CHECK(split_message("").empty());
    CHECK(split_message("\n\n").empty());
    CHECK(outbox_messages(commands::message_to("111222333", "")).empty());
}

TEST_CASE("a short text is one message, unchanged") {
    auto pieces = split_message("Hei!\nI mai: styremøte.");
    REQUIRE(pieces.size() == 1);
    CHECK(pieces[0] == "Hei!\nI mai: styremøte.");
}

TEST_CASE("a text of exactly 4096 UTF-16 units is one message, one more makes two") {
    CHECK(split_message(std::string(4096, 'a')).size() == 1);
    CHECK(split_message(repeat("😀", 2048)).size() == 1);
    CHECK(split_message(std::string(4097, 'a')).size() == 2);
    CHECK(split_message(repeat("😀", 2048) + "a").size() == 2);
}

TEST_CASE("a long text is split at line ends into messages of at most 4096 UTF-16 units") {
    std::vector<std::string> lines;
    std::string text;
    for (int i = 0; i < 400; ++i) {
        lines.push_back("• " + std::to_string(i) + ". mai: styremøte i Trondheim 🎉 med årsmøtesaker");
        text += lines.back() + "\n";
    }
    auto pieces = split_message(text);
    REQUIRE(pieces.size() > 1);
    for (const std::string& piece : pieces) {
        CHECK(utf16_length(piece) <= 4096);
        CHECK_FALSE(piece.empty());
        CHECK(piece.back() != '\n');
        CHECK(whole_characters(piece));
    }
    // Every cut is at a line end: joining with newlines gives the text back.
    CHECK(joined(pieces, "\n") + "\n" == text);
    // And the pieces are full: the next line, with its line end, would not have fitted.
    for (size_t i = 0; i + 1 < pieces.size(); ++i) {
        const std::string next_line = pieces[i + 1].substr(0, pieces[i + 1].find('\n'));
        CHECK(utf16_length(pieces[i]) + 1 + utf16_length(next_line) + 1 > 4096);
    }
}

TEST_CASE("a single line longer than a message is cut at character boundaries") {
    const std::string line(10000, 'x');
    auto pieces = split_message(line);
    REQUIRE(pieces.size() == 3);
    CHECK(pieces[0].size() == 4096);
    CHECK(pieces[1].size() == 4096);
    CHECK(pieces[2].size() == 10000 - 2 * 4096);
    CHECK(joined(pieces, "") == line);
}

TEST_CASE("an emoji is never cut in half, even where the limit falls inside it") {
    // "a" then emoji: 1 + 2k units, so the 4096th unit is the first half of an emoji.
    const std::string line = "a" + repeat("😀", 3000);
    auto pieces = split_message(line);
    REQUIRE(pieces.size() == 2);
    CHECK(utf16_length(pieces[0]) == 4095);
    CHECK(whole_characters(pieces[0]));
    CHECK(whole_characters(pieces[1]));
    CHECK(joined(pieces, "") == line);
}

TEST_CASE("letters outside ASCII are counted as characters, not bytes") {
    const std::string line = repeat("ø", 5000);  // 10,000 bytes, 5,000 units
    auto pieces = split_message(line);
    REQUIRE(pieces.size() == 2);
    CHECK(utf16_length(pieces[0]) == 4096);
    CHECK(whole_characters(pieces[0]));
    CHECK(joined(pieces, "") == line);
}

TEST_CASE("a small limit never splits a character and never stalls") {
    // Each emoji is wider than the limit: it goes out whole rather than in halves.
    auto pieces = split_message("😀😀b", 1);
    REQUIRE(pieces.size() == 3);
    CHECK(pieces[0] == "😀");
    CHECK(pieces[1] == "😀");
    CHECK(pieces[2] == "b");
    auto small = split_message("ab\ncd\nef", 6);
    REQUIRE(small.size() == 2);
    CHECK(small[0] == "ab\ncd");
    CHECK(small[1] == "ef");
}

TEST_CASE("a reply becomes outbox rows in its chat and thread, escaped for HTML") {
    auto rows = outbox_messages(commands::message_to("-1001234567890", "Møte <i morgen> & i dag", "845"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].platform == "telegram");
    CHECK(rows[0].chat_id == "-1001234567890");
    CHECK(rows[0].thread_id == 845);
    CHECK(rows[0].text == "Møte &lt;i morgen&gt; &amp; i dag");
    CHECK(rows[0].parse_mode == "HTML");

    auto plain = outbox_messages(commands::message_to("111222333", "Hei"));
    REQUIRE(plain.size() == 1);
    CHECK_FALSE(plain[0].thread_id.has_value());
}

TEST_CASE("every piece of a long reply goes to the same thread") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "Linje " + std::to_string(i) + ": fylkesårsmøte, landsmøte & styremøte\n";
    auto rows = outbox_messages(commands::message_to("-1001234567890", text, "845"));
    REQUIRE(rows.size() > 1);
    for (const auto& row : rows) {
        CHECK(row.thread_id == 845);
        CHECK(row.chat_id == "-1001234567890");
        CHECK(row.text.find(" & ") == std::string::npos);
    }
}

TEST_CASE("a reply is split before it is escaped, as Telegram counts text after parsing") {
    // 4096 ampersands are 4096 characters once Telegram has parsed "&amp;".
    auto rows = outbox_messages(commands::message_to("111222333", std::string(4096, '&')));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == repeat("&amp;", 4096));
}

TEST_CASE("a sendMessage body carries the chat, text, HTML mode and topic") {
    storage::OutboxMessage message;
    message.platform = "telegram";
    message.chat_id = "-1001234567890";
    message.thread_id = 845;
    message.text = "Hei &amp; velkommen";
    message.parse_mode = "HTML";
    ApiRequest request = api_request(message);
    CHECK(request.method == "sendMessage");
    nlohmann::json& body = request.body;
    CHECK(body["chat_id"] == -1001234567890);
    CHECK(body["chat_id"].is_number_integer());
    CHECK(body["text"] == "Hei &amp; velkommen");
    CHECK(body["parse_mode"] == "HTML");
    CHECK(body["message_thread_id"] == 845);
    CHECK(body["link_preview_options"]["is_disabled"] == true);
    CHECK_FALSE(body.contains("reply_markup"));
}

TEST_CASE("a sendMessage body leaves out what the message does not have") {
    storage::OutboxMessage message;
    message.chat_id = "111222333";
    message.text = "Hei";
    nlohmann::json body = api_request(message).body;
    CHECK(body["chat_id"] == 111222333);
    CHECK_FALSE(body.contains("message_thread_id"));
    CHECK_FALSE(body.contains("parse_mode"));
}

TEST_CASE("a sendMessage body keeps a channel name as text and a keyboard as JSON") {
    storage::OutboxMessage message;
    message.chat_id = "@svtrondelag";
    message.text = "Hei";
    message.reply_markup = R"({"inline_keyboard":[[{"text":"✅ Ferdig","callback_data":"done:123"}]]})";
    nlohmann::json body = api_request(message).body;
    CHECK(body["chat_id"] == "@svtrondelag");
    CHECK(body["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "done:123");

    message.reply_markup = "{broken";
    CHECK_FALSE(api_request(message).body.contains("reply_markup"));
}

TEST_CASE("a sendMessage body is exactly the chat, text, mode, topic and no link preview") {
    storage::OutboxMessage message;
    message.chat_id = "-1001234567890";
    message.thread_id = 845;
    message.text = "Hei";
    message.parse_mode = "HTML";
    CHECK(api_request(message).body == nlohmann::json::parse(R"({"chat_id":-1001234567890,"text":"Hei",
        "parse_mode":"HTML","message_thread_id":845,"link_preview_options":{"is_disabled":true}})"));
}

// --- Buttons -----------------------------------------------------------------

namespace {

// A press on "✅ Ferdig" under a reminder in a group, by someone without a username.
constexpr std::string_view kDonePress = R"({
  "update_id": 815000201,
  "callback_query": {
    "id": "4382bfdwdsb323b2d9",
    "from": {"id": 555666777, "is_bot": false, "first_name": "Anne", "last_name": "Berg", "language_code": "nb"},
    "message": {
      "message_id": 5001,
      "from": {"id": 7000000001, "is_bot": true, "first_name": "Planbot", "username": "planbot"},
      "chat": {"id": -4012345678, "title": "SV Trondheim", "type": "group"},
      "date": 1776672000,
      "text": "Påminnelse: Budsjett for 2027 skal være ferdig om 14 dager.",
      "reply_markup": {"inline_keyboard": [[{"text": "✅ Ferdig", "callback_data": "done|16||2026-12"}]]}
    },
    "chat_instance": "-7301928374655",
    "data": "done|16||2026-12"
  }
})";

ParsedUpdate parse_text(std::string_view body) {
    auto parsed = parse_update(body, test_bot());
    if (!parsed) FAIL(parsed.error());
    return *parsed;
}

commands::Reply reply_to(std::string chat_id, std::string text) {
    commands::Reply reply;
    reply.chat_id = std::move(chat_id);
    reply.text = std::move(text);
    return reply;
}

}  // namespace

TEST_CASE("a press on the ✅ button becomes an event in the message's chat from the person who pressed") {
    ParsedUpdate update = parse_text(kDonePress);
    CHECK(update.update_id == 815000201);
    CHECK(update.kind == UpdateKind::callback_query);
    REQUIRE(update.event.has_value());
    const commands::Event& event = *update.event;
    CHECK(event.platform == "telegram");
    CHECK(event.chat_id == "-4012345678");
    CHECK(event.chat_kind == commands::ChatKind::group);
    CHECK(event.chat_title == "SV Trondheim");
    CHECK(event.user_id == "555666777");
    CHECK(event.user_name == "Anne");
    CHECK(event.text.empty());
    CHECK(event.addressed_to_bot);
    REQUIRE(event.button.has_value());
    CHECK(event.button->id == "4382bfdwdsb323b2d9");
    CHECK(event.button->data == "done|16||2026-12");
    CHECK(event.button->message_id == "5001");
    CHECK(event.button->message_text == "Påminnelse: Budsjett for 2027 skal være ferdig om 14 dager.");
    // The presser is remembered like a sender (the bot, author of the message, is not).
    REQUIRE(update.user.has_value());
    CHECK(update.user->user_id == "555666777");
    CHECK(update.user->last_name == "Berg");
    REQUIRE(update.chat.has_value());
    CHECK(update.chat->chat_id == "-4012345678");
    CHECK(update.chat->type == "group");
}

TEST_CASE("a press in a private chat on a message too old to read is still an event with the message id") {
    auto body = nlohmann::json::parse(kDonePress);
    body["callback_query"]["message"] = {{"message_id", 4711},
                                         {"chat", {{"id", 555666777}, {"type", "private"}, {"first_name", "Anne"}}},
                                         {"date", 0}};
    ParsedUpdate update = parse_text(body.dump());
    REQUIRE(update.event.has_value());
    CHECK(update.event->chat_id == "555666777");
    CHECK(update.event->chat_kind == commands::ChatKind::private_chat);
    CHECK(update.event->chat_title.empty());
    REQUIRE(update.event->button.has_value());
    CHECK(update.event->button->message_id == "4711");
    CHECK(update.event->button->message_text.empty());
}

TEST_CASE("a press on a button in a forum topic keeps the topic") {
    auto body = nlohmann::json::parse(kDonePress);
    body["callback_query"]["message"]["chat"] = {{"id", -1001234567890}, {"type", "supergroup"},
                                                 {"title", "SV Trøndelag"}, {"is_forum", true}};
    body["callback_query"]["message"]["is_topic_message"] = true;
    body["callback_query"]["message"]["message_thread_id"] = 845;
    ParsedUpdate update = parse_text(body.dump());
    REQUIRE(update.event.has_value());
    CHECK(update.event->thread_id == "845");
}

TEST_CASE("a press without a message or without an id is ignored without an error") {
    auto inline_mode = nlohmann::json::parse(kDonePress);
    inline_mode["callback_query"].erase("message");
    inline_mode["callback_query"]["inline_message_id"] = "AAAAAB";
    ParsedUpdate update = parse_text(inline_mode.dump());
    CHECK(update.kind == UpdateKind::callback_query);
    CHECK_FALSE(update.event.has_value());
    CHECK_FALSE(update.ignored.empty());

    auto no_id = nlohmann::json::parse(kDonePress);
    no_id["callback_query"]["id"] = 17;  // the wrong type reads as absent
    CHECK_FALSE(parse_text(no_id.dump()).event.has_value());
}

TEST_CASE("the ✅ button goes on the last piece of a reply only") {
    commands::Reply reply = reply_to("-4012345678", "");
    for (int i = 0; i < 300; ++i) reply.text += "Linje " + std::to_string(i) + ": budsjett og regnskap for fylkeslaget\n";
    reply.message()->done_button = commands::OccurrenceId{16, "", "2026-12"};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() > 1);
    for (size_t i = 0; i + 1 < rows.size(); ++i) CHECK(rows[i].reply_markup.empty());
    auto markup = nlohmann::json::parse(rows.back().reply_markup);
    CHECK(markup == nlohmann::json::parse(R"({"inline_keyboard":[[{"text":"✅ Ferdig","callback_data":"done|16||2026-12"}]]})"));
    CHECK(api_request(rows.back()).body["reply_markup"] == markup);
    for (const auto& row : rows) CHECK(row.method.empty());
}

TEST_CASE("a forum draft's preview carries a ✅ Publiser button whose data names the draft") {
    commands::Reply reply = reply_to("111222333", "Slik blir tråden «Budsjett»:\n\nHvordan?");
    const std::chrono::sys_seconds started{std::chrono::seconds{1796000000}};
    reply.message()->publish_button = started;
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    REQUIRE_FALSE(rows[0].reply_markup.empty());
    const auto markup = nlohmann::json::parse(rows[0].reply_markup);
    CHECK(markup["inline_keyboard"][0][0]["text"] == "✅ Publiser");
    const std::string data = markup["inline_keyboard"][0][0]["callback_data"];
    CHECK(data.size() <= 64);
    CHECK(commands::read_publish_button_data(data) == started);
    CHECK_FALSE(commands::read_done_button_data(data));
    CHECK(TelegramPlatform().has_buttons());
}

TEST_CASE("a button whose data would be over Telegram's 64 bytes is left off, and the message still goes") {
    commands::Reply reply = reply_to("-4012345678", "Påminnelse");
    reply.message()->done_button = commands::OccurrenceId{16, std::string(70, 'u'), "2026-12"};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].reply_markup.empty());
}

TEST_CASE("a person without a username is linked at the first mention of their name") {
    commands::Reply reply = reply_to("-4012345678", "Anne Berg og @ola_d: budsjettet. Anne Berg, svar gjerne <her>.");
    reply.message()->mentions = {{"555666777", "Anne Berg", ""}, {"444555666", "Ola Dunk", "ola_d"}};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text ==
          "<a href=\"tg://user?id=555666777\">Anne Berg</a> og @ola_d: budsjettet. Anne Berg, svar gjerne &lt;her&gt;.");
    CHECK(rows[0].parse_mode == "HTML");
}

TEST_CASE("a name is found after escaping, and a shorter name is not linked inside a longer one's link") {
    commands::Reply reply = reply_to("-4012345678", "Per & Pål Kari og Kari Nordmann, Kari");
    reply.message()->mentions = {{"1003", "Per & Pål Kari", ""}, {"1001", "Kari Nordmann", ""}, {"1002", "Kari", ""},
                      {"1002", "Kari", ""}};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == "<a href=\"tg://user?id=1003\">Per &amp; Pål Kari</a> og "
                          "<a href=\"tg://user?id=1001\">Kari Nordmann</a>, <a href=\"tg://user?id=1002\">Kari</a>");
}

TEST_CASE("a name is linked in the piece where it occurs, and never across two pieces") {
    // 4090 units, then the name: the first piece ends inside it.
    commands::Reply split = reply_to("-4012345678", std::string(4090, 'x') + "Anne Berg");
    split.message()->mentions = {{"555666777", "Anne Berg", ""}};
    auto rows = outbox_messages(split);
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) CHECK(row.text.find("<a ") == std::string::npos);

    commands::Reply later = reply_to("-4012345678", std::string(4090, 'x') + "\nHei Anne Berg!");
    later.message()->mentions = {{"555666777", "Anne Berg", ""}};
    rows = outbox_messages(later);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].text == std::string(4090, 'x'));
    CHECK(rows[1].text == "Hei <a href=\"tg://user?id=555666777\">Anne Berg</a>!");
}

TEST_CASE("an edit is one editMessageText row that keeps to one message and takes the button away") {
    commands::Reply reply = reply_to("-4012345678", "✅ Meldt ferdig av Anne Berg & co. " + repeat("ø", 5000));
    reply.kind = commands::EditMessage{"5001", {{"555666777", "Anne Berg", ""}}};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    const auto& row = rows[0];
    CHECK(row.method == "editMessageText");
    CHECK(nlohmann::json::parse(row.payload) == nlohmann::json{{"message_id", 5001}});
    CHECK(row.text.starts_with("✅ Meldt ferdig av <a href=\"tg://user?id=555666777\">Anne Berg</a> &amp; co. øøø"));
    CHECK(row.text.ends_with("ø…"));
    CHECK(whole_characters(row.text));

    ApiRequest request = api_request(row);
    CHECK(request.method == "editMessageText");
    CHECK(request.body["chat_id"] == -4012345678);
    CHECK(request.body["message_id"] == 5001);
    CHECK(request.body["text"] == row.text);
    CHECK(request.body["parse_mode"] == "HTML");
    CHECK(request.body["reply_markup"] == nlohmann::json::parse(R"({"inline_keyboard":[]})"));
    CHECK_FALSE(request.body.contains("message_thread_id"));
}

TEST_CASE("an edit's text is cut at 4096 UTF-16 units, counted before escaping") {
    commands::Reply reply = reply_to("111222333", repeat("&", 4095) + "😀");  // 4097 units
    reply.kind = commands::EditMessage{"5001"};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text == repeat("&amp;", 4095) + "…");  // 4096 units once parsed
}

TEST_CASE("an answer to a button press is one plain row, cut to 200 characters") {
    commands::Reply reply = reply_to("-4012345678", "Bare kassereren <eller> en admin kan melde denne ferdig. " +
                                                        repeat("æ", 300));
    reply.kind = commands::AnswerButton{"4382bfdwdsb323b2d9"};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    const auto& row = rows[0];
    CHECK(row.method == "answerCallbackQuery");
    CHECK(nlohmann::json::parse(row.payload) == nlohmann::json{{"callback_query_id", "4382bfdwdsb323b2d9"}});
    CHECK(row.parse_mode.empty());
    CHECK(row.text.starts_with("Bare kassereren <eller> en admin"));  // plain text: nothing escaped
    CHECK(utf16_length(row.text) == 200);
    CHECK(row.text.ends_with("æ…"));
    CHECK(row.chat_id == "-4012345678");

    ApiRequest request = api_request(row);
    CHECK(request.method == "answerCallbackQuery");
    CHECK(request.body == nlohmann::json{{"callback_query_id", "4382bfdwdsb323b2d9"}, {"text", row.text}});
}

TEST_CASE("an answer without text still stops the button spinning") {
    commands::Reply reply = reply_to("-4012345678", "");
    reply.kind = commands::AnswerButton{"4382bfdwdsb323b2d9"};
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 1);
    CHECK(api_request(rows[0]).body == nlohmann::json{{"callback_query_id", "4382bfdwdsb323b2d9"}});
}

TEST_CASE("a long forum message is split here, and each piece keeps the thread a reply to it goes to") {
    std::string text = "💬 Forumtråd 12: Langt\n";
    for (int i = 0; i < 3000; ++i) text += "👍";  // two units each: 6,000 units
    text += "\n" + std::string(5000, ' ') + "\nslutt";  // a stretch of blanks makes no message of its own
    commands::Reply reply = commands::message_to("111222333", text);
    reply.message()->forum_thread = 12;
    reply.message()->forum_post = 14;
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 3);
    for (const auto& row : rows) {
        CHECK(row.forum_thread == 12);
        CHECK(row.forum_post == 14);  // each piece is edited when post 14 is deleted
        CHECK(utf16_length(row.text) <= kMessageLimit);
        CHECK(row.text.find_first_not_of(" \n") != std::string::npos);
        CHECK(row.payload.empty());  // not into a topic: nothing for the dispatcher
    }
    CHECK(rows.back().text.ends_with("slutt"));
    CHECK_FALSE(outbox_messages(commands::message_to("111222333", "Hei"))[0].forum_thread.has_value());
    CHECK_FALSE(outbox_messages(commands::message_to("111222333", "Hei"))[0].forum_post.has_value());
}

TEST_CASE("a post that opens a forum topic names it within Telegram's 128 characters") {
    commands::Reply reply = commands::message_to("-1009300", "💬 Forumtråd 5: …\nNy tråd fra Kari");
    reply.message()->forum_thread = 5;
    reply.message()->into_forum_topic = true;
    reply.message()->open_topic = repeat("å", 200);
    auto rows = outbox_messages(reply);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].method == "createForumTopic");
    CHECK(nlohmann::json::parse(rows[0].payload)["name"] == repeat("å", 128));
    CHECK(topic_thread_of(rows[1]) == 5);
    CHECK(rows[1].forum_thread == 5);
    CHECK_FALSE(rows[0].forum_post.has_value());  // a post number only when the message carries a post
    reply.message()->forum_post = 5;
    for (const auto& row : outbox_messages(reply)) CHECK(row.forum_post == 5);  // the topic goes if the post does
}

TEST_CASE("a topic is renamed with editForumTopic, its name cut to Telegram's 128 characters") {
    const commands::Reply rename{"-1009300", repeat("å", 200), commands::RenameTopic{"77"}};
    const auto rows = outbox_messages(rename);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].method == "editForumTopic");
    const ApiRequest request = api_request(rows[0]);
    CHECK(request.method == "editForumTopic");
    CHECK(request.body["chat_id"] == -1009300);
    CHECK(request.body["message_thread_id"] == 77);
    CHECK(request.body["name"] == repeat("å", 128));
    CHECK_FALSE(request.body.contains("text"));
    // Not a Telegram topic id: nothing to send.
    CHECK(outbox_messages({"-1009300", "Tråd 1 (slettet)", commands::RenameTopic{"C0FFEE"}}).empty());
}
