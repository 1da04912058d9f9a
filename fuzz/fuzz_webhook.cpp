// libFuzzer target: the Telegram webhook from the raw bytes of an HTTP request
// (request line, headers, body) to what it stores and queues. The bytes are read by
// Beast's request parser with the server's limits (HttpLimits, as HttpServer reads a
// request), and a complete request goes to the service's real routes
// (telegram::WebhookRoutes → UpdateHandler → MessageProcessor → the core → storage)
// on a fresh in-memory database with a clock standing still. Every reply it queued
// is then rendered as the dispatcher would send it (api_request, JSON dump).
//
// The fixtures' Kari (111222333) is an admin from the config; everyone else is a
// stranger until the update makes them known. The secret is "s3cret-Token_42".
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "bot/http/http_server.hpp"
#include "bot/http/https_client.hpp"
#include "bot/log.hpp"
#include "bot/outbox/dispatch.hpp"
#include "bot/telegram/adapter.hpp"
#include "bot/telegram/bot_api.hpp"
#include "bot/telegram/sender.hpp"
#include "bot/telegram/update_handler.hpp"
#include "bot/telegram/webhook_routes.hpp"
#include "fuzz/fuzz_support.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"

using namespace planbot;
using namespace planbot::bot;

namespace {

struct Service {
    net::io_context io{1};
    storage::Database database = storage::Database::in_memory();
    fuzz::FixedClock clock;
    telegram::BotIdentity identity{"planbot", 7000000001};
    telegram::UpdateHandler updates{database, fuzz::shipped_plan(), clock, fuzz::oslo(), identity, {"111222333"}};
    net::ssl::context client_tls{net::ssl::context::tls_client};
    HttpsClient api_client{io.get_executor(), client_tls, BaseUrl{false, "127.0.0.1", "9", ""}};
    telegram::BotApi api{api_client, "123456:TEST"};
    telegram::TelegramPlatform platform;
    telegram::TelegramSender sender{api, database};
    Dispatcher dispatcher{io, database, clock, platform, sender, {"111222333"}};  // never started
    telegram::WebhookRoutes routes{"s3cret-Token_42", updates, database, dispatcher};

    std::string clear_all;  // empties every table: the database as migrate() leaves it

    Service() {
        log::set_level(config::LogLevel::error);
        storage::migrate(database);
        // A fresh database per input would cost a migration each time; emptying the
        // tables gives the same state (the migrations insert no rows, and no table has
        // AUTOINCREMENT, so rowids start again at 1). FTS shadow tables follow theirs.
        storage::Statement tables = database.prepare(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name");
        clear_all = "PRAGMA foreign_keys = OFF;";
        while (tables.step()) clear_all += "DELETE FROM \"" + tables.column_text(0) + "\";";
        clear_all += "PRAGMA foreign_keys = ON;";
    }
};

// The request in `bytes` as the server would read it, or nullopt where the server
// would answer 400/413/431 or wait for more bytes.
std::optional<Request> read_request(std::string_view bytes) {
    const HttpLimits limits;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    parser.eager(true);
    beast::error_code error;
    while (!bytes.empty() && !parser.is_done()) {
        const size_t used = parser.put(net::buffer(bytes.data(), bytes.size()), error);
        if (error == http::error::need_more) break;
        if (error) return std::nullopt;
        if (used == 0) break;
        bytes.remove_prefix(used);
    }
    // A request is never ended by the connection closing (its body has a length or
    // chunks), so one not done here is one the server would still be waiting for.
    if (!parser.is_done()) return std::nullopt;
    return parser.release();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Service service;
    std::optional<Request> request = read_request(fuzz::as_text(data, size));
    if (!request) return 0;

    // Every input starts from the same empty database, so a finding replays alone.
    service.database.execute(service.clear_all);

    std::optional<Response> response;
    net::co_spawn(service.io, service.routes.route(std::move(*request)),
                  [&](std::exception_ptr failure, Response answer) {
                      if (failure) std::rethrow_exception(failure);
                      response = std::move(answer);
                  });
    service.io.restart();
    service.io.run();
    if (!response) std::abort();  // the route never answered

    // What the dispatcher would send: each queued row becomes a Bot API call.
    storage::Outbox outbox(service.database);
    for (const storage::OutboxMessage& row : outbox.ready(fuzz::fixed_now() + std::chrono::days(3650), 1000)) {
        const telegram::ApiRequest call = telegram::api_request(row);
        (void)call.body.dump();
    }
    return 0;
}
