// See health_routes.hpp.
#include "bot/health_routes.hpp"

#include <array>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include "bot/log.hpp"
#include "bot/metrics/stored_metrics.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot {

namespace {

std::array<unsigned char, SHA256_DIGEST_LENGTH> digest_of(std::string_view text) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    return digest;
}

// How old the pending count /healthz shows may be: counting 80,000 pending rows takes
// milliseconds, and a probe every few seconds must not pay that each time.
constexpr auto kPendingCountAge = std::chrono::seconds(2);

std::string_view header_value(const Request& request, http::field field) {
    const auto found = request.find(field);
    return found == request.end() ? std::string_view() : std::string_view(found->value().data(), found->value().size());
}

}  // namespace

std::optional<Response> HealthRoutes::route(const Request& request, const Peer& peer) {
    if (request.method() != http::verb::get) return std::nullopt;
    const std::string_view target(request.target().data(), request.target().size());
    if (target == "/healthz") return health(request);
    if (target == "/readyz") return ready(request);
    if (target == "/metrics") return metrics(request, peer);
    return std::nullopt;
}

Response HealthRoutes::health(const Request& request) {
    bool database_ok = true;
    int64_t pending = -1;
    try {
        storage::Statement& check = database_.cached("SELECT 1");
        database_ok = check.step();
        check.reset();  // an unfinished statement would hold a read snapshot open
        pending = pending_count();
    } catch (const std::exception& error) {
        database_ok = false;
        log::error("health_database_failed", {{"error", error.what()}});
    }
    // "platform": every platform's last exchange got an answer; "platforms": each one's.
    bool reachable = !platforms_.empty();
    nlohmann::json each = nlohmann::json::object();
    for (const auto& [name, dispatcher] : platforms_) {
        each[name] = dispatcher->platform_reachable();
        reachable = reachable && dispatcher->platform_reachable();
    }
    nlohmann::json body = {{"status", database_ok ? "ok" : "degraded"},
                           {"database", database_ok},
                           {"platform", reachable},
                           {"platforms", each},
                           {"outbox_pending", pending}};
    return make_response(request, database_ok ? http::status::ok : http::status::service_unavailable, body.dump());
}

std::chrono::sys_seconds HealthRoutes::now() const {
    if (operations_.clock) return operations_.clock->now();
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

int64_t HealthRoutes::pending_count() {
    const auto now = std::chrono::steady_clock::now();
    if (!pending_read_at_ || now - *pending_read_at_ >= kPendingCountAge) {
        pending_ = storage::Outbox(database_).pending_count();
        pending_read_at_ = now;
    }
    return pending_;
}

// Ready: the database takes a write (a committed one, so a full disk or a read-only
// file shows) and the platform answered within the window. The reason is short and
// names no secret.
Response HealthRoutes::ready(const Request& request) {
    std::vector<std::string> problems;
    try {
        storage::Transaction transaction(database_);
        database_.cached("INSERT INTO meta (key, value) VALUES ('ready_checked_at', ?1) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(1, std::to_string(now().time_since_epoch().count()))
            .step();
        transaction.commit();
    } catch (const std::exception& error) {
        log::error("ready_database_failed", {{"error", error.what()}});
        problems.emplace_back("database not writable");
    }
    const auto steady_now = std::chrono::steady_clock::now();
    for (const auto& [name, dispatcher] : platforms_) {
        // With one platform the reason says "platform", as it always did; with more, its name.
        const std::string which = platforms_.size() == 1 ? "platform" : name;
        const auto answered = dispatcher->last_platform_answer();
        if (!answered)
            problems.push_back(which + " has not answered yet");
        else if (steady_now - *answered > operations_.ready_platform_window)
            problems.push_back(which + " has not answered for " +
                               std::to_string(std::chrono::duration_cast<std::chrono::minutes>(steady_now - *answered).count()) +
                               " minutes");
    }
    if (problems.empty()) return make_response(request, http::status::ok, "ready\n", "text/plain; charset=utf-8");
    std::string reason;
    for (const std::string& problem : problems) reason += (reason.empty() ? "" : "; ") + problem;
    return make_response(request, http::status::service_unavailable, "not ready: " + reason + "\n",
                         "text/plain; charset=utf-8");
}

// Loopback, unless a proxy on this machine forwarded it (then it is someone else's
// request); or anyone with the token. The token is compared in constant time and
// never logged; a refusal says nothing of which it lacked.
Response HealthRoutes::metrics(const Request& request, const Peer& peer) {
    if (!operations_.metrics)
        return make_response(request, http::status::not_found, R"({"ok":false,"error":"not found"})");
    const bool forwarded = request.find("X-Forwarded-For") != request.end() ||
                           request.find(http::field::forwarded) != request.end();
    bool allowed = peer.loopback() && !forwarded;
    const std::string_view authorization = header_value(request, http::field::authorization);
    constexpr std::string_view kBearer = "Bearer ";
    if (!allowed && !operations_.metrics_token.empty() && authorization.starts_with(kBearer))
        allowed = secrets_equal(authorization.substr(kBearer.size()), operations_.metrics_token);
    if (!allowed) {
        log::warn("metrics_refused", {{"from", peer.address.to_string()}, {"token", authorization.empty() ? "none" : "wrong"}});
        Response response = make_response(request, http::status::forbidden, "forbidden\n", "text/plain; charset=utf-8");
        if (!operations_.metrics_token.empty()) response.set(http::field::www_authenticate, "Bearer");
        return response;
    }
    try {
        std::map<std::string, std::string, std::less<>> plain_methods;
        for (const auto& [name, dispatcher] : platforms_)
            plain_methods.emplace(name, std::string(dispatcher->platform().plain_method()));
        const StoredMetrics stored = read_stored_metrics(database_, now(), plain_methods);
        return make_response(request, http::status::ok, operations_.metrics->exposition(stored),
                             "text/plain; version=0.0.4; charset=utf-8");
    } catch (const std::exception& error) {
        log::error("metrics_failed", {{"error", error.what()}});
        return make_response(request, http::status::service_unavailable, "database unavailable\n",
                             "text/plain; charset=utf-8");
    }
}

// Constant time: both are hashed and the digests compared with CRYPTO_memcmp, so
// neither where they differ nor the received one's length shows in the timing.
bool secrets_equal(std::string_view received, std::string_view expected) {
    const auto a = digest_of(received), b = digest_of(expected);
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace planbot::bot
