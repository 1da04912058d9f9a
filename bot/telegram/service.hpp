// Telegram inside the running service (bot/service.hpp): the webhook route, the
// outbox dispatcher over a few Bot API connections, and start-up (getMe, then
// setWebhook with a public URL, or deleteWebhook and long polling without one).
#pragma once

#include <memory>

#include "bot/platform_service.hpp"

namespace planbot::bot::telegram {

// Throws std::runtime_error naming the setting when telegram.api_url or
// telegram.certificate cannot be used (start-up fails with the reason).
std::unique_ptr<PlatformService> make_service(const ServiceParts& parts);

}  // namespace planbot::bot::telegram
