// The HTTP/1.1 server (Boost.Beast over Asio), with or without TLS. It knows
// nothing of what requests mean: each complete request goes to one RequestHandler,
// a function from request to response (Beast's handle_request style), which may
// suspend (the webhook waits for its update's commit).
//
// Guarantees: a request body over the limit gets 413 and headers over theirs 431, each
// followed by a clean close (the client can read the answer); a client that is slow to send
// its headers or body, or idles on keep-alive, is dropped at its deadline; at most
// `max_connections` are open (more are closed at once). Runs on one io_context
// thread; the handler is called on that thread too (it may hand work to another
// executor and resume here). start() and stop() are called on that thread;
// open_connections() and accepting() may be read from any.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>

namespace planbot::bot {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
// Where a request came from, as the socket says (never a header): routes that only
// the machine itself may use (/metrics) ask it.
struct Peer {
    net::ip::address address;
    bool loopback() const;
};
using RequestHandler = std::function<net::awaitable<Response>(Request, Peer)>;

struct HttpLimits {
    size_t body_limit = 1024 * 1024;
    size_t header_limit = 16 * 1024;
    std::chrono::seconds header_timeout{10};  // from the first byte of a request to its last header
    std::chrono::seconds body_timeout{10};
    std::chrono::seconds idle_timeout{60};    // keep-alive wait for the next request
    std::chrono::seconds write_timeout{10};
    size_t max_connections = 2048;
};

// The server's TLS: TLS 1.2 and 1.3 only, the certificate chain and key from PEM files.
// Throws when they cannot be read.
net::ssl::context make_server_tls_context(const std::filesystem::path& certificate_chain, const std::filesystem::path& key);

// A plain response with a body, for handlers.
Response make_response(const Request& request, http::status status, std::string body,
                       std::string_view content_type = "application/json");

class HttpServer {
public:
    // `tls` may be null (plain HTTP). Throws boost::system::system_error when the
    // address cannot be bound.
    HttpServer(net::io_context& io, const tcp::endpoint& endpoint, HttpLimits limits, RequestHandler handler,
               net::ssl::context* tls);
    ~HttpServer();

    uint16_t port() const { return port_; }
    // Connections accepted and not yet closed. Any thread.
    size_t open_connections() const;
    // From start() until the accept loop has ended after stop(): while true, a
    // connection may still be accepted. Any thread.
    bool accepting() const;

    void start();
    // Stops accepting; idle connections close, busy ones after their response.
    void stop();

private:
    struct Connection;
    net::awaitable<void> accept_loop();
    net::awaitable<void> run_connection(tcp::socket socket);
    template <typename Stream>
    net::awaitable<void> serve(Stream& stream, std::shared_ptr<Connection> connection);
    template <typename Stream>
    net::awaitable<void> drain(Stream& stream);

    net::io_context& io_;
    tcp::acceptor acceptor_;
    uint16_t port_ = 0;
    HttpLimits limits_;
    RequestHandler handler_;
    net::ssl::context* tls_;
    bool stopping_ = false;
    std::list<std::weak_ptr<Connection>> connections_;
    // Connections alive; read from any thread.
    std::shared_ptr<std::atomic<size_t>> open_ = std::make_shared<std::atomic<size_t>>(0);
    std::shared_ptr<std::atomic<bool>> accepting_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace planbot::bot
