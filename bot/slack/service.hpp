// Slack inside the running service (bot/service.hpp): the three request URLs of the
// Slack app (/slack/events, /slack/commands, /slack/interactivity), the outbox
// dispatcher over a few Web API connections, and start-up (auth.test, which names the
// bot's own user, so mentions of it and its own messages can be told apart).
#pragma once

#include <memory>

#include "bot/platform_service.hpp"

namespace planbot::bot::slack {

// Throws std::runtime_error naming the setting when slack.api_url cannot be used.
std::unique_ptr<PlatformService> make_service(const ServiceParts& parts);

}  // namespace planbot::bot::slack
