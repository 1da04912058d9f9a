// See https_client.hpp.
#include "bot/http/https_client.hpp"

#include <charconv>

#include "bot/awaitable.hpp"
#include "config/settings.hpp"

namespace planbot::bot {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

std::chrono::steady_clock::duration left(std::chrono::steady_clock::time_point deadline) {
    auto remaining = deadline - std::chrono::steady_clock::now();
    return remaining > std::chrono::steady_clock::duration::zero() ? remaining : std::chrono::milliseconds(1);
}
}  // namespace

std::expected<BaseUrl, std::string> parse_base_url(std::string_view url) {
    BaseUrl base;
    if (url.starts_with("https://")) {
        url.remove_prefix(8);
        base.port = "443";
    } else if (url.starts_with("http://")) {
        if (!config::is_loopback_url(url)) return std::unexpected("plain http:// is accepted only for loopback addresses");
        url.remove_prefix(7);
        base.tls = false;
        base.port = "80";
    } else {
        return std::unexpected("the URL must start with https://");
    }
    std::string_view authority = url.substr(0, url.find('/'));
    if (url.size() > authority.size()) base.base_path = std::string(url.substr(authority.size()));
    while (!base.base_path.empty() && base.base_path.back() == '/') base.base_path.pop_back();
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return std::unexpected("bad IPv6 address in URL");
        base.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size() && authority[close + 1] == ':') base.port = std::string(authority.substr(close + 2));
    } else {
        auto colon = authority.find(':');
        base.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) base.port = std::string(authority.substr(colon + 1));
    }
    if (base.host.empty() || base.port.empty()) return std::unexpected("the URL has no host");
    return base;
}

ssl::context make_client_tls_context() {
    ssl::context context(ssl::context::tls_client);
    context.set_default_verify_paths();
    context.set_verify_mode(ssl::verify_peer);
    context.set_options(ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                        ssl::context::no_tlsv1_1);
    return context;
}

HttpsClient::HttpsClient(net::any_io_executor executor, ssl::context& tls, BaseUrl base)
    : executor_(std::move(executor)), tls_(tls), base_(std::move(base)) {}

HttpsClient::~HttpsClient() { reset(); }

// From outside a request (shutdown): closing the socket makes a pending operation
// finish with an error; the stream objects stay until that operation has returned,
// because freeing TLS state under a pending read corrupts memory.
void HttpsClient::close() {
    if (auto waiting = resolving_.lock()) waiting->cancel();
    beast::error_code ignored;
    if (plain_) plain_->socket().close(ignored);
    if (secure_) beast::get_lowest_layer(*secure_).socket().close(ignored);
    connected_ = false;
}

// From inside post_json only, when no operation is pending.
void HttpsClient::reset() {
    close();
    plain_.reset();
    secure_.reset();
}

HttpsClient::Resolver HttpsClient::system_resolver() {
    return [](std::string host, std::string port)
               -> net::awaitable<std::pair<beast::error_code, tcp::resolver::results_type>> {
        tcp::resolver resolver(co_await net::this_coro::executor);
        auto [error, endpoints] = co_await resolver.async_resolve(host, port, use_tuple);
        co_return std::pair{error, std::move(endpoints)};
    };
}

struct HttpsClient::Lookup {
    bool done = false;
    beast::error_code error;
    tcp::resolver::results_type endpoints;
};

net::awaitable<std::pair<beast::error_code, tcp::resolver::results_type>> HttpsClient::resolve(
    std::chrono::steady_clock::time_point deadline) {
    // The lookup runs on as a coroutine of its own, owning what it needs, so giving up on
    // it leaves nothing dangling; its answer, when it comes, wakes the wait.
    auto lookup = std::make_shared<Lookup>();
    // With addresses that worked before to fall back on, the lookup gets half the time
    // left: a hanging resolver then leaves the request the other half to connect and be
    // answered, instead of nothing.
    const auto give_up = last_resolved_ ? std::chrono::steady_clock::now() + left(deadline) / 2 : deadline;
    auto waiting = std::make_shared<net::steady_timer>(executor_, left(give_up));
    resolving_ = waiting;
    net::co_spawn(executor_, [lookup, waiting, resolver = resolver_, host = base_.host, port = base_.port]()
                                 -> net::awaitable<void> {
        auto [error, endpoints] = co_await resolver(host, port);
        lookup->error = error;
        lookup->endpoints = std::move(endpoints);
        lookup->done = true;
        waiting->cancel();
    }, net::detached);
    if (!lookup->done) co_await waiting->async_wait(use_tuple);
    resolving_.reset();
    if (lookup->done && !lookup->error && !lookup->endpoints.empty()) {
        last_resolved_ = lookup->endpoints;
        co_return std::pair{beast::error_code{}, lookup->endpoints};
    }
    const bool closed = !lookup->done && std::chrono::steady_clock::now() < give_up;  // close() cut the wait short
    if (last_resolved_ && !closed) co_return std::pair{beast::error_code{}, *last_resolved_};
    beast::error_code error = lookup->done ? lookup->error : (closed ? net::error::operation_aborted : net::error::timed_out);
    if (!error) error = net::error::host_not_found;  // a lookup that found no address
    co_return std::pair{error, tcp::resolver::results_type{}};
}

net::awaitable<beast::error_code> HttpsClient::connect(std::chrono::steady_clock::time_point deadline) {
    reset();
    auto [resolve_error, endpoints] = co_await resolve(deadline);
    if (resolve_error) co_return resolve_error;
    beast::tcp_stream stream(executor_);
    stream.expires_after(left(deadline));
    auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, use_tuple);
    if (connect_error) co_return connect_error;
    stream.socket().set_option(tcp::no_delay(true));
    if (!base_.tls) {
        plain_.emplace(std::move(stream));
        connected_ = true;
        co_return beast::error_code{};
    }
    secure_.emplace(std::move(stream), tls_);
    // SNI, and the certificate must name this host.
    if (!SSL_set_tlsext_host_name(secure_->native_handle(), base_.host.c_str()))
        co_return beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category());
    secure_->set_verify_callback(ssl::host_name_verification(base_.host));
    beast::get_lowest_layer(*secure_).expires_after(left(deadline));
    auto [handshake_error] = co_await secure_->async_handshake(ssl::stream_base::client, use_tuple);
    if (handshake_error) co_return handshake_error;
    connected_ = true;
    co_return beast::error_code{};
}

template <typename Stream>
net::awaitable<HttpResult> HttpsClient::exchange(Stream& stream, http::request<http::string_body>& request,
                                                 std::chrono::steady_clock::time_point deadline) {
    HttpResult result;
    beast::get_lowest_layer(stream).expires_after(left(deadline));
    auto [write_error, written] = co_await http::async_write(stream, request, use_tuple);
    if (write_error) {
        result.error = write_error;
        co_return result;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    auto [read_error, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (read_error) {
        result.error = read_error;
        co_return result;
    }
    auto& response = parser.get();
    result.status = static_cast<int>(response.result_int());
    result.body = std::move(response.body());
    if (auto header = response.find(http::field::retry_after); header != response.end()) {
        int seconds = 0;
        auto value = header->value();
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error == std::errc()) result.retry_after = seconds;
    }
    if (!response.keep_alive()) reset();
    co_return result;
}

net::awaitable<HttpResult> HttpsClient::post_json(std::string path, std::string body, std::chrono::seconds timeout,
                                                  Headers headers) {
    co_return co_await post(std::move(path), std::move(body), "application/json", timeout, std::move(headers));
}

net::awaitable<HttpResult> HttpsClient::post(std::string path, std::string body, std::string content_type,
                                             std::chrono::seconds timeout, Headers headers) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    http::request<http::string_body> request{http::verb::post, base_.base_path + path, 11};
    request.set(http::field::host, base_.host);
    request.set(http::field::user_agent, "planbot");
    request.set(http::field::content_type, content_type);
    for (const auto& [name, value] : headers) request.set(name, value);
    request.keep_alive(true);
    request.body() = std::move(body);
    request.prepare_payload();

    // A reused connection may have been closed by the server while idle; then the
    // request fails before any answer and is tried once on a fresh connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = connected_;
        if (!connected_) {
            const beast::error_code error = co_await connect(deadline);  // not in the if: g++ 12
            if (error) {
                reset();
                co_return HttpResult{error, 0, {}, {}};
            }
        }
        // (No co_await inside ?: — g++ 12 miscompiles it.)
        HttpResult result;
        if (plain_) result = co_await exchange(*plain_, request, deadline);
        else result = co_await exchange(*secure_, request, deadline);
        if (!result.error) co_return result;
        reset();
        // Only errors that mean the server had closed the idle connection before our
        // request: a reset after a full write may mean it was handled (no double send).
        const bool stale = result.error == http::error::end_of_stream || result.error == net::error::eof ||
                           result.error == net::error::broken_pipe;
        if (!(reused && stale)) co_return result;
    }
    co_return HttpResult{net::error::connection_aborted, 0, {}, {}};
}

}  // namespace planbot::bot
