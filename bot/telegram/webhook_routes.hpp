// The HTTP routes of a Telegram-only service, as one function from request to
// response (the server knows nothing of them): POST /telegram/webhook checks the
// secret header before anything else, hands the body to the UpdateHandler and
// answers 200 only once the update is committed (or hopeless); /healthz, /readyz and
// /metrics go to HealthRoutes (bot/health_routes.hpp). No sockets here.
//
// Threads: route() may be called on any thread (the HTTP server's). The secret check
// and reading the body's JSON happen there; the update itself (the core, SQLite, the
// outbox) and the operations routes run on `writer`, the executor that owns the
// database, and route() resumes where it was called once the commit is done. Without
// a `writer` everything runs where route() is called (one thread; tests).
//
// Group commit: webhook bodies that reach the writer in the same turn of its event
// loop are handled in one transaction (a flush is posted behind them), and each
// request is answered when that transaction has committed. A lone request waits for
// nothing.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <memory>
#include <string>
#include <vector>
#include <string_view>

#include "bot/health_routes.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/http/http_server.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/telegram/update_handler.hpp"
#include "storage/database.hpp"

namespace planbot::bot::telegram {

inline constexpr std::string_view kWebhookPath = "/telegram/webhook";

// The operations routes' settings and the constant-time comparison live beside
// HealthRoutes (bot/health_routes.hpp), which every platform's service shares.
using bot::OperationsRoutes;
using bot::secrets_equal;

class WebhookRoutes {
public:
    // An empty `secret` refuses every delivery (no webhook without a secret).
    // `dispatcher` is told when new replies are in the outbox; it need not run.
    // With `identity`, deliveries are answered 503 (Telegram retries them) until the
    // bot knows its username: without it "/hjelp@name" and "@name" cannot be read.
    WebhookRoutes(std::string secret, UpdateHandler& updates, storage::Database& database, Dispatcher& dispatcher,
                  const BotIdentity* identity = nullptr, std::optional<net::any_io_executor> writer = std::nullopt);

    // /healthz, /readyz and /metrics, answered by this Telegram-only router (HealthRoutes).
    void set_operations(OperationsRoutes operations) {
        metrics_ = operations.metrics;
        health_.set_operations(std::move(operations));
    }

    // `peer`: where the request came from (only /metrics asks); by default not loopback.
    net::awaitable<Response> route(Request request, Peer peer = {});

private:
    struct Waiting;
    net::awaitable<Response> webhook(const Request& request);
    // On the writer. nullopt: not handled, the bot's identity is not known yet.
    net::awaitable<std::optional<UpdateHandler::Result>> handle_in_batch(UpdateHandler::ReadBody body);
    net::awaitable<Response> operations_route(Request request, Peer peer);
    // Runs `work` on the writer and resumes the caller on its own executor.
    template <typename T>
    net::awaitable<T> on_writer(net::awaitable<T> work);
    void flush();

    std::string secret_;  // compared only with secrets_equal; never logged
    bool has_secret_ = false;
    std::vector<std::shared_ptr<Waiting>> queue_;
    bool flush_posted_ = false;
    UpdateHandler& updates_;
    storage::Database& database_;
    Dispatcher& dispatcher_;
    const BotIdentity* identity_ = nullptr;  // read and written on the writer only
    std::optional<net::any_io_executor> writer_;
    HealthRoutes health_;
    Metrics* metrics_ = nullptr;  // counts refused deliveries; null: none
};

}  // namespace planbot::bot::telegram
