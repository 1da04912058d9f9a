// libFuzzer target: Slack's adapter on arbitrary bytes. The same bytes are read as an
// Events API body (parse_event), a slash command's form body (parse_command) and an
// interaction's form body (parse_interaction); whatever event comes out is answered
// with each kind of reply the core makes (a new message naming the people it mentions
// and carrying the ✅ Ferdig button, an edit of the pressed message, an answer to the
// press), rendered into rows and Web API calls as the dispatcher would send them. The
// signature check reads the bytes too. Pure: no database, no sockets.
//
// Checked beyond "does not crash": no piece of a split text is longer than Slack's
// limit once escaped, and every call's body is JSON that dumps.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bot/slack/adapter.hpp"
#include "bot/slack/signature.hpp"
#include "fuzz/fuzz_support.hpp"

using namespace planbot;
using namespace planbot::bot;

namespace {

void send_all(const commands::Reply& reply) {
    for (const storage::OutboxMessage& row : slack::outbox_messages(reply)) {
        const slack::ApiRequest call = slack::api_request(row);
        (void)call.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

void answer(const Incoming& incoming) {
    if (!incoming.event) return;
    const commands::Event& event = *incoming.event;
    commands::Reply message = commands::reply_in(event, event.text);
    message.message()->mentions = event.mentioned_users;
    message.message()->done_button = commands::OccurrenceId{9, "", "2026-3"};
    send_all(message);
    if (event.button) {
        send_all({event.chat_id, event.button->message_text + "\n\n✅ Ferdig – meldt av " + event.user_name,
                  commands::EditMessage{event.button->message_id, event.mentioned_users}});
        send_all({event.chat_id, event.text, commands::AnswerButton{event.button->id}});
    }
    for (const std::string& piece : slack::split_message(event.text, 40))
        if (slack::mrkdwn_escape(piece).size() > 40 * 4) std::abort();  // 40 characters, at most 4 bytes each
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = fuzz::as_text(data, size);
    const slack::SlackIdentity bot{"U0LAN0Z89", "T123ABC456", "planbot"};
    if (auto parsed = slack::parse_event(bytes, bot))
        if (const auto* incoming = std::get_if<Incoming>(&*parsed)) answer(*incoming);
    if (auto command = slack::parse_command(bytes, bot)) answer(*command);
    if (auto interaction = slack::parse_interaction(bytes, bot)) answer(*interaction);
    // The first line as the two headers, the rest as the body.
    const size_t end = bytes.find('\n');
    const std::string_view head = bytes.substr(0, end), body = end == std::string_view::npos ? "" : bytes.substr(end + 1);
    (void)slack::verify_signature("8f742231b10e8888abcd99yyyzzz85a5", head.substr(0, head.find(' ')),
                                  head.substr(std::min(head.size(), head.find(' ') + 1)), body, fuzz::fixed_now());
    return 0;
}
