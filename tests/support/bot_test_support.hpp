// Shared pieces of the bot/ tests: Telegram fixture files, a clock the test moves by
// hand, a small blocking HTTP client over raw sockets (with timeouts, so a broken
// server fails a test instead of hanging it), and an io_context driver. Everything
// stays on 127.0.0.1.
#pragma once

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "bot/schedule/clock.hpp"
#include "bot/telegram/adapter.hpp"
#include "storage/database.hpp"
#include "tests/support/storage_test_support.hpp"

namespace planbot::test {

// A Telegram Update from tests/fixtures/telegram/.
inline std::string telegram_fixture(std::string_view name) {
    const std::string path = std::string(PLANBOT_SOURCE_DIR "/tests/fixtures/telegram/") + std::string(name);
    std::ifstream file(path, std::ios::binary);
    if (!file) FAIL("cannot read fixture " << path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The Telegram user ids of the fixtures' Kari (kasserer in most tests) and admin.
inline constexpr const char* kKari = "555000222";
inline constexpr const char* kAdmin = "555000111";

// The bot as the fixtures know it.
inline bot::telegram::BotIdentity test_bot() { return {"planbot", 7000000001}; }

// 2026-04-20T08:00:00Z (10:00 in Oslo), a Monday: the fixed "now" of these tests.
inline std::chrono::sys_seconds test_start() {
    return std::chrono::sys_days(std::chrono::year(2026) / 4 / 20) + std::chrono::hours(8);
}

// A clock that stands still until the test moves it. Readable from any thread.
class TestClock final : public bot::Clock {
public:
    explicit TestClock(std::chrono::sys_seconds start = test_start()) : seconds_(start.time_since_epoch().count()) {}
    std::chrono::sys_seconds now() const override { return std::chrono::sys_seconds(std::chrono::seconds(seconds_.load())); }
    void advance(std::chrono::seconds by) { seconds_ += by.count(); }

private:
    std::atomic<int64_t> seconds_;
};

// Runs `io` on this thread until `done()` holds; false if `timeout` passed first.
inline bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= give_up) return false;
        io.run_for(std::chrono::milliseconds(5));
        if (io.stopped()) io.restart();
    }
    return true;
}

// Lets the process hold at least `wanted` open files (the soft limit, up to the hard one).
inline void allow_open_files(rlim_t wanted) {
    rlimit limit{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
    if (limit.rlim_cur >= wanted) return;
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    REQUIRE(setrlimit(RLIMIT_NOFILE, &limit) == 0);
    REQUIRE(limit.rlim_cur >= wanted);
}

using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// One blocking TCP connection to 127.0.0.1:`port`, speaking raw bytes. Writes give
// up after 5 s; reads take an explicit timeout.
class RawClient {
public:
    explicit RawClient(uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        timeval send_timeout{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    ~RawClient() { ::close(fd_); }

    // False when the peer closed or reset the connection, or the write timed out.
    bool send(std::string_view data) {
        while (!data.empty()) {
            const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent < 0 && errno == EINTR) continue;
            if (sent <= 0) return false;
            data.remove_prefix(static_cast<size_t>(sent));
        }
        return true;
    }

    // One complete response; nullopt if the connection closed or `timeout` passed first.
    std::optional<HttpResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        namespace http = boost::beast::http;
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        http::response_parser<http::string_body> parser;
        parser.eager(true);
        parser.body_limit(64 * 1024 * 1024);
        for (;;) {
            if (!pending_.empty()) {
                boost::beast::error_code error;
                const size_t used = parser.put(boost::asio::buffer(pending_), error);
                pending_.erase(0, used);
                if (error && error != http::error::need_more) return std::nullopt;
                if (parser.is_done()) return parser.release();
                if (used > 0 && !pending_.empty()) continue;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !readable(left)) return std::nullopt;
            char chunk[16384];
            const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
            if (got <= 0) {
                if (!parser.got_some()) return std::nullopt;  // put_eof needs a started message
                boost::beast::error_code error;
                parser.put_eof(error);
                if (!error && parser.is_done()) return parser.release();
                return std::nullopt;
            }
            pending_.append(chunk, static_cast<size_t>(got));
        }
    }

    // True when the server closes (or resets) the connection within `timeout`.
    bool closed_within(std::chrono::milliseconds timeout) {
        if (!readable(timeout)) return false;
        char chunk[256];
        const ssize_t got = ::recv(fd_, chunk, sizeof chunk, MSG_PEEK);
        return got <= 0;
    }

    // True when the server ends the connection in order (an end of stream, not a reset)
    // within `timeout`, after whatever it still sends.
    bool ended_cleanly_within(std::chrono::milliseconds timeout) {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !readable(left)) return false;
            char chunk[4096];
            const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
            if (got == 0) return true;
            if (got < 0) return false;
        }
    }

private:
    bool readable(std::chrono::milliseconds timeout) const {
        pollfd waiting{fd_, POLLIN, 0};
        return ::poll(&waiting, 1, static_cast<int>(timeout.count())) == 1;
    }

    int fd_ = -1;
    std::string pending_;
};

}  // namespace planbot::test
