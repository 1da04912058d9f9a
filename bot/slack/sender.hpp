// Delivers outbox rows through Slack's Web API and says what Slack's answer means for
// the row (bot/platform.hpp's Delivery). Slack's own rules live here, not in the
// dispatcher: which method a row calls, the platform id of what it made
// ("<channel>:<ts>"), and that an ephemeral answer to a button press that can no longer
// be shown is harmless.
#pragma once

#include "bot/platform.hpp"
#include "bot/slack/web_api.hpp"

namespace planbot::bot::slack {

class SlackSender final : public Sender {
public:
    // `api` carries one request at a time.
    explicit SlackSender(WebApi& api) : api_(api) {}

    boost::asio::awaitable<Delivery> send(const storage::OutboxMessage& message) override;

private:
    WebApi& api_;
};

// Pure: the Delivery of a row sent with `request_method` (and `request_body`) that got `answer`.
Delivery delivery_of(const WebAnswer& answer, std::string_view request_method, const nlohmann::json& request_body);

}  // namespace planbot::bot::slack
