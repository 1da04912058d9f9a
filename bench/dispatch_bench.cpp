// Dispatch benchmark driver, run by bench/dispatch-bench.sh when LANES is set: drains
// the outbox of an existing planbot database into a Bot API (the limited stub) with the
// real Dispatcher over LANES connections (planbot itself passes one), until no row is
// pending or the time is up. Prints how many rows were sent, failed and left.
//   build/bench/bench_dispatch <database> <api base URL> <lanes> [give up after s]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio.hpp>

#include "bot/schedule/clock.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/http/https_client.hpp"
#include "bot/telegram/adapter.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/sender.hpp"
#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace {
// The bench's rows are due a minute before 2026-03-17T12:00Z: a clock standing there.
class FixedClock final : public planbot::bot::Clock {
public:
    std::chrono::sys_seconds now() const override {
        return std::chrono::sys_days(std::chrono::year(2026) / 3 / 17) + std::chrono::hours(12);
    }
};
}  // namespace

int main(int argc, char** argv) {
    using namespace planbot;
    namespace net = boost::asio;
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s <database> <api base URL> <lanes> [give up after s]\n", argv[0]);
        return 2;
    }
    const int lanes = std::max(1, std::atoi(argv[3]));
    const auto give_up = std::chrono::seconds(argc > 4 ? std::atoi(argv[4]) : 3600);
    auto base = bot::parse_base_url(argv[2]);
    if (!base) {
        std::fprintf(stderr, "bad URL: %s\n", base.error().c_str());
        return 2;
    }
    storage::Database database(argv[1]);
    storage::Outbox outbox(database);
    net::io_context io(1);
    net::ssl::context tls = bot::make_client_tls_context();
    std::vector<std::unique_ptr<bot::HttpsClient>> clients;
    std::vector<std::unique_ptr<bot::telegram::BotApi>> apis;
    std::vector<std::unique_ptr<bot::telegram::TelegramSender>> senders;
    std::vector<bot::Sender*> lanes_given;
    for (int i = 0; i < lanes; ++i) {
        clients.push_back(std::make_unique<bot::HttpsClient>(io.get_executor(), tls, *base));
        apis.push_back(std::make_unique<bot::telegram::BotApi>(*clients.back(), "123456:dispatch-bench"));
        senders.push_back(std::make_unique<bot::telegram::TelegramSender>(*apis.back(), database));
        lanes_given.push_back(senders.back().get());
    }
    FixedClock clock;
    const bot::telegram::TelegramPlatform platform;
    bot::Dispatcher dispatcher(io, database, clock, platform, lanes_given, {});
    dispatcher.start();
    const auto started = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - started < give_up) {
        io.run_for(std::chrono::milliseconds(200));
        if (outbox.pending_count() == 0 && dispatcher.idle()) break;
    }
    dispatcher.stop();
    for (auto& client : clients) client->close();
    io.run_for(std::chrono::milliseconds(200));
    std::printf("bench_dispatch lanes=%d pending_left=%lld seconds=%.1f\n", lanes,
                static_cast<long long>(outbox.pending_count()),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return 0;
}
