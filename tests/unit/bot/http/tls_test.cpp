// TLS on both sides, with certificates made for the test by the openssl tool: the
// server speaks HTTPS with its configured certificate; the Bot API client verifies
// the server's certificate and its host name, so a self-signed certificate, or a
// certificate for another name, is refused.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <thread>

#include "bot/http/http_server.hpp"
#include "bot/http/https_client.hpp"

using namespace planbot::bot;
namespace ssl = boost::asio::ssl;

namespace {

// A self-signed certificate for "localhost" (and no IP address) with its key.
struct Certificate {
    std::filesystem::path directory;
    std::filesystem::path cert, key;

    Certificate() {
        directory = std::filesystem::temp_directory_path() / ("planbot-tls-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory);
        cert = directory / "cert.pem";
        key = directory / "key.pem";
        const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
                                    "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout '" +
                                    key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
    }
    ~Certificate() { std::filesystem::remove_all(directory); }
};

// An HTTPS server on 127.0.0.1 answering every request with 200 {"ok":true}.
struct TlsServer {
    net::io_context io{1};
    ssl::context tls{ssl::context::tls_server};
    std::optional<HttpServer> server;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running{io.get_executor()};
    std::thread thread;

    explicit TlsServer(const Certificate& certificate) {
        tls.use_certificate_chain_file(certificate.cert.string());
        tls.use_private_key_file(certificate.key.string(), ssl::context::pem);
        server.emplace(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0), HttpLimits{},
                       [](Request request, Peer) -> net::awaitable<Response> {
                           co_return make_response(request, http::status::ok, R"({"ok":true})");
                       },
                       &tls);
        server->start();
        thread = std::thread([this] { io.run(); });
    }
    ~TlsServer() {
        net::post(io, [this] {
            server->stop();
            keep_running.reset();
        });
        thread.join();
    }
};

// One POST from a fresh client with `tls` to https://`host`:`port`/ping.
HttpResult post_once(ssl::context& tls, const std::string& host, uint16_t port) {
    net::io_context io{1};
    HttpsClient client(io.get_executor(), tls, BaseUrl{true, host, std::to_string(port), ""});
    auto result = net::co_spawn(io, client.post_json("/ping", "{}", std::chrono::seconds(5)), net::use_future);
    io.run();
    return result.get();
}

}  // namespace

TEST_CASE("the server speaks HTTPS with its certificate, and a client that trusts it gets an answer") {
    Certificate certificate;
    TlsServer server(certificate);
    ssl::context trusting = make_client_tls_context();
    trusting.load_verify_file(certificate.cert.string());
    HttpResult result = post_once(trusting, "localhost", server.server->port());
    INFO(result.error.message());
    CHECK_FALSE(result.error);
    CHECK(result.status == 200);
    CHECK(result.body == R"({"ok":true})");
}

TEST_CASE("the Bot API client refuses a self-signed certificate") {
    Certificate certificate;
    TlsServer server(certificate);
    ssl::context system_store = make_client_tls_context();  // what planbot uses: the system's CAs only
    HttpResult result = post_once(system_store, "localhost", server.server->port());
    CHECK(result.error);
    CHECK(result.status == 0);
}

TEST_CASE("the Bot API client refuses a trusted certificate made for another host name") {
    Certificate certificate;
    TlsServer server(certificate);
    ssl::context trusting = make_client_tls_context();
    trusting.load_verify_file(certificate.cert.string());
    // The certificate names "localhost"; asking for 127.0.0.1 must fail the host-name check.
    HttpResult result = post_once(trusting, "127.0.0.1", server.server->port());
    CHECK(result.error);
    CHECK(result.status == 0);
}
