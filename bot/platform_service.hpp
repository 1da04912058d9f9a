// One chat platform inside the running service (bot/service.hpp): its adapter, its
// outbox dispatcher and its start-up against the platform's API. The service owns
// what all platforms share (the database, the HTTP server, the scheduler, metrics,
// signals) and asks each platform only for what differs.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <date/tz.h>

#include "bot/http/http_server.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/plan/live_plan.hpp"
#include "bot/platform.hpp"
#include "bot/schedule/clock.hpp"
#include "commands/language/speller.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

// What the service lends each platform; all of it outlives the platform.
struct ServiceParts {
    boost::asio::io_context& io;
    boost::asio::ssl::context& client_tls;
    const config::Settings& settings;
    storage::Database& database;
    std::shared_ptr<LivePlan> plans;
    const Clock& clock;
    const date::time_zone* zone;
    const commands::Speller* speller;
    Metrics& metrics;
    // The platform is started and taking messages ("webhook set", "polling"): the
    // service tells systemd it is ready once every platform has said so.
    std::function<void(std::string_view platform, std::string_view status)> started;
    // The platform cannot go on (its credentials were refused): the service stops with
    // this exit status.
    std::function<void(int exit_status)> give_up;
    // Draws the årshjul of a year as a PNG (publish/wheel_picture.hpp), as the plan and
    // the state are when it is called: what a platform sends for a WheelPicture reply.
    std::function<std::string(int year)> wheel_png;
};

class PlatformService {
public:
    virtual ~PlatformService() = default;
    virtual const Platform& platform() const = 0;
    virtual Dispatcher& dispatcher() = 0;
    // Whether a request for `target` is for this platform (its webhook paths).
    virtual bool handles(std::string_view target) const = 0;
    // Called on the thread named by routes_on_http_thread(): false (the default), on the
    // service's io_context, where the database lives; true, on the HTTP server's thread,
    // and the platform hands the database work to the io_context itself.
    virtual boost::asio::awaitable<Response> route(Request request, Peer peer) = 0;
    virtual bool routes_on_http_thread() const { return false; }
    // Starts the dispatcher and the platform's start-up (identity, webhook, polling).
    virtual void start() = 0;
    // Stops taking work from the platform: no new polls, the dispatcher finishes what
    // is in flight.
    virtual void stop() = 0;
};

// The exit status when a platform refuses the bot's credentials: the unit's
// RestartPreventExitStatus, so systemd does not restart into the same refusal.
inline constexpr int kExitCredentialsRefused = 3;

}  // namespace planbot::bot
