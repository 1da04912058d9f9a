// See routes.hpp.
#include "bot/slack/routes.hpp"

#include <nlohmann/json.hpp>

#include "bot/log.hpp"
#include "bot/slack/signature.hpp"

namespace planbot::bot::slack {

namespace {

std::string_view header_value(const Request& request, std::string_view name) {
    const auto found = request.find(name);
    return found == request.end() ? std::string_view() : std::string_view(found->value().data(), found->value().size());
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

Response empty_ok(const Request& request) { return make_response(request, http::status::ok, "", "text/plain; charset=utf-8"); }

// What a slash command's user reads when nothing could be stored: the command did
// nothing, and Slack does not send it again by itself.
constexpr std::string_view kNotStored = "Beklager, jeg fikk ikke lagret dette akkurat nå. Prøv igjen om litt.";

Response ephemeral(const Request& request, std::string_view text) {
    const nlohmann::json body = {{"response_type", "ephemeral"}, {"text", text}};
    return make_response(request, http::status::ok, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The challenge of an Events API url_verification, or nullopt for anything else (read
// only when the body names the type at all).
std::optional<std::string> url_verification_challenge(std::string_view body) {
    if (body.find("url_verification") == std::string_view::npos) return std::nullopt;
    auto parsed = parse_event(body, SlackIdentity{});
    if (!parsed) return std::nullopt;
    if (const auto* verification = std::get_if<UrlVerification>(&*parsed)) return verification->challenge;
    return std::nullopt;
}

}  // namespace

SlackRoutes::SlackRoutes(std::string signing_secret, EventHandler& handler, Dispatcher& dispatcher, const Clock& clock,
                         const SlackIdentity& identity)
    : signing_secret_(std::move(signing_secret)),
      handler_(handler),
      dispatcher_(dispatcher),
      clock_(clock),
      identity_(identity) {}

bool SlackRoutes::handles(std::string_view target) { return path_of(target).starts_with("/slack/"); }

net::awaitable<Response> SlackRoutes::route(Request request) {
    const std::string_view target = path_of(std::string_view(request.target().data(), request.target().size()));
    const bool known = target == kEventsPath || target == kCommandsPath || target == kInteractivityPath;
    if (!known) co_return make_response(request, http::status::not_found, R"({"ok":false,"error":"not found"})");
    if (request.method() != http::verb::post) {
        Response response = make_response(request, http::status::method_not_allowed, R"({"ok":false})");
        response.set(http::field::allow, "POST");
        co_return response;
    }
    // First of all, on the raw bytes: nothing unsigned is read, let alone stored.
    const SignatureCheck check =
        verify_signature(signing_secret_, header_value(request, "X-Slack-Request-Timestamp"),
                         header_value(request, "X-Slack-Signature"), request.body(), clock_.now());
    if (check != SignatureCheck::ok) {
        log::warn("slack_request_refused", {{"path", target}, {"reason", signature_check_name(check)}});
        if (metrics_) metrics_->update_refused(kPlatform, "unauthorized");
        co_return make_response(request, http::status::unauthorized, "", "text/plain; charset=utf-8");
    }
    // Slack checks the Request URL with a signed url_verification while the app is set
    // up: answered even before the bot knows itself (a wrong token must not block it).
    if (target == kEventsPath) {
        const auto challenge = url_verification_challenge(request.body());
        if (challenge) {
            log::info("slack_url_verification");
            co_return make_response(request, http::status::ok, nlohmann::json{{"challenge", *challenge}}.dump());
        }
    }
    if (identity_.user_id.empty()) {
        log::info("slack_request_deferred", {{"path", target}, {"reason", "bot identity not known yet"}});
        Response response = make_response(request, http::status::service_unavailable, "", "text/plain; charset=utf-8");
        response.set(http::field::retry_after, "2");
        co_return response;
    }
    if (target == kEventsPath) co_return co_await events(request);
    if (target == kCommandsPath) co_return co_await command(request);
    co_return co_await interaction(request);
}

net::awaitable<void> SlackRoutes::name_sender(Incoming& incoming) {
    if (names_) co_await names_->fill(incoming);
}

net::awaitable<Response> SlackRoutes::events(const Request& request) {
    auto parsed = parse_event(request.body(), identity_);
    if (!parsed) {
        // Sending it again cannot make it readable.
        log::warn("update_invalid", {{"platform", kPlatform}, {"reason", parsed.error()}, {"bytes", request.body().size()}});
        if (metrics_) metrics_->update_refused(kPlatform, "invalid");
        co_return empty_ok(request);
    }
    if (const auto* verification = std::get_if<UrlVerification>(&*parsed)) {
        log::info("slack_url_verification");
        co_return make_response(request, http::status::ok, nlohmann::json{{"challenge", verification->challenge}}.dump());
    }
    if (const std::string_view retry = header_value(request, "X-Slack-Retry-Num"); !retry.empty())
        log::info("slack_retry", {{"retry", retry}, {"reason", header_value(request, "X-Slack-Retry-Reason")}});
    Incoming& incoming = std::get<Incoming>(*parsed);
    co_await name_sender(incoming);
    const EventHandler::Result result = handler_.handle(incoming);
    if (result == EventHandler::Result::storage_failed)
        co_return make_response(request, http::status::internal_server_error, "", "text/plain; charset=utf-8");
    if (result == EventHandler::Result::handled) dispatcher_.notify();
    co_return empty_ok(request);
}

// Acknowledged at once with an empty 200 once the command's effects are committed; the
// answer, seen only by whoever typed it, follows through the command's response_url
// from the outbox (so a crash after the commit cannot lose it). Anything for another
// chat waits in the outbox as any reply does. response_url is never logged.
net::awaitable<Response> SlackRoutes::command(const Request& request) {
    auto parsed = parse_command(request.body(), identity_);
    if (!parsed) {
        log::warn("update_invalid", {{"platform", kPlatform}, {"reason", parsed.error()}});
        if (metrics_) metrics_->update_refused(kPlatform, "invalid");
        co_return empty_ok(request);
    }
    co_await name_sender(*parsed);
    const EventHandler::CommandAnswer answer = handler_.handle_command(*parsed, command_response_url(request.body(), loopback_response_urls_));
    if (answer.result == EventHandler::Result::storage_failed) co_return ephemeral(request, kNotStored);
    if (answer.result == EventHandler::Result::handled) dispatcher_.notify();
    co_return empty_ok(request);
}

net::awaitable<Response> SlackRoutes::interaction(const Request& request) {
    auto parsed = parse_interaction(request.body(), identity_);
    if (!parsed) {
        log::warn("update_invalid", {{"platform", kPlatform}, {"reason", parsed.error()}});
        if (metrics_) metrics_->update_refused(kPlatform, "invalid");
        co_return empty_ok(request);
    }
    co_await name_sender(*parsed);
    const EventHandler::Result result = handler_.handle(*parsed);
    if (result == EventHandler::Result::storage_failed)
        co_return make_response(request, http::status::internal_server_error, "", "text/plain; charset=utf-8");
    if (result == EventHandler::Result::handled) dispatcher_.notify();
    co_return empty_ok(request);
}

}  // namespace planbot::bot::slack
