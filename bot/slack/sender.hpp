// Delivers outbox rows through Slack's Web API and says what Slack's answer means for
// the row (bot/platform.hpp's Delivery). Slack's own rules live here, not in the
// dispatcher: which method a row calls, the platform id of what it made
// ("<channel>:<ts>"), and that an ephemeral answer to a button press that can no longer
// be shown is harmless.
#pragma once

#include <functional>
#include <string>

#include "bot/platform.hpp"
#include "bot/slack/web_api.hpp"

namespace planbot::bot::slack {

// Posts JSON to a slash command's response_url (another host than the Web API's).
using ResponsePoster = std::function<boost::asio::awaitable<HttpResult>(std::string url, std::string body)>;

class SlackSender final : public Sender {
public:
    // `api` carries one request at a time. `post_response` delivers the rows meant for a
    // command's response_url; without it they are refused.
    // `loopback_response_urls`: as SlackRoutes::set_loopback_response_urls.
    explicit SlackSender(WebApi& api, ResponsePoster post_response = {}, bool loopback_response_urls = false)
        : api_(api), post_response_(std::move(post_response)), loopback_response_urls_(loopback_response_urls) {}

    boost::asio::awaitable<Delivery> send(const storage::OutboxMessage& message) override;

private:
    boost::asio::awaitable<Delivery> send_to_response_url(const storage::OutboxMessage& message);

    WebApi& api_;
    ResponsePoster post_response_;
    bool loopback_response_urls_ = false;
};

// Pure: what the response_url's answer means for the row. Slack answers 200 ("ok"), 404
// for a URL used up or older than 30 minutes (the answer cannot be shown any more:
// refused, harmlessly), 429 with Retry-After; the chat is never gone for it.
Delivery response_url_delivery(const HttpResult& result);

// Pure: the Delivery of a row sent with `request_method` (and `request_body`) that got `answer`.
Delivery delivery_of(const WebAnswer& answer, std::string_view request_method, const nlohmann::json& request_body);

}  // namespace planbot::bot::slack
