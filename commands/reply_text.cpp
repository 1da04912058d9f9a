// See reply_text.hpp.
#include "commands/reply_text.hpp"

#include <algorithm>

namespace planbot::commands::detail {

Outcome say(const Event& event, std::string text) {
    Outcome outcome;
    outcome.replies.push_back({event.chat_id, std::move(text), event.thread_id});
    return outcome;
}

std::string join_list(const std::vector<std::string>& items, std::string_view last) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(last) : std::string(", ");
        out += items[i];
    }
    return out;
}

std::string display_name(const Person& person) {
    if (!person.name.empty()) return person.name;
    if (!person.username.empty()) return "@" + person.username;
    return "bruker " + person.user_id;
}

Person caller(const Event& event, const Context& context) {
    if (auto known = context.state->person(event.platform, event.user_id)) return *known;
    return {event.platform, event.user_id, event.user_name, ""};
}

std::string shortened(std::string_view text, size_t bytes) {
    size_t cut = std::min(text.size(), bytes);
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + (cut < text.size() ? "…" : "");
}

std::string quoted(std::string_view text) { return "«" + shortened(text, kLongestEcho) + "»"; }

}  // namespace planbot::commands::detail
