// Shared fixtures for the core's tests: the shipped plan, loaded once, and a
// Context at a fixed Oslo local time.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "commands/event.hpp"
#include "config/plan_loader.hpp"
#include "config/settings.hpp"

namespace planbot::test {

inline const config::Plan& shipped_plan() {
    static const config::Plan plan = [] {
        auto loaded = config::load_plan(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml");
        if (!loaded) FAIL(loaded.error().describe());
        return *loaded;
    }();
    return plan;
}

inline const date::time_zone* oslo() {
    static const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    return zone;
}

// "2026-11-28T10:00" read as Oslo local time (the earlier instant when clocks go back).
inline std::chrono::sys_seconds oslo_time(const std::string& local_time) {
    auto local = config::parse_local_instant(local_time);
    REQUIRE(local.has_value());
    return oslo()->to_sys(*local, date::choose::earliest);
}

// A calendar day, for tests that write many: ymd(2027, 6, 1).
constexpr date::year_month_day ymd(int y, unsigned m, unsigned d) {
    return date::year(y) / date::month(m) / date::day(d);
}

// A Context at `local_time` (as oslo_time reads it).
inline commands::Context at(const std::string& local_time) {
    return commands::Context{shipped_plan(), oslo_time(local_time), oslo(), "planbot"};
}

// `text` written to the bot by `from` in their private chat (on Telegram, as the
// fixtures' people are).
inline commands::Event private_message(const commands::Person& from, std::string text) {
    commands::Event event;
    event.platform = "telegram";
    event.chat_id = from.user_id;
    event.chat_kind = commands::ChatKind::private_chat;
    event.user_id = from.user_id;
    event.user_name = from.name;
    event.text = std::move(text);
    event.addressed_to_bot = true;
    return event;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The one change an outcome makes, which must be a T.
template <class T>
const T& only_change(const commands::Outcome& outcome) {
    REQUIRE(outcome.changes.size() == 1);
    const T* change = std::get_if<T>(&outcome.changes.front().change);
    REQUIRE(change);
    return *change;
}

}  // namespace planbot::test
