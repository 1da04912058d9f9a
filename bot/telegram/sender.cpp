// See sender.hpp.
#include "bot/telegram/sender.hpp"

#include "bot/log.hpp"
#include "bot/telegram/adapter.hpp"
#include "bot/telegram/json_fields.hpp"
#include "storage/forum.hpp"

namespace planbot::bot::telegram {

namespace {

// A request's deadline: Telegram answers in well under a second, so one that hangs this
// long is given up (a temporary failure: the row goes again, at least once) and its lane
// freed. An upload may take longer.
constexpr auto kSendDeadline = std::chrono::seconds(10);
constexpr auto kUploadDeadline = std::chrono::seconds(60);

bool says(const ApiAnswer& answer, std::string_view text) { return answer.description.find(text) != std::string::npos; }

// sendMessage and editMessageText give the Message; answerCallbackQuery gives true;
// createForumTopic gives the topic, kept as the row's platform id.
std::string platform_id_of(const ApiAnswer& answer, bool opens_topic) {
    const nlohmann::json& result = answer.result;
    if (opens_topic && result.is_object() && result.contains("message_thread_id") &&
        result["message_thread_id"].is_number_integer())
        return std::to_string(result["message_thread_id"].get<int64_t>());
    if (result.is_object() && result.contains("message_id") && result["message_id"].is_number_integer())
        return std::to_string(result["message_id"].get<int64_t>());
    if (result.is_number_integer()) return std::to_string(result.get<int64_t>());
    return "";
}

Delivery::Kind kind_of(ApiAnswer::Kind kind) {
    switch (kind) {
        case ApiAnswer::Kind::ok: return Delivery::Kind::delivered;
        case ApiAnswer::Kind::rate_limited: return Delivery::Kind::retry_after;
        case ApiAnswer::Kind::migrated: return Delivery::Kind::moved;
        case ApiAnswer::Kind::gone: return Delivery::Kind::chat_gone;
        case ApiAnswer::Kind::rejected: return Delivery::Kind::refused;
        case ApiAnswer::Kind::unauthorized:
        case ApiAnswer::Kind::temporary: return Delivery::Kind::temporary;
    }
    return Delivery::Kind::temporary;
}

}  // namespace

boost::asio::awaitable<Delivery> TelegramSender::send(const storage::OutboxMessage& row) {
    storage::OutboxMessage message = row;
    const std::optional<int64_t> forum_thread = topic_thread_of(message);
    const bool opens_topic = message.method == kCreateForumTopic && forum_thread.has_value();
    // A forum post mirrored into a forum supergroup goes into its thread's topic, once
    // Telegram has made one (the createForumTopic row before it in this chat's queue).
    if (forum_thread && !opens_topic && !message.thread_id)
        if (auto topic = storage::Forum(database_).topic_of_thread(message.platform, message.chat_id, *forum_thread))
            message.thread_id = std::stoll(*topic);
    const ApiRequest request = api_request(message);
    ApiAnswer answer;
    if (request.method == kSendDocument) {
        const nlohmann::json file = nlohmann::json::parse(message.payload, nullptr, false);
        std::string name = json_fields::text_of(file, kDocumentNameKey);
        if (name.empty()) name = "planbot.txt";
        const std::string content = json_fields::text_of(file, kDocumentContentKey);
        answer = co_await api_.upload(request.method, request.body, "document", name, content, kUploadDeadline);
    } else if (request.method == kSendPhoto) {
        const nlohmann::json wish = nlohmann::json::parse(message.payload, nullptr, false);
        const int year = wish.is_object() && wish.contains(kWheelYearKey) && wish[kWheelYearKey].is_number_integer()
                             ? wish[kWheelYearKey].get<int>()
                             : 0;
        std::string png;
        try {
            if (wheel_png_ && year > 0) png = wheel_png_(year);
        } catch (const std::exception& error) {
            log::error("wheel_picture_failed", {{"year", year}, {"error", error.what()}});
        }
        if (png.empty()) {
            Delivery refused;
            refused.kind = Delivery::Kind::refused;
            refused.method = request.method;
            refused.reason = "the wheel picture could not be drawn";
            co_return refused;
        }
        answer = co_await api_.upload(request.method, request.body, "photo", "arshjul-" + std::to_string(year) + ".png",
                                      png, kUploadDeadline, "image/png");
    } else {
        answer = co_await api_.call(request.method, request.body, kSendDeadline);
    }

    Delivery delivery;
    delivery.kind = kind_of(answer.kind);
    delivery.answered = answer.http_status != 0;
    delivery.status = answer.http_status;
    delivery.method = request.method;
    delivery.reason = answer.description;
    delivery.retry_after = std::chrono::seconds(answer.retry_after);
    delivery.moved_to = answer.migrate_to;
    delivery.credentials_refused = answer.kind == ApiAnswer::Kind::unauthorized;
    if (delivery.credentials_refused) delivery.reason = token_refused_reason(answer);
    if (answer.kind == ApiAnswer::Kind::rejected && request.method == kEditMessageText &&
        says(answer, "message is not modified")) {
        // The message already says this (the edit went through before, or a second
        // press): the edit has its effect, so it counts as delivered.
        delivery.kind = Delivery::Kind::delivered;
        if (request.body.contains("message_id") && request.body["message_id"].is_number_integer())
            delivery.platform_message_id = std::to_string(request.body["message_id"].get<int64_t>());
        co_return delivery;
    }
    if (answer.kind == ApiAnswer::Kind::rejected && request.method == kEditForumTopic &&
        says(answer, "TOPIC_NOT_MODIFIED")) {
        delivery.kind = Delivery::Kind::delivered;  // the topic has that name already
        co_return delivery;
    }
    if (answer.kind == ApiAnswer::Kind::rejected && request.method == kAnswerCallbackQuery &&
        (says(answer, "query is too old") || says(answer, "query ID is invalid"))) {
        // Too late: the button stopped spinning by itself, and the press itself was
        // handled; nothing to tell an admin, never retried.
        delivery.expected = true;
        co_return delivery;
    }
    if (delivery.kind == Delivery::Kind::delivered) {
        delivery.platform_message_id = platform_id_of(answer, opens_topic);
        if (opens_topic && !delivery.platform_message_id.empty()) delivery.opened_forum_thread = forum_thread;
    }
    co_return delivery;
}

}  // namespace planbot::bot::telegram
