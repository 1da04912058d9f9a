// A small HTTP(S) client for one API host (Boost.Beast + OpenSSL): JSON (or form) POSTs over
// one reused keep-alive connection, with a deadline per request. HTTPS verifies the
// server's certificate against the system's CA store, checks the host name and sends
// SNI; plain http:// is refused unless the host is a loopback address.
// One request at a time per client: give each concurrent caller its own client.
//
// Looking up the host has the request's deadline too: Asio's resolver runs getaddrinfo
// on a thread of its own, which no cancel can interrupt, so a resolver that hangs (a DNS
// server that drops queries) is waited for only until the deadline, and the lookup left
// to finish by itself. When a lookup fails or runs out of time, the addresses of the
// last one that succeeded are used: the API's address seldom changes, and a DNS outage
// should not stop the messages.
#pragma once

#include <chrono>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>

namespace planbot::bot {

struct BaseUrl {
    bool tls = true;
    std::string host;
    std::string port;       // "443"
    std::string base_path;  // "" or "/prefix" (no trailing slash)
};

// Parses "https://host[:port][/path]"; http:// only for loopback hosts.
std::expected<BaseUrl, std::string> parse_base_url(std::string_view url);

struct HttpResult {
    boost::system::error_code error;  // set: no answer (network, TLS, timeout)
    int status = 0;
    std::string body;
    std::optional<int> retry_after;   // seconds, from a Retry-After header
};

// The client-side TLS context: system CA store, peer verification on.
boost::asio::ssl::context make_client_tls_context();

class HttpsClient {
public:
    // How a host name becomes addresses: Asio's resolver unless a test gives another.
    using Resolver = std::function<boost::asio::awaitable<std::pair<boost::system::error_code, boost::asio::ip::tcp::resolver::results_type>>(
        std::string host, std::string port)>;
    static Resolver system_resolver();

    HttpsClient(boost::asio::any_io_executor executor, boost::asio::ssl::context& tls, BaseUrl base);
    ~HttpsClient();

    // Request headers beyond Host, User-Agent and Content-Type (Slack's Authorization).
    // Values that hold a credential must never reach a log line: this client logs none.
    using Headers = std::vector<std::pair<std::string, std::string>>;

    // POSTs `body` as application/json to base_path + `path`, with `headers` added. Never
    // throws for network trouble: it comes back in HttpResult::error.
    boost::asio::awaitable<HttpResult> post_json(std::string path, std::string body, std::chrono::seconds timeout,
                                                 Headers headers = {});
    // The same with another content type (a multipart/form-data upload).
    boost::asio::awaitable<HttpResult> post(std::string path, std::string body, std::string content_type,
                                            std::chrono::seconds timeout, Headers headers = {});

    // Ends the connection; a request in flight finishes with an error. Safe to call
    // from outside a request (shutdown).
    void close();

    void set_resolver(Resolver resolver) { resolver_ = std::move(resolver); }

private:
    struct Lookup;  // one host lookup's answer, shared with the coroutine that waits for it
    void reset();
    boost::asio::awaitable<boost::system::error_code> connect(std::chrono::steady_clock::time_point deadline);
    // The host's addresses within the deadline, or the last ones found; else the error
    // (timed_out when the lookup did not finish in time).
    boost::asio::awaitable<std::pair<boost::system::error_code, boost::asio::ip::tcp::resolver::results_type>> resolve(
        std::chrono::steady_clock::time_point deadline);
    template <typename Stream>
    boost::asio::awaitable<HttpResult> exchange(Stream& stream, boost::beast::http::request<boost::beast::http::string_body>& request,
                                                std::chrono::steady_clock::time_point deadline);

    boost::asio::any_io_executor executor_;
    boost::asio::ssl::context& tls_;
    BaseUrl base_;
    std::optional<boost::beast::tcp_stream> plain_;
    std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> secure_;
    bool connected_ = false;
    Resolver resolver_ = system_resolver();
    std::optional<boost::asio::ip::tcp::resolver::results_type> last_resolved_;
    std::weak_ptr<boost::asio::steady_timer> resolving_;  // the wait of a lookup under way, for close()
};

}  // namespace planbot::bot
