// See webhook_routes.hpp.
#include "bot/telegram/webhook_routes.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <boost/asio/as_tuple.hpp>
#include <nlohmann/json.hpp>

#include "bot/log.hpp"
#include "bot/metrics/stored_metrics.hpp"
#include "storage/outbox.hpp"

namespace planbot::bot::telegram {

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

// One request waiting for its batch: the flush fills `result` and wakes it.
struct WebhookRoutes::Waiting {
    std::string body;
    UpdateHandler::Result result = UpdateHandler::Result::storage_failed;
    net::steady_timer* wake = nullptr;
};

WebhookRoutes::WebhookRoutes(std::string secret, UpdateHandler& updates, storage::Database& database,
                             Dispatcher& dispatcher, const BotIdentity* identity)
    : updates_(updates), database_(database), dispatcher_(dispatcher), identity_(identity) {
    has_secret_ = !secret.empty();
    secret_ = std::move(secret);
}

net::awaitable<Response> WebhookRoutes::route(Request request, Peer peer) {
    const std::string_view target(request.target().data(), request.target().size());
    if (target == "/healthz" && request.method() == http::verb::get) co_return health(request);
    if (target == "/readyz" && request.method() == http::verb::get) co_return ready(request);
    if (target == "/metrics" && request.method() == http::verb::get) co_return metrics(request, peer);
    if (target == kWebhookPath) {
        if (request.method() != http::verb::post)
            co_return make_response(request, http::status::method_not_allowed, R"({"ok":false})");
        co_return co_await webhook(request);
    }
    co_return make_response(request, http::status::not_found, R"({"ok":false,"error":"not found"})");
}

net::awaitable<Response> WebhookRoutes::webhook(const Request& request) {
    const auto header = request.find("X-Telegram-Bot-Api-Secret-Token");
    const std::string_view received = header == request.end() ? std::string_view()
                                                                : std::string_view(header->value().data(), header->value().size());
    if (!has_secret_ || !secrets_equal(received, secret_)) {
        log::warn("webhook_refused", {{"reason", header == request.end() ? "no secret header" : "wrong secret"}});
        if (operations_.metrics) operations_.metrics->update_refused(kPlatform, "unauthorized");
        co_return make_response(request, http::status::unauthorized, R"({"ok":false,"error":"unauthorized"})");
    }
    if (identity_ && identity_->username.empty()) {
        log::info("webhook_deferred", {{"reason", "bot identity not known yet"}});
        Response response = make_response(request, http::status::service_unavailable, R"({"ok":false})");
        response.set(http::field::retry_after, "2");
        co_return response;
    }
    const UpdateHandler::Result result = co_await handle_in_batch(request.body());
    if (result == UpdateHandler::Result::storage_failed) {
        Response response = make_response(request, http::status::service_unavailable, R"({"ok":false})");
        response.set(http::field::retry_after, "5");
        co_return response;
    }
    co_return make_response(request, http::status::ok, R"({"ok":true})");
}

net::awaitable<UpdateHandler::Result> WebhookRoutes::handle_in_batch(std::string body) {
    auto executor = co_await net::this_coro::executor;
    auto waiting = std::make_shared<Waiting>();
    waiting->body = std::move(body);
    net::steady_timer wake(executor, net::steady_timer::time_point::max());
    waiting->wake = &wake;
    queue_.push_back(waiting);
    if (!flush_posted_) {
        flush_posted_ = true;
        net::post(executor, [this] { flush(); });
    }
    co_await wake.async_wait(net::as_tuple(net::use_awaitable));  // woken by flush()
    co_return waiting->result;
}

void WebhookRoutes::flush() {
    flush_posted_ = false;
    std::vector<std::shared_ptr<Waiting>> batch;
    batch.swap(queue_);
    std::vector<std::string_view> bodies;
    for (const auto& waiting : batch) bodies.push_back(waiting->body);
    const std::vector<UpdateHandler::Result> results = updates_.handle_batch(bodies);
    bool queued = false;
    for (size_t i = 0; i < batch.size(); ++i) {
        batch[i]->result = results[i];
        queued = queued || results[i] == UpdateHandler::Result::handled;
        batch[i]->wake->cancel();
    }
    if (queued) dispatcher_.notify();
}

Response WebhookRoutes::health(const Request& request) {
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
    nlohmann::json body = {{"status", database_ok ? "ok" : "degraded"},
                           {"database", database_ok},
                           {"platform", dispatcher_.platform_reachable()},
                           {"outbox_pending", pending}};
    return make_response(request, database_ok ? http::status::ok : http::status::service_unavailable, body.dump());
}

std::chrono::sys_seconds WebhookRoutes::now() const {
    if (operations_.clock) return operations_.clock->now();
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

int64_t WebhookRoutes::pending_count() {
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
Response WebhookRoutes::ready(const Request& request) {
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
    const auto answered = dispatcher_.last_platform_answer();
    if (!answered)
        problems.emplace_back("platform has not answered yet");
    else if (std::chrono::steady_clock::now() - *answered > operations_.ready_platform_window)
        problems.emplace_back("platform has not answered for " +
                              std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                                                 std::chrono::steady_clock::now() - *answered)
                                                 .count()) +
                              " minutes");
    if (problems.empty()) return make_response(request, http::status::ok, "ready\n", "text/plain; charset=utf-8");
    std::string reason;
    for (const std::string& problem : problems) reason += (reason.empty() ? "" : "; ") + problem;
    return make_response(request, http::status::service_unavailable, "not ready: " + reason + "\n",
                         "text/plain; charset=utf-8");
}

// Loopback, unless a proxy on this machine forwarded it (then it is someone else's
// request); or anyone with the token. The token is compared in constant time and
// never logged; a refusal says nothing of which it lacked.
Response WebhookRoutes::metrics(const Request& request, const Peer& peer) {
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
        const StoredMetrics stored = read_stored_metrics(database_, now(), "sendMessage");
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

}  // namespace planbot::bot::telegram
