// The HTTP routes of Slack, as one function from request to response (the server
// knows nothing of them): POST /slack/events (Events API), /slack/commands (the
// /planbot slash command) and /slack/interactivity (button presses). Each checks
// Slack's signature on the raw body before anything reads it (signature.hpp, with
// planbot's clock); a refused request gets 401 and stores nothing. A delivery is
// answered only after its transaction has committed, and well within Slack's three
// seconds: the work is one SQLite transaction, and everything slow (sending) is the
// dispatcher's, told by notify(). No sockets here.
#pragma once

#include <string>
#include <string_view>

#include "bot/http/http_server.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/schedule/clock.hpp"
#include "bot/slack/adapter.hpp"
#include "bot/slack/event_handler.hpp"
#include "bot/slack/names.hpp"

namespace planbot::bot::slack {

inline constexpr std::string_view kEventsPath = "/slack/events";
inline constexpr std::string_view kCommandsPath = "/slack/commands";
inline constexpr std::string_view kInteractivityPath = "/slack/interactivity";

class SlackRoutes {
public:
    // An empty `signing_secret` refuses every request. `clock` dates the signatures: the
    // real time in the service (Slack signs with it), whatever the bot's own clock says. `dispatcher` is told when new
    // replies are in the outbox; it need not run. Until `identity` has the bot's user
    // id (auth.test at start-up), deliveries get 503, which Slack retries for events:
    // without it the bot cannot tell its own messages and mentions.
    SlackRoutes(std::string signing_secret, EventHandler& handler, Dispatcher& dispatcher, const Clock& clock,
                const SlackIdentity& identity);

    // Where senders' names are looked up before a delivery is handled (names.hpp); null:
    // none (an event's sender is named by the id).
    void set_names(NameBook* names) { names_ = names; }
    // Whether a slash command's response_url may be plain http:// on loopback: only when
    // the Web API is a stand-in there too (tests).
    void set_loopback_response_urls(bool allowed) { loopback_response_urls_ = allowed; }
    // Counts refused and unreadable deliveries (planbot_updates_refused_total); null: none.
    void set_metrics(Metrics* metrics) { metrics_ = metrics; }

    // Whether the target is one of Slack's ("/slack/…"), for the process's one router.
    static bool handles(std::string_view target);

    // Only POST (405 otherwise); an unknown /slack/ path is 404.
    net::awaitable<Response> route(Request request);

private:
    net::awaitable<Response> events(const Request& request);
    net::awaitable<Response> command(const Request& request);
    net::awaitable<Response> interaction(const Request& request);
    net::awaitable<void> name_sender(Incoming& incoming);

    std::string signing_secret_;  // never logged
    EventHandler& handler_;
    Dispatcher& dispatcher_;
    const Clock& clock_;
    const SlackIdentity& identity_;
    NameBook* names_ = nullptr;
    Metrics* metrics_ = nullptr;
    bool loopback_response_urls_ = false;
};

}  // namespace planbot::bot::slack
