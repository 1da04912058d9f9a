// The HTTP routes of the Telegram service, as one plain function from request to
// response (the server knows nothing of them): POST /telegram/webhook checks the
// secret header before anything else, hands the body to the UpdateHandler and
// answers 200 only once the update is committed (or hopeless); GET /healthz
// reports the database, the platform and the outbox. No sockets here.
#pragma once

#include <string>
#include <string_view>

#include "bot/dispatch.hpp"
#include "bot/http_server.hpp"
#include "bot/telegram/update_handler.hpp"
#include "storage/database.hpp"

namespace planbot::bot::telegram {

inline constexpr std::string_view kWebhookPath = "/telegram/webhook";

class WebhookRoutes {
public:
    // An empty `secret` refuses every delivery (no webhook without a secret).
    // `dispatcher` is told when new replies are in the outbox; it need not run.
    WebhookRoutes(std::string secret, UpdateHandler& updates, storage::Database& database, Dispatcher& dispatcher);

    Response route(const Request& request);

private:
    Response webhook(const Request& request);
    Response health(const Request& request);

    std::string secret_;
    UpdateHandler& updates_;
    storage::Database& database_;
    Dispatcher& dispatcher_;
};

// Compares a received secret with the configured one in time independent of where
// they differ (both are hashed first, so their lengths do not leak either).
bool secrets_equal(std::string_view received, std::string_view expected);

}  // namespace planbot::bot::telegram
