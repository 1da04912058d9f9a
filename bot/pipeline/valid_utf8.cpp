// See valid_utf8.hpp.
#include "bot/pipeline/valid_utf8.hpp"

#include <cstdint>

namespace planbot::bot {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

struct Sequence {
    size_t length = 1;  // bytes: the whole character, or the ill-formed part to replace
    bool valid = true;
};

// The character at text[at], by the table of well-formed byte sequences (Unicode
// §3.9, table 3-7): the lead byte sets how many continuation bytes follow and the
// range of the first one (which rules out overlong forms, surrogates and values
// above U+10FFFF).
Sequence sequence_at(std::string_view text, size_t at) {
    const auto lead = static_cast<uint8_t>(text[at]);
    if (lead < 0x80) return {1, true};
    size_t continuations = 0;
    uint8_t low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) continuations = 1;
    else if (lead == 0xE0) continuations = 2, low = 0xA0;
    else if (lead == 0xED) continuations = 2, high = 0x9F;
    else if (lead >= 0xE1 && lead <= 0xEF) continuations = 2;
    else if (lead == 0xF0) continuations = 3, low = 0x90;
    else if (lead == 0xF4) continuations = 3, high = 0x8F;
    else if (lead >= 0xF1 && lead <= 0xF3) continuations = 3;
    else return {1, false};  // a continuation byte, C0, C1 or F5–FF: never a lead
    size_t next = at + 1;
    for (size_t i = 0; i < continuations; ++i, ++next) {
        if (next >= text.size()) return {next - at, false};
        const auto byte = static_cast<uint8_t>(text[next]);
        if (byte < low || byte > high) return {next - at, false};
        low = 0x80, high = 0xBF;
    }
    return {next - at, true};
}

// Calls `visit` with every text an Incoming (const or not) carries: a new field of the
// event, the people or the chat needs a line here.
template <typename SomeIncoming, typename Visit>
void for_each_text(SomeIncoming& incoming, Visit visit) {
    auto person = [&](auto& user) {
        for (auto* text : {&user.user_id, &user.name, &user.username}) visit(*text);
    };
    if (incoming.event) {
        auto& event = *incoming.event;
        for (auto* text : {&event.platform, &event.chat_id, &event.user_id, &event.user_name, &event.text,
                           &event.thread_id, &event.chat_title, &event.reply_to_bot_message, &event.attachment})
            visit(*text);
        for (auto& user : event.mentioned_users) person(user);
        if (event.reply_to_user) person(*event.reply_to_user);
        if (event.button)
            for (auto* text :
                 {&event.button->id, &event.button->data, &event.button->message_id, &event.button->message_text})
                visit(*text);
    }
    auto user_info = [&](auto& user) {
        for (auto* text : {&user.platform, &user.user_id, &user.first_name, &user.last_name, &user.username})
            visit(*text);
    };
    if (incoming.user) user_info(*incoming.user);
    for (auto& user : incoming.other_users) user_info(user);
    if (incoming.chat)
        for (auto* text :
             {&incoming.chat->platform, &incoming.chat->chat_id, &incoming.chat->type, &incoming.chat->title})
            visit(*text);
    if (incoming.migrated_to) visit(*incoming.migrated_to);
    visit(incoming.ignored);
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        const Sequence sequence = sequence_at(text, at);
        if (!sequence.valid) return false;
        at += sequence.length;
    }
    return true;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (size_t at = 0; at < text.size();) {
        const Sequence sequence = sequence_at(text, at);
        if (sequence.valid) out.append(text.substr(at, sequence.length));
        else out.append(kReplacement);
        at += sequence.length;
    }
    return out;
}

bool is_valid_utf8(const Incoming& incoming) {
    bool valid = true;
    for_each_text(incoming, [&valid](const std::string& text) { valid = valid && is_valid_utf8(text); });
    return valid;
}

void repair_utf8(Incoming& incoming) {
    for_each_text(incoming, [](std::string& text) {
        if (!is_valid_utf8(text)) text = repair_utf8(text);
    });
}

}  // namespace planbot::bot
