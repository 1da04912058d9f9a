// bot/slack/routes + event_handler: Slack's three routes end to end on an in-memory
// SQLite database with the shipped plan and a clock standing still at Tuesday 17 March
// 2026, 10:00 in Oslo: requests signed as Slack signs them, handled once, answered only
// after the commit; unsigned ones refused with nothing stored. The dispatcher is built
// (the routes notify it) but never started, so every queued row stays in the outbox.
#include <catch2/catch.hpp>

#include <boost/asio.hpp>

#include "bot/http/https_client.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/slack/event_handler.hpp"
#include "bot/slack/routes.hpp"
#include "bot/slack/sender.hpp"
#include "bot/slack/web_api.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "tests/support/bot_test_support.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/bot/slack/slack_test_support.hpp"

using namespace planbot;
using namespace planbot::bot;
using namespace planbot::bot::slack;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr const char* kAdmin = "UADMIN001";
constexpr const char* kKari = "UKARI0001";
constexpr const char* kStranger = "UOLA00001";
constexpr const char* kChannel = "C0KASSERER";

struct SlackService {
    net::io_context io{1};
    storage::Database database = storage::Database::in_memory();
    test::TestClock clock{test::oslo_time("2026-03-17T10:00")};
    SlackIdentity identity = test::slack_bot();
    EventHandler handler{database, test::shipped_plan(), clock, test::oslo(), identity, {kAdmin}};
    net::ssl::context client_tls{net::ssl::context::tls_client};
    HttpsClient api_client{io.get_executor(), client_tls, BaseUrl{false, "127.0.0.1", "9", ""}};
    WebApi api{api_client, "xoxb-test"};
    SlackSender sender{api};
    Dispatcher dispatcher{io, database, clock, handler.platform(), sender, {}};
    SlackRoutes routes{std::string(kSigningSecret), handler, dispatcher, clock, identity};
    storage::Outbox outbox{database};

    SlackService() { storage::migrate(database); }

    Response call(Request request) {
        std::optional<Response> response;
        net::co_spawn(io, routes.route(std::move(request)), [&](std::exception_ptr error, Response answer) {
            if (error) std::rethrow_exception(error);
            response = std::move(answer);
        });
        REQUIRE(test::run_until(io, [&] { return response.has_value(); }));
        return std::move(*response);
    }

    Response post(std::string_view path, std::string body, std::string_view content_type = "application/json",
                  std::optional<std::string> signature = std::nullopt) {
        Request request{http::verb::post, std::string(path), 11};
        const std::string timestamp = std::to_string(clock.now().time_since_epoch().count());
        request.set("X-Slack-Request-Timestamp", timestamp);
        request.set("X-Slack-Signature", signature.value_or(test::slack_signature(kSigningSecret, timestamp, body)));
        request.set(http::field::content_type, content_type);
        request.body() = std::move(body);
        request.prepare_payload();
        return call(std::move(request));
    }

    Response command(const std::string& user, const std::string& user_name, const std::string& text,
                     const std::string& trigger) {
        return post(kCommandsPath,
                    "team_id=T1&channel_id=" + std::string(kChannel) + "&channel_name=kasserere&user_id=" + user +
                        "&user_name=" + user_name + "&command=%2Fplanbot&text=" + test::form_encode(text) +
                        "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fsecret&trigger_id=" + trigger,
                    "application/x-www-form-urlencoded");
    }

    Response press(const std::string& user, const std::string& value, const std::string& trigger) {
        const nlohmann::json payload = {
            {"type", "block_actions"},
            {"user", {{"id", user}, {"username", "someone"}, {"name", "someone"}}},
            {"trigger_id", trigger},
            {"channel", {{"id", kChannel}, {"name", "kasserere"}}},
            {"message", {{"type", "message"}, {"ts", "1773741600.000100"}, {"text", "⏰ Påminnelse: nr. 9 har frist."}}},
            {"actions", {{{"action_id", "planbot_done"}, {"value", value}, {"type", "button"}}}}};
        return post(kInteractivityPath, "payload=" + test::form_encode(payload.dump()), "application/x-www-form-urlencoded");
    }

    int64_t rows(std::string_view sql) { return test::count_rows(database, sql); }
    std::vector<storage::OutboxMessage> pending_in(std::string_view chat) {
        std::vector<storage::OutboxMessage> out;
        for (storage::OutboxMessage& row : outbox.all_for_chat("slack", chat))
            if (row.status == storage::OutboxStatus::pending) out.push_back(std::move(row));
        return out;
    }
};


}  // namespace

TEST_CASE("a signed event is handled once when Slack delivers it twice") {
    SlackService service;
    const std::string body = test::slack_fixture("app_mention.json");
    CHECK(service.post(kEventsPath, body).result() == http::status::ok);
    const auto answers = service.pending_in("C123ABC456");
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].text.find("mai") != std::string::npos);
    // Slack's retry (X-Slack-Retry-Num: 1) of the same event_id.
    CHECK(service.post(kEventsPath, body).result() == http::status::ok);
    CHECK(service.pending_in("C123ABC456").size() == 1);
    CHECK(service.rows("SELECT count(*) FROM processed_updates WHERE platform = 'slack'") == 1);
    // The same mention as a channel message: handled (marked), not answered again.
    CHECK(service.post(kEventsPath, test::slack_fixture("message_channels_mention.json")).result() == http::status::ok);
    CHECK(service.pending_in("C123ABC456").size() == 1);
}

TEST_CASE("a request with a bad, stale or missing signature is refused with 401 and nothing is stored") {
    SlackService service;
    const std::string body = test::slack_fixture("app_mention.json");
    const Response forged = service.post(kEventsPath, body, "application/json", "v0=" + std::string(64, '0'));
    CHECK(forged.result() == http::status::unauthorized);
    CHECK(forged.body().empty());
    const std::string old = std::to_string(service.clock.now().time_since_epoch().count() - 301);
    Request stale{http::verb::post, std::string(kEventsPath), 11};
    stale.set("X-Slack-Request-Timestamp", old);
    stale.set("X-Slack-Signature", test::slack_signature(kSigningSecret, old, body));
    stale.body() = body;
    stale.prepare_payload();
    CHECK(service.call(std::move(stale)).result() == http::status::unauthorized);
    Request unsigned_request{http::verb::post, std::string(kCommandsPath), 11};
    unsigned_request.body() = test::slack_fixture("slash_command.txt");
    unsigned_request.prepare_payload();
    CHECK(service.call(std::move(unsigned_request)).result() == http::status::unauthorized);
    CHECK(service.rows("SELECT count(*) FROM processed_updates") == 0);
    CHECK(service.rows("SELECT count(*) FROM outbox") == 0);
    CHECK(service.rows("SELECT count(*) FROM users") == 0);
}

TEST_CASE("url_verification is answered with its challenge") {
    SlackService service;
    const Response response = service.post(kEventsPath, test::slack_fixture("url_verification.json"));
    CHECK(response.result() == http::status::ok);
    CHECK(nlohmann::json::parse(response.body())["challenge"] == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST_CASE("other methods get 405 and unknown Slack paths 404") {
    SlackService service;
    CHECK(service.call(Request{http::verb::get, std::string(kEventsPath), 11}).result() ==
          http::status::method_not_allowed);
    CHECK(service.post("/slack/unknown", "{}").result() == http::status::not_found);
    CHECK(SlackRoutes::handles("/slack/events"));
    CHECK_FALSE(SlackRoutes::handles("/telegram/webhook"));
}

TEST_CASE("a slash command is acknowledged at once and answered through its response_url, seen only by whoever typed it") {
    SlackService service;
    const Response response = service.command(kStranger, "ola", "hva skjer i mai", "1.1.a");
    CHECK(response.result() == http::status::ok);
    CHECK(response.body().empty());
    // The answer waits in the outbox (committed with the command), for the response_url.
    const auto rows = service.pending_in(kChannel);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].method == "response_url");
    const ApiRequest request = api_request(rows[0]);
    CHECK(request.body["response_url"] == "https://hooks.slack.com/commands/T1/1/secret");
    CHECK(request.body["response_type"] == "ephemeral");
    CHECK(request.body["text"].get<std::string>().find("mai") != std::string::npos);
    CHECK_FALSE(request.body.contains("channel"));  // never posted to the channel itself
    // The same trigger again (a retried request) changes nothing.
    const Response again = service.command(kStranger, "ola", "hva skjer i mai", "1.1.a");
    CHECK(again.result() == http::status::ok);
    CHECK(service.pending_in(kChannel).size() == 1);
}

TEST_CASE("a response_url that is not Slack's is never posted to") {
    CHECK(acceptable_response_url("https://hooks.slack.com/commands/T1/1/x"));
    // Plain http:// on loopback only beside a Web API stand-in on loopback (tests).
    CHECK_FALSE(acceptable_response_url("http://127.0.0.1:9000/response/1"));
    CHECK(acceptable_response_url("http://127.0.0.1:9000/response/1", true));
    CHECK_FALSE(acceptable_response_url("http://10.0.0.1:9000/response/1", true));
    CHECK_FALSE(acceptable_response_url("https://evil.example/commands"));
    CHECK_FALSE(acceptable_response_url("https://hooks.slack.com.evil.example/x"));
    CHECK_FALSE(acceptable_response_url("http://hooks.slack.com/commands/T1/1/x"));
    CHECK_FALSE(acceptable_response_url("file:///etc/passwd"));
    CHECK(command_response_url("response_url=https%3A%2F%2Fevil.example%2Fx&text=hei").empty());
}

TEST_CASE("a press on ✅ Ferdig by the role holder confirms and queues the reminder's update, a stranger's is refused") {
    SlackService service;
    // The admin gives Kari the kasserer role, naming her as Slack escapes a mention.
    const Response given =
        service.command(kAdmin, "anne", "rolle gi kasserer <@" + std::string(kKari) + "|kari>", "2.1.a");
    REQUIRE(given.result() == http::status::ok);
    REQUIRE(service.rows("SELECT count(*) FROM role_holders WHERE user_id = 'UKARI0001' AND role_id = 'kasserer'") == 1);
    const std::string data = commands::done_button_data(commands::OccurrenceId{9, "", "2026-3"});

    SECTION("a stranger's press changes nothing and is answered to the stranger alone") {
        CHECK(service.press(kStranger, data, "3.1.a").result() == http::status::ok);
        CHECK(service.rows("SELECT count(*) FROM completions") == 0);
        std::vector<storage::OutboxMessage> rows;
        for (storage::OutboxMessage& row : service.pending_in(kChannel))
            if (row.method != "response_url") rows.push_back(std::move(row));  // the admin's command's answer
        REQUIRE(rows.size() == 1);
        const ApiRequest request = api_request(rows[0]);
        CHECK(request.method == "chat.postEphemeral");
        CHECK(request.body["user"] == kStranger);
        CHECK(request.body["text"].get<std::string>().starts_with("Bare den som har ansvar"));
    }
    SECTION("Kari's press confirms the task and edits the reminder to say so") {
        CHECK(service.press(kKari, data, "3.2.a").result() == http::status::ok);
        CHECK(service.rows("SELECT count(*) FROM completions WHERE task = 9 AND user_id = 'UKARI0001'") == 1);
        bool updated = false;
        for (const storage::OutboxMessage& row : service.pending_in(kChannel)) {
            const ApiRequest request = api_request(row);
            if (request.method != "chat.update") continue;
            updated = true;
            CHECK(request.body["channel"] == kChannel);
            CHECK(request.body["ts"] == "1773741600.000100");
            CHECK(request.body["text"].get<std::string>().find("✅ Ferdig – meldt av") != std::string::npos);
            CHECK(request.body["blocks"] == nlohmann::json::array());
        }
        CHECK(updated);
        // The same press delivered again confirms nothing twice.
        const auto before = service.outbox.all_for_chat("slack", kChannel).size();
        CHECK(service.press(kKari, data, "3.2.a").result() == http::status::ok);
        CHECK(service.outbox.all_for_chat("slack", kChannel).size() == before);
    }
}
