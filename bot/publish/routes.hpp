// The plan outside the chat, served behind secret links (commands/sharing): GET
// /kalender/<token>.ics (a person's calendar feed, or the organisation's), GET
// /oversikt/<token> (the board's overview page, for an admin's token while they are an
// admin) with its stylesheet at /oversikt/<token>/stil.css, and GET
// /arshjul/<år>.png or .svg?t=<token> (the wheel as a picture, for any valid token);
// and /favicon.ico, empty.
//
// A token is looked up by its SHA-256; an unknown, replaced or malformed one gets 404
// and nothing else. Nothing here logs a token or a path that holds one. Feeds and
// pictures carry ETag and Last-Modified, and an unchanged one is answered 304. No
// sockets here: HttpServer calls route().
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <date/tz.h>

#include "bot/http/http_server.hpp"
#include "bot/plan/live_plan.hpp"
#include "bot/schedule/clock.hpp"
#include "commands/state.hpp"
#include "storage/access_tokens.hpp"
#include "storage/database.hpp"

namespace planbot::bot {

class PublishRoutes {
public:
    // `config_admins`: the settings' admins on every platform (an overview link works
    // while its owner is an admin, by the settings or made in the chat).
    PublishRoutes(storage::Database& database, std::shared_ptr<LivePlan> plans, const Clock& clock,
                  const date::time_zone* zone, std::vector<commands::Person> config_admins)
        : database_(database), plans_(std::move(plans)), clock_(clock), zone_(zone),
          config_admins_(std::move(config_admins)) {}

    // Whether `target` is one of these routes' paths (whatever its token).
    static bool handles(std::string_view target);
    // The answer for a request whose target handles() took.
    Response route(const Request& request);

private:
    Response calendar(const Request& request, std::string_view token);
    Response overview(const Request& request, std::string_view token, bool stylesheet);
    Response picture(const Request& request, std::string_view year_and_format, std::string_view token);
    Response cached_response(const Request& request, std::string body, std::string_view content_type);
    bool owner_is_admin(const commands::State& state, const storage::AccessToken& token) const;

    storage::Database& database_;
    std::shared_ptr<LivePlan> plans_;
    const Clock& clock_;
    const date::time_zone* zone_;
    std::vector<commands::Person> config_admins_;
    struct LastChange {
        std::string etag;
        std::chrono::sys_seconds at{};
    };
    std::unordered_map<std::string, LastChange> last_changes_;  // by the resource's path, hashed
};

}  // namespace planbot::bot
