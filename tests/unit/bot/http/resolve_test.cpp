// The HTTPS client's host lookup has the request's deadline: a resolver that never
// answers (a DNS server dropping queries) fails the request in time instead of holding
// it forever, and once a lookup has succeeded, a later one that hangs or fails falls back
// to the addresses found then. The hanging resolver is the test's own (the client takes
// one), so nothing depends on the machine's DNS; the server is planbot's, on 127.0.0.1.
#include <catch2/catch.hpp>

#include <optional>

#include "bot/awaitable.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/https_client.hpp"
#include "tests/support/bot_test_support.hpp"

using namespace planbot::bot;
using namespace std::chrono_literals;
using planbot::test::run_until;

namespace {

using Results = tcp::resolver::results_type;

// Never answers (as far as a test can wait): an hour's timer.
HttpsClient::Resolver hanging_resolver(int& asked) {
    return [&asked](std::string, std::string) -> net::awaitable<std::pair<boost::system::error_code, Results>> {
        ++asked;
        net::steady_timer never(co_await net::this_coro::executor, std::chrono::hours(1));
        co_await never.async_wait(use_tuple);
        co_return std::pair{boost::system::error_code(net::error::host_not_found), Results{}};
    };
}

// The first lookup gives 127.0.0.1, every later one hangs.
HttpsClient::Resolver answers_once_then_hangs(int& asked) {
    auto hang = hanging_resolver(asked);
    return [&asked, hang](std::string host, std::string port) -> net::awaitable<std::pair<boost::system::error_code, Results>> {
        if (asked > 0) co_return co_await hang(host, port);
        ++asked;
        tcp::resolver resolver(co_await net::this_coro::executor);
        auto [error, endpoints] = co_await resolver.async_resolve("127.0.0.1", port, use_tuple);
        co_return std::pair{error, std::move(endpoints)};
    };
}

struct Posted {
    std::optional<HttpResult> result;
};

void post(net::io_context& io, HttpsClient& client, Posted& posted, std::chrono::seconds timeout) {
    posted.result.reset();
    net::co_spawn(io, [&client, &posted, timeout]() -> net::awaitable<void> {
        posted.result = co_await client.post_json("/botTOKEN/getMe", "{}", timeout);
    }, net::detached);
}

}  // namespace

TEST_CASE("a host lookup that never answers fails the request at its deadline instead of holding it") {
    net::io_context io;
    net::ssl::context tls(net::ssl::context::tls_client);
    HttpsClient client(io.get_executor(), tls, BaseUrl{false, "api.telegram.example", "443", ""});
    int asked = 0;
    client.set_resolver(hanging_resolver(asked));
    Posted posted;
    post(io, client, posted, 1s);
    REQUIRE(run_until(io, [&] { return posted.result.has_value(); }, 10s));
    CHECK(asked == 1);
    CHECK(posted.result->error == net::error::timed_out);
    CHECK(posted.result->status == 0);
}

TEST_CASE("after one lookup succeeded, a lookup that hangs uses the addresses found then and the request goes") {
    net::io_context io;
    HttpServer server(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0), HttpLimits{},
                      [](Request request, Peer) -> net::awaitable<Response> {
                          co_return make_response(request, http::status::ok, R"({"ok":true,"result":{}})");
                      },
                      nullptr);
    server.start();
    net::ssl::context tls(net::ssl::context::tls_client);
    HttpsClient client(io.get_executor(), tls, BaseUrl{false, "api.telegram.example", std::to_string(server.port()), ""});
    int asked = 0;
    client.set_resolver(answers_once_then_hangs(asked));
    Posted posted;
    post(io, client, posted, 2s);
    REQUIRE(run_until(io, [&] { return posted.result.has_value(); }, 10s));
    CHECK_FALSE(posted.result->error);
    CHECK(posted.result->status == 200);

    client.close();  // the next request connects, and so looks the host up, again
    post(io, client, posted, 1s);
    REQUIRE(run_until(io, [&] { return posted.result.has_value(); }, 10s));
    CHECK(asked == 2);
    CHECK_FALSE(posted.result->error);
    CHECK(posted.result->status == 200);
    server.stop();
}

TEST_CASE("a host name that cannot be resolved fails the request within its deadline") {
    // .invalid never resolves (RFC 6761). Offline, the system's resolver either says so
    // at once or waits for a DNS server that is not there: either way the answer is an
    // error, by the deadline.
    net::io_context io;
    net::ssl::context tls(net::ssl::context::tls_client);
    HttpsClient client(io.get_executor(), tls, BaseUrl{false, "planbot-test.invalid", "443", ""});
    Posted posted;
    post(io, client, posted, 2s);
    REQUIRE(run_until(io, [&] { return posted.result.has_value(); }, 15s));
    CHECK(posted.result->error);
    CHECK(posted.result->status == 0);
}
