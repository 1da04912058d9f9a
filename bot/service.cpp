// See service.hpp. Read top to bottom: open the database, build the shared parts and
// each configured platform, route requests by path, run until a signal.
#include "bot/service.hpp"

#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <thread>

#include "bot/awaitable.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/https_client.hpp"
#include "bot/log.hpp"
#include "bot/health_routes.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "bot/plan/wheel_drawing.hpp"
#include "bot/publish/routes.hpp"
#include "bot/operations/backups.hpp"
#include "bot/operations/service_manager.hpp"
#include "bot/plan/plan_reload.hpp"
#include "bot/platform_service.hpp"
#include "bot/schedule/checkpointer.hpp"
#include "bot/schedule/scheduler.hpp"
#include "bot/slack/service.hpp"
#include "bot/telegram/service.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

// Reminders for every platform: a tick every real second (more often with a fast
// clock; the planner handles any window). A failed tick keeps nothing and the next
// one covers its window too.
net::awaitable<void> schedule(net::io_context& io, Scheduler& scheduler,
                              const std::vector<std::unique_ptr<PlatformService>>& platforms, const bool& stopping) {
    net::steady_timer timer(io);
    while (!stopping) {
        try {
            if (scheduler.tick() > 0)
                for (const auto& platform : platforms) platform->dispatcher().notify();
        } catch (const std::exception& error) {
            log::error("scheduler_tick_failed", {{"error", error.what()}});
        }
        timer.expires_after(scheduler.tick_interval());
        co_await timer.async_wait(use_tuple);
    }
}

// Requests by path: the operations routes, the secret links' pages (calendar feeds, the
// overview page, the wheel picture), then each platform's webhook paths.
//
// route() is called on the HTTP thread. A platform that reads its requests there (the
// Telegram webhook: the secret and the JSON) gets them there; everything else runs on
// the io_context that owns the database (`core`), and the answer goes back to the HTTP
// thread to be written.
struct Router {
    HealthRoutes& health;
    PublishRoutes& publish;
    const std::vector<std::unique_ptr<PlatformService>>& platforms;
    net::any_io_executor core;

    net::awaitable<Response> route(Request request, Peer peer) const {
        const std::string_view target(request.target().data(), request.target().size());
        for (const auto& platform : platforms)
            if (platform->handles(target) && platform->routes_on_http_thread())
                co_return co_await platform->route(std::move(request), peer);
        co_return co_await net::co_spawn(core, route_on_core(std::move(request), peer), net::use_awaitable);
    }

    net::awaitable<Response> route_on_core(Request request, Peer peer) const {
        if (std::optional<Response> answer = health.route(request, peer)) co_return std::move(*answer);
        const std::string_view target(request.target().data(), request.target().size());
        if (PublishRoutes::handles(target)) co_return publish.route(request);
        for (const auto& platform : platforms)
            if (platform->handles(target)) co_return co_await platform->route(std::move(request), peer);
        co_return make_response(request, http::status::not_found, R"({"ok":false,"error":"not found"})");
    }
};

// The HTTP server's thread: runs `web` until destroyed (then stops it and joins).
class WebThread {
public:
    explicit WebThread(net::io_context& web) : web_(web), work_(net::make_work_guard(web)), thread_([this] { run(); }) {}
    WebThread(const WebThread&) = delete;
    WebThread& operator=(const WebThread&) = delete;
    ~WebThread() {
        work_.reset();
        web_.stop();
        thread_.join();
    }

private:
    void run() {
        for (;;) {
            try {
                web_.run();
                return;
            } catch (const std::exception& error) {  // the server's coroutines catch their own
                log::error("http_thread_failed", {{"error", error.what()}});
            }
        }
    }

    net::io_context& web_;
    net::executor_work_guard<net::io_context::executor_type> work_;
    std::thread thread_;
};

std::optional<net::ssl::context> server_tls(const config::Settings& settings) {
    if (settings.tls_certificate.empty()) return std::nullopt;
    return make_server_tls_context(settings.tls_certificate, settings.tls_key);
}

HttpLimits limits_from(const config::Settings& settings) {
    HttpLimits limits;
    limits.header_timeout = std::chrono::seconds(settings.header_timeout_seconds);
    limits.body_timeout = std::chrono::seconds(settings.body_timeout_seconds);
    limits.idle_timeout = std::chrono::seconds(settings.idle_timeout_seconds);
    limits.max_connections = static_cast<size_t>(settings.max_connections);
    return limits;
}

// `systemctl reload planbot` (SIGHUP): the plan files are read again, all or nothing
// (plan_reload.hpp); the log says what changed or why the old plan stays.
void reload_on_hangup(net::signal_set& hangups, LivePlan& plans, storage::Database& database, const Clock& clock,
                      const date::time_zone* zone) {
    hangups.async_wait([&hangups, &plans, &database, &clock, zone](const boost::system::error_code& error, int) {
        if (error) return;
        log::info("plan_reload_requested", {{"by", "SIGHUP"}});
        try {
            storage::Transaction transaction(database);
            reload_plan(plans, database, zone, clock.now());
            transaction.commit();
        } catch (const std::exception& failure) {
            log::error("plan_reload_failed", {{"error", failure.what()}});
        }
        reload_on_hangup(hangups, plans, database, clock, zone);
    });
}

}  // namespace

int run_service(const config::Settings& settings, std::shared_ptr<LivePlan> plans, const Clock& clock,
                const date::time_zone* zone, const commands::Speller* speller) {
    std::optional<storage::Database> database;
    std::optional<net::ssl::context> tls;
    try {
        if (settings.database_path.has_parent_path()) std::filesystem::create_directories(settings.database_path.parent_path());
        database.emplace(settings.database_path);
        storage::migrate(*database);
        storage::Transaction transaction(*database);
        const auto local = date::make_zoned(zone, clock.now()).get_local_time();
        storage::WorkState(*database).ensure_tracking_start(date::year_month_day(date::floor<date::days>(local)));
        record_plan_in_force(*plans, *database, zone, clock.now());
        transaction.commit();
        tls = server_tls(settings);
    } catch (const std::exception& error) {
        std::cerr << "planbot: " << error.what() << "\n";
        return 2;
    }

    // Two threads: `web` runs the HTTP server (connections, TLS, parsing requests and
    // webhook bodies); `io`, this thread, owns the database and runs everything that
    // reads or writes it (updates, the dispatchers, the scheduler). `web` is declared
    // first so that it outlives `io`: a request's coroutine may still wait on `io` at exit.
    net::io_context web(1);
    net::io_context io(1);
    net::ssl::context client_tls = make_client_tls_context();
    Metrics metrics;
    operations::ServiceManager service_manager(io);
    bool stopping = false;
    int exit_status = 0;
    std::function<void()> shut_down;
    // Each platform says once that it is started; systemd hears "ready" when all have.
    std::set<std::string> waiting_for;
    std::string statuses;

    ServiceParts parts{io, client_tls, settings, *database, plans, clock, zone, speller, metrics,
                       [&](std::string_view platform, std::string_view status) {
                           statuses += (statuses.empty() ? "" : "; ") + std::string(status);
                           if (waiting_for.erase(std::string(platform)) > 0 && waiting_for.empty())
                               service_manager.ready(statuses);
                       },
                       [&](int status) {
                           exit_status = status;
                           if (shut_down) shut_down();
                       },
                       [&](int year) { return draw_wheel(*database, *plans, zone, clock.now(), year); }};
    // Telegram first: the scheduler records Telegram's reminder keys as they always were.
    std::vector<std::unique_ptr<PlatformService>> platforms;
    try {
        if (settings.telegram_enabled()) platforms.push_back(telegram::make_service(parts));
        if (settings.slack_enabled()) platforms.push_back(slack::make_service(parts));
    } catch (const std::exception& error) {
        std::cerr << "planbot: " << error.what() << "\n";
        return 2;
    }
    for (const auto& platform : platforms) waiting_for.insert(std::string(platform->platform().name()));

    std::vector<ScheduledPlatform> scheduled;
    for (const auto& platform : platforms)
        scheduled.push_back({platform->platform(), settings.admins_on(platform->platform().name())});
    Scheduler scheduler(*database, plans, clock, zone, settings.reminders, std::move(scheduled));
    scheduler.set_retention_days(settings.retention_days);
    scheduler.set_outbox_cap(settings.outbox_max_pending_per_chat);
    scheduler.set_metrics(&metrics);

    HealthRoutes health(*database);
    for (const auto& platform : platforms) health.add_platform(std::string(platform->platform().name()), platform->dispatcher());
    health.set_operations({&metrics, settings.metrics_token, std::chrono::minutes(settings.ready_platform_minutes), &clock});
    PublishRoutes publish(*database, plans, clock, zone, admin_accounts(settings));
    const Router router{health, publish, platforms, io.get_executor()};
    std::optional<HttpServer> server;
    try {
        const tcp::endpoint endpoint(net::ip::make_address(settings.listen.host), settings.listen.port);
        server.emplace(web, endpoint, limits_from(settings),
                       [&router](Request r, Peer peer) { return router.route(std::move(r), peer); }, tls ? &*tls : nullptr);
    } catch (const std::exception& error) {
        std::cerr << "planbot: http.listen: cannot listen on " << settings.listen.host << ":" << settings.listen.port
                  << ": " << error.what() << "\n";
        return 2;
    }
    const Checkpointer checkpointer(*database, settings.database_path);
    std::optional<operations::NightlyBackups> backups;
    if (settings.backups_daily > 0 || settings.backups_weekly > 0)
        backups.emplace(operations::NightlyBackupSettings{settings.database_path, settings.backups_minute,
                                                          settings.backups_daily, settings.backups_weekly},
                        clock, zone);
    server->start();
    const WebThread web_thread(web);
    std::string names;
    for (const auto& platform : platforms) names += (names.empty() ? "" : ",") + std::string(platform->platform().name());
    log::info("listening", {{"address", settings.listen.host}, {"port", server->port()}, {"tls", tls ? "yes" : "no"},
                            {"platforms", names},
                            {"mode", settings.public_url.empty() ? "polling" : "webhook"}});
    for (const auto& platform : platforms) platform->start();
    net::co_spawn(io, schedule(io, scheduler, platforms, stopping), net::detached);
    service_manager.start_watchdog();

    net::signal_set hangups(io, SIGHUP);
    reload_on_hangup(hangups, *plans, *database, clock, zone);
    net::signal_set signals(io, SIGINT, SIGTERM);
    net::steady_timer deadline(io);
    shut_down = [&]() {
        if (stopping) return;
        service_manager.stopping();
        stopping = true;
        hangups.cancel();
        net::post(web, [&server] { server->stop(); });
        for (const auto& platform : platforms) platform->stop();
        // Wait for in-flight requests and the messages being sent, at most 10 s;
        // everything else is already committed, so the rest is cut off.
        net::co_spawn(io, [&]() -> net::awaitable<void> {
            const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            auto busy = [&] {
                // stop() is posted to the HTTP thread: until it has run and the accept
                // loop has ended, a request may still come.
                if (server->accepting() || server->open_connections() > 0) return true;
                for (const auto& platform : platforms)
                    if (!platform->dispatcher().idle()) return true;
                return false;
            };
            while (std::chrono::steady_clock::now() < give_up && busy()) {
                deadline.expires_after(std::chrono::milliseconds(20));
                co_await deadline.async_wait(use_tuple);
            }
            io.stop();
        }, net::detached);
    };
    signals.async_wait([&](const boost::system::error_code& error, int signal) {
        if (error) return;
        log::info("stopping", {{"signal", signal}});
        shut_down();
    });
    io.run();
    log::info("stopped", {{"exit_status", exit_status}});
    return exit_status;
}

}  // namespace planbot::bot
