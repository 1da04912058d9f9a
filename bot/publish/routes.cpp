// See routes.hpp. Each request is read and answered synchronously on the io thread,
// which is the only one writing the database, so it sees one state throughout.
#include "bot/publish/routes.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <sstream>

#include "bot/log.hpp"
#include "bot/pipeline/link_codes.hpp"
#include "bot/plan/wheel_drawing.hpp"
#include "commands/sharing/sharing_commands.hpp"
#include "publish/calendar_feed.hpp"
#include "publish/overview_page.hpp"
#include "storage/access_tokens.hpp"
#include "storage/work_state.hpp"

namespace planbot::bot {

namespace {

constexpr std::string_view kCalendarPrefix = "/kalender/";
constexpr std::string_view kOverviewPrefix = "/oversikt/";
constexpr std::string_view kPicturePrefix = "/arshjul/";
constexpr std::string_view kStylesheet = "/stil.css";
// A browser asks for the site's icon with every page; there is none, and "none" is an
// empty answer rather than a 404 its console reports as an error.
constexpr std::string_view kFavicon = "/favicon.ico";
// How many bodies' first-served times are kept before they are forgotten (then each
// is served as new once more).
constexpr size_t kRememberedBodies = 4096;

// Nothing of the page may come from anywhere else, run a script or be framed.
constexpr std::string_view kPagePolicy =
    "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

std::string_view header_value(const Request& request, http::field field) {
    const auto found = request.find(field);
    return found == request.end() ? std::string_view() : std::string_view(found->value().data(), found->value().size());
}

// A strong validator: the first 128 bits of the body's SHA-256, in hex and quotes.
std::string etag_of(std::string_view body) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> hash{};
    SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), hash.data());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (size_t i = 0; i < 16; ++i) {
        out += kHex[hash[i] >> 4];
        out += kHex[hash[i] & 0x0f];
    }
    return out + "\"";
}

// "Tue, 07 Dec 2026 19:35:00 GMT" (RFC 9110's IMF-fixdate) and back.
std::string http_date(std::chrono::sys_seconds at) { return date::format("%a, %d %b %Y %H:%M:%S GMT", at); }
std::optional<std::chrono::sys_seconds> read_http_date(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::chrono::sys_seconds at;
    in >> date::parse("%a, %d %b %Y %H:%M:%S GMT", at);
    if (in.fail()) return std::nullopt;
    return at;
}

// Whether the client's copy (If-None-Match, else If-Modified-Since) is current.
bool unchanged(const Request& request, std::string_view etag, std::chrono::sys_seconds last_modified) {
    const std::string_view none_match = header_value(request, http::field::if_none_match);
    if (!none_match.empty()) {
        if (none_match.find('*') != std::string_view::npos) return true;
        // A list of tags, strong or weak ("W/" before the quotes compares the same here).
        return none_match.find(etag) != std::string_view::npos;
    }
    const std::string_view since = header_value(request, http::field::if_modified_since);
    if (since.empty()) return false;
    const auto when = read_http_date(since);
    return when && last_modified <= *when;
}

// Private to whoever holds the link: never stored by a shared cache, and not told to
// the pages it links to (it has none, but a browser would send it with the picture).
void set_private(Response& response) {
    response.set(http::field::cache_control, "private, no-cache");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Content-Type-Options", "nosniff");
}

Response not_found(const Request& request) {
    Response response = make_response(request, http::status::not_found, "not found\n", "text/plain; charset=utf-8");
    response.set(http::field::cache_control, "no-store");
    return response;
}

// The path and the query of a target.
std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
    const size_t question = target.find('?');
    if (question == std::string_view::npos) return {target, {}};
    return {target.substr(0, question), target.substr(question + 1)};
}

// The value of `name` in a query ("t=abc&x=1"), as given (tokens need no decoding).
std::string_view query_value(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
            return pair.substr(name.size() + 1);
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return {};
}

// The token's row, if the path's token is one: malformed ones are not even hashed.
std::optional<storage::AccessToken> find_token(storage::Database& database, std::string_view token) {
    if (!token_shaped(token)) return std::nullopt;
    return storage::AccessTokens(database).find(RandomAccessTokens().digest(token));
}

}  // namespace

// The body, or 304 when the client has it; with the validators either way. The ETag
// is the body's digest. Last-Modified is when this process first served the resource
// with these bytes (since it last had others): a time the data gives (a confirmation's)
// would miss changes that carry no time (a moved deadline, a plan reloaded), and a
// client that sends only If-Modified-Since must never be told an updated feed is
// unchanged. After a restart the date moves on, which costs such a client one fetch.
Response PublishRoutes::cached_response(const Request& request, std::string body, std::string_view content_type) {
    const std::string etag = etag_of(body);
    if (last_changes_.size() > kRememberedBodies) last_changes_.clear();
    // By resource (its path, hashed: no token is kept): a body that changes back to an
    // earlier one is still a change.
    const std::string_view target(request.target().data(), request.target().size());
    LastChange& change = last_changes_[etag_of(split_target(target).first)];
    if (change.etag != etag) change = {etag, clock_.now()};
    const std::chrono::sys_seconds last_modified = change.at;
    const bool same = unchanged(request, etag, last_modified);
    Response response = make_response(request, same ? http::status::not_modified : http::status::ok,
                                      same ? std::string() : std::move(body), content_type);
    if (same) response.erase(http::field::content_length);  // a 304 has no body, and says nothing of its length
    response.set(http::field::etag, etag);
    response.set(http::field::last_modified, http_date(last_modified));
    set_private(response);
    return response;
}

bool PublishRoutes::handles(std::string_view target) {
    const std::string_view path = split_target(target).first;
    return path.starts_with(kCalendarPrefix) || path.starts_with(kOverviewPrefix) || path.starts_with(kPicturePrefix) ||
           path == kFavicon;
}

Response PublishRoutes::route(const Request& request) {
    if (request.method() != http::verb::get) {
        Response response = make_response(request, http::status::method_not_allowed, "only GET\n",
                                          "text/plain; charset=utf-8");
        response.set(http::field::allow, "GET");
        return response;
    }
    const std::string_view target(request.target().data(), request.target().size());
    const auto [path, query] = split_target(target);
    if (path == kFavicon) {
        Response response = make_response(request, http::status::no_content, "", "image/x-icon");
        response.set(http::field::cache_control, "public, max-age=86400");
        return response;
    }
    try {
        if (path.starts_with(kCalendarPrefix)) {
            std::string_view file = path.substr(kCalendarPrefix.size());
            if (!file.ends_with(".ics")) return not_found(request);
            return calendar(request, file.substr(0, file.size() - 4));
        }
        if (path.starts_with(kOverviewPrefix)) {
            std::string_view rest = path.substr(kOverviewPrefix.size());
            const bool stylesheet = rest.ends_with(kStylesheet);
            if (stylesheet) rest.remove_suffix(kStylesheet.size());
            return overview(request, rest, stylesheet);
        }
        return picture(request, path.substr(kPicturePrefix.size()), query_value(query, "t"));
    } catch (const std::exception& error) {
        log::error("publish_failed", {{"route", path.substr(0, path.find('/', 1))}, {"error", error.what()}});
        return make_response(request, http::status::internal_server_error, "internal error\n",
                             "text/plain; charset=utf-8");
    }
}

Response PublishRoutes::calendar(const Request& request, std::string_view token) {
    const std::optional<storage::AccessToken> found = find_token(database_, token);
    // The page's own token opens the page only; the feed it links has a token of its own.
    if (!found || found->kind == commands::AccessKind::overview) return not_found(request);
    const storage::WorkState state(database_);
    if (found->kind == commands::AccessKind::overview_calendar && !owner_is_admin(state, *found))
        return not_found(request);
    const std::chrono::sys_seconds now = clock_.now();
    const date::year_month_day today(date::floor<date::days>(date::make_zoned(zone_, now).get_local_time()));
    const std::shared_ptr<const PlanInForce> plan = plans_->in(static_cast<int>(today.year()));
    publish::FeedRequest feed_request{plan->plan, &state, zone_, now};
    if (found->kind == commands::AccessKind::calendar) {
        // The roles the person holds today, on any of their linked accounts: the feed
        // follows a new role or a term's end at the next fetch.
        std::vector<config::RoleRef> roles = state.roles_of(found->platform, found->user_id, today);
        for (const commands::Person& account : state.linked_accounts(found->platform, found->user_id))
            for (config::RoleRef& role : state.roles_of(account.platform, account.user_id, today))
                roles.push_back(std::move(role));
        feed_request.roles = std::move(roles);
        feed_request.name = plan->plan.organisation + " – mine frister";
    } else {
        feed_request.name = plan->plan.organisation + " – årshjul og frister";
    }
    publish::CalendarFeed feed = publish::calendar_feed(feed_request);
    return cached_response(request, std::move(feed.text), "text/calendar; charset=utf-8");
}

// The page and its feed are the admins': their links stop working when the owner is no
// admin any more (by the settings or in the chat, on any of their linked accounts).
bool PublishRoutes::owner_is_admin(const commands::State& state, const storage::AccessToken& token) const {
    auto admin = [&](const std::string& platform, const std::string& user_id) {
        if (state.is_admin(platform, user_id)) return true;
        return std::ranges::any_of(config_admins_, [&](const commands::Person& configured) {
            return configured.platform == platform && configured.user_id == user_id;
        });
    };
    if (admin(token.platform, token.user_id)) return true;
    return std::ranges::any_of(state.linked_accounts(token.platform, token.user_id),
                               [&](const commands::Person& account) { return admin(account.platform, account.user_id); });
}

Response PublishRoutes::overview(const Request& request, std::string_view token, bool stylesheet) {
    const std::optional<storage::AccessToken> found = find_token(database_, token);
    if (!found || found->kind != commands::AccessKind::overview) return not_found(request);
    const storage::WorkState state(database_);
    if (!owner_is_admin(state, *found)) return not_found(request);
    if (stylesheet) {
        Response response = make_response(request, http::status::ok, std::string(publish::overview_stylesheet()),
                                           "text/css; charset=utf-8");
        set_private(response);
        return response;
    }
    const std::chrono::sys_seconds now = clock_.now();
    const date::year_month_day today(date::floor<date::days>(date::make_zoned(zone_, now).get_local_time()));
    const std::shared_ptr<const PlanInForce> plan = plans_->in(static_cast<int>(today.year()));
    const int year = std::clamp(static_cast<int>(today.year()), plan->plan.first_year, plan->plan.last_year);
    publish::OverviewRequest page{plan->plan, &state, year, today};
    page.zone = zone_;
    const std::string base = std::string(kOverviewPrefix) + std::string(token);
    page.wheel_picture_url = std::string(kPicturePrefix) + std::to_string(year) + ".svg?t=" + std::string(token);
    page.calendar_url = commands::calendar_path(RandomAccessTokens().derived(token));
    page.stylesheet_url = base + std::string(kStylesheet);
    Response response = make_response(request, http::status::ok, publish::overview_page(page), "text/html; charset=utf-8");
    set_private(response);
    response.set(http::field::cache_control, "no-store");  // names and comments: not even on the browser's disk
    response.set("Content-Security-Policy", kPagePolicy);
    response.set("X-Frame-Options", "DENY");
    return response;
}

Response PublishRoutes::picture(const Request& request, std::string_view file, std::string_view token) {
    const bool png = file.ends_with(".png");
    if (!png && !file.ends_with(".svg")) return not_found(request);
    int year = 0;
    const std::string_view digits = file.substr(0, file.size() - 4);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), year);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.size() != 4) return not_found(request);
    if (!find_token(database_, token)) return not_found(request);
    const std::chrono::sys_seconds now = clock_.now();
    const date::year_month_day today(date::floor<date::days>(date::make_zoned(zone_, now).get_local_time()));
    const config::Plan& plan = plans_->in(static_cast<int>(today.year()))->plan;
    if (year < plan.first_year || year > plan.last_year) return not_found(request);
    std::string body = draw_wheel(database_, *plans_, zone_, now, year, png ? PictureFormat::png : PictureFormat::svg);
    return cached_response(request, std::move(body), png ? "image/png" : "image/svg+xml");
}

}  // namespace planbot::bot
