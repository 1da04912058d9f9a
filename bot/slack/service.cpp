// See service.hpp. Read top to bottom: start-up, keeping in touch, then the parts
// built and started.
#include "bot/slack/service.hpp"

#include <iostream>

#include "bot/awaitable.hpp"
#include "bot/http/https_client.hpp"
#include "bot/log.hpp"
#include "bot/pipeline/message_processor.hpp"
#include "bot/slack/adapter.hpp"
#include "bot/slack/event_handler.hpp"
#include "bot/slack/names.hpp"
#include "bot/slack/routes.hpp"
#include "bot/slack/sender.hpp"
#include "bot/slack/web_api.hpp"

namespace planbot::bot::slack {

namespace {

using nlohmann::json;

// Requests the dispatcher may have in flight at once, each over its own connection.
constexpr size_t kSendLanes = 4;

// Slack's limits for chat.postMessage: about one message a second in a channel (short
// bursts are tolerated, so a group gets a little more over a minute), and the app's
// messages across the workspace well below its per-minute ceiling.
RateLimiter::Limits slack_limits() {
    RateLimiter::Limits limits;
    limits.total_per_second = 20;
    limits.per_chat_gap = std::chrono::milliseconds(1000);
    limits.group_per_minute = 60;
    return limits;
}

class SlackService final : public PlatformService {
public:
    SlackService(const ServiceParts& parts, const BaseUrl& api_base)
        : parts_(parts),
          control_client_(parts.io.get_executor(), parts.client_tls, api_base),
          control_api_(control_client_, parts.settings.slack_bot_token),
          events_(parts.database, parts.plans, parts.clock, parts.zone, identity_, parts.settings.admins_on(kPlatform),
                  &parts.settings.reminders),
          dispatcher_(parts.io, parts.database, parts.clock, platform_, make_lanes(api_base),
                      parts.settings.admins_on(kPlatform), slack_limits()),
          routes_(parts.settings.slack_signing_secret, events_, dispatcher_, real_clock_, identity_),
          names_client_(parts.io.get_executor(), parts.client_tls, api_base),
          names_(names_client_, parts.settings.slack_bot_token, parts.database) {
        routes_.set_names(&names_);
        routes_.set_metrics(&parts.metrics);
        // A Web API on plain http:// is a stand-in on loopback (parse_base_url allows
        // nothing else): its slash commands' response_urls are on loopback too.
        routes_.set_loopback_response_urls(!api_base.tls);
        events_.set_speller(parts.speller);
        events_.set_admin_accounts(admin_accounts(parts.settings));
        events_.set_web_address(parts.settings.links_address());
        events_.set_outbox_cap(parts.settings.outbox_max_pending_per_chat);
        events_.set_metrics(&parts.metrics);
        dispatcher_.set_metrics(&parts.metrics);
    }

    const Platform& platform() const override { return platform_; }
    Dispatcher& dispatcher() override { return dispatcher_; }
    bool handles(std::string_view target) const override { return SlackRoutes::handles(target); }
    // Until auth.test has named the bot the routes answer 503 (Slack delivers again).
    net::awaitable<Response> route(Request request, Peer) override { return routes_.route(std::move(request)); }
    void start() override {
        dispatcher_.start();
        net::co_spawn(parts_.io, start_up(), net::detached);
    }
    void stop() override {
        stopping_ = true;
        dispatcher_.stop();
        control_api_.cancel();
        names_client_.close();
    }

private:
    std::vector<Sender*> make_lanes(const BaseUrl& api_base) {
        std::vector<Sender*> lanes;
        for (size_t lane = 0; lane < kSendLanes; ++lane) {
            send_clients_.push_back(std::make_unique<HttpsClient>(parts_.io.get_executor(), parts_.client_tls, api_base));
            send_apis_.push_back(std::make_unique<WebApi>(*send_clients_.back(), parts_.settings.slack_bot_token));
            senders_.push_back(std::make_unique<SlackSender>(
                *send_apis_.back(),
                [this](std::string url, std::string body) { return post_response(std::move(url), std::move(body)); },
                !api_base.tls));
            lanes.push_back(senders_.back().get());
        }
        return lanes;
    }

    // auth.test until Slack answers: it names the bot's user and team. A refused token
    // stops the service (an operator must act); network trouble is retried.
    net::awaitable<bool> identify() {
        for (int attempt = 1; !stopping_; ++attempt) {
            const WebAnswer answer = co_await control_api_.call("auth.test", json::object());
            // A refused token is no answer /readyz can count on.
            dispatcher_.note_platform_answer(answer.http_status != 0 && answer.kind != WebAnswer::Kind::unauthorized);
            if (answer.kind == WebAnswer::Kind::ok && answer.body.is_object()) {
                SlackIdentity found;
                if (answer.body.contains("user_id") && answer.body["user_id"].is_string())
                    found.user_id = answer.body["user_id"].get<std::string>();
                if (answer.body.contains("team_id") && answer.body["team_id"].is_string())
                    found.team_id = answer.body["team_id"].get<std::string>();
                if (answer.body.contains("user") && answer.body["user"].is_string())
                    found.name = answer.body["user"].get<std::string>();
                if (!found.user_id.empty()) {
                    identity_ = std::move(found);
                    co_return true;
                }
            }
            if (answer.kind == WebAnswer::Kind::unauthorized) {
                log::error("token_refused", {{"platform", "slack"}, {"method", "auth.test"}, {"reason", answer.error}});
                // Alone, planbot can do nothing: it stops, and systemd does not restart it
                // into the same refusal. Beside Telegram it goes on there, and asks Slack
                // again now and then (an operator may fix the token in Slack's settings);
                // /readyz says Slack has not answered meanwhile.
                if (!parts_.settings.telegram_enabled()) {
                    std::cerr << "planbot: Slack refused the bot token (" << answer.error
                              << "); check slack.bot_token / PLANBOT_SLACK_BOT_TOKEN; stopping\n";
                    parts_.give_up(kExitCredentialsRefused);
                    co_return false;
                }
            }
            const auto wait = answer.kind == WebAnswer::Kind::rate_limited ? answer.retry_after
                                                                             : Dispatcher::backoff(attempt, 1.0);
            log::warn("api_call_failed", {{"platform", "slack"}, {"method", "auth.test"}, {"status", answer.http_status},
                                          {"reason", answer.error}, {"retry_in_s", wait.count()}});
            co_await sleep(wait);
        }
        co_return false;
    }

    net::awaitable<void> start_up() {
        // (A co_await inside the if's condition miscompiles with GCC 12: SIGILL.)
        const bool identified = co_await identify();
        if (!identified) co_return;
        log::info("bot_identity", {{"platform", "slack"}, {"user_id", identity_.user_id}, {"team_id", identity_.team_id}});
        parts_.started(kPlatform, "Slack: taking events");
        co_await keep_in_touch(std::chrono::minutes(parts_.settings.ready_platform_minutes));
    }

    // Slack may have nothing to deliver for hours, and planbot nothing to send: when
    // nobody has heard from Slack for half the readiness window, ask it (auth.test).
    net::awaitable<void> keep_in_touch(std::chrono::minutes window) {
        const auto quiet = std::chrono::duration_cast<std::chrono::seconds>(window) / 2;
        while (!stopping_) {
            co_await sleep(std::chrono::seconds(30));
            if (stopping_) break;
            const auto last = dispatcher_.last_platform_answer();
            if (last && std::chrono::steady_clock::now() - *last < quiet) continue;
            const WebAnswer answer = co_await control_api_.call("auth.test", json::object(), std::chrono::seconds(20));
            dispatcher_.note_platform_answer(answer.http_status != 0);
            if (answer.http_status == 0) log::warn("platform_unreachable", {{"platform", "slack"}, {"reason", answer.error}});
            if (answer.kind == WebAnswer::Kind::unauthorized)
                log::error("token_refused", {{"platform", "slack"}, {"method", "auth.test"}, {"reason", answer.error}});
        }
    }

    // A slash command's answer, to its response_url (checked by the sender: a Slack host,
    // or loopback), over a connection of its own that ends with the request.
    net::awaitable<HttpResult> post_response(std::string url, std::string body) {
        auto base = parse_base_url(url);
        if (!base) co_return HttpResult{boost::asio::error::invalid_argument, 0, {}, std::nullopt};
        HttpsClient client(parts_.io.get_executor(), parts_.client_tls, *base);
        HttpResult result = co_await client.post_json("", std::move(body), std::chrono::seconds(10));
        client.close();
        co_return result;
    }

    net::awaitable<void> sleep(std::chrono::seconds duration) {
        net::steady_timer timer(parts_.io, duration);
        co_await timer.async_wait(use_tuple);
    }

    ServiceParts parts_;
    // Slack signs with the real time: a request's timestamp is checked against it, not
    // against the bot's clock (which a demo may start elsewhere or run fast).
    const ProcessClock real_clock_;
    SlackIdentity identity_;
    HttpsClient control_client_;
    WebApi control_api_;  // auth.test
    EventHandler events_;
    const SlackPlatform platform_;
    std::vector<std::unique_ptr<HttpsClient>> send_clients_;
    std::vector<std::unique_ptr<WebApi>> send_apis_;
    std::vector<std::unique_ptr<SlackSender>> senders_;
    Dispatcher dispatcher_;
    SlackRoutes routes_;
    HttpsClient names_client_;  // users.info, before a delivery is handled
    NameBook names_;
    bool stopping_ = false;
};

}  // namespace

std::unique_ptr<PlatformService> make_service(const ServiceParts& parts) {
    auto api_base = parse_base_url(parts.settings.slack_api_url);
    if (!api_base) throw std::runtime_error("slack.api_url: " + api_base.error());
    return std::make_unique<SlackService>(parts, *api_base);
}

}  // namespace planbot::bot::slack
