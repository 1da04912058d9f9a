// The HTTP routes of the Telegram service, as one function from request to
// response (the server knows nothing of them): POST /telegram/webhook checks the
// secret header before anything else, hands the body to the UpdateHandler and
// answers 200 only once the update is committed (or hopeless); GET /healthz
// reports the database, the platform and the outbox (its pending count read at most
// every few seconds, so a probe costs the same with 80,000 rows queued); GET /readyz
// answers 503 with a reason unless the database takes a write and the platform
// answered lately; GET /metrics gives the Prometheus text exposition, to loopback or
// with the metrics token only. No sockets here.
//
// Group commit: webhook bodies that arrive in the same turn of the event loop are
// handled in one transaction (a flush is posted behind them), and each request is
// answered when that transaction has committed. A lone request waits for nothing.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <memory>
#include <string>
#include <vector>
#include <string_view>

#include "bot/metrics/metrics.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/http/http_server.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/telegram/update_handler.hpp"
#include "storage/database.hpp"

namespace planbot::bot::telegram {

inline constexpr std::string_view kWebhookPath = "/telegram/webhook";

// What /readyz and /metrics need beyond the webhook.
struct OperationsRoutes {
    Metrics* metrics = nullptr;   // null: /metrics answers 404
    std::string metrics_token;    // "": loopback only; compared with secrets_equal, never logged
    std::chrono::minutes ready_platform_window{10};
    const Clock* clock = nullptr;  // the bot's clock, for the scheduler's lag; null: the system clock
};

class WebhookRoutes {
public:
    // An empty `secret` refuses every delivery (no webhook without a secret).
    // `dispatcher` is told when new replies are in the outbox; it need not run.
    // With `identity`, deliveries are answered 503 (Telegram retries them) until the
    // bot knows its username: without it "/hjelp@name" and "@name" cannot be read.
    WebhookRoutes(std::string secret, UpdateHandler& updates, storage::Database& database, Dispatcher& dispatcher,
                  const BotIdentity* identity = nullptr);

    void set_operations(OperationsRoutes operations) { operations_ = std::move(operations); }

    // `peer`: where the request came from (only /metrics asks); by default not loopback.
    net::awaitable<Response> route(Request request, Peer peer = {});

private:
    struct Waiting;
    net::awaitable<Response> webhook(const Request& request);
    net::awaitable<UpdateHandler::Result> handle_in_batch(std::string body);
    void flush();
    Response health(const Request& request);
    Response ready(const Request& request);
    Response metrics(const Request& request, const Peer& peer);
    int64_t pending_count();  // cached for kPendingCountAge
    std::chrono::sys_seconds now() const;

    std::string secret_;  // compared only with secrets_equal; never logged
    bool has_secret_ = false;
    std::vector<std::shared_ptr<Waiting>> queue_;
    bool flush_posted_ = false;
    UpdateHandler& updates_;
    storage::Database& database_;
    Dispatcher& dispatcher_;
    const BotIdentity* identity_ = nullptr;
    OperationsRoutes operations_;
    int64_t pending_ = -1;
    std::optional<std::chrono::steady_clock::time_point> pending_read_at_;
};

// Compares a received secret with the configured one in time independent of where
// they differ (both are hashed first, so their lengths do not leak either).
bool secrets_equal(std::string_view received, std::string_view expected);

}  // namespace planbot::bot::telegram
