// bot/http_server + bot/telegram/webhook_routes: a real HttpServer on 127.0.0.1 (port
// 0, on its own thread, as in the service) with the service's own routes on a second
// thread that owns the database, the real
// UpdateHandler, SQLite in memory, the shipped plan and a clock standing still. The
// test is the client, over raw sockets, so it can send what Telegram never would.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "bot/outbox/dispatch.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/https_client.hpp"
#include "bot/log.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bot/telegram/sender.hpp"
#include "bot/telegram/webhook_routes.hpp"
#include "tests/support/bot_test_support.hpp"
#include "storage/migrations.hpp"
#include "tests/support/temporary_folder.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::bot;
using namespace std::chrono_literals;
using test::RawClient;

namespace {

constexpr std::string_view kSecret = "s3cret-Token_42";

HttpLimits short_limits() {
    HttpLimits limits;
    limits.header_timeout = 1s;
    limits.body_timeout = 1s;
    limits.idle_timeout = 2s;
    limits.write_timeout = 2s;
    return limits;
}

// The Telegram service's HTTP side, wired as run_service wires it, minus start-up: the
// HTTP server on its own thread (`web`), the database, the update handler and the
// dispatcher on another (`io`), the webhook reading the secret and the JSON on the
// first and committing on the second. The dispatcher is built (the webhook notifies
// it) but never started.
struct WebhookServer {
    net::io_context web{1};
    net::io_context io{1};
    storage::Database database;
    test::TestClock clock;
    telegram::BotIdentity identity = test::test_bot();
    telegram::UpdateHandler updates;
    net::ssl::context client_tls{net::ssl::context::tls_client};
    HttpsClient api_client{io.get_executor(), client_tls, BaseUrl{false, "127.0.0.1", "9", ""}};
    telegram::BotApi api{api_client, "123456:TEST"};
    telegram::TelegramPlatform platform;
    telegram::TelegramSender sender{api, database};
    Dispatcher dispatcher{io, database, clock, platform, sender, {}};
    telegram::WebhookRoutes routes{std::string(kSecret), updates, database, dispatcher, &identity, io.get_executor()};
    std::optional<HttpServer> server;
    // Keep both threads going after the server stops, so on_server() still works then.
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running{io.get_executor()};
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_serving{web.get_executor()};
    std::promise<void> finished;
    std::promise<void> web_finished;
    std::thread thread;
    std::thread web_thread;

    // `file`: the database on disk, so that a test can read it over a connection of its
    // own; by default in memory.
    // `update_clock`: the clock the updates read inside their transaction (by default
    // `clock`).
    explicit WebhookServer(HttpLimits limits = short_limits(), const std::filesystem::path& file = {},
                           const Clock* update_clock = nullptr)
        : database(file.empty() ? storage::Database::in_memory() : storage::Database(file)),
          updates(database, test::shipped_plan(), update_clock ? *update_clock : clock, test::oslo(), identity) {
        storage::migrate(database);
        server.emplace(web, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0), limits,
                       [this](Request request, Peer peer) { return routes.route(std::move(request), peer); }, nullptr);
        server->start();
        thread = std::thread([this] {
            io.run();
            finished.set_value();
        });
        web_thread = std::thread([this] {
            web.run();
            web_finished.set_value();
        });
    }

    ~WebhookServer() {
        net::post(web, [this] {
            server->stop();
            keep_serving.reset();
        });
        // Connections close on their own once the server stops; give them a moment.
        if (web_finished.get_future().wait_for(3s) != std::future_status::ready) web.stop();
        web_thread.join();
        net::post(io, [this] { keep_running.reset(); });
        if (finished.get_future().wait_for(3s) != std::future_status::ready) io.stop();
        thread.join();
    }

    uint16_t port() const { return server->port(); }

    // Runs `work` on the database's thread and returns its result.
    template <typename Work>
    auto on_server(Work work) -> decltype(work()) {
        return on(io, std::move(work));
    }
    // Runs `work` on the HTTP server's thread.
    template <typename Work>
    auto on_web(Work work) -> decltype(work()) {
        return on(web, std::move(work));
    }
    template <typename Work>
    auto on(net::io_context& context, Work work) -> decltype(work()) {
        auto promise = std::make_shared<std::promise<decltype(work())>>();
        net::post(context, [promise, &work] {
            try {
                if constexpr (std::is_void_v<decltype(work())>) {
                    work();
                    promise->set_value();
                } else {
                    promise->set_value(work());
                }
            } catch (...) {
                promise->set_exception(std::current_exception());
            }
        });
        auto future = promise->get_future();
        REQUIRE(future.wait_for(5s) == std::future_status::ready);
        return future.get();
    }

    int64_t rows(std::string_view sql) {
        return on_server([&] { return test::count_rows(database, sql); });
    }
};

std::string webhook_request(std::string_view body, std::optional<std::string_view> secret = kSecret,
                            bool keep_alive = false) {
    std::string request = "POST /telegram/webhook HTTP/1.1\r\nHost: planbot.example.org\r\n"
                          "Content-Type: application/json\r\n";
    if (secret) request += "X-Telegram-Bot-Api-Secret-Token: " + std::string(*secret) + "\r\n";
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    request += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    return request + "\r\n" + std::string(body);
}

std::string health_request(bool keep_alive = true) {
    return std::string("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n") +
           (keep_alive ? "" : "Connection: close\r\n") + "\r\n";
}

std::optional<test::HttpResponse> exchange(uint16_t port, std::string_view request,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    RawClient client(port);
    REQUIRE(client.send(request));
    return client.read_response(timeout);
}

}  // namespace

TEST_CASE("a webhook delivery with the right secret is stored and answered 200") {
    WebhookServer server;
    auto response = exchange(server.port(), webhook_request(test::telegram_fixture("private_text.json")));
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
    CHECK(nlohmann::json::parse(response->body())["ok"] == true);
    CHECK(server.rows("SELECT count(*) FROM processed_updates WHERE update_id = 815000101") == 1);
    CHECK(server.rows("SELECT count(*) FROM outbox WHERE chat_id = '111222333' AND status = 'pending'") >= 1);
}

TEST_CASE("a webhook delivery with a wrong or missing secret is refused with 401 and nothing is stored") {
    WebhookServer server;
    const std::string body = test::telegram_fixture("private_text.json");
    const std::string longer = std::string(kSecret) + "x";
    for (std::optional<std::string_view> secret :
         {std::optional<std::string_view>{}, std::optional<std::string_view>{"wrong"},
          std::optional<std::string_view>{kSecret.substr(0, kSecret.size() - 1)},
          std::optional<std::string_view>{longer}, std::optional<std::string_view>{""},
          std::optional<std::string_view>{"S3CRET-TOKEN_42"}}) {
        INFO("secret: " << (secret ? std::string(*secret) : std::string("(no header)")));
        auto response = exchange(server.port(), webhook_request(body, secret));
        REQUIRE(response.has_value());
        CHECK(response->result_int() == 401);
    }
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
    CHECK(server.rows("SELECT count(*) FROM outbox") == 0);
    CHECK(server.rows("SELECT count(*) FROM users") == 0);
    CHECK(server.rows("SELECT count(*) FROM chats") == 0);
}

TEST_CASE("a webhook is refused when no secret is configured") {
    WebhookServer server;
    telegram::WebhookRoutes open_routes{"", server.updates, server.database, server.dispatcher};
    Request request{http::verb::post, "/telegram/webhook", 11};
    request.set("X-Telegram-Bot-Api-Secret-Token", "");
    request.body() = test::telegram_fixture("private_text.json");
    request.prepare_payload();
    auto response = net::co_spawn(server.io, open_routes.route(request), net::use_future).get();
    CHECK(response.result_int() == 401);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE("invalid JSON is answered 200 so Telegram stops resending it, and nothing is stored") {
    WebhookServer server;
    const std::string deeply_nested = std::string(500000, '[') + std::string(500000, ']');
    for (std::string_view body : {std::string_view("{\"update_id\": 815000101, \"message\": {"), std::string_view(""),
                                  std::string_view("null"), std::string_view("{\"message\": {}}"),
                                  std::string_view("{\"update_id\": 1, \xff\xfe}"),
                                  std::string_view(deeply_nested)}) {
        INFO(body.substr(0, 80));
        // Half a million brackets take seconds to refuse in a sanitizer build on a busy machine.
        auto response = exchange(server.port(), webhook_request(body), std::chrono::seconds(60));
        REQUIRE(response.has_value());
        CHECK(response->result_int() == 200);
    }
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
    CHECK(server.rows("SELECT count(*) FROM outbox") == 0);
}

TEST_CASE("a message with bytes that are not UTF-8 is answered, not dropped as invalid JSON") {
    WebhookServer server;
    std::string body = test::telegram_fixture("private_text.json");
    body.replace(body.find("hva skjer i mai"), 15, "hva skjer i m\xE5i \xff\xfe");
    auto response = exchange(server.port(), webhook_request(body));
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
    CHECK(server.rows("SELECT count(*) FROM processed_updates WHERE update_id = 815000101") == 1);
    CHECK(server.rows("SELECT count(*) FROM outbox WHERE chat_id = '111222333' AND status = 'pending'") >= 1);
}

TEST_CASE("a 2 MiB body announced by Content-Length is refused with 413") {
    WebhookServer server;
    RawClient client(server.port());
    const std::string body(2 * 1024 * 1024, ' ');
    std::string head = webhook_request("", kSecret);
    head.replace(head.find("Content-Length: 0"), 17, "Content-Length: " + std::to_string(body.size()));
    // The body is written while the answer is read, as an HTTP client would.
    std::thread writer([&] { client.send(head + body); });
    auto response = client.read_response();
    writer.join();
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 413);
    CHECK(client.ended_cleanly_within(3s));
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE("headers over the limit are refused with 431 and the connection ends cleanly") {
    WebhookServer server;
    RawClient client(server.port());
    std::string request = webhook_request(test::telegram_fixture("private_text.json"));
    request.insert(request.find("\r\n") + 2, "X-Padding: " + std::string(32 * 1024, 'a') + "\r\n");
    REQUIRE(client.send(request));
    auto response = client.read_response();
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 431);
    CHECK(response->body().find("header") != std::string::npos);
    CHECK(client.ended_cleanly_within(3s));
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
    // The server goes on.
    auto health = exchange(server.port(), health_request(false));
    REQUIRE(health.has_value());
    CHECK(health->result_int() == 200);
}

TEST_CASE("a new connection's header deadline runs from the connect: a late first byte wins no extra time") {
    WebhookServer server;  // header deadline 1 s
    const auto started = std::chrono::steady_clock::now();
    RawClient slow(server.port());
    const std::string request = webhook_request(test::telegram_fixture("private_text.json"));
    std::this_thread::sleep_for(800ms);
    size_t sent = 0;
    bool dropped = false;
    while (!dropped && sent < request.size()) {
        if (!slow.send(request.substr(sent++, 1)) || slow.closed_within(200ms)) dropped = true;
    }
    CHECK(dropped);
    CHECK(std::chrono::steady_clock::now() - started < 1700ms);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE("a 2 MiB chunked body is refused with 413 once it passes the limit") {
    WebhookServer server;
    RawClient client(server.port());
    std::string request =
        "POST /telegram/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "X-Telegram-Bot-Api-Secret-Token: " + std::string(kSecret) + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(64 * 1024, ' ');
    for (int i = 0; i < 32; ++i) request += "10000\r\n" + chunk + "\r\n";
    request += "0\r\n\r\n";
    std::thread writer([&] { client.send(request); });
    auto response = client.read_response();
    writer.join();
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 413);
}

TEST_CASE("a client sending its headers one byte per second is dropped while others are served") {
    WebhookServer server;
    const auto started = std::chrono::steady_clock::now();
    RawClient slow(server.port());
    const std::string request = webhook_request(test::telegram_fixture("private_text.json"));
    REQUIRE(slow.send(request.substr(0, 1)));  // the first byte starts the header deadline (1 s)

    // Meanwhile another client is served at once.
    auto response = exchange(server.port(), health_request(false));
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
    CHECK(std::chrono::steady_clock::now() - started < 500ms);

    size_t sent = 1;
    bool dropped = false;
    while (!dropped && sent < request.size()) {
        if (slow.closed_within(1s)) dropped = true;
        else if (!slow.send(request.substr(sent++, 1))) dropped = true;
    }
    CHECK(dropped);
    CHECK(sent < 10);  // long before the header was complete
    CHECK(std::chrono::steady_clock::now() - started < 4s);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE("a client that stops halfway through its body is dropped at the body deadline") {
    WebhookServer server;
    const auto started = std::chrono::steady_clock::now();
    RawClient stalled(server.port());
    const std::string request = webhook_request(test::telegram_fixture("private_text.json"));
    REQUIRE(stalled.send(request.substr(0, request.size() - 20)));
    CHECK(stalled.closed_within(3s));
    CHECK(std::chrono::steady_clock::now() - started < 2500ms);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
}

TEST_CASE("1,000 connections at once do not take the server down") {
    test::allow_open_files(4096);  // both ends of each connection live in this process
    WebhookServer server;
    std::vector<std::unique_ptr<RawClient>> clients;
    clients.reserve(1000);
    for (int i = 0; i < 1000; ++i) clients.push_back(std::make_unique<RawClient>(server.port()));
    for (auto& client : clients) REQUIRE(client->send(health_request()));
    int answered = 0;
    for (auto& client : clients) {
        auto response = client->read_response();
        if (response && response->result_int() == 200) ++answered;
    }
    CHECK(answered == 1000);
    CHECK(server.on_web([&] { return server.server->open_connections(); }) >= 1000);

    // And a newcomer still gets an answer while the thousand stay open.
    auto response = exchange(server.port(), health_request(false));
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
    CHECK(nlohmann::json::parse(response->body())["database"] == true);
}

namespace {

// Sets the soft limit on open files for the life of the guard.
class OpenFilesLimit {
public:
    explicit OpenFilesLimit(rlim_t soft) {
        REQUIRE(getrlimit(RLIMIT_NOFILE, &saved_) == 0);
        rlimit lowered = saved_;
        lowered.rlim_cur = soft;
        REQUIRE(setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    }
    ~OpenFilesLimit() { restore(); }
    void restore() { setrlimit(RLIMIT_NOFILE, &saved_); }

private:
    rlimit saved_{};
};

// Sends what this process writes to stderr (the log) to a file while it lives.
class StderrCapture {
public:
    StderrCapture() : file_(std::tmpfile()), saved_(::dup(2)) {
        REQUIRE(file_);
        std::fflush(stderr);
        ::dup2(::fileno(file_), 2);
    }
    ~StderrCapture() {
        stop();
        std::fclose(file_);
    }
    void stop() {
        if (saved_ < 0) return;
        std::fflush(stderr);
        ::dup2(saved_, 2);
        ::close(saved_);
        saved_ = -1;
    }
    // Read with pread, which leaves the file's offset alone: the server's thread may be
    // writing to it at that moment.
    std::string text() {
        std::fflush(stderr);
        std::string out;
        char chunk[4096];
        for (ssize_t got; (got = ::pread(::fileno(file_), chunk, sizeof chunk, static_cast<off_t>(out.size()))) > 0;)
            out.append(chunk, static_cast<size_t>(got));
        return out;
    }

private:
    FILE* file_;
    int saved_;
};

size_t count_of(const std::string& text, std::string_view part) {
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

// The lowest file descriptor number a new file would get.
int next_descriptor() {
    const int probe = ::dup(0);
    ::close(probe);
    return probe;
}

}  // namespace

TEST_CASE("running out of file descriptors neither spins the server nor stops it") {
    WebhookServer server;
    // The sockets exist before the limit is lowered; connecting them needs no new descriptor.
    std::vector<int> sockets;
    for (int i = 0; i < 8; ++i) sockets.push_back(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    StderrCapture log_lines;
    log::set_level(config::LogLevel::warn);
    OpenFilesLimit limit(static_cast<rlim_t>(next_descriptor() + 2));  // room for two accepted connections

    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int socket : sockets) REQUIRE(::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    // The server accepts two, then gets EMFILE for the others: from its first failure on,
    // half a second shows whether it pauses between attempts or spins.
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (count_of(log_lines.text(), "event=http_accept_failed") == 0 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(500ms);
    const size_t failures = count_of(log_lines.text(), "event=http_accept_failed");
    limit.restore();
    log_lines.stop();
    log::set_level(config::LogLevel::error);

    CHECK(failures >= 1);
    CHECK(failures <= 20);  // a pause between attempts, not a busy loop writing the log full

    // With descriptors back, every waiting connection is served.
    const std::string request = health_request(false);
    int answered = 0;
    for (int socket : sockets) {
        REQUIRE(::send(socket, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
        pollfd waiting{socket, POLLIN, 0};
        char reply[64] = {};
        if (::poll(&waiting, 1, 5000) == 1 && ::recv(socket, reply, sizeof reply - 1, 0) > 0 &&
            std::string_view(reply).starts_with("HTTP/1.1 200"))
            ++answered;
        ::close(socket);
    }
    CHECK(answered == 8);
}

TEST_CASE("connections beyond max_connections are closed at once and the rest are served") {
    HttpLimits limits = short_limits();
    limits.max_connections = 5;
    WebhookServer server(limits);
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 12; ++i) clients.push_back(std::make_unique<RawClient>(server.port()));
    std::this_thread::sleep_for(200ms);
    int closed = 0;
    for (auto& client : clients) closed += client->closed_within(0ms) ? 1 : 0;
    CHECK(closed == 7);
    CHECK(server.on_web([&] { return server.server->open_connections(); }) == 5);
}

TEST_CASE("the same update delivered twice is stored once") {
    WebhookServer server;
    const std::string body = test::telegram_fixture("group_mention.json");
    auto first = exchange(server.port(), webhook_request(body));
    REQUIRE(first.has_value());
    CHECK(first->result_int() == 200);
    const int64_t replies = server.rows("SELECT count(*) FROM outbox");
    CHECK(replies >= 1);
    auto second = exchange(server.port(), webhook_request(body));
    REQUIRE(second.has_value());
    CHECK(second->result_int() == 200);
    CHECK(server.rows("SELECT count(*) FROM processed_updates WHERE update_id = 815000102") == 1);
    CHECK(server.rows("SELECT count(*) FROM outbox") == replies);
}

// The HTTP thread reads while the database's thread commits: every 200 must still mean
// "committed", whichever thread is where, and an update sent twice at once is stored once.
// A clock that takes its time: read inside each update's transaction, it holds the
// commit back long enough that a 200 sent before the commit would be seen.
class SlowClock final : public Clock {
public:
    std::chrono::sys_seconds now() const override {
        std::this_thread::sleep_for(5ms);
        return clock_.now();
    }

private:
    test::TestClock clock_;
};

TEST_CASE("updates from many connections at once are each committed before their 200, and once") {
    const test::TemporaryFolder folder;
    const std::filesystem::path file = folder.path() / "planbot.db";
    const SlowClock slow_clock;
    WebhookServer server(short_limits(), file, &slow_clock);
    const nlohmann::json fixture = nlohmann::json::parse(test::telegram_fixture("private_text.json"));
    constexpr int kClients = 6;
    constexpr int kEach = 20;
    struct Seen {
        int status = 0;
        int64_t stored_when_answered = -1;
    };
    // Client c sends updates 0..kEach-1 of its own, and also each of the next client's.
    std::vector<std::vector<Seen>> seen(kClients, std::vector<Seen>(2 * kEach));
    auto update_id = [](int client, int n) { return 900000000 + client * 1000 + n; };
    // Connected here: RawClient's constructor checks with Catch, which is for one thread.
    std::vector<std::unique_ptr<RawClient>> connections;
    for (int c = 0; c < kClients; ++c) connections.push_back(std::make_unique<RawClient>(server.port()));
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            RawClient& client = *connections[static_cast<size_t>(c)];
            storage::Database reader(file);
            for (int i = 0; i < 2 * kEach; ++i) {
                const int owner = i % 2 == 0 ? c : (c + 1) % kClients;
                const int64_t id = update_id(owner, i / 2);
                nlohmann::json update = fixture;
                update["update_id"] = id;
                update["message"]["message_id"] = id;
                if (!client.send(webhook_request(update.dump(), kSecret, true))) return;
                const auto response = client.read_response();
                if (!response) return;
                seen[c][i].status = response->result_int();
                // Read the moment the answer is, over a connection of this client's own:
                // it sees what is committed, and nothing that is not.
                // (No Catch macro off the main thread.)
                storage::Statement stored = reader.prepare("SELECT count(*) FROM processed_updates WHERE update_id = ?1");
                seen[c][i].stored_when_answered = stored.bind(1, id).step() ? stored.column_int64(0) : -1;
            }
        });
    }
    for (std::thread& client : clients) client.join();
    for (int c = 0; c < kClients; ++c)
        for (int i = 0; i < 2 * kEach; ++i) {
            INFO("client " << c << ", request " << i);
            CHECK(seen[c][i].status == 200);
            CHECK(seen[c][i].stored_when_answered == 1);
        }
    CHECK(server.rows("SELECT count(*) FROM processed_updates WHERE update_id >= 900000000") == kClients * kEach);
}

TEST_CASE("two requests on one keep-alive connection are both answered") {
    WebhookServer server;
    RawClient client(server.port());
    REQUIRE(client.send(webhook_request(test::telegram_fixture("private_text.json"), kSecret, true)));
    auto first = client.read_response();
    REQUIRE(first.has_value());
    CHECK(first->result_int() == 200);
    CHECK(first->keep_alive());
    REQUIRE(client.send(webhook_request(test::telegram_fixture("group_mention.json"), kSecret, true)));
    auto second = client.read_response();
    REQUIRE(second.has_value());
    CHECK(second->result_int() == 200);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 2);
}

TEST_CASE("two requests sent back to back on one connection are answered in order") {
    WebhookServer server;
    RawClient client(server.port());
    REQUIRE(client.send(health_request() + webhook_request("{}", "wrong", true)));
    auto first = client.read_response();
    auto second = client.read_response();
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK(first->result_int() == 200);
    CHECK(second->result_int() == 401);
}

TEST_CASE("the health check reports the database and the pending outbox") {
    WebhookServer server;
    REQUIRE(exchange(server.port(), webhook_request(test::telegram_fixture("private_text.json")))->result_int() == 200);
    auto response = exchange(server.port(), health_request(false));
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
    auto body = nlohmann::json::parse(response->body());
    CHECK(body["status"] == "ok");
    CHECK(body["database"] == true);
    CHECK(body["platform"] == false);  // nothing was sent yet
    CHECK(body["outbox_pending"].get<int64_t>() >= 1);
}

TEST_CASE("other paths and methods get 404 and 405") {
    WebhookServer server;
    auto get_webhook = exchange(server.port(), "GET /telegram/webhook HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    REQUIRE(get_webhook.has_value());
    CHECK(get_webhook->result_int() == 405);
    auto unknown = exchange(server.port(), "GET /admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    REQUIRE(unknown.has_value());
    CHECK(unknown->result_int() == 404);
}

TEST_CASE("a request that is not HTTP closes only its own connection") {
    WebhookServer server;
    RawClient garbage(server.port());
    REQUIRE(garbage.send("\x16\x03\x01\x02\x00 this is not HTTP\r\n\r\n"));
    CHECK(garbage.closed_within(2s));
    auto response = exchange(server.port(), health_request(false));
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
}

// The service's shutdown waits while the server still accepts or has connections open:
// both must be true up to the moment they stop being so, read from another thread.
TEST_CASE("the server counts a connection from its accept and says it accepts until stopped") {
    WebhookServer server;
    CHECK(server.server->accepting());
    RawClient idle(server.port());
    REQUIRE(idle.send(health_request()));
    REQUIRE(idle.read_response().has_value());
    CHECK(server.server->open_connections() == 1);
    server.on_web([&] { server.server->stop(); });
    // The accept loop ends once its cancelled accept has come back.
    for (int i = 0; i < 100 && server.server->accepting(); ++i) std::this_thread::sleep_for(20ms);
    CHECK_FALSE(server.server->accepting());
    CHECK(idle.closed_within(1s));
    for (int i = 0; i < 100 && server.server->open_connections() > 0; ++i) std::this_thread::sleep_for(20ms);
    CHECK(server.server->open_connections() == 0);
}

TEST_CASE("stopping the server closes idle connections and lets a request in flight finish") {
    WebhookServer server;
    RawClient idle(server.port());
    REQUIRE(idle.send(health_request()));
    REQUIRE(idle.read_response().has_value());  // now waiting on keep-alive
    RawClient busy(server.port());
    const std::string request = webhook_request(test::telegram_fixture("private_text.json"), kSecret, true);
    REQUIRE(busy.send(request.substr(0, 40)));
    std::this_thread::sleep_for(500ms);  // the server has its first bytes (generous: CI machines are busy)

    server.on_web([&] { server.server->stop(); });
    CHECK(idle.closed_within(1s));
    REQUIRE(busy.send(request.substr(40)));
    auto response = busy.read_response();
    REQUIRE(response.has_value());
    CHECK(response->result_int() == 200);
    CHECK_FALSE(response->keep_alive());  // and the connection closes after it
    CHECK(busy.closed_within(1s));
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 1);
}

TEST_CASE("secrets compare equal only when they are the same bytes") {
    using telegram::secrets_equal;
    CHECK(secrets_equal("s3cret-Token_42", "s3cret-Token_42"));
    CHECK_FALSE(secrets_equal("s3cret-Token_43", "s3cret-Token_42"));
    CHECK_FALSE(secrets_equal("S3CRET-TOKEN_42", "s3cret-Token_42"));
    CHECK_FALSE(secrets_equal("s3cret-Token_4", "s3cret-Token_42"));
    CHECK_FALSE(secrets_equal("s3cret-Token_42 ", "s3cret-Token_42"));
    CHECK_FALSE(secrets_equal("", "s3cret-Token_42"));
    CHECK(secrets_equal("", ""));  // the webhook refuses an empty configured secret itself
    CHECK(secrets_equal(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
    CHECK_FALSE(secrets_equal(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST_CASE("a new connection that sends nothing is dropped at the header deadline, not kept for the idle time") {
    HttpLimits limits = short_limits();
    limits.header_timeout = 1s;
    limits.idle_timeout = 30s;
    WebhookServer server(limits);
    RawClient silent(server.port());
    CHECK(silent.closed_within(3s));
    RawClient kept(server.port());  // after one answer, keep-alive may idle longer
    REQUIRE(kept.send(health_request()));
    REQUIRE(kept.read_response().has_value());
    CHECK_FALSE(kept.closed_within(2s));
}

TEST_CASE("until the bot knows its username, deliveries get 503 so Telegram sends them again") {
    WebhookServer server;
    telegram::BotIdentity unknown{"", 0};
    // Wired as the service wires it: called on the HTTP thread, the identity read on the
    // database's, where start-up learns it.
    telegram::WebhookRoutes routes{std::string(kSecret), server.updates, server.database, server.dispatcher, &unknown,
                                   server.io.get_executor()};
    Request request{http::verb::post, "/telegram/webhook", 11};
    request.set("X-Telegram-Bot-Api-Secret-Token", kSecret);
    request.body() = test::telegram_fixture("command_for_us.json");
    request.prepare_payload();
    auto response = net::co_spawn(server.web, routes.route(request), net::use_future).get();
    CHECK(response.result_int() == 503);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 0);
    server.on_server([&] { unknown.username = "planbot"; });
    response = net::co_spawn(server.web, routes.route(request), net::use_future).get();
    CHECK(response.result_int() == 200);
    CHECK(server.rows("SELECT count(*) FROM processed_updates") == 1);
}
