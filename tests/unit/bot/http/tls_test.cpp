// TLS on both sides, with certificates made for the test (by the openssl tool, and an
// expired one through OpenSSL's API, which the tool cannot backdate): the server speaks
// HTTPS with its configured certificate, TLS 1.2 and 1.3 only; the Bot API client
// verifies the server's certificate, its dates and its host name, so a self-signed
// certificate, an expired one or one for another name is refused.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <thread>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "bot/http/http_server.hpp"
#include "bot/http/https_client.hpp"

using namespace planbot::bot;
namespace ssl = boost::asio::ssl;

namespace {

// A self-signed certificate for "localhost" (and no IP address) with its key.
struct Certificate {
    static inline int made = 0;  // each its own directory
    std::filesystem::path directory;
    std::filesystem::path cert, key;

    Certificate() {
        directory = std::filesystem::temp_directory_path() / ("planbot-tls-" + std::to_string(::getpid()) + "-" + std::to_string(++made));
        std::filesystem::create_directories(directory);
        cert = directory / "cert.pem";
        key = directory / "key.pem";
        const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
                                    "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout '" +
                                    key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
    }
    // One valid only from `from` to `until` (seconds from now; both in the past: expired),
    // made with OpenSSL's API.
    Certificate(long from, long until) {
        directory = std::filesystem::temp_directory_path() / ("planbot-tls-" + std::to_string(::getpid()) + "-" + std::to_string(++made));
        std::filesystem::create_directories(directory);
        cert = directory / "cert.pem";
        key = directory / "key.pem";
        EVP_PKEY* pkey = EVP_EC_gen("P-256");
        REQUIRE(pkey != nullptr);
        X509* x509 = X509_new();
        ASN1_INTEGER_set(X509_get_serialNumber(x509), 2);
        X509_gmtime_adj(X509_getm_notBefore(x509), from);
        X509_gmtime_adj(X509_getm_notAfter(x509), until);
        X509_set_pubkey(x509, pkey);
        X509_NAME* name = X509_get_subject_name(x509);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
        X509_set_issuer_name(x509, name);
        X509V3_CTX context;
        X509V3_set_ctx_nodb(&context);
        X509V3_set_ctx(&context, x509, x509, nullptr, nullptr, 0);
        X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "DNS:localhost");
        REQUIRE(san != nullptr);
        X509_add_ext(x509, san, -1);
        X509_EXTENSION_free(san);
        REQUIRE(X509_sign(x509, pkey, EVP_sha256()) > 0);
        FILE* cert_file = std::fopen(cert.c_str(), "w");
        FILE* key_file = std::fopen(key.c_str(), "w");
        REQUIRE((cert_file && key_file));
        PEM_write_X509(cert_file, x509);
        PEM_write_PrivateKey(key_file, pkey, nullptr, nullptr, 0, nullptr, nullptr);
        std::fclose(cert_file);
        std::fclose(key_file);
        X509_free(x509);
        EVP_PKEY_free(pkey);
    }
    ~Certificate() { std::filesystem::remove_all(directory); }
};

// An HTTPS server on 127.0.0.1 answering every request with 200 {"ok":true}.
struct TlsServer {
    net::io_context io{1};
    ssl::context tls;
    std::optional<HttpServer> server;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running{io.get_executor()};
    std::thread thread;

    explicit TlsServer(const Certificate& certificate) : tls(make_server_tls_context(certificate.cert, certificate.key)) {
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

// A TLS handshake with the server from a client that offers only versions `lowest` to
// `highest` (security level 0, so the client itself would go as low as TLS 1.0); the
// version agreed, or "" when the server refused.
std::string handshake(uint16_t port, int lowest, int highest) {
    net::io_context io{1};
    ssl::context tls{ssl::context::tls_client};
    SSL_CTX_set_security_level(tls.native_handle(), 0);
    REQUIRE(SSL_CTX_set_min_proto_version(tls.native_handle(), lowest) == 1);
    REQUIRE(SSL_CTX_set_max_proto_version(tls.native_handle(), highest) == 1);
    SSL_CTX_set_cipher_list(tls.native_handle(), "DEFAULT:@SECLEVEL=0");
    tls.set_verify_mode(ssl::verify_none);  // only the versions are in question here
    ssl::stream<tcp::socket> stream(io, tls);
    stream.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    boost::system::error_code error;
    stream.handshake(ssl::stream_base::client, error);
    if (error) return "";
    return SSL_get_version(stream.native_handle());
}

}  // namespace

TEST_CASE("the server offers TLS 1.2 and 1.3 and refuses TLS 1.0 and 1.1") {
    Certificate certificate;
    TlsServer server(certificate);
    const uint16_t port = server.server->port();
    CHECK(handshake(port, TLS1_3_VERSION, TLS1_3_VERSION) == "TLSv1.3");
    CHECK(handshake(port, TLS1_2_VERSION, TLS1_2_VERSION) == "TLSv1.2");
    CHECK(handshake(port, TLS1_1_VERSION, TLS1_1_VERSION) == "");
    CHECK(handshake(port, TLS1_VERSION, TLS1_VERSION) == "");
    // A client that offers everything gets the newest.
    CHECK(handshake(port, TLS1_VERSION, TLS1_3_VERSION) == "TLSv1.3");
}

TEST_CASE("the Bot API client refuses an expired certificate, even one it trusts") {
    Certificate expired(-3 * 86400, -86400);  // valid from three days ago until yesterday
    TlsServer server(expired);
    ssl::context trusting = make_client_tls_context();
    trusting.load_verify_file(expired.cert.string());
    HttpResult result = post_once(trusting, "localhost", server.server->port());
    CHECK(result.error);
    CHECK(result.status == 0);
    INFO(result.error.message());
    CHECK(result.error.message().find("certificate") != std::string::npos);

    // The same made valid until tomorrow is taken: it is the date that was refused.
    Certificate current(-86400, 86400);
    TlsServer current_server(current);
    ssl::context trusting_current = make_client_tls_context();
    trusting_current.load_verify_file(current.cert.string());
    HttpResult accepted = post_once(trusting_current, "localhost", current_server.server->port());
    INFO(accepted.error.message());
    CHECK(accepted.status == 200);
}

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
