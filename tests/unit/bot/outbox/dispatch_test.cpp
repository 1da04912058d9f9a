// bot/dispatch: the outbox drained against a stub Bot API server on 127.0.0.1 that
// answers what the test tells it (200, 500, 429, 403, 400), to messages, edits and
// answers to button presses. The dispatcher, the stub
// and the test share one io_context run on the test's thread; the clock stands
// still until the test moves it, so retries happen when the test says the back-off
// has passed. Only the rate limiter's per-chat gap is shortened (100 ms). Most tests
// give the dispatcher one connection; those about requests in flight at once give it
// several, and the stub can hold an answer back until the test lets it go.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <nlohmann/json.hpp>

#include "bot/outbox/dispatch.hpp"
#include "bot/http/https_client.hpp"
#include "bot/log.hpp"
#include "bot/telegram/adapter.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/sender.hpp"
#include "tests/support/bot_test_support.hpp"
#include "storage/migrations.hpp"
#include "storage/work_state.hpp"

using namespace planbot;
using namespace planbot::bot;
using namespace std::chrono_literals;
using nlohmann::json;
using test::run_until;

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

struct StubCall {
    std::string target;  // /bot<token>/<method>
    json body;
    std::chrono::steady_clock::time_point at;

    std::string chat() const { return body.contains("chat_id") ? body["chat_id"].dump() : std::string(); }
    std::string method() const { return target.substr(target.rfind('/') + 1); }
    std::string text() const { return body.value("text", std::string()); }
};

struct StubReply {
    int status = 200;
    std::string body;                 // empty: Telegram's answer to a sent message
    std::optional<int> retry_after;   // the Retry-After header
    bool close_after = false;         // close the connection after answering, without saying so
    std::function<bool()> answer_when{};  // set: answer only once this holds (gives up after 5 s)
};

StubReply telegram_error(int status, std::string_view description, json parameters = nullptr) {
    json body = {{"ok", false}, {"error_code", status}, {"description", description}};
    if (!parameters.is_null()) body["parameters"] = parameters;
    return StubReply{status, body.dump(), std::nullopt};
}

// A Bot API server that records every call and answers as the script says.
class StubBotApi {
public:
    using Script = std::function<StubReply(const StubCall& call, size_t index)>;

    StubBotApi(net::io_context& io, Script script)
        : acceptor_(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)), script_(std::move(script)) {
        net::co_spawn(io, accept_loop(), net::detached);
    }

    uint16_t port() const { return acceptor_.local_endpoint().port(); }

    void stop() {
        stopped_ = true;
        beast::error_code ignored;
        acceptor_.close(ignored);
        for (auto& weak : streams_)
            if (auto stream = weak.lock()) stream->socket().close(ignored);
    }

    std::vector<StubCall> calls;
    int connections = 0;  // accepted so far
    // "call <text>" when a request came, "answer <text>" when its answer was written.
    std::vector<std::string> events;

    std::vector<StubCall> calls_to(std::string_view chat) const {
        std::vector<StubCall> found;
        for (const auto& call : calls)
            if (call.chat() == chat) found.push_back(call);
        return found;
    }

private:
    net::awaitable<void> accept_loop() {
        for (;;) {
            auto [error, socket] = co_await acceptor_.async_accept(use_tuple);
            if (error) co_return;
            ++connections;
            net::co_spawn(acceptor_.get_executor(), session(std::move(socket)), net::detached);
        }
    }

    net::awaitable<void> session(tcp::socket socket) {
        auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
        streams_.push_back(stream);
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            auto [read_error, read] = co_await http::async_read(*stream, buffer, request, use_tuple);
            if (read_error) co_return;
            calls.push_back(StubCall{std::string(request.target()), json::parse(request.body(), nullptr, false),
                                     std::chrono::steady_clock::now()});
            const std::string text = calls.back().text();
            events.push_back("call " + text);
            StubReply reply = script_(calls.back(), calls.size() - 1);
            if (reply.body.empty())
                reply.body = json{{"ok", true},
                                  {"result", {{"message_id", 1000 + calls.size()}, {"date", 1776672000}, {"text", text}}}}
                                 .dump();
            if (reply.answer_when) {
                net::steady_timer timer(acceptor_.get_executor());
                const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
                while (!stopped_ && !reply.answer_when() && std::chrono::steady_clock::now() < give_up) {
                    timer.expires_after(std::chrono::milliseconds(5));
                    co_await timer.async_wait(use_tuple);
                }
            }
            http::response<http::string_body> response{static_cast<http::status>(reply.status), request.version()};
            response.set(http::field::content_type, "application/json");
            if (reply.retry_after) response.set(http::field::retry_after, std::to_string(*reply.retry_after));
            response.keep_alive(request.keep_alive());
            response.body() = reply.body;
            response.prepare_payload();
            auto [write_error, written] = co_await http::async_write(*stream, response, use_tuple);
            if (!write_error) events.push_back("answer " + text);
            if (write_error || !response.keep_alive()) co_return;
            if (reply.close_after) {
                beast::error_code ignored;
                stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
                stream->socket().close(ignored);
                co_return;
            }
        }
    }

    tcp::acceptor acceptor_;
    Script script_;
    bool stopped_ = false;
    std::vector<std::weak_ptr<beast::tcp_stream>> streams_;
};

RateLimiter::Limits quick_limits() {
    return RateLimiter::Limits{.total_per_second = 30, .per_chat_gap = 100ms, .group_per_minute = 20};
}

constexpr int64_t kAdminKari = 111222333;
constexpr int64_t kAdminPer = 222333444;

struct DispatchFixture {
    net::io_context io{1};
    storage::Database database = storage::Database::in_memory();
    test::TestClock clock;
    StubBotApi stub;
    net::ssl::context tls{net::ssl::context::tls_client};
    HttpsClient client;
    telegram::BotApi api;
    // Connections beyond the first (`lanes` - 1), for requests in flight at once.
    std::vector<std::unique_ptr<HttpsClient>> more_clients;
    std::vector<std::unique_ptr<telegram::BotApi>> more_apis;
    telegram::TelegramPlatform platform;
    std::vector<std::unique_ptr<telegram::TelegramSender>> senders;
    Dispatcher dispatcher;
    storage::Outbox outbox{database};
    storage::Directory directory{database};

    explicit DispatchFixture(StubBotApi::Script script, std::optional<uint16_t> api_port = std::nullopt,
                             RateLimiter::Limits limits = quick_limits(), size_t lanes = 1)
        : stub(io, std::move(script)),
          client(io.get_executor(), tls, base_url(api_port)),
          api(client, "123456:TEST"),
          more_clients(more_of(lanes, api_port)),
          more_apis(apis_of(more_clients)),
          senders(senders_of(all_apis())),
          dispatcher(io, database, clock, platform, all_senders(),
                     {std::to_string(kAdminKari), std::to_string(kAdminPer)}, limits) {
        storage::migrate(database);
    }

    BaseUrl base_url(std::optional<uint16_t> api_port) const {
        return BaseUrl{false, "127.0.0.1", std::to_string(api_port.value_or(stub.port())), ""};
    }
    std::vector<std::unique_ptr<HttpsClient>> more_of(size_t lanes, std::optional<uint16_t> api_port) {
        std::vector<std::unique_ptr<HttpsClient>> clients;
        for (size_t i = 1; i < lanes; ++i) clients.push_back(std::make_unique<HttpsClient>(io.get_executor(), tls, base_url(api_port)));
        return clients;
    }
    static std::vector<std::unique_ptr<telegram::BotApi>> apis_of(const std::vector<std::unique_ptr<HttpsClient>>& clients) {
        std::vector<std::unique_ptr<telegram::BotApi>> apis;
        for (const auto& more : clients) apis.push_back(std::make_unique<telegram::BotApi>(*more, "123456:TEST"));
        return apis;
    }
    std::vector<telegram::BotApi*> all_apis() {
        std::vector<telegram::BotApi*> apis{&api};
        for (const auto& more : more_apis) apis.push_back(more.get());
        return apis;
    }

    std::vector<std::unique_ptr<telegram::TelegramSender>> senders_of(const std::vector<telegram::BotApi*>& apis) {
        std::vector<std::unique_ptr<telegram::TelegramSender>> out;
        for (telegram::BotApi* one : apis) out.push_back(std::make_unique<telegram::TelegramSender>(*one, database));
        return out;
    }
    std::vector<Sender*> all_senders() {
        std::vector<Sender*> out;
        for (const auto& sender : senders) out.push_back(sender.get());
        return out;
    }

    ~DispatchFixture() {
        dispatcher.stop();
        client.close();
        for (const auto& more : more_clients) more->close();
        stub.stop();
        io.restart();
        io.run_for(200ms);
    }

    int64_t queue(std::string chat_id, std::string text) {
        storage::OutboxMessage message;
        message.platform = "telegram";
        message.chat_id = std::move(chat_id);
        message.text = std::move(text);
        message.parse_mode = "HTML";
        return outbox.append(message, clock.now());
    }

    // The rows of a reply as the adapter makes them (edits, answers, buttons); the last id.
    int64_t queue(const commands::Reply& reply) {
        int64_t id = 0;
        for (const storage::OutboxMessage& message : telegram::outbox_messages(reply)) id = outbox.append(message, clock.now());
        return id;
    }

    storage::OutboxMessage row(int64_t id) {
        auto found = outbox.find(id);
        REQUIRE(found.has_value());
        return *found;
    }

    bool sent(int64_t id) { return row(id).status == storage::OutboxStatus::sent; }

    // Lets the clock pass a back-off and tells the dispatcher to look again.
    void pass(std::chrono::seconds time) {
        clock.advance(time);
        dispatcher.notify();
    }
};

StubReply always_ok(const StubCall&, size_t) { return {}; }

}  // namespace

TEST_CASE("the back-off doubles from one second and stops at ten minutes") {
    CHECK(Dispatcher::backoff(1, 1.0) == 1s);
    CHECK(Dispatcher::backoff(2, 1.0) == 2s);
    CHECK(Dispatcher::backoff(3, 1.0) == 4s);
    CHECK(Dispatcher::backoff(4, 1.0) == 8s);
    CHECK(Dispatcher::backoff(10, 1.0) == 512s);
    CHECK(Dispatcher::backoff(11, 1.0) == 600s);
    CHECK(Dispatcher::backoff(12, 1.0) == 600s);
    CHECK(Dispatcher::backoff(1000, 1.0) == 600s);
    for (int attempt = 1; attempt < 40; ++attempt) CHECK(Dispatcher::backoff(attempt + 1, 1.0) >= Dispatcher::backoff(attempt, 1.0));
}

TEST_CASE("the back-off's jitter shortens it by at most half and never below a second") {
    CHECK(Dispatcher::backoff(1, 0.5) == 1s);
    CHECK(Dispatcher::backoff(4, 0.5) == 4s);
    CHECK(Dispatcher::backoff(11, 0.5) == 300s);
    CHECK(Dispatcher::backoff(0, 1.0) == 1s);
    for (int attempt = 1; attempt < 20; ++attempt) {
        CHECK(Dispatcher::backoff(attempt, 0.5) >= 1s);
        CHECK(Dispatcher::backoff(attempt, 0.5) <= Dispatcher::backoff(attempt, 1.0));
    }
}

TEST_CASE("a pending message is sent to the Bot API and marked sent with Telegram's id") {
    DispatchFixture f(always_ok);
    const int64_t id = f.queue("-1001234567890", "Hei &amp; velkommen");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(id); }));
    REQUIRE(f.stub.calls.size() == 1);
    CHECK(f.stub.calls[0].target == "/bot123456:TEST/sendMessage");
    CHECK(f.stub.calls[0].body["chat_id"] == -1001234567890);
    CHECK(f.stub.calls[0].body["text"] == "Hei &amp; velkommen");
    CHECK(f.stub.calls[0].body["parse_mode"] == "HTML");
    auto sent = f.row(id);
    CHECK(sent.platform_message_id == "1001");
    CHECK(sent.sent_at == test::test_start());
    CHECK(sent.attempts == 1);
    CHECK(f.dispatcher.platform_reachable());
}

TEST_CASE("a message answered 500 is retried after the back-off and then sent") {
    DispatchFixture f([](const StubCall&, size_t index) {
        return index == 0 ? telegram_error(500, "Internal Server Error") : StubReply{};
    });
    const int64_t id = f.queue("111222333", "Hei Kari, styremøtet er i morgen.");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.row(id).attempts == 1; }));
    auto waiting = f.row(id);
    CHECK(waiting.status == storage::OutboxStatus::pending);
    CHECK(waiting.last_error == "Internal Server Error");
    CHECK(waiting.not_before == test::test_start() + 1s);  // back-off of the first retry

    // Nothing happens until the back-off has passed on the clock.
    run_until(f.io, [] { return false; }, 300ms);
    CHECK(f.stub.calls.size() == 1);

    f.pass(1s);
    REQUIRE(run_until(f.io, [&] { return f.sent(id); }));
    REQUIRE(f.stub.calls.size() == 2);
    CHECK(f.stub.calls[1].text() == "Hei Kari, styremøtet er i morgen.");
    CHECK(f.row(id).attempts == 2);
    CHECK(f.row(id).sent_at == test::test_start() + 1s);
}

TEST_CASE("when the Bot API cannot be reached the message waits for a retry") {
    net::io_context probe;
    tcp::acceptor unused(probe, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    const uint16_t closed_port = unused.local_endpoint().port();
    unused.close();  // nothing listens there now

    DispatchFixture f(always_ok, closed_port);
    const int64_t id = f.queue("111222333", "Hei");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.row(id).attempts == 1; }));
    auto waiting = f.row(id);
    CHECK(waiting.status == storage::OutboxStatus::pending);
    CHECK(waiting.not_before == test::test_start() + 1s);
    CHECK_FALSE(waiting.last_error.empty());
    CHECK_FALSE(f.dispatcher.platform_reachable());
}

TEST_CASE("a 429 pauses the messages to every chat for retry_after, not only that chat's") {
    DispatchFixture f([limited = false](const StubCall& call, size_t) mutable {
        if (call.chat() == "-4012345678" && !limited) {
            limited = true;
            StubReply reply = telegram_error(429, "Too Many Requests: retry after 1", {{"retry_after", 1}});
            reply.retry_after = 1;
            return reply;
        }
        return StubReply{};
    });
    const int64_t group = f.queue("-4012345678", "Påminnelse: årsmøtet");
    const int64_t kari = f.queue("111222333", "Hei Kari");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.row(group).attempts == 1; }));
    auto waiting = f.row(group);
    CHECK(waiting.status == storage::OutboxStatus::pending);
    CHECK(waiting.not_before == test::test_start() + 1s);
    CHECK(waiting.last_error == "Too Many Requests: retry after 1");
    CHECK(f.dispatcher.platform_state() == PlatformHealth::State::paused);

    // Kari's message waits out the pause too (in real time, whatever the clock says).
    REQUIRE(run_until(f.io, [&] { return f.sent(kari); }));
    auto to_group = f.stub.calls_to("-4012345678");
    auto to_kari = f.stub.calls_to("111222333");
    REQUIRE(to_kari.size() == 1);
    CHECK(to_kari[0].at - to_group[0].at >= 1s);

    f.pass(1s);
    REQUIRE(run_until(f.io, [&] { return f.sent(group); }));
    to_group = f.stub.calls_to("-4012345678");
    REQUIRE(to_group.size() == 2);
    CHECK(to_group[1].at - to_group[0].at >= 1s);
    CHECK(f.stub.calls.size() == 3);
}

TEST_CASE("a 403 marks the chat inactive, fails its pending messages and tells each admin in Norwegian") {
    DispatchFixture f([](const StubCall& call, size_t) {
        return call.chat() == "-1001234567890" ? telegram_error(403, "Forbidden: bot was kicked from the supergroup chat")
                                               : StubReply{};
    });
    f.directory.remember_chat({"telegram", "-1001234567890", "supergroup", "SV Trøndelag"}, f.clock.now());
    const std::vector<int64_t> ids = {f.queue("-1001234567890", "Første"), f.queue("-1001234567890", "Andre"),
                                      f.queue("-1001234567890", "Tredje")};
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] {
        return !f.stub.calls_to(std::to_string(kAdminKari)).empty() && !f.stub.calls_to(std::to_string(kAdminPer)).empty();
    }));

    CHECK(f.stub.calls_to("-1001234567890").size() == 1);  // no attempt after the first refusal
    CHECK_FALSE(f.directory.chat_active("telegram", "-1001234567890"));
    for (int64_t id : ids) {
        auto failed = f.row(id);
        CHECK(failed.status == storage::OutboxStatus::failed);  // kept, with the reason
        CHECK(failed.last_error.find("bot was kicked from the supergroup chat") != std::string::npos);
    }
    CHECK(f.row(ids[0]).attempts == 1);
    for (int64_t admin : {kAdminKari, kAdminPer}) {
        auto notices = f.stub.calls_to(std::to_string(admin));
        REQUIRE(notices.size() == 1);
        const std::string text = notices[0].text();
        CHECK(text.find("Jeg kan ikke lenger skrive i «SV Trøndelag»") != std::string::npos);
        CHECK(text.find("Forbidden: bot was kicked from the supergroup chat") != std::string::npos);
        CHECK(text.find("Meldinger dit er stoppet") != std::string::npos);
        CHECK(notices[0].body["parse_mode"] == "HTML");
    }
}

TEST_CASE("an admin who blocked the bot is not sent a notice about it") {
    DispatchFixture f([](const StubCall& call, size_t) {
        return call.chat() == std::to_string(kAdminKari) ? telegram_error(403, "Forbidden: bot was blocked by the user")
                                                         : StubReply{};
    });
    f.directory.remember_chat({"telegram", std::to_string(kAdminKari), "private", "Kari"}, f.clock.now());
    const int64_t id = f.queue(std::to_string(kAdminKari), "Påminnelse");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return !f.stub.calls_to(std::to_string(kAdminPer)).empty(); }));
    run_until(f.io, [] { return false; }, 200ms);
    CHECK(f.row(id).status == storage::OutboxStatus::failed);
    CHECK(f.stub.calls_to(std::to_string(kAdminKari)).size() == 1);
    auto notice = f.stub.calls_to(std::to_string(kAdminPer));
    REQUIRE(notice.size() == 1);
    CHECK(notice[0].text().find("«Kari»") != std::string::npos);
    CHECK(f.outbox.all_for_chat("telegram", std::to_string(kAdminKari)).size() == 1);
}

TEST_CASE("messages to one chat go out in order, a retrying one holding back the rest") {
    DispatchFixture f([failed_once = false](const StubCall& call, size_t) mutable {
        if (call.text() == "2" && !failed_once) {
            failed_once = true;
            return telegram_error(502, "Bad Gateway");
        }
        return StubReply{};
    });
    std::vector<int64_t> ids;
    for (const char* text : {"1", "2", "3", "4"}) ids.push_back(f.queue("-4012345678", text));
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.stub.calls.size() == 2 && f.row(ids[1]).attempts == 1; }));
    run_until(f.io, [] { return false; }, 300ms);
    CHECK(f.stub.calls.size() == 2);  // 3 and 4 wait behind 2

    f.pass(1s);
    REQUIRE(run_until(f.io, [&] { return f.sent(ids.back()); }));
    CHECK(f.stub.connections == 1);  // one keep-alive connection for all five calls
    std::vector<std::string> texts;
    for (const auto& call : f.stub.calls) texts.push_back(call.text());
    CHECK(texts == std::vector<std::string>{"1", "2", "2", "3", "4"});
    for (int64_t id : ids) CHECK(f.sent(id));
    // One chat, one message at a time, spaced by the chat's gap (100 ms here, 1 s for Telegram).
    for (size_t i = 0; i + 1 < f.stub.calls.size(); ++i) CHECK(f.stub.calls[i + 1].at - f.stub.calls[i].at >= 80ms);
}

TEST_CASE("a group that became a supergroup gets its message at the new id") {
    DispatchFixture f([](const StubCall& call, size_t) {
        return call.chat() == "-4012345678"
                   ? telegram_error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                                    {{"migrate_to_chat_id", -1009876543210}})
                   : StubReply{};
    });
    f.directory.remember_chat({"telegram", "-4012345678", "group", "SV Trondheim"}, f.clock.now());
    const int64_t id = f.queue("-4012345678", "Hei styret");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(id); }));
    REQUIRE(f.stub.calls.size() == 2);
    CHECK(f.stub.calls[1].body["chat_id"] == -1009876543210);
    CHECK(f.row(id).chat_id == "-1009876543210");
    auto moved = f.directory.find_chat("telegram", "-1009876543210");
    REQUIRE(moved.has_value());
    CHECK(moved->title == "SV Trondheim");
}

TEST_CASE("a message refused with 400 is failed with the reason and the next one still goes out") {
    DispatchFixture f([](const StubCall& call, size_t) {
        return call.text() == "<broken"
                   ? telegram_error(400, "Bad Request: can't parse entities: Unsupported start tag \"broken\"")
                   : StubReply{};
    });
    const int64_t broken = f.queue("111222333", "<broken");
    const int64_t next = f.queue("111222333", "Neste");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(next); }));
    auto failed = f.row(broken);
    CHECK(failed.status == storage::OutboxStatus::failed);
    CHECK(failed.last_error.starts_with("Bad Request: can't parse entities"));
    CHECK(f.stub.calls.size() == 2);
}

TEST_CASE("a message to a chat already known to be gone is failed without a call") {
    DispatchFixture f(always_ok);
    f.directory.set_chat_active("telegram", "-1001234567890", false);
    const int64_t id = f.queue("-1001234567890", "Hei");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.row(id).status == storage::OutboxStatus::failed; }));
    CHECK(f.stub.calls.empty());
    CHECK(f.row(id).last_error.find("inactive") != std::string::npos);
}

TEST_CASE("a Bot API connection closed while idle is opened again without a failed attempt") {
    DispatchFixture f([](const StubCall&, size_t index) {
        StubReply reply;
        reply.close_after = index == 0;  // as a server does when it drops an idle keep-alive connection
        return reply;
    });
    const int64_t first = f.queue("111222333", "Første");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(first); }));
    run_until(f.io, [] { return false; }, 100ms);  // the close reaches the client's socket
    const int64_t second = f.queue("444555666", "Andre");
    f.dispatcher.notify();
    REQUIRE(run_until(f.io, [&] { return f.sent(second); }));
    CHECK(f.row(second).attempts == 1);
    CHECK(f.row(second).last_error.empty());
    CHECK(f.stub.calls.size() == 2);
    CHECK(f.stub.connections == 2);
}

// ---- edits and answers to button presses ----

namespace {

commands::Reply edit_of(std::string chat_id, std::string message_id, std::string text) {
    return commands::Reply{std::move(chat_id), std::move(text), commands::EditMessage{std::move(message_id)}};
}

commands::Reply answer_to(std::string chat_id, std::string press_id, std::string text) {
    return commands::Reply{std::move(chat_id), std::move(text), commands::AnswerButton{std::move(press_id)}};
}

// Telegram answers answerCallbackQuery with `true`, not a message.
StubReply telegram_like(const StubCall& call, size_t) {
    if (call.method() == "answerCallbackQuery") return StubReply{200, R"({"ok":true,"result":true})", std::nullopt};
    return {};
}

}  // namespace

TEST_CASE("an edit goes out with editMessageText and an answer with answerCallbackQuery") {
    DispatchFixture f(telegram_like);
    const int64_t answer = f.queue(answer_to("-4012345678", "4382bfdwdsb323b2d9", "Takk, meldt ferdig!"));
    const int64_t edit = f.queue(edit_of("-4012345678", "5001", "✅ Meldt ferdig av Anne"));
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(answer) && f.sent(edit); }));
    REQUIRE(f.stub.calls.size() == 2);
    CHECK(f.stub.calls[0].target == "/bot123456:TEST/answerCallbackQuery");
    CHECK(f.stub.calls[0].body == json{{"callback_query_id", "4382bfdwdsb323b2d9"}, {"text", "Takk, meldt ferdig!"}});
    CHECK(f.stub.calls[1].target == "/bot123456:TEST/editMessageText");
    CHECK(f.stub.calls[1].body["chat_id"] == -4012345678);
    CHECK(f.stub.calls[1].body["message_id"] == 5001);
    CHECK(f.stub.calls[1].text() == "✅ Meldt ferdig av Anne");
    CHECK(f.stub.calls[1].body["reply_markup"] == json::parse(R"({"inline_keyboard":[]})"));
    CHECK(f.row(answer).platform_message_id == "");
    CHECK(f.row(edit).platform_message_id == "1002");
}

TEST_CASE("an edit refused because the message already says it counts as sent, without a retry") {
    DispatchFixture f([](const StubCall& call, size_t) {
        return call.method() == "editMessageText"
                   ? telegram_error(400, "Bad Request: message is not modified: specified new message content and "
                                         "reply markup are exactly the same as a current content and reply markup "
                                         "of the message")
                   : StubReply{};
    });
    const int64_t edit = f.queue(edit_of("-4012345678", "5001", "✅ Meldt ferdig av Anne"));
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(edit); }));
    run_until(f.io, [] { return false; }, 200ms);
    CHECK(f.stub.calls.size() == 1);
    CHECK(f.row(edit).attempts == 1);
    CHECK(f.row(edit).platform_message_id == "5001");
}

TEST_CASE("an answer to a press that is too old fails for good, and no admin is told") {
    DispatchFixture f([](const StubCall& call, size_t) {
        return call.method() == "answerCallbackQuery"
                   ? telegram_error(400, "Bad Request: query is too old and response timeout expired or query ID is "
                                         "invalid")
                   : StubReply{};
    });
    f.directory.remember_chat({"telegram", "-4012345678", "group", "SV Trondheim"}, f.clock.now());
    const int64_t answer = f.queue(answer_to("-4012345678", "4382bfdwdsb323b2d9", "Takk!"));
    const int64_t next = f.queue("-4012345678", "Neste påminnelse");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(next); }));
    f.pass(3600s);
    run_until(f.io, [] { return false; }, 200ms);
    auto failed = f.row(answer);
    CHECK(failed.status == storage::OutboxStatus::failed);
    CHECK(failed.attempts == 1);
    CHECK(failed.last_error.find("query is too old") != std::string::npos);
    CHECK(f.stub.calls.size() == 2);  // no retry, no notice
    CHECK(f.stub.calls_to(std::to_string(kAdminKari)).empty());
    CHECK(f.directory.chat_active("telegram", "-4012345678"));
}

TEST_CASE("edits and answers are not held back by the chat's message limits") {
    // A chat may get one message an hour here: only the edit and the answer can follow the first.
    DispatchFixture f(telegram_like, std::nullopt,
                      RateLimiter::Limits{.total_per_second = 30, .per_chat_gap = 3600s, .group_per_minute = 20});
    const int64_t first = f.queue("-4012345678", "Påminnelse");
    const int64_t edit = f.queue(edit_of("-4012345678", "5001", "✅ Meldt ferdig av Anne"));
    const int64_t answer = f.queue(answer_to("-4012345678", "4382bfdwdsb323b2d9", "Takk!"));
    const int64_t second = f.queue("-4012345678", "Neste påminnelse");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(first) && f.sent(edit) && f.sent(answer); }));
    run_until(f.io, [] { return false; }, 300ms);
    CHECK(f.row(second).status == storage::OutboxStatus::pending);
    std::vector<std::string> methods;
    for (const auto& call : f.stub.calls) methods.push_back(call.method());
    CHECK(methods == std::vector<std::string>{"sendMessage", "editMessageText", "answerCallbackQuery"});
}

TEST_CASE("edits and answers still count against the total rate") {
    DispatchFixture f(telegram_like, std::nullopt,
                      RateLimiter::Limits{.total_per_second = 2, .per_chat_gap = 100ms, .group_per_minute = 20});
    std::vector<int64_t> ids;
    for (const char* chat : {"111222333", "444555666", "555666777"})
        ids.push_back(f.queue(answer_to(chat, std::string("press-") + chat, "Takk!")));
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(ids.back()); }));
    REQUIRE(f.stub.calls.size() == 3);
    CHECK(f.stub.calls[2].at - f.stub.calls[0].at >= 900ms);  // the third waited for the first's second to pass
}

// ---- several requests in flight at once ----

namespace {

std::vector<std::string> texts_to(const StubBotApi& stub, std::string_view chat) {
    std::vector<std::string> texts;
    for (const auto& call : stub.calls_to(chat)) texts.push_back(call.text());
    return texts;
}

size_t event_index(const StubBotApi& stub, std::string_view event) {
    const auto found = std::ranges::find(stub.events, event);
    REQUIRE(found != stub.events.end());
    return static_cast<size_t>(found - stub.events.begin());
}

}  // namespace

TEST_CASE("messages to one chat keep their order while another chat's are sent in between") {
    auto release = std::make_shared<bool>(false);
    DispatchFixture f(
        [release](const StubCall& call, size_t) {
            StubReply reply;
            if (call.text() == "A1") reply.answer_when = [release] { return *release; };  // a slow answer
            return reply;
        },
        std::nullopt, quick_limits(), 3);
    const std::vector<int64_t> to_anne = {f.queue("111222333", "A1"), f.queue("111222333", "A2"),
                                          f.queue("111222333", "A3")};
    const std::vector<int64_t> to_bjorn = {f.queue("444555666", "B1"), f.queue("444555666", "B2")};
    f.dispatcher.start();

    // Bjørn gets both of his while Anne's first waits for its answer.
    REQUIRE(run_until(f.io, [&] { return f.sent(to_bjorn[0]) && f.sent(to_bjorn[1]); }));
    CHECK(f.row(to_anne[0]).status == storage::OutboxStatus::pending);  // not accepted yet, so not marked sent
    CHECK(texts_to(f.stub, "111222333") == std::vector<std::string>{"A1"});  // A2 waits behind A1
    CHECK_FALSE(f.dispatcher.idle());

    *release = true;
    REQUIRE(run_until(f.io, [&] { return f.sent(to_anne.back()); }));
    CHECK(texts_to(f.stub, "111222333") == std::vector<std::string>{"A1", "A2", "A3"});
    CHECK(event_index(f.stub, "answer A1") < event_index(f.stub, "call A2"));
    CHECK(event_index(f.stub, "answer A2") < event_index(f.stub, "call A3"));
    for (int64_t id : to_anne) CHECK(f.row(id).attempts == 1);
    CHECK(f.stub.calls.size() == 5);
    REQUIRE(run_until(f.io, [&] { return f.dispatcher.idle(); }));
}

TEST_CASE("a 429 with retry_after holds every chat's later messages, then one goes alone before the rest") {
    DispatchFixture f(
        [limited = false](const StubCall& call, size_t) mutable {
            if (call.text() == "A1" && !limited) {
                limited = true;
                StubReply reply = telegram_error(429, "Too Many Requests: retry after 1", {{"retry_after", 1}});
                reply.retry_after = 1;
                return reply;
            }
            return StubReply{};
        },
        std::nullopt, quick_limits(), 3);
    const std::vector<int64_t> to_anne = {f.queue("111222333", "A1"), f.queue("111222333", "A2")};
    const std::vector<int64_t> to_bjorn = {f.queue("444555666", "B1"), f.queue("444555666", "B2"),
                                           f.queue("444555666", "B3")};
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.row(to_anne[0]).attempts == 1; }));
    run_until(f.io, [] { return false; }, 300ms);
    // Held: Anne's chat, and Bjørn's beyond what was already on its way.
    CHECK(texts_to(f.stub, "111222333") == std::vector<std::string>{"A1"});
    CHECK(texts_to(f.stub, "444555666").size() <= 1);
    CHECK(f.row(to_anne[0]).not_before == test::test_start() + 1s);
    CHECK(f.row(to_anne[1]).attempts == 0);

    f.pass(1s);
    REQUIRE(run_until(f.io, [&] { return f.sent(to_anne.back()) && f.sent(to_bjorn.back()); }));
    CHECK(texts_to(f.stub, "111222333") == std::vector<std::string>{"A1", "A1", "A2"});
    CHECK(f.row(to_anne[0]).attempts == 2);
    CHECK(texts_to(f.stub, "444555666") == std::vector<std::string>{"B1", "B2", "B3"});
    const auto limited_at = f.stub.calls_to("111222333")[0].at;
    for (const auto& call : f.stub.calls)
        if (call.text() != "A1" && call.text() != "B1") CHECK(call.at - limited_at >= 1s);
}

TEST_CASE("when every call fails, one probe goes at growing intervals instead of a retry per message") {
    auto healthy = std::make_shared<bool>(false);
    DispatchFixture f(
        [healthy](const StubCall&, size_t) { return *healthy ? StubReply{} : telegram_error(500, "Internal Server Error"); },
        std::nullopt, quick_limits(), 3);
    std::vector<int64_t> ids;
    const std::vector<std::string> chats = {"111222333", "444555666", "555666777", "666777888", "777888999", "-4012345678"};
    for (const std::string& chat : chats) {
        ids.push_back(f.queue(chat, "første til " + chat));
        ids.push_back(f.queue(chat, "andre til " + chat));
    }
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.dispatcher.platform_state() == PlatformHealth::State::down; }));
    const auto down_at = std::chrono::steady_clock::now();
    CHECK(f.stub.calls.size() >= 3);
    // 3.5 s of outage: the probes after one and two seconds, nothing more (and nothing
    // else: a chat's second message never went while its first was failing). Requests
    // already on their way when the platform went down may still arrive just after.
    run_until(f.io, [] { return false; }, 3500ms);
    std::vector<std::chrono::steady_clock::time_point> probes;
    for (const auto& call : f.stub.calls)
        if (call.at > down_at + 500ms) probes.push_back(call.at);
    CHECK(probes.size() <= 2);
    CHECK(probes.size() >= 1);
    if (!probes.empty()) CHECK(probes.front() - down_at >= 900ms);
    for (size_t i = 1; i < probes.size(); ++i) CHECK(probes[i] - probes[i - 1] >= 900ms);
    for (const auto& call : f.stub.calls) CHECK(call.text().starts_with("første"));
    for (int64_t id : ids) CHECK(f.row(id).status == storage::OutboxStatus::pending);

    // The platform is back: the next probe is answered, and every message goes, once
    // each and in order per chat. (The rows that failed before the platform counted as
    // down wait their own second on the test's clock.)
    *healthy = true;
    f.pass(2s);
    REQUIRE(run_until(f.io, [&] { return std::ranges::all_of(ids, [&](int64_t id) { return f.sent(id); }); }, 10s));
    CHECK(f.dispatcher.platform_state() == PlatformHealth::State::up);
    for (const std::string& chat : chats) {
        const std::vector<std::string> texts = texts_to(f.stub, chat);
        REQUIRE_FALSE(texts.empty());
        CHECK(texts.back() == "andre til " + chat);
        CHECK(std::ranges::count(texts, "andre til " + chat) == 1);
    }
}

TEST_CASE("a request waiting for its answer counts against the total rate, however many connections are free") {
    // Two a second in total, three connections: while the first two wait for their
    // answers, the third message waits too (the platform may count them at any moment
    // up to their answers).
    auto release = std::make_shared<bool>(false);
    DispatchFixture f(
        [release](const StubCall& call, size_t) {
            StubReply reply;
            if (call.text() != "C1") reply.answer_when = [release] { return *release; };
            return reply;
        },
        std::nullopt, RateLimiter::Limits{.total_per_second = 2, .per_chat_gap = 100ms, .group_per_minute = 20}, 3);
    f.queue("111222333", "A1");
    f.queue("444555666", "B1");
    const int64_t third = f.queue("555666777", "C1");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.stub.calls.size() == 2; }));
    run_until(f.io, [] { return false; }, 1200ms);  // longer than the one-second window
    CHECK(f.stub.calls.size() == 2);

    *release = true;
    REQUIRE(run_until(f.io, [&] { return f.sent(third); }));
    CHECK(event_index(f.stub, "answer A1") < event_index(f.stub, "call C1"));
    CHECK(event_index(f.stub, "answer B1") < event_index(f.stub, "call C1"));
}

TEST_CASE("a message cancelled after the dispatcher read it is not sent") {
    // One message a second in total: Bjørn's waits behind Anne's and is cancelled meanwhile
    // (as a confirmed reminder's pending messages are).
    DispatchFixture f(always_ok, std::nullopt,
                      RateLimiter::Limits{.total_per_second = 1, .per_chat_gap = 100ms, .group_per_minute = 20}, 2);
    const int64_t to_anne = f.queue("111222333", "Påminnelse til Anne");
    const int64_t to_bjorn = f.queue("444555666", "Påminnelse til Bjørn");
    const int64_t later = f.queue("555666777", "Neste");
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(to_anne); }));
    f.outbox.mark_failed(to_bjorn, "cancelled: the task was confirmed");
    REQUIRE(run_until(f.io, [&] { return f.sent(later); }));
    CHECK(f.stub.calls_to("444555666").empty());
    CHECK(f.row(to_bjorn).status == storage::OutboxStatus::failed);
}

namespace {

// The first mirrored post of forum thread 5 «Budsjett» to `chat`, which opens its topic.
commands::Reply first_post_of_thread_5(const std::string& chat) {
    commands::Reply first = commands::message_to(chat, "💬 Forumtråd 5: Budsjett\nNy tråd fra Kari");
    first.message()->forum_thread = 5;
    first.message()->into_forum_topic = true;
    first.message()->open_topic = "Budsjett";
    return first;
}

}  // namespace

TEST_CASE("a forum thread's first mirrored post opens a topic, and it and the thread's later posts go into it") {
    DispatchFixture f([](const StubCall& call, size_t) {
        if (call.method() == "createForumTopic")
            return StubReply{200, R"({"ok":true,"result":{"message_thread_id":77,"name":"5 Budsjett","icon_color":7322096}})",
                             std::nullopt};
        return StubReply{};
    });
    const commands::Reply first = first_post_of_thread_5("-1009300");
    const int64_t opened = f.queue(first);
    commands::Reply later = commands::message_to("-1009300", "💬 Forumtråd 5: Budsjett\nSvar fra Ola");
    later.message()->forum_thread = 5;
    later.message()->into_forum_topic = true;
    const int64_t reply = f.queue(later);
    commands::Reply other = commands::message_to("-1009300", "💬 Forumtråd 6: Uten tema\nSvar fra Ola");
    other.message()->forum_thread = 6;
    other.message()->into_forum_topic = true;  // a thread from before the group was bound: it has no topic
    const int64_t general = f.queue(other);
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(general); }));
    REQUIRE(f.stub.calls.size() == 4);
    CHECK(f.stub.calls[0].method() == "createForumTopic");
    CHECK(f.stub.calls[0].body == json{{"chat_id", -1009300}, {"name", "Budsjett"}});
    for (size_t i : {1, 2}) {
        CHECK(f.stub.calls[i].body["message_thread_id"] == 77);
        CHECK_FALSE(f.stub.calls[i].body.contains(telegram::kForumThreadKey));
    }
    CHECK_FALSE(f.stub.calls[3].body.contains("message_thread_id"));
    CHECK(f.sent(opened - 1));
    CHECK(f.sent(reply));
    CHECK(test::count_rows(f.database, "SELECT count(*) FROM forum_topics WHERE chat_id = '-1009300' AND thread = 5 "
                                       "AND topic_id = '77'") == 1);
}

TEST_CASE("in a group that is no forum the topic is refused and the post goes to the group") {
    DispatchFixture f([](const StubCall& call, size_t) {
        if (call.method() == "createForumTopic") return telegram_error(400, "Bad Request: the chat is not a forum");
        return StubReply{};
    });
    const commands::Reply first = first_post_of_thread_5("-1009400");
    const int64_t post = f.queue(first);
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(post); }));
    CHECK(f.row(post - 1).status == storage::OutboxStatus::failed);
    CHECK_FALSE(f.stub.calls.back().body.contains("message_thread_id"));
}

TEST_CASE("a token revoked while running keeps every message and takes the platform down instead of retrying each one") {
    DispatchFixture f([](const StubCall&, size_t) { return telegram_error(401, "Unauthorized"); }, std::nullopt,
                      quick_limits(), 2);
    std::vector<int64_t> ids;
    for (const std::string chat : {"111222333", "444555666", "555666777", "666777888", "777888999"})
        ids.push_back(f.queue(chat, "Hei " + chat));
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.dispatcher.platform_state() == PlatformHealth::State::down; }));
    run_until(f.io, [] { return false; }, 1500ms);
    // Three failures take it down, then one probe a second or slower: not one call per row.
    CHECK(f.stub.calls.size() <= 5);
    for (int64_t id : ids) {
        const storage::OutboxMessage row = f.row(id);
        CHECK(row.status == storage::OutboxStatus::pending);
        if (row.attempts > 0) {
            // What an operator reads names the setting to fix, never the token.
            CHECK(row.last_error.find("PLANBOT_TELEGRAM_TOKEN") != std::string::npos);
            CHECK(row.last_error.find("123456:TEST") == std::string::npos);
        }
    }
}

TEST_CASE("a topic made but not recorded before a crash is made once more, and the thread's posts go into that one") {
    int topics_made = 0;
    DispatchFixture f([&topics_made](const StubCall& call, size_t) {
        if (call.method() == "createForumTopic")
            return StubReply{200, json{{"ok", true}, {"result", {{"message_thread_id", 70 + ++topics_made}, {"name", "Budsjett"}}}}.dump(),
                             std::nullopt};
        return StubReply{};
    });
    const commands::Reply first = first_post_of_thread_5("-1009300");
    const int64_t post = f.queue(first);
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return f.sent(post); }));
    REQUIRE(topics_made == 1);

    // kill -9 after Telegram answered createForumTopic, before the commit: the database
    // is as it was before the call (the row pending, no topic), Telegram has topic 71.
    f.dispatcher.stop();
    f.io.restart();
    f.io.run_for(100ms);
    f.database.execute("UPDATE outbox SET status = 'pending', sent_at = NULL, platform_message_id = NULL, attempts = 0 "
                       "WHERE chat_id = '-1009300'");
    f.database.execute("DELETE FROM forum_topics");
    const size_t calls_before = f.stub.calls.size();
    Dispatcher restarted(f.io, f.database, f.clock, f.platform, f.all_senders(), {}, quick_limits());
    restarted.start();
    const bool delivered = run_until(f.io, [&] { return f.sent(post); });
    restarted.stop();
    f.io.restart();
    f.io.run_for(100ms);  // its loop ends before it goes out of scope
    REQUIRE(delivered);
    // Once more, not again and again; the post goes into the topic recorded now.
    CHECK(topics_made == 2);
    REQUIRE(f.stub.calls.size() == calls_before + 2);
    CHECK(f.stub.calls[calls_before].method() == "createForumTopic");
    CHECK(f.stub.calls[calls_before + 1].body["message_thread_id"] == 72);
    CHECK(test::count_rows(f.database, "SELECT count(*) FROM forum_topics WHERE chat_id = '-1009300' AND thread = 5 "
                                       "AND topic_id = '72'") == 1);
}

TEST_CASE("a forum copy on its way when its post is deleted is edited once the platform has it") {
    auto release = std::make_shared<bool>(false);
    DispatchFixture f([release](const StubCall& call, size_t) {
        StubReply reply;
        if (call.text().find("hemmelig") != std::string::npos) reply.answer_when = [release] { return *release; };
        return reply;
    });
    f.directory.remember_user({"telegram", "1001", "Kari", "", "kari"}, f.clock.now());
    storage::WorkState state(f.database);
    state.apply({commands::AddForumPost{1, 1, "Budsjett", "Et hemmelig tall", {}, "budsjett et hemmelig tall"}, ""},
                "telegram", "1001", f.clock.now());
    commands::Reply relay = commands::message_to("444555666", "💬 Forumtråd 1: Budsjett\nEt hemmelig tall");
    relay.message()->forum_thread = 1;
    relay.message()->forum_post = 1;
    const int64_t copy = f.queue(relay);
    f.dispatcher.start();
    REQUIRE(run_until(f.io, [&] { return !f.stub.calls_to("444555666").empty(); }));

    // Kari deletes the post while Telegram has not answered: the copy is cancelled, too late.
    {
        storage::Transaction transaction(f.database);
        state.apply({commands::DeleteForumPost{1}, "slettet"}, "telegram", "1001", f.clock.now());
        transaction.commit();
    }
    CHECK(f.row(copy).status == storage::OutboxStatus::failed);
    *release = true;
    REQUIRE(run_until(f.io, [&] { return f.stub.calls_to("444555666").size() == 2; }));
    REQUIRE(run_until(f.io, [&] { return f.dispatcher.idle(); }));
    CHECK(f.sent(copy));
    const StubCall edit = f.stub.calls_to("444555666")[1];
    CHECK(edit.method() == "editMessageText");
    CHECK(std::to_string(edit.body["message_id"].get<int64_t>()) == f.row(copy).platform_message_id);
    CHECK(edit.text().find("slettet") != std::string::npos);
    CHECK(edit.text().find("hemmelig") == std::string::npos);
}
