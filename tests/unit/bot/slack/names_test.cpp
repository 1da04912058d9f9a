// bot/slack/names: a sender named only by id gets their name from the users table, else
// from users.info (asked once, over a loopback stand-in for Slack's Web API), and keeps
// the id when Slack cannot say. users.info's answer is read in Slack's documented shape.
#include <catch2/catch.hpp>

#include "bot/awaitable.hpp"
#include "bot/http/http_server.hpp"
#include "bot/slack/names.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"

using namespace planbot;
using namespace planbot::bot;
using namespace planbot::bot::slack;

namespace {

// users.info's answer as Slack documents it (trimmed).
const char* kUsersInfo = R"({"ok":true,"user":{"id":"W012A3CDE","team_id":"T012AB3C4","name":"spengler",
  "deleted":false,"real_name":"Egon Spengler","tz":"Europe/Oslo",
  "profile":{"real_name":"Egon Spengler","display_name":"spengler","first_name":"Egon","last_name":"Spengler"},
  "is_bot":false}})";

Incoming event_from(std::string user) {
    Incoming incoming;
    incoming.update_id = 1;
    commands::Event& event = incoming.event.emplace();
    event.platform = "slack";
    event.user_id = user;
    event.user_name = user;
    return incoming;
}

// A Web API stand-in on 127.0.0.1 that answers users.info with `answer` and counts calls.
struct SlackStandIn {
    net::io_context io{1};
    storage::Database database = storage::Database::in_memory();
    std::string answer;
    int calls = 0;
    std::string asked_for;
    HttpServer server{io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0), HttpLimits{},
                      [this](Request request, Peer) -> net::awaitable<Response> {
                          ++calls;
                          asked_for = std::string(request.target()) + " " + request.body();
                          co_return make_response(request, http::status::ok, answer);
                      },
                      nullptr};
    net::ssl::context tls{net::ssl::context::tls_client};
    std::optional<HttpsClient> client;
    std::optional<NameBook> names;

    explicit SlackStandIn(std::string reply) : answer(std::move(reply)) {
        storage::migrate(database);
        server.start();
        client.emplace(io.get_executor(), tls, BaseUrl{false, "127.0.0.1", std::to_string(server.port()), ""});
        names.emplace(*client, "xoxb-test", database);
    }

    Incoming fill(std::string user) {
        Incoming incoming = event_from(std::move(user));
        bool done = false;
        net::co_spawn(io, [&]() -> net::awaitable<void> {
            co_await names->fill(incoming);
            done = true;
            io.stop();
        }, net::detached);
        io.run();
        io.restart();
        REQUIRE(done);
        return incoming;
    }
};

}  // namespace

TEST_CASE("users.info's profile names the person, and the handle is their username") {
    const auto user = user_from_users_info(nlohmann::json::parse(kUsersInfo));
    REQUIRE(user.has_value());
    CHECK(user->user_id == "W012A3CDE");
    CHECK(user->first_name == "Egon");
    CHECK(user->last_name == "Spengler");
    CHECK(user->username == "spengler");
    // Without first and last name in the profile, the real name is split.
    auto bare = nlohmann::json::parse(kUsersInfo);
    bare["user"]["profile"].erase("first_name");
    bare["user"]["profile"].erase("last_name");
    bare["user"]["profile"]["real_name"] = "Kari Marie Nordmann";
    CHECK(user_from_users_info(bare)->first_name == "Kari");
    CHECK(user_from_users_info(bare)->last_name == "Marie Nordmann");
    CHECK_FALSE(user_from_users_info(nlohmann::json::parse(R"({"ok":true,"user":"W1"})")).has_value());
    CHECK_FALSE(user_from_users_info(nlohmann::json::parse(R"([1,2])")).has_value());
}

TEST_CASE("a sender known only by id is named by users.info, once") {
    SlackStandIn slack(kUsersInfo);
    const Incoming first = slack.fill("W012A3CDE");
    CHECK(slack.calls == 1);
    CHECK(slack.asked_for.find("/api/users.info") == 0);
    CHECK(slack.asked_for.ends_with(" user=W012A3CDE"));  // a read method: a form, not JSON
    CHECK(first.event->user_name == "Egon");
    REQUIRE(first.user.has_value());
    CHECK(first.user->first_name == "Egon");
    CHECK(first.user->last_name == "Spengler");
    const Incoming again = slack.fill("W012A3CDE");
    CHECK(slack.calls == 1);  // remembered
    CHECK(again.event->user_name == "Egon");
}

TEST_CASE("a name in the users table is used without asking Slack") {
    SlackStandIn slack(kUsersInfo);
    storage::Directory(slack.database)
        .remember_user({"slack", "U0KARI", "Kari", "Nordmann", "kari"}, std::chrono::sys_seconds{}, true);
    const Incoming incoming = slack.fill("U0KARI");
    CHECK(slack.calls == 0);
    CHECK(incoming.event->user_name == "Kari");
}

TEST_CASE("when Slack cannot say, the id stands for the name, the sender is still remembered, and is not asked for at every message") {
    SlackStandIn slack(R"({"ok":false,"error":"user_not_found"})");
    const Incoming incoming = slack.fill("U0GHOST");
    CHECK(slack.calls == 1);
    CHECK(incoming.event->user_name == "U0GHOST");
    REQUIRE(incoming.user.has_value());
    CHECK(incoming.user->user_id == "U0GHOST");
    // The next message, moments later, does not wait for Slack again.
    CHECK(slack.fill("U0GHOST").event->user_name == "U0GHOST");
    CHECK(slack.calls == 1);
    // Another person is still asked for.
    slack.fill("U0OTHER");
    CHECK(slack.calls == 2);
}

TEST_CASE("an app that may not read names (no users:read) stops asking, so no message waits for it") {
    SlackStandIn slack(R"({"ok":false,"error":"missing_scope","needed":"users:read","provided":"chat:write"})");
    CHECK(slack.fill("U0ONE").event->user_name == "U0ONE");
    CHECK(slack.fill("U0TWO").event->user_name == "U0TWO");
    CHECK(slack.fill("U0THREE").event->user_name == "U0THREE");
    CHECK(slack.calls == 1);
}

TEST_CASE("a person mentioned by member ID is named as planbot knows them, and a handle does not overwrite their name") {
    SlackStandIn slack(kUsersInfo);
    storage::Directory(slack.database)
        .remember_user({"slack", "U0KARI", "Kari", "Nordmann", "kari"}, std::chrono::sys_seconds{}, true);
    storage::Directory(slack.database)
        .remember_user({"slack", "W012A3CDE", "Egon", "Spengler", "spengler"}, std::chrono::sys_seconds{}, true);
    Incoming incoming = event_from("W012A3CDE");
    incoming.event->mentioned_users = {{"U0KARI", "U0KARI", ""}, {"U0NOBODY", "U0NOBODY", ""}};
    incoming.other_users = {{"slack", "U0KARI", "kari", "", "kari"}};
    net::co_spawn(slack.io, [&]() -> net::awaitable<void> {
        co_await slack.names->fill(incoming);
        slack.io.stop();
    }, net::detached);
    slack.io.run();
    CHECK(incoming.event->mentioned_users[0].name == "Kari Nordmann");
    CHECK(incoming.event->mentioned_users[0].username == "kari");
    CHECK(incoming.event->mentioned_users[1].name == "U0NOBODY");  // unknown: no request is made for a mention
    CHECK(incoming.other_users[0].first_name == "Kari");
    CHECK(incoming.other_users[0].last_name == "Nordmann");
    CHECK(slack.calls == 0);
}
