// See service.hpp. Read top to bottom: the start-up calls, long polling, then the
// parts built and started.
#include "bot/telegram/service.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

#include "bot/awaitable.hpp"
#include "bot/log.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/sender.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bot/telegram/webhook_routes.hpp"
#include "commands/router.hpp"
#include "storage/processed_updates.hpp"

namespace planbot::bot::telegram {

namespace {

using nlohmann::json;
const json kAllowedUpdates = json::array({"message", "edited_message", "callback_query", "my_chat_member"});
// Requests the dispatcher may have in flight at once, each over its own connection: a
// request that hangs holds one of them (and its chat) until its deadline, and the other
// chats go on over the rest.
constexpr size_t kSendLanes = 4;

// Telegram's part of the running service.
class TelegramService final : public PlatformService {
public:
    TelegramService(const ServiceParts& parts, const BaseUrl& api_base, std::optional<std::string> webhook_certificate);

    const Platform& platform() const override { return platform_; }
    Dispatcher& dispatcher() override { return dispatcher_; }
    bool handles(std::string_view target) const override { return target == kWebhookPath; }
    // The secret check and the JSON on the HTTP thread; WebhookRoutes hands the update
    // to the io_context, which owns the database.
    bool routes_on_http_thread() const override { return true; }
    net::awaitable<Response> route(Request request, Peer peer) override {
        return routes_.route(std::move(request), peer);
    }
    void start() override;
    void stop() override;

private:
    std::vector<Sender*> make_lanes(const BaseUrl& api_base);
    net::awaitable<void> start_up();
    net::awaitable<void> poll();
    net::awaitable<void> keep_in_touch(std::chrono::minutes window);
    net::awaitable<bool> retry_until_ok(std::string_view method, const json& body,
                                        const std::optional<std::string>& with_certificate = std::nullopt);
    net::awaitable<void> sleep(std::chrono::seconds duration);

    ServiceParts parts_;
    const config::Settings& settings_;
    net::io_context& io_;
    storage::Database& database_;
    HttpsClient control_client_;
    BotApi control_api_;  // start-up calls and long polling
    BotIdentity identity_;
    UpdateHandler updates_;
    const TelegramPlatform platform_;
    std::vector<std::unique_ptr<HttpsClient>> send_clients_;
    std::vector<std::unique_ptr<BotApi>> send_apis_;
    std::vector<std::unique_ptr<TelegramSender>> senders_;
    Dispatcher dispatcher_;
    WebhookRoutes routes_;
    // telegram.certificate's PEM text, uploaded with setWebhook; nullopt: none.
    const std::optional<std::string> certificate_;
    bool stopping_ = false;
};

// With a webhook, Telegram may have nothing to say to planbot for hours, and planbot
// nothing to send: /readyz would call the platform unreachable. So when nobody has
// heard from the platform for half the readiness window, ask it (getMe). Polling asks
// every 25 s anyway. The control client is free once start-up is done.
net::awaitable<void> TelegramService::keep_in_touch(std::chrono::minutes window) {
    const auto quiet = std::chrono::duration_cast<std::chrono::seconds>(window) / 2;
    while (!stopping_) {
        co_await sleep(std::chrono::seconds(30));
        if (stopping_) break;
        const auto last = dispatcher_.last_platform_answer();
        if (last && std::chrono::steady_clock::now() - *last < quiet) continue;
        ApiAnswer answer = co_await control_api_.call("getMe", json::object(), std::chrono::seconds(20));
        dispatcher_.note_platform_answer(answer.http_status != 0);
        if (answer.http_status == 0) log::warn("platform_unreachable", {{"reason", answer.description}});
        // Revoked while running: the webhook goes on storing updates and the outbox holds
        // the replies (the dispatcher says so once); the operator has to give a new token.
        if (answer.kind == ApiAnswer::Kind::unauthorized)
            log::error("token_refused", {{"method", "getMe"}, {"status", answer.http_status},
                                         {"reason", token_refused_reason(answer)}});
    }
}

net::awaitable<void> TelegramService::sleep(std::chrono::seconds duration) {
    net::steady_timer timer(io_, duration);
    co_await timer.async_wait(use_tuple);
}

// With `with_certificate` the call goes as multipart/form-data with the certificate as a file
// (setWebhook's `certificate`), as Telegram takes an upload.
net::awaitable<bool> TelegramService::retry_until_ok(std::string_view method, const json& body,
                                             const std::optional<std::string>& with_certificate) {
    for (int attempt = 1; !stopping_; ++attempt) {
        ApiAnswer answer;
        if (with_certificate)
            answer = co_await control_api_.upload(method, body, "certificate", "certificate.pem", *with_certificate);
        else answer = co_await control_api_.call(method, body);
        dispatcher_.note_platform_answer(answer.http_status != 0);
        if (answer.kind == ApiAnswer::Kind::unauthorized) {
            // A wrong or revoked token stays wrong: asking again cannot help, and an
            // operator must act. Network trouble and 5xx are retried below.
            const std::string reason = token_refused_reason(answer);
            log::error("token_refused", {{"method", method}, {"status", answer.http_status}, {"reason", reason}});
            std::cerr << "planbot: " << reason << "; stopping\n";
            parts_.give_up(kExitCredentialsRefused);
            co_return false;
        }
        if (answer.kind == ApiAnswer::Kind::ok) {
            if (method == "getMe" && answer.result.is_object()) {
                if (answer.result.contains("id") && answer.result["id"].is_number_integer())
                    identity_.id = answer.result["id"].get<int64_t>();
                if (identity_.username.empty() && answer.result.contains("username") && answer.result["username"].is_string())
                    identity_.username = answer.result["username"].get<std::string>();
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

net::awaitable<void> TelegramService::start_up() {
    const bool identified = co_await retry_until_ok("getMe", json::object());
    if (!identified) co_return;
    log::info("bot_identity", {{"username", identity_.username}, {"id", identity_.id}});
    if (!settings_.public_url.empty()) {
        json webhook = {{"url", settings_.public_url + std::string(kWebhookPath)},
                        {"secret_token", settings_.telegram_webhook_secret},
                        {"allowed_updates", kAllowedUpdates}};
        const bool webhook_set = co_await retry_until_ok("setWebhook", webhook, certificate_);
        if (!webhook_set) co_return;
        log::info("webhook_set", {{"url", settings_.public_url + std::string(kWebhookPath)},
                                  {"certificate", certificate_ ? "uploaded" : "none"}});
        parts_.started(kPlatform, "Telegram: webhook set, taking updates");
    } else {
        const bool webhook_deleted = co_await retry_until_ok("deleteWebhook", json::object());
        if (!webhook_deleted) co_return;
        parts_.started(kPlatform, "Telegram: polling for updates");
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
    ApiAnswer menu = co_await control_api_.call("setMyCommands", commands);
    if (menu.kind != ApiAnswer::Kind::ok)
        log::warn("set_commands_failed", {{"status", menu.http_status}, {"reason", menu.description}});
    if (stopping_) co_return;
    if (settings_.public_url.empty()) net::co_spawn(io_, poll(), net::detached);
    else net::co_spawn(io_, keep_in_touch(std::chrono::minutes(settings_.ready_platform_minutes)), net::detached);
}

net::awaitable<void> TelegramService::poll() {
    log::info("polling_started");
    storage::ProcessedUpdates processed(database_);
    int failures = 0;
    // Confirms to Telegram everything before it; never moves past an update not stored.
    int64_t offset = processed.highest(kPlatform).value_or(0) + 1;
    while (!stopping_) {
        json request = {{"offset", offset}, {"timeout", 25}, {"allowed_updates", kAllowedUpdates}};
        const auto asked = std::chrono::steady_clock::now();
        ApiAnswer answer = co_await control_api_.call("getUpdates", request, std::chrono::seconds(40));
        dispatcher_.note_platform_answer(answer.http_status != 0);
        if (stopping_) break;
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
        const std::vector<UpdateHandler::Result> results = updates_.handle_batch(views);
        const bool stored_all = std::ranges::none_of(results, [](UpdateHandler::Result r) { return r == UpdateHandler::Result::storage_failed; });
        const bool any_new = std::ranges::any_of(results, [](UpdateHandler::Result r) { return r == UpdateHandler::Result::handled; });
        if (any_new) dispatcher_.notify();
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

TelegramService::TelegramService(const ServiceParts& parts, const BaseUrl& api_base,
                                 std::optional<std::string> webhook_certificate)
    : parts_(parts),
      settings_(parts.settings),
      io_(parts.io),
      database_(parts.database),
      control_client_(parts.io.get_executor(), parts.client_tls, api_base),
      control_api_(control_client_, parts.settings.telegram_token),
      identity_{parts.settings.username, 0},
      updates_(parts.database, parts.plans, parts.clock, parts.zone, identity_, parts.settings.admins_on(kPlatform),
               &parts.settings.reminders),
      dispatcher_(parts.io, parts.database, parts.clock, platform_, make_lanes(api_base),
                  parts.settings.admins_on(kPlatform)),
      routes_(parts.settings.telegram_webhook_secret, updates_, parts.database, dispatcher_, &identity_,
              parts.io.get_executor()),
      certificate_(std::move(webhook_certificate)) {
    updates_.set_speller(parts.speller);
    updates_.set_admin_accounts(admin_accounts(parts.settings));
    updates_.set_web_address(parts.settings.links_address());
    updates_.set_outbox_cap(parts.settings.outbox_max_pending_per_chat);
    updates_.set_metrics(&parts.metrics);
    dispatcher_.set_metrics(&parts.metrics);
    // Counts refused deliveries; its /healthz, /readyz and /metrics are not reached here
    // (the service's HealthRoutes answers those for every platform).
    routes_.set_operations({&parts.metrics, parts.settings.metrics_token,
                            std::chrono::minutes(parts.settings.ready_platform_minutes), &parts.clock});
}

// One connection per request that may be in flight (kSendLanes); called while the
// members before dispatcher_ are built.
std::vector<Sender*> TelegramService::make_lanes(const BaseUrl& api_base) {
    std::vector<Sender*> lanes;
    for (size_t lane = 0; lane < kSendLanes; ++lane) {
        send_clients_.push_back(std::make_unique<HttpsClient>(io_.get_executor(), parts_.client_tls, api_base));
        send_apis_.push_back(std::make_unique<BotApi>(*send_clients_.back(), settings_.telegram_token));
        senders_.push_back(std::make_unique<TelegramSender>(*send_apis_.back(), database_));
        senders_.back()->set_wheel_png(parts_.wheel_png);
        lanes.push_back(senders_.back().get());
    }
    return lanes;
}

void TelegramService::start() {
    dispatcher_.start();
    net::co_spawn(io_, start_up(), net::detached);
}

void TelegramService::stop() {
    stopping_ = true;
    dispatcher_.stop();
    control_api_.cancel();
}

}  // namespace

std::unique_ptr<PlatformService> make_service(const ServiceParts& parts) {
    auto api_base = parse_base_url(parts.settings.telegram_api_url);
    if (!api_base) throw std::runtime_error("telegram.api_url: " + api_base.error());
    return std::make_unique<TelegramService>(parts, *api_base, webhook_certificate(parts.settings));
}

}  // namespace planbot::bot::telegram
