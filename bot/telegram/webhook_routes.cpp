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


// One request waiting for its batch: the flush fills `result` and wakes it.
struct WebhookRoutes::Waiting {
    UpdateHandler::ReadBody body;
    UpdateHandler::Result result = UpdateHandler::Result::storage_failed;
    net::steady_timer* wake = nullptr;
};

WebhookRoutes::WebhookRoutes(std::string secret, UpdateHandler& updates, storage::Database& database,
                             Dispatcher& dispatcher, const BotIdentity* identity,
                             std::optional<net::any_io_executor> writer)
    : updates_(updates),
      database_(database),
      dispatcher_(dispatcher),
      identity_(identity),
      writer_(std::move(writer)),
      health_(database) {
    health_.add_platform(std::string(kPlatform), dispatcher);
    has_secret_ = !secret.empty();
    secret_ = std::move(secret);
}

template <typename T>
net::awaitable<T> WebhookRoutes::on_writer(net::awaitable<T> work) {
    if (!writer_) co_return co_await std::move(work);
    co_return co_await net::co_spawn(*writer_, std::move(work), net::use_awaitable);
}

net::awaitable<Response> WebhookRoutes::route(Request request, Peer peer) {
    const std::string_view target(request.target().data(), request.target().size());
    if (target == kWebhookPath) {
        if (request.method() != http::verb::post)
            co_return make_response(request, http::status::method_not_allowed, R"({"ok":false})");
        co_return co_await webhook(request);
    }
    co_return co_await on_writer(operations_route(std::move(request), peer));
}

net::awaitable<Response> WebhookRoutes::operations_route(Request request, Peer peer) {
    if (std::optional<Response> answer = health_.route(request, peer)) co_return std::move(*answer);
    co_return make_response(request, http::status::not_found, R"({"ok":false,"error":"not found"})");
}

net::awaitable<Response> WebhookRoutes::webhook(const Request& request) {
    const auto header = request.find("X-Telegram-Bot-Api-Secret-Token");
    const std::string_view received = header == request.end() ? std::string_view()
                                                                : std::string_view(header->value().data(), header->value().size());
    if (!has_secret_ || !secrets_equal(received, secret_)) {
        log::warn("webhook_refused", {{"reason", header == request.end() ? "no secret header" : "wrong secret"}});
        if (metrics_) metrics_->update_refused(kPlatform, "unauthorized");
        co_return make_response(request, http::status::unauthorized, R"({"ok":false,"error":"unauthorized"})");
    }
    // The JSON is read here, on the HTTP thread; the writer gets it parsed.
    UpdateHandler::ReadBody body = UpdateHandler::read(request.body());
    const std::optional<UpdateHandler::Result> result = co_await on_writer(handle_in_batch(std::move(body)));
    if (!result) {
        Response response = make_response(request, http::status::service_unavailable, R"({"ok":false})");
        response.set(http::field::retry_after, "2");
        co_return response;
    }
    if (*result == UpdateHandler::Result::storage_failed) {
        Response response = make_response(request, http::status::service_unavailable, R"({"ok":false})");
        response.set(http::field::retry_after, "5");
        co_return response;
    }
    co_return make_response(request, http::status::ok, R"({"ok":true})");
}

net::awaitable<std::optional<UpdateHandler::Result>> WebhookRoutes::handle_in_batch(UpdateHandler::ReadBody body) {
    if (identity_ && identity_->username.empty()) {
        // Without the username "/hjelp@name" and "@name" cannot be read: Telegram retries.
        log::info("webhook_deferred", {{"reason", "bot identity not known yet"}});
        co_return std::nullopt;
    }
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
    std::vector<UpdateHandler::ReadBody> bodies;
    bodies.reserve(batch.size());
    for (const auto& waiting : batch) bodies.push_back(std::move(waiting->body));
    const std::vector<UpdateHandler::Result> results = updates_.handle_read(bodies);
    bool queued = false;
    for (size_t i = 0; i < batch.size(); ++i) {
        batch[i]->result = results[i];
        queued = queued || results[i] == UpdateHandler::Result::handled;
        batch[i]->wake->cancel();
    }
    if (queued) dispatcher_.notify();
}

}  // namespace planbot::bot::telegram
