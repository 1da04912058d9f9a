// Shared by the fuzz targets: the shipped plan (loaded once), Oslo, a clock that
// stands still at the tests' Monday, and the people most command tests start from.
// Each target is built with -fsanitize=fuzzer,address,undefined (fuzz/CMakeLists.txt).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <date/tz.h>

#include "bot/schedule/clock.hpp"
#include "config/plan_loader.hpp"

namespace planbot::fuzz {

inline const config::Plan& shipped_plan() {
    static const config::Plan plan = [] {
        auto loaded = config::load_plan(PLANBOT_SOURCE_DIR "/config/plan/trondelag-sv-2025-2028.toml");
        if (!loaded) {
            std::fprintf(stderr, "fuzz: %s\n", loaded.error().describe().c_str());
            std::abort();
        }
        return *loaded;
    }();
    return plan;
}

inline const date::time_zone* oslo() {
    static const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    return zone;
}

// 2026-04-20T08:00:00Z (10:00 in Oslo), a Monday, as in the unit tests.
inline std::chrono::sys_seconds fixed_now() {
    return std::chrono::sys_days(std::chrono::year(2026) / 4 / 20) + std::chrono::hours(8);
}

class FixedClock final : public bot::Clock {
public:
    std::chrono::sys_seconds now() const override { return fixed_now(); }
};

inline std::string_view as_text(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace planbot::fuzz
