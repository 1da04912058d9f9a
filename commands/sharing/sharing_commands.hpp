// The plan shown outside the chat: /kalender (a person's secret links to their
// calendar feed and the organisation's), /oversikt (an admin's secret link to the
// board's overview page) and /årshjul (the wheel as a picture, also «vis årshjulet»).
// The links' tokens come from Context::access_tokens; only their digests are stored,
// so a link is shown once, when it is made. Pure: the feeds, the picture and the page
// themselves are made outside the core (publish/), served and sent by bot/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command_line.hpp"
#include "commands/command_spec.hpp"
#include "commands/event.hpp"

namespace planbot::commands {

// Makes the links' tokens (bot/ draws them from a real random source).
class AccessTokens {
public:
    virtual ~AccessTokens() = default;
    // A new random token, at least 128 bits, in characters a URL carries as they are.
    virtual std::string new_token() const = 0;
    // What the State stores and finds a token by, so the database holds no working link.
    virtual std::string digest(std::string_view token) const = 0;
    // The token of the organisation's feed the overview page links to, made from the
    // page's token one way: whoever has the feed's link cannot open the page.
    virtual std::string derived(std::string_view token) const = 0;
};

// The rows of the command table for these commands.
const std::vector<CommandSpec>& sharing_commands();

// The command a message that is no command asks for when it wants the wheel as a
// picture: «vis årshjulet», «årshjulet 2027», «kan du sende meg bilde av årshjulet».
// nullopt when the words are anything else (every word must be explained).
std::optional<Command> wheel_picture_wish(const std::vector<std::string>& words);

// Where a feed, the page and the picture are served (bot/ routes these paths).
std::string calendar_path(std::string_view token);  // "/kalender/<token>.ics"
std::string overview_path(std::string_view token);  // "/oversikt/<token>"

}  // namespace planbot::commands
