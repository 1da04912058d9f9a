// See service.hpp. Read top to bottom: open the database, build the parts, route
// requests, start up against the Bot API, run until a signal.
#include "bot/telegram/service.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>

#include "bot/schedule/checkpointer.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/awaitable.hpp"
#include "bot/http/http_server.hpp"
#include "bot/log.hpp"
#include "bot/plan/plan_reload.hpp"
#include "bot/operations/backups.hpp"
#include "bot/operations/service_manager.hpp"
#include "bot/schedule/scheduler.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/sender.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bot/telegram/webhook_routes.hpp"
#include "commands/router.hpp"
#include "storage/migrations.hpp"

namespace planbot::bot::telegram {

namespace {

using nlohmann::json;
const json kAllowedUpdates = json::array({"message", "edited_message", "callback_query", "my_chat_member"});
// Requests the dispatcher may have in flight at once, each over its own connection: a
// request that hangs holds one of them (and its chat) until its deadline, and the other
// chats go on over the rest.
constexpr size_t kSendLanes = 4;
// The exit status when Telegram refuses the token: the unit's RestartPreventExitStatus,
// so systemd does not restart into the same refusal every few seconds.
constexpr int kExitTokenRefused = 3;

// Everything the running service holds, built in main order and torn down in reverse.
struct Service {
    const config::Settings& settings;
    net::io_context& io;
    storage::Database& database;
    BotApi& control_api;  // start-up calls and long polling
    UpdateHandler& updates;
    Dispatcher& dispatcher;
    BotIdentity& identity;
    Scheduler& scheduler;
    operations::ServiceManager& service_manager;
    // telegram.certificate's PEM text, uploaded with setWebhook; nullopt: none.
    const std::optional<std::string>& certificate;
    bool stopping = false;
    // Stops the service as SIGTERM does; set once the parts exist.
    std::function<void()> shut_down;
    int exit_status = 0;

    net::awaitable<void> start_up();
    net::awaitable<void> schedule();
    net::awaitable<void> poll();
    net::awaitable<void> keep_in_touch(std::chrono::minutes window);
    net::awaitable<bool> retry_until_ok(std::string_view method, const json& body,
                                        const std::optional<std::string>& with_certificate = std::nullopt);
    net::awaitable<void> sleep(std::chrono::seconds duration);
};

// Reminders: a tick every real second (more often with a fast clock; the planner
// handles any window). A failed tick keeps nothing and the next
// one covers its window too.
net::awaitable<void> Service::schedule() {
    net::steady_timer timer(io);
    while (!stopping) {
        try {
            if (scheduler.tick() > 0) dispatcher.notify();
        } catch (const std::exception& error) {
            log::error("scheduler_tick_failed", {{"error", error.what()}});
        }
        timer.expires_after(scheduler.tick_interval());
        co_await timer.async_wait(use_tuple);
    }
}

// With a webhook, Telegram may have nothing to say to planbot for hours, and planbot
// nothing to send: /readyz would call the platform unreachable. So when nobody has
// heard from the platform for half the readiness window, ask it (getMe). Polling asks
// every 25 s anyway. The control client is free once start-up is done.
net::awaitable<void> Service::keep_in_touch(std::chrono::minutes window) {
    const auto quiet = std::chrono::duration_cast<std::chrono::seconds>(window) / 2;
    while (!stopping) {
        co_await sleep(std::chrono::seconds(30));
        if (stopping) break;
        const auto last = dispatcher.last_platform_answer();
        if (last && std::chrono::steady_clock::now() - *last < quiet) continue;
        ApiAnswer answer = co_await control_api.call("getMe", json::object(), std::chrono::seconds(20));
        dispatcher.note_platform_answer(answer.http_status != 0);
        if (answer.http_status == 0) log::warn("platform_unreachable", {{"reason", answer.description}});
        // Revoked while running: the webhook goes on storing updates and the outbox holds
        // the replies (the dispatcher says so once); the operator has to give a new token.
        if (answer.kind == ApiAnswer::Kind::unauthorized)
            log::error("token_refused", {{"method", "getMe"}, {"status", answer.http_status},
                                         {"reason", token_refused_reason(answer)}});
    }
}

net::awaitable<void> Service::sleep(std::chrono::seconds duration) {
    net::steady_timer timer(io, duration);
    co_await timer.async_wait(use_tuple);
}

// With `with_certificate` the call goes as multipart/form-data with the certificate as a file
// (setWebhook's `certificate`), as Telegram takes an upload.
net::awaitable<bool> Service::retry_until_ok(std::string_view method, const json& body,
                                             const std::optional<std::string>& with_certificate) {
    for (int attempt = 1; !stopping; ++attempt) {
        ApiAnswer answer;
        if (with_certificate)
            answer = co_await control_api.upload(method, body, "certificate", "certificate.pem", *with_certificate);
        else answer = co_await control_api.call(method, body);
        dispatcher.note_platform_answer(answer.http_status != 0);
        if (answer.kind == ApiAnswer::Kind::unauthorized) {
            // A wrong or revoked token stays wrong: asking again cannot help, and an
            // operator must act. Network trouble and 5xx are retried below.
            const std::string reason = token_refused_reason(answer);
            log::error("token_refused", {{"method", method}, {"status", answer.http_status}, {"reason", reason}});
            std::cerr << "planbot: " << reason << "; stopping\n";
            exit_status = kExitTokenRefused;
            shut_down();
            co_return false;
        }
        if (answer.kind == ApiAnswer::Kind::ok) {
            if (method == "getMe" && answer.result.is_object()) {
                if (answer.result.contains("id") && answer.result["id"].is_number_integer())
                    identity.id = answer.result["id"].get<int64_t>();
                if (identity.username.empty() && answer.result.contains("username") && answer.result["username"].is_string())
                    identity.username = answer.result["username"].get<std::string>();
            }
            co_return true;
        }
        const auto wait = Dispatcher::backoff(attempt, 1.0);
        log::warn("api_call_failed", {{"method", method}, {"status", answer.http_status},
                                      {"reason", answer.description}, {"retry_in_s", wait.count()}});
        const auto pause = answer.kind == ApiAnswer::Kind::rate_limited ? std::chrono::seconds(answer.retry_after) : wait;
        co_await sleep(pause);
    }
    co_return false;
}

net::awaitable<void> Service::start_up() {
    const bool identified = co_await retry_until_ok("getMe", json::object());
    if (!identified) co_return;
    log::info("bot_identity", {{"username", identity.username}, {"id", identity.id}});
    if (!settings.public_url.empty()) {
        json webhook = {{"url", settings.public_url + std::string(kWebhookPath)},
                        {"secret_token", settings.telegram_webhook_secret},
                        {"allowed_updates", kAllowedUpdates}};
        const bool webhook_set = co_await retry_until_ok("setWebhook", webhook, certificate);
        if (!webhook_set) co_return;
        log::info("webhook_set", {{"url", settings.public_url + std::string(kWebhookPath)},
                                  {"certificate", certificate ? "uploaded" : "none"}});
        service_manager.ready("webhook set, taking updates");
    } else {
        const bool webhook_deleted = co_await retry_until_ok("deleteWebhook", json::object());
        if (!webhook_deleted) co_return;
        service_manager.ready("polling for updates");
    }
    // The command menu is a convenience: a failure is logged, never fatal. It goes
    // before polling starts, which then has the control client to itself (one
    // request at a time per client).
    json menu_entries = json::array();
    // The menu Telegram shows under "/": the command table's entries (admin commands are
    // in /hjelp). Names may hold only a-z, 0-9 and '_', which the table's names keep to.
    for (const commands::MenuEntry& entry : commands::command_menu())
        menu_entries.push_back({{"command", entry.name}, {"description", entry.description}});
    json commands = {{"commands", menu_entries}};
    ApiAnswer menu = co_await control_api.call("setMyCommands", commands);
    if (menu.kind != ApiAnswer::Kind::ok)
        log::warn("set_commands_failed", {{"status", menu.http_status}, {"reason", menu.description}});
    if (stopping) co_return;
    if (settings.public_url.empty()) net::co_spawn(io, poll(), net::detached);
    else net::co_spawn(io, keep_in_touch(std::chrono::minutes(settings.ready_platform_minutes)), net::detached);
}

net::awaitable<void> Service::poll() {
    log::info("polling_started");
    storage::ProcessedUpdates processed(database);
    int failures = 0;
    // Confirms to Telegram everything before it; never moves past an update not stored.
    int64_t offset = processed.highest(kPlatform).value_or(0) + 1;
    while (!stopping) {
        json request = {{"offset", offset}, {"timeout", 25}, {"allowed_updates", kAllowedUpdates}};
        const auto asked = std::chrono::steady_clock::now();
        ApiAnswer answer = co_await control_api.call("getUpdates", request, std::chrono::seconds(40));
        dispatcher.note_platform_answer(answer.http_status != 0);
        if (stopping) break;
        if (answer.kind != ApiAnswer::Kind::ok || !answer.result.is_array()) {
            const auto wait = Dispatcher::backoff(++failures, 1.0);
            if (answer.kind == ApiAnswer::Kind::unauthorized)
                log::error("token_refused", {{"method", "getUpdates"}, {"status", answer.http_status},
                                             {"reason", token_refused_reason(answer)}});
            log::warn("poll_failed", {{"status", answer.http_status}, {"reason", answer.description}, {"retry_in_s", wait.count()}});
            co_await sleep(wait);
            continue;
        }
        failures = 0;
        // One transaction for the whole answer, as for webhook deliveries that arrive together.
        std::vector<std::string> bodies;
        for (const json& update : answer.result) bodies.push_back(update.dump(-1, ' ', false, json::error_handler_t::replace));
        const std::vector<std::string_view> views(bodies.begin(), bodies.end());
        const std::vector<UpdateHandler::Result> results = updates.handle_batch(views);
        const bool stored_all = std::ranges::none_of(results, [](UpdateHandler::Result r) { return r == UpdateHandler::Result::storage_failed; });
        const bool any_new = std::ranges::any_of(results, [](UpdateHandler::Result r) { return r == UpdateHandler::Result::handled; });
        if (any_new) dispatcher.notify();
        for (size_t i = 0; i < results.size(); ++i) {
            const json& id = answer.result[i].contains("update_id") ? answer.result[i]["update_id"] : json();
            if (!id.is_number_integer()) continue;
            if (results[i] == UpdateHandler::Result::storage_failed) {
                offset = id.get<int64_t>();
                break;
            }
            offset = std::max(offset, id.get<int64_t>() + 1);
        }
        // Not stored: getUpdates returns it again (the offset only moves past what is
        // stored), after a pause. Nothing new, answered at once: Telegram holds an empty
        // poll open for `timeout`, and a server that does not must not make this spin.
        if (!stored_all) co_await sleep(std::chrono::seconds(5));
        else if (!any_new && std::chrono::steady_clock::now() - asked < std::chrono::seconds(1)) co_await sleep(std::chrono::seconds(1));
    }
}

std::optional<net::ssl::context> server_tls(const config::Settings& settings) {
    if (settings.tls_certificate.empty()) return std::nullopt;
    return make_server_tls_context(settings.tls_certificate, settings.tls_key);
}

// The certificate telegram.certificate names, for setWebhook; throws when it is not a
// readable PEM certificate (start-up fails with the reason rather than Telegram later).
std::optional<std::string> webhook_certificate(const config::Settings& settings) {
    if (settings.telegram_certificate.empty()) return std::nullopt;
    std::ifstream file(settings.telegram_certificate, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (!file.good() && !file.eof())
        throw std::runtime_error("telegram.certificate: cannot read " + settings.telegram_certificate.string());
    if (text.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        throw std::runtime_error("telegram.certificate: " + settings.telegram_certificate.string() +
                                 " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    if (text.find("PRIVATE KEY") != std::string::npos)
        throw std::runtime_error("telegram.certificate: " + settings.telegram_certificate.string() +
                                 " holds a private key; give the public certificate only");
    return text;
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
    std::optional<std::string> certificate;
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
        certificate = webhook_certificate(settings);
    } catch (const std::exception& error) {
        std::cerr << "planbot: " << error.what() << "\n";
        return 2;
    }
    auto api_base = parse_base_url(settings.telegram_api_url);
    if (!api_base) {
        std::cerr << "planbot: telegram.api_url: " << api_base.error() << "\n";
        return 2;
    }

    net::io_context io(1);
    net::ssl::context client_tls = make_client_tls_context();
    HttpsClient control_client(io.get_executor(), client_tls, *api_base);
    BotApi control_api(control_client, settings.telegram_token);
    BotIdentity identity{settings.username, 0};
    const std::vector<std::string> admin_ids = settings.admins_on(kPlatform);
    UpdateHandler updates(*database, plans, clock, zone, identity, admin_ids, &settings.reminders);
    updates.set_speller(speller);
    updates.set_admin_accounts(admin_accounts(settings));
    const TelegramPlatform platform;
    std::vector<std::unique_ptr<HttpsClient>> send_clients;
    std::vector<std::unique_ptr<BotApi>> send_apis;
    std::vector<std::unique_ptr<TelegramSender>> senders;
    std::vector<Sender*> lanes;
    for (size_t lane = 0; lane < kSendLanes; ++lane) {
        send_clients.push_back(std::make_unique<HttpsClient>(io.get_executor(), client_tls, *api_base));
        send_apis.push_back(std::make_unique<BotApi>(*send_clients.back(), settings.telegram_token));
        senders.push_back(std::make_unique<TelegramSender>(*send_apis.back(), *database));
        lanes.push_back(senders.back().get());
    }
    Dispatcher dispatcher(io, *database, clock, platform, lanes, admin_ids);
    Scheduler scheduler(*database, plans, clock, zone, settings.reminders, platform, admin_ids);
    scheduler.set_retention_days(settings.retention_days);
    scheduler.set_outbox_cap(settings.outbox_max_pending_per_chat);
    updates.set_outbox_cap(settings.outbox_max_pending_per_chat);
    operations::ServiceManager service_manager(io);
    Service service{settings, io, *database, control_api, updates, dispatcher, identity, scheduler, service_manager,
                    certificate, false, nullptr, 0};
    WebhookRoutes routes(settings.telegram_webhook_secret, updates, *database, dispatcher, &identity);
    Metrics metrics;
    updates.set_metrics(&metrics);
    dispatcher.set_metrics(&metrics);
    scheduler.set_metrics(&metrics);
    routes.set_operations({&metrics, settings.metrics_token, std::chrono::minutes(settings.ready_platform_minutes), &clock});

    std::optional<HttpServer> server;
    try {
        const tcp::endpoint endpoint(net::ip::make_address(settings.listen.host), settings.listen.port);
        server.emplace(io, endpoint, limits_from(settings), [&](Request r, Peer peer) { return routes.route(std::move(r), peer); },
                       tls ? &*tls : nullptr);
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
    dispatcher.start();
    log::info("listening", {{"address", settings.listen.host}, {"port", server->port()}, {"tls", tls ? "yes" : "no"},
                            {"mode", settings.public_url.empty() ? "polling" : "webhook"}});
    net::co_spawn(io, service.start_up(), net::detached);
    net::co_spawn(io, service.schedule(), net::detached);
    service_manager.start_watchdog();

    net::signal_set hangups(io, SIGHUP);
    reload_on_hangup(hangups, *plans, *database, clock, zone);
    net::signal_set signals(io, SIGINT, SIGTERM);
    net::steady_timer deadline(io);
    service.shut_down = [&]() {
        if (service.stopping) return;
        service_manager.stopping();
        service.stopping = true;
        hangups.cancel();
        server->stop();
        dispatcher.stop();
        control_api.cancel();
        // Wait for in-flight requests and the message being sent, at most 10 s;
        // everything else is already committed, so the rest is cut off.
        net::co_spawn(io, [&]() -> net::awaitable<void> {
            const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (std::chrono::steady_clock::now() < give_up &&
                   (server->open_connections() > 0 || !dispatcher.idle())) {
                deadline.expires_after(std::chrono::milliseconds(20));
                co_await deadline.async_wait(use_tuple);
            }
            io.stop();
        }, net::detached);
    };
    signals.async_wait([&](const boost::system::error_code& error, int signal) {
        if (error) return;
        log::info("stopping", {{"signal", signal}});
        service.shut_down();
    });
    io.run();
    log::info("stopped", {{"exit_status", service.exit_status}});
    return service.exit_status;
}

}  // namespace planbot::bot::telegram
