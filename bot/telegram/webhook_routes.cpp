// See webhook_routes.hpp.
#include "bot/telegram/webhook_routes.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include "bot/log.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot::telegram {

WebhookRoutes::WebhookRoutes(std::string secret, UpdateHandler& updates, storage::Database& database,
                             Dispatcher& dispatcher)
    : secret_(std::move(secret)), updates_(updates), database_(database), dispatcher_(dispatcher) {}

Response WebhookRoutes::route(const Request& request) {
    const std::string_view target(request.target().data(), request.target().size());
    if (target == "/healthz" && request.method() == http::verb::get) return health(request);
    if (target == kWebhookPath) {
        if (request.method() != http::verb::post)
            return make_response(request, http::status::method_not_allowed, R"({"ok":false})");
        return webhook(request);
    }
    return make_response(request, http::status::not_found, R"({"ok":false,"error":"not found"})");
}

Response WebhookRoutes::webhook(const Request& request) {
    const auto header = request.find("X-Telegram-Bot-Api-Secret-Token");
    const std::string_view received = header == request.end() ? std::string_view()
                                                                : std::string_view(header->value().data(), header->value().size());
    if (secret_.empty() || !secrets_equal(received, secret_)) {
        log::warn("webhook_refused", {{"reason", header == request.end() ? "no secret header" : "wrong secret"}});
        return make_response(request, http::status::unauthorized, R"({"ok":false,"error":"unauthorized"})");
    }
    switch (updates_.handle(request.body())) {
        case UpdateHandler::Result::storage_failed: {
            Response response = make_response(request, http::status::service_unavailable, R"({"ok":false})");
            response.set(http::field::retry_after, "5");
            return response;
        }
        case UpdateHandler::Result::handled: dispatcher_.notify(); break;
        case UpdateHandler::Result::duplicate:
        case UpdateHandler::Result::invalid: break;
    }
    return make_response(request, http::status::ok, R"({"ok":true})");
}

Response WebhookRoutes::health(const Request& request) {
    bool database_ok = true;
    int64_t pending = -1;
    try {
        storage::Statement& check = database_.cached("SELECT 1");
        database_ok = check.step();
        pending = storage::Outbox(database_).pending_count();
    } catch (const std::exception& error) {
        database_ok = false;
        log::error("health_database_failed", {{"error", error.what()}});
    }
    nlohmann::json body = {{"status", database_ok ? "ok" : "degraded"},
                           {"database", database_ok},
                           {"platform", dispatcher_.platform_reachable()},
                           {"outbox_pending", pending}};
    return make_response(request, database_ok ? http::status::ok : http::status::service_unavailable, body.dump());
}

bool secrets_equal(std::string_view received, std::string_view expected) {
    unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(received.data()), received.size(), a);
    SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), b);
    return CRYPTO_memcmp(a, b, sizeof a) == 0;
}

}  // namespace planbot::bot::telegram
