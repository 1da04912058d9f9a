// bot/metrics and the operations routes of bot/telegram/webhook_routes: GET /metrics
// only for loopback (not forwarded) or with the bearer token, its text exposition with
// the counters moved, /healthz's cached pending count and /readyz's reasons. The routes
// are called as the HTTP server calls them, with the peer it saw; SQLite in memory.
#include <catch2/catch.hpp>

#include <optional>

#include "bot/metrics/metrics.hpp"
#include "bot/metrics/stored_metrics.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/slack/adapter.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/sender.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bot/telegram/webhook_routes.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "tests/support/bot_test_support.hpp"
#include "tests/support/storage_test_support.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::bot;

namespace {

constexpr std::string_view kToken = "metrics-Token_77";

struct Routes {
    net::io_context io{1};
    storage::Database database = storage::Database::in_memory();
    test::TestClock clock;
    telegram::BotIdentity identity = test::test_bot();
    telegram::UpdateHandler updates{database, test::shipped_plan(), clock, test::oslo(), identity};
    net::ssl::context client_tls{net::ssl::context::tls_client};
    HttpsClient api_client{io.get_executor(), client_tls, BaseUrl{false, "127.0.0.1", "9", ""}};
    telegram::BotApi api{api_client, "123456:TEST"};
    telegram::TelegramPlatform platform;
    telegram::TelegramSender sender{api, database};
    Dispatcher dispatcher{io, database, clock, platform, sender, {}};
    Metrics metrics;
    telegram::WebhookRoutes routes{"s3cret", updates, database, dispatcher};

    explicit Routes(std::string token = {}) {
        storage::migrate(database);
        updates.set_metrics(&metrics);
        routes.set_operations({&metrics, std::move(token), std::chrono::minutes(10), &clock});
    }

    Response get(std::string target, std::string_view from, std::optional<std::string> authorization = {},
                 bool forwarded = false) {
        Request request{http::verb::get, target, 11};
        if (authorization) request.set(http::field::authorization, *authorization);
        if (forwarded) request.set("X-Forwarded-For", "203.0.113.9");
        auto answer = net::co_spawn(io, routes.route(request, Peer{net::ip::make_address(from)}), net::use_future);
        io.restart();
        io.run();
        return answer.get();
    }
};

}  // namespace

TEST_CASE("/metrics answers loopback and refuses another address without the token") {
    Routes routes;
    CHECK(routes.get("/metrics", "127.0.0.1").result_int() == 200);
    CHECK(routes.get("/metrics", "::1").result_int() == 200);
    const Response refused = routes.get("/metrics", "192.0.2.10");
    CHECK(refused.result_int() == 403);
    CHECK(refused.body().find("planbot_") == std::string::npos);
    // A proxy on this machine forwarding someone else's request.
    CHECK(routes.get("/metrics", "127.0.0.1", std::nullopt, true).result_int() == 403);
    // No token is configured: a bearer header opens nothing.
    CHECK(routes.get("/metrics", "192.0.2.10", "Bearer ").result_int() == 403);
}

TEST_CASE("/metrics answers another address that sends the token, and only that token") {
    Routes routes{std::string(kToken)};
    CHECK(routes.get("/metrics", "192.0.2.10", "Bearer " + std::string(kToken)).result_int() == 200);
    CHECK(routes.get("/metrics", "192.0.2.10", "Bearer metrics-Token_7").result_int() == 403);
    CHECK(routes.get("/metrics", "192.0.2.10", std::string(kToken)).result_int() == 403);  // not as a bearer
    CHECK(routes.get("/metrics", "192.0.2.10").result_int() == 403);
}

TEST_CASE("the exposition counts updates by outcome and the outbox's pending rows by method") {
    Routes routes;
    const std::string body = test::telegram_fixture("private_text.json");
    routes.updates.handle(body);
    routes.updates.handle(body);  // Telegram's retry: a duplicate
    routes.updates.handle("{}");  // not an update
    storage::Outbox(routes.database).append({.platform = "telegram", .chat_id = "42", .text = "x"}, routes.clock.now());
    storage::Outbox(routes.database).append({.platform = "telegram", .chat_id = "42", .text = "x", .method = "editMessageText"},
                                            routes.clock.now());
    const std::string text = routes.get("/metrics", "127.0.0.1").body();
    INFO(text);
    CHECK(text.find("planbot_updates_received_total{platform=\"telegram\"} 3") != std::string::npos);
    CHECK(text.find("planbot_updates_duplicate_total{platform=\"telegram\"} 1") != std::string::npos);
    CHECK(text.find("planbot_updates_refused_total{platform=\"telegram\",reason=\"invalid\"} 1") != std::string::npos);
    CHECK(text.find("planbot_commit_latency_seconds_count 3") != std::string::npos);
    // The private message's answer, plus the two rows added here.
    CHECK(text.find("planbot_outbox_pending{method=\"editMessageText\"} 1") != std::string::npos);
    CHECK(text.find("planbot_outbox_pending{method=\"sendMessage\"} ") != std::string::npos);
    CHECK(text.find("planbot_process_resident_memory_bytes ") != std::string::npos);
}

TEST_CASE("a method no longer pending reads 0, not its last count") {
    Metrics metrics;
    StoredMetrics stored;
    stored.outbox_pending["sendMessage"] = 5;
    CHECK(metrics.exposition(stored).find("planbot_outbox_pending{method=\"sendMessage\"} 5") != std::string::npos);
    stored.outbox_pending.clear();
    CHECK(metrics.exposition(stored).find("planbot_outbox_pending{method=\"sendMessage\"} 0") != std::string::npos);
}

TEST_CASE("/readyz is 503 until the platform answered, then 200, while /healthz stays 200") {
    Routes routes;
    Response answer = routes.get("/readyz", "127.0.0.1");
    CHECK(answer.result_int() == 503);
    CHECK(answer.body() == "not ready: platform has not answered yet\n");
    CHECK(routes.get("/healthz", "127.0.0.1").result_int() == 200);
    routes.dispatcher.note_platform_answer(true);
    CHECK(routes.get("/readyz", "127.0.0.1").result_int() == 200);
    // The check is a committed write.
    CHECK(test::count_rows(routes.database, "SELECT count(*) FROM meta WHERE key = 'ready_checked_at'") == 1);
}

TEST_CASE("with two platforms /readyz names the one that has not answered, and /healthz shows each") {
    Routes routes;
    // A second platform's dispatcher, as a process running Telegram and Slack has.
    telegram::TelegramSender other_sender{routes.api, routes.database};
    const slack::SlackPlatform slack_platform;
    Dispatcher other{routes.io, routes.database, routes.clock, slack_platform, other_sender, {}};
    HealthRoutes health(routes.database);
    health.add_platform("telegram", routes.dispatcher);
    health.add_platform("slack", other);
    health.set_operations({&routes.metrics, "", std::chrono::minutes(10), &routes.clock});
    auto get = [&](std::string target) {
        const Request request{http::verb::get, target, 11};
        return *health.route(request, Peer{net::ip::make_address("127.0.0.1")});
    };
    routes.dispatcher.note_platform_answer(true);
    Response ready = get("/readyz");
    CHECK(ready.result_int() == 503);
    CHECK(ready.body() == "not ready: slack has not answered yet\n");
    const auto status = nlohmann::json::parse(get("/healthz").body());
    CHECK(status["platform"] == false);
    CHECK(status["platforms"]["telegram"] == true);
    CHECK(status["platforms"]["slack"] == false);
    other.note_platform_answer(true);
    CHECK(get("/readyz").result_int() == 200);
    CHECK(nlohmann::json::parse(get("/healthz").body())["platform"] == true);
    // Anything else is for the platforms' own routes.
    CHECK_FALSE(health.route(Request{http::verb::post, "/slack/events", 11}, Peer{}).has_value());
    // Each platform's plain messages waiting are counted under that platform's method.
    storage::Outbox outbox(routes.database);
    for (const char* platform : {"telegram", "slack", "slack"}) {
        storage::OutboxMessage row;
        row.platform = platform;
        row.chat_id = "c1";
        row.text = "hei";
        outbox.append(row, routes.clock.now());
    }
    const std::string exposition = get("/metrics").body();
    CHECK(exposition.find("planbot_outbox_pending{method=\"sendMessage\"} 1") != std::string::npos);
    CHECK(exposition.find("planbot_outbox_pending{method=\"chat.postMessage\"} 2") != std::string::npos);
}
