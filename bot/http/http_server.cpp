// See http_server.hpp. One coroutine per connection reads like the protocol:
// wait for a request (idle deadline), read its header (header deadline) and body
// (body deadline, size limit), hand it to the handler, write the response.
#include "bot/http/http_server.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <type_traits>

#include "bot/awaitable.hpp"
#include "bot/log.hpp"

namespace planbot::bot {

namespace {

bool is_ordinary_close(const beast::error_code& error) {
    return error == http::error::end_of_stream || error == net::error::eof ||
           error == net::ssl::error::stream_truncated || error == net::error::connection_reset ||
           error == net::error::operation_aborted || error == beast::error::timeout;
}

// An answer to a request the server refuses before any handler sees it; the connection
// closes after it.
Response refusal(http::status status, unsigned version, std::string_view error) {
    Response response{status, version == 10 ? 10u : 11u};
    response.set(http::field::server, "planbot");
    response.set(http::field::content_type, "application/json");
    response.body() = std::string(R"({"ok":false,"error":")") + std::string(error) + "\"}";
    response.keep_alive(false);
    response.prepare_payload();
    return response;
}

Response too_large(unsigned version) {
    return refusal(http::status::payload_too_large, version, "request body too large");
}

Response headers_too_large(unsigned version) {
    return refusal(http::status::request_header_fields_too_large, version, "request header fields too large");
}

tcp::socket& socket_of(beast::tcp_stream& stream) { return stream.socket(); }
tcp::socket& socket_of(beast::ssl_stream<beast::tcp_stream>& stream) { return beast::get_lowest_layer(stream).socket(); }
beast::tcp_stream& tcp_of(beast::tcp_stream& stream) { return stream; }
beast::tcp_stream& tcp_of(beast::ssl_stream<beast::tcp_stream>& stream) { return beast::get_lowest_layer(stream); }

}  // namespace

bool Peer::loopback() const {
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).is_loopback();
    return address.is_loopback();
}

// What stop() needs to reach an open connection.
struct HttpServer::Connection {
    // Counted from the accept (accept_loop), so that no accepted socket is missed.
    explicit Connection(std::shared_ptr<std::atomic<size_t>> count) : open(std::move(count)) {}
    ~Connection() { --*open; }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The server's count of connections alive; shared, since a connection's coroutine
    // may be destroyed after the server (at exit).
    std::shared_ptr<std::atomic<size_t>> open;
    tcp::socket* socket = nullptr;
    bool busy = false;  // between the first byte of a request and the end of its response
};

net::ssl::context make_server_tls_context(const std::filesystem::path& certificate_chain, const std::filesystem::path& key) {
    net::ssl::context context(net::ssl::context::tls_server);
    context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                        net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                        net::ssl::context::single_dh_use);
    // Said as a floor too, whatever the system's OpenSSL configuration allows.
    if (SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_3_VERSION) != 1)
        throw std::runtime_error("TLS: cannot limit the server to TLS 1.2 and 1.3");
    context.use_certificate_chain_file(certificate_chain.string());
    context.use_private_key_file(key.string(), net::ssl::context::pem);
    return context;
}

Response make_response(const Request& request, http::status status, std::string body, std::string_view content_type) {
    Response response{status, request.version()};
    response.set(http::field::server, "planbot");
    response.set(http::field::content_type, content_type);
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

HttpServer::HttpServer(net::io_context& io, const tcp::endpoint& endpoint, HttpLimits limits, RequestHandler handler,
                       net::ssl::context* tls)
    : io_(io), acceptor_(io), limits_(limits), handler_(std::move(handler)), tls_(tls) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
}

HttpServer::~HttpServer() = default;

size_t HttpServer::open_connections() const {
    return open_->load();
}

void HttpServer::start() {
    *accepting_ = true;
    net::co_spawn(io_, accept_loop(), net::detached);
}

bool HttpServer::accepting() const { return accepting_->load(); }

void HttpServer::stop() {
    stopping_ = true;
    beast::error_code ignored;
    acceptor_.close(ignored);
    for (auto& weak : connections_)
        if (auto connection = weak.lock(); connection && !connection->busy && connection->socket)
            connection->socket->cancel(ignored);
}

net::awaitable<void> HttpServer::accept_loop() {
    // Cleared when the loop ends, however it ends (the flag may outlive the server).
    struct Ended {
        std::shared_ptr<std::atomic<bool>> accepting;
        ~Ended() { *accepting = false; }
    } ended{accepting_};
    while (!stopping_) {
        auto [error, socket] = co_await acceptor_.async_accept(use_tuple);
        if (error) {
            if (error == net::error::operation_aborted || stopping_) break;
            log::warn("http_accept_failed", {{"error", error.message()}});
            // Out of file descriptors (EMFILE) the connection stays queued and the next
            // accept fails at once: pause rather than spin and fill the log.
            net::steady_timer pause(io_, std::chrono::milliseconds(100));
            co_await pause.async_wait(use_tuple);
            continue;
        }
        connections_.remove_if([](const std::weak_ptr<Connection>& weak) { return weak.expired(); });
        if (connections_.size() >= limits_.max_connections) {
            log::warn("http_connection_refused", {{"reason", "max_connections"}, {"open", connections_.size()}});
            beast::error_code ignored;
            socket.close(ignored);
            continue;
        }
        ++*open_;  // the connection's, from now on (its Connection gives it back)
        net::co_spawn(io_, run_connection(std::move(socket)), net::detached);
    }
}

net::awaitable<void> HttpServer::run_connection(tcp::socket socket) {
    auto connection = std::make_shared<Connection>(open_);
    connections_.push_back(connection);
    try {
        if (tls_) {
            beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls_);
            connection->socket = &socket_of(stream);
            tcp_of(stream).expires_after(limits_.header_timeout);
            auto [error] = co_await stream.async_handshake(net::ssl::stream_base::server, use_tuple);
            if (error) {
                log::debug("tls_handshake_failed", {{"error", error.message()}});
                co_return;
            }
            co_await serve(stream, connection);
            tcp_of(stream).expires_after(std::chrono::seconds(2));
            co_await stream.async_shutdown(use_tuple);
        } else {
            beast::tcp_stream stream(std::move(socket));
            connection->socket = &socket_of(stream);
            co_await serve(stream, connection);
            beast::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
    } catch (const std::exception& error) {
        // Nothing from the network may take the process down.
        log::error("http_connection_failed", {{"error", error.what()}});
    }
    connection->socket = nullptr;
}

// After a refusal the client may still be sending what was refused. Closing with unread
// bytes makes the kernel reset the connection, and the client may lose the answer
// before reading it; so the send side is shut (the client reads the answer and the
// end), and what still comes is read and dropped for a moment, a bounded amount.
template <typename Stream>
net::awaitable<void> HttpServer::drain(Stream& stream) {
    // Over TLS the answer is followed by TLS's own close (run_connection).
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) co_return;
    beast::error_code ignored;
    socket_of(stream).shutdown(tcp::socket::shutdown_send, ignored);
    tcp_of(stream).expires_after(std::chrono::seconds(1));
    std::array<char, 16 * 1024> sink{};
    size_t dropped = 0;
    while (dropped < 4 * 1024 * 1024) {
        auto [error, bytes] = co_await tcp_of(stream).async_read_some(net::buffer(sink), use_tuple);
        if (error) break;
        dropped += bytes;
    }
}

template <typename Stream>
net::awaitable<void> HttpServer::serve(Stream& stream, std::shared_ptr<Connection> connection) {
    beast::flat_buffer buffer;
    bool served_any = false;
    for (;;) {
        connection->busy = false;
        if (stopping_) co_return;
        if (buffer.size() == 0) {
            // Wait for the first byte of the next request: a kept-alive connection may
            // idle; a new one that sends nothing is held no longer than a slow header.
            tcp_of(stream).expires_after(served_any ? limits_.idle_timeout : limits_.header_timeout);
            auto [error, bytes] = co_await stream.async_read_some(buffer.prepare(4096), use_tuple);
            if (error) co_return;
            buffer.commit(bytes);
        }
        connection->busy = true;
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits_.header_limit));
        parser.body_limit(limits_.body_limit);
        // A new connection's header deadline runs from the connect (set above), so a
        // client cannot win a second one by sending its first byte late; a kept-alive
        // connection's runs from the next request's first byte.
        if (served_any) tcp_of(stream).expires_after(limits_.header_timeout);
        auto [header_error, header_bytes] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
        Response response;
        const auto& header = parser.get();
        bool refused = false;
        if (header_error == http::error::body_limit) {
            // Beast checks a Content-Length against the limit as it finishes the header.
            response = too_large(header.version());
            refused = true;
        } else if (header_error == http::error::header_limit) {
            response = headers_too_large(header.version());
            refused = true;
        } else if (header_error) {
            if (!is_ordinary_close(header_error)) log::debug("http_bad_request", {{"error", header_error.message()}});
            co_return;
        } else {
            tcp_of(stream).expires_after(limits_.body_timeout);
            auto [body_error, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
            if (body_error == http::error::body_limit) {
                response = too_large(header.version());
                refused = true;
            } else if (body_error) {
                if (!is_ordinary_close(body_error)) log::debug("http_bad_request", {{"error", body_error.message()}});
                co_return;
            } else {
                beast::error_code no_peer;
                const tcp::endpoint remote = tcp_of(stream).socket().remote_endpoint(no_peer);
                response = co_await handler_(parser.release(), Peer{no_peer ? net::ip::address() : remote.address()});
                if (stopping_) response.keep_alive(false);
            }
        }
        tcp_of(stream).expires_after(limits_.write_timeout);
        auto [write_error, written] = co_await http::async_write(stream, response, use_tuple);
        served_any = true;
        if (!write_error && refused) co_await drain(stream);
        if (write_error || !response.keep_alive()) co_return;
    }
}

}  // namespace planbot::bot
