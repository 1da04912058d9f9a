// The operations routes every running service has, whatever its platforms: GET /healthz
// reports the database, each platform and the outbox (its pending count read at most
// every few seconds, so a probe costs the same with 80,000 rows queued); GET /readyz
// answers 503 with a reason unless the database takes a write and every platform
// answered lately; GET /metrics gives the Prometheus text exposition, to loopback or
// with the metrics token only. No sockets here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/http/http_server.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/schedule/clock.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

// What /readyz and /metrics need beyond the database and the platforms.
struct OperationsRoutes {
    Metrics* metrics = nullptr;   // null: /metrics answers 404
    std::string metrics_token;    // "": loopback only; compared with secrets_equal, never logged
    std::chrono::minutes ready_platform_window{10};
    const Clock* clock = nullptr;  // the bot's clock, for the scheduler's lag; null: the system clock
};

class HealthRoutes {
public:
    explicit HealthRoutes(storage::Database& database) : database_(database) {}

    // A platform the process runs, by its name, and the dispatcher that talks to it
    // (which knows when the platform last answered); it must outlive the routes.
    void add_platform(std::string name, const Dispatcher& dispatcher) { platforms_.emplace_back(std::move(name), &dispatcher); }
    void set_operations(OperationsRoutes operations) { operations_ = std::move(operations); }

    // The answer when `request` is for /healthz, /readyz or /metrics; else nullopt.
    // `peer`: where the request came from (only /metrics asks).
    std::optional<Response> route(const Request& request, const Peer& peer);

private:
    Response health(const Request& request);
    Response ready(const Request& request);
    Response metrics(const Request& request, const Peer& peer);
    int64_t pending_count();  // cached for a few seconds
    std::chrono::sys_seconds now() const;

    storage::Database& database_;
    std::vector<std::pair<std::string, const Dispatcher*>> platforms_;
    OperationsRoutes operations_;
    int64_t pending_ = -1;
    std::optional<std::chrono::steady_clock::time_point> pending_read_at_;
};

// Compares a received secret with the configured one in time independent of where
// they differ (both are hashed first, so their lengths do not leak either).
bool secrets_equal(std::string_view received, std::string_view expected);

}  // namespace planbot::bot
