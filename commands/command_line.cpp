// See command_line.hpp.
#include "commands/command_line.hpp"

#include "commands/language/norwegian.hpp"

namespace planbot::commands {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<Command> read_command(std::string_view text) {
    text = trim(text);
    if (text.size() < 2 || text.front() != '/') return std::nullopt;
    const unsigned char first = static_cast<unsigned char>(text[1]);
    // A letter: ASCII, or æ, ø, å in either case ("/østre", "/Åpne"); not an emoji.
    const bool ascii_letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    const bool norwegian_letter = first == 0xC3 && text.size() > 2 &&
                                  std::string_view("\x85\x86\x98\xA5\xA6\xB8").find(text[2]) != std::string_view::npos;
    if (!ascii_letter && !norwegian_letter) return std::nullopt;
    size_t end = 1;
    while (end < text.size() && !is_space(text[end])) ++end;
    std::string_view name = text.substr(1, end - 1);
    if (auto at = name.find('@'); at != std::string_view::npos) name = name.substr(0, at);
    Command command;
    // fold() turns '_' and other punctuation into spaces; a command name is one word.
    for (char c : fold(name))
        if (c != ' ') command.name += c;
    command.rest = std::string(trim(text.substr(end)));
    std::string_view rest = command.rest;
    while (!rest.empty()) {
        size_t stop = 0;
        while (stop < rest.size() && !is_space(rest[stop])) ++stop;
        command.args.emplace_back(rest.substr(0, stop));
        rest = trim(rest.substr(stop));
    }
    return command;
}

}  // namespace planbot::commands
