// Delivery translation, one half of the Slack adapter (adapter.hpp; the other half,
// reply_renderer.cpp, turns replies into rows and Web API calls): Events API bodies,
// slash commands and button presses become the neutral Incoming. Reads only what it is
// given: no sockets, no database, no clock, and nothing here throws on network input.
//
// Names: an event names its sender by user id only, so the id stands for the name and
// the sender is not written to the directory (that would overwrite the name a slash
// command or a button press taught it); slash commands and presses carry the person's
// Slack handle and remember it. Before a delivery is handled, its sender's name is
// looked up (names.hpp: the users table, else users.info).
#include "bot/slack/adapter.hpp"

#include <openssl/sha.h>

#include <array>
#include <optional>

#include "bot/pipeline/valid_utf8.hpp"
#include "bot/slack/json_fields.hpp"
#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/router.hpp"

namespace planbot::bot::slack {

namespace {

using nlohmann::json;
using json_fields::member;
using json_fields::object_of;
using json_fields::text_of;

// &amp;, &lt; and &gt; back to the characters (Slack escapes only these three).
std::string unescape_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '&') {
            const std::string_view rest = text.substr(i);
            if (rest.starts_with("&amp;")) { out += '&'; i += 4; continue; }
            if (rest.starts_with("&lt;")) { out += '<'; i += 3; continue; }
            if (rest.starts_with("&gt;")) { out += '>'; i += 3; continue; }
        }
        out += text[i];
    }
    return out;
}

// A message's text as the core reads it, and the people it mentions.
struct ReadText {
    std::string text;
    bool mentions_bot = false;
    std::vector<commands::UserRef> mentioned;
};

// Slack's "<…>" sequences made plain: <@U…|name> a person (their name, or their id when
// the sequence names none; the bot's own mention is taken out), <#C…|name> "#name",
// <!here> "@here", <url|label> the label, <url> the url.
ReadText read_text(std::string_view raw, const SlackIdentity& bot) {
    ReadText out;
    size_t at = 0;
    while (at < raw.size()) {
        const size_t open = raw.find('<', at);
        const size_t close = open == std::string_view::npos ? open : raw.find('>', open);
        if (close == std::string_view::npos) {
            out.text += unescape_entities(raw.substr(at));
            break;
        }
        out.text += unescape_entities(raw.substr(at, open - at));
        const std::string_view inner = raw.substr(open + 1, close - open - 1);
        const size_t bar = inner.find('|');
        const std::string_view target = inner.substr(0, bar);
        const std::string label = bar == std::string_view::npos ? std::string() : unescape_entities(inner.substr(bar + 1));
        if (target.starts_with('@')) {
            const std::string id(target.substr(1));
            if (!bot.user_id.empty() && id == bot.user_id) {
                out.mentions_bot = true;
            } else if (!id.empty()) {
                const std::string name = label.empty() ? id : label;
                out.mentioned.push_back({id, name, ""});
                out.text += name;
            }
        } else if (target.starts_with('#')) {
            out.text += "#" + (label.empty() ? std::string(target.substr(1)) : label);
        } else if (target.starts_with('!')) {
            out.text += label.empty() ? "@" + std::string(target.substr(1)) : label;
        } else {
            out.text += label.empty() ? unescape_entities(target) : label;
        }
        at = close + 1;
    }
    // "<@bot> hva skjer": the text starts where the words do.
    const size_t start = out.text.find_first_not_of(" \t\r\n");
    out.text = start == std::string::npos ? std::string() : out.text.substr(start);
    return out;
}

std::optional<json> parse_json(std::string_view body) {
    json parsed = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() && !is_valid_utf8(body)) {
        // As for Telegram: repaired rather than dropped (the pipeline repairs text too).
        const std::string repaired = repair_utf8(body);
        parsed = json::parse(repaired.begin(), repaired.end(), nullptr, /*allow_exceptions=*/false);
    }
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    return parsed;
}

bool is_direct_channel(std::string_view channel_id) { return channel_id.starts_with('D'); }

// The chat and the event's place in it. A DM's chat id is the person's id (adapter.hpp).
void place_in_chat(Incoming& incoming, commands::Event& event, const std::string& channel, const std::string& user,
                   bool direct, const std::string& title = {}) {
    event.platform = kPlatform;
    event.user_id = user;
    event.chat_kind = direct ? commands::ChatKind::private_chat : commands::ChatKind::group;
    event.chat_id = direct ? user : channel;
    if (!direct) event.chat_title = title;
    incoming.chat = storage::ChatInfo{std::string(kPlatform), event.chat_id, direct ? "private" : "group", title};
}

void add_mentioned(Incoming& incoming, commands::Event& event, std::vector<commands::UserRef> mentioned) {
    for (commands::UserRef& person : mentioned) {
        // A name from "<@U…|kari>" is worth remembering; a bare id teaches nothing.
        if (person.name != person.user_id)
            incoming.other_users.push_back({std::string(kPlatform), person.user_id, person.name, "", person.name});
        event.mentioned_users.push_back(std::move(person));
    }
}

// A message or app_mention event; `mention`: the event is an app_mention.
void read_message_event(const json& message, const SlackIdentity& bot, bool mention, Incoming& incoming) {
    const std::string subtype = text_of(message, "subtype");
    if (member(message, "bot_id") || subtype == "bot_message") return void(incoming.ignored = "message from a bot");
    const std::string user = text_of(message, "user");
    if (!bot.user_id.empty() && user == bot.user_id) return void(incoming.ignored = "the bot's own message");
    // A file comes with its text as the caption; a reply also sent to the channel is a message.
    const bool file = subtype == "file_share";
    if (!subtype.empty() && !file && subtype != "thread_broadcast")
        return void(incoming.ignored = "message subtype " + subtype);
    // An edited message that mentions the bot comes again as an app_mention with a new
    // event_id and an "edited" member: the first one was answered.
    if (member(message, "edited")) return void(incoming.ignored = "edited message");
    const std::string channel = text_of(message, "channel");
    if (user.empty() || channel.empty()) return void(incoming.ignored = "message without sender or channel");
    const bool direct = text_of(message, "channel_type") == "im" || (!mention && is_direct_channel(channel));

    ReadText text = read_text(text_of(message, "text"), bot);
    // Slack sends a mention in a channel twice: as app_mention (answered) and as this.
    if (!mention && !direct && text.mentions_bot)
        return void(incoming.ignored = "mention: answered as its app_mention");
    if (text.text.empty() && !file) return void(incoming.ignored = "message without text");

    commands::Event event;
    place_in_chat(incoming, event, channel, user, direct);
    event.user_name = user;  // the id: events name no one (see the file's comment)
    event.text = std::move(text.text);
    if (file) event.attachment = "document";
    const std::string thread = text_of(message, "thread_ts");
    const bool in_bot_thread = !thread.empty() && !bot.user_id.empty() && text_of(message, "parent_user_id") == bot.user_id;
    event.thread_id = thread;  // replies go into the thread
    if (in_bot_thread) event.reply_to_bot_message = channel + ":" + thread;
    event.addressed_to_bot = mention || text.mentions_bot || in_bot_thread;
    add_mentioned(incoming, event, std::move(text.mentioned));
    incoming.event = std::move(event);
}

Incoming ignored(int64_t key, std::string why) {
    Incoming incoming;
    incoming.update_id = key;
    incoming.ignored = std::move(why);
    return incoming;
}

// The first word of `text` names one of the core's commands ("ferdig", "oppgaver").
bool starts_with_command(const std::string& text) {
    if (text.starts_with('/')) return false;
    const std::optional<commands::Command> command = commands::read_command("/" + text);
    return command && commands::find_command(commands::command_table(), command->name) != nullptr;
}

}  // namespace

int64_t delivery_key(std::string_view slack_id) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(slack_id.data()), slack_id.size(), digest.data());
    uint64_t key = 0;
    for (size_t i = 0; i < 8; ++i) key = (key << 8) | digest[i];
    return static_cast<int64_t>(key & 0x7FFF'FFFF'FFFF'FFFFULL);
}

std::string url_decode(std::string_view text) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string form_value(std::string_view form_body, std::string_view key) {
    while (!form_body.empty()) {
        const size_t end = form_body.find('&');
        const std::string_view pair = form_body.substr(0, end);
        form_body = end == std::string_view::npos ? std::string_view() : form_body.substr(end + 1);
        const size_t equals = pair.find('=');
        if (url_decode(pair.substr(0, equals)) != key) continue;
        return equals == std::string_view::npos ? std::string() : url_decode(pair.substr(equals + 1));
    }
    return {};
}

bool acceptable_response_url(std::string_view url, bool allow_loopback) {
    const auto host_of = [](std::string_view rest) { return rest.substr(0, rest.find_first_of("/:?#")); };
    if (url.starts_with("https://")) {
        const std::string_view host = host_of(url.substr(8));
        return host == "slack.com" || host.ends_with(".slack.com");
    }
    if (allow_loopback && url.starts_with("http://")) {
        const std::string_view host = host_of(url.substr(7));
        return host == "127.0.0.1" || host == "localhost";
    }
    return false;
}

std::string command_response_url(std::string_view form_body, bool allow_loopback) {
    std::string url = form_value(form_body, "response_url");
    return acceptable_response_url(url, allow_loopback) ? url : std::string();
}

std::expected<std::variant<UrlVerification, Incoming>, std::string> parse_event(std::string_view json_body,
                                                                               const SlackIdentity& bot) {
    const std::optional<json> body = parse_json(json_body);
    if (!body) return std::unexpected("not JSON");
    const std::string type = text_of(*body, "type");
    if (type == "url_verification") return UrlVerification{text_of(*body, "challenge")};
    if (type != "event_callback") return std::unexpected("unhandled type " + type.substr(0, 40));
    const std::string event_id = text_of(*body, "event_id");
    if (event_id.empty()) return std::unexpected("no event_id");
    Incoming incoming = ignored(delivery_key(event_id), "");
    const json& event = object_of(*body, "event");
    const std::string event_type = text_of(event, "type");
    if (event_type == "app_mention" || event_type == "message")
        read_message_event(event, bot, event_type == "app_mention", incoming);
    else
        incoming.ignored = "event type " + event_type.substr(0, 40);
    return incoming;
}

std::expected<Incoming, std::string> parse_command(std::string_view form_body, const SlackIdentity& bot) {
    const std::string trigger = form_value(form_body, "trigger_id");
    if (trigger.empty()) return std::unexpected("slash command without trigger_id");
    const std::string user = form_value(form_body, "user_id"), channel = form_value(form_body, "channel_id");
    if (user.empty() || channel.empty()) return std::unexpected("slash command without user or channel");
    Incoming incoming = ignored(delivery_key(trigger), "");
    const std::string channel_name = form_value(form_body, "channel_name");
    const bool direct = is_direct_channel(channel) || channel_name == "directmessage";
    commands::Event event;
    place_in_chat(incoming, event, channel, user, direct);
    const std::string name = form_value(form_body, "user_name");
    event.user_name = name.empty() ? user : name;
    incoming.user = storage::UserInfo{std::string(kPlatform), user, event.user_name, "", name};
    ReadText text = read_text(form_value(form_body, "text"), bot);
    event.text = starts_with_command(text.text) ? "/" + text.text : text.text;
    event.addressed_to_bot = true;
    add_mentioned(incoming, event, std::move(text.mentioned));
    incoming.event = std::move(event);
    return incoming;
}

std::expected<Incoming, std::string> parse_interaction(std::string_view form_body, const SlackIdentity& /*bot*/) {
    const std::optional<json> payload = parse_json(form_value(form_body, "payload"));
    if (!payload) return std::unexpected("interaction without a JSON payload");
    const std::string trigger = text_of(*payload, "trigger_id");
    if (trigger.empty()) return std::unexpected("interaction without trigger_id");
    Incoming incoming = ignored(delivery_key(trigger), "");
    if (text_of(*payload, "type") != "block_actions") return ignored(*incoming.update_id, "interaction type");
    const json& user = object_of(*payload, "user");
    const json& message = object_of(*payload, "message");
    const std::string user_id = text_of(user, "id");
    const std::string channel = text_of(object_of(*payload, "channel"), "id");
    const json* actions = member(*payload, "actions");
    if (user_id.empty() || channel.empty() || text_of(message, "ts").empty())
        return ignored(*incoming.update_id, "button press outside a message");
    if (!actions || !actions->is_array() || actions->empty() || !actions->front().is_object())
        return ignored(*incoming.update_id, "button press without action");

    commands::Event event;
    place_in_chat(incoming, event, channel, user_id, is_direct_channel(channel));
    std::string name = text_of(user, "name");
    if (name.empty()) name = text_of(user, "username");
    event.user_name = name.empty() ? user_id : name;
    incoming.user = storage::UserInfo{std::string(kPlatform), user_id, event.user_name, "", text_of(user, "username")};
    event.addressed_to_bot = true;
    event.thread_id = text_of(message, "thread_ts");
    // The message's text as the bot wrote it: its mentions stay "<@U…>" (the renderer
    // keeps them when the message is edited), the escapes are undone.
    event.button = commands::Event::ButtonPress{channel + "|" + user_id, text_of(actions->front(), "value"),
                                                channel + ":" + text_of(message, "ts"),
                                                unescape_entities(text_of(message, "text"))};
    incoming.event = std::move(event);
    return incoming;
}

}  // namespace planbot::bot::slack
