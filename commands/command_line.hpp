// A slash command as typed: "/ferdig@planbot 9 betalt inn" → name "ferdig", args
// {"9", "betalt", "inn"}, rest "9 betalt inn". Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planbot::commands {

struct Command {
    std::string name;               // folded (norwegian.hpp fold), without '/' and "@bot": "ferdig", "paminnelser"
    std::vector<std::string> args;  // the raw words after the name, as typed (split at spaces and line ends)
    std::string rest;               // the raw text after the name, trimmed (keeps line breaks inside)
};

// nullopt unless the text starts with '/' followed by a letter.
std::optional<Command> read_command(std::string_view text);

}  // namespace planbot::commands
