// Shared by the benchmarks that time commands through UpdateHandler: a command in a
// private chat as Telegram sends it, and the line each prints per measurement.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace planbot::bench {

// An Update carrying `text` (starting with a /command) from `user` in their private chat.
inline std::string private_command(int64_t update_id, std::string_view text, int64_t user) {
    const size_t command_length = std::min(text.find(' '), text.size());
    nlohmann::json from = {{"id", user}, {"is_bot", false}, {"first_name", "Kari"}, {"username", "kari"}};
    nlohmann::json body = {
        {"update_id", update_id},
        {"message",
         {{"message_id", update_id},
          {"date", 1780000000},
          {"from", from},
          {"chat", {{"id", user}, {"type", "private"}, {"first_name", "Kari"}}},
          {"text", text},
          {"entities", {{{"type", "bot_command"}, {"offset", 0}, {"length", command_length}}}}}}};
    return body.dump();
}

// "<what>  median … us   p90 … us   (n runs)"; sorts `micros`.
inline void print_micros(const char* what, std::vector<double>& micros) {
    std::ranges::sort(micros);
    std::printf("%-34s median %7.1f us   p90 %7.1f us   (%zu runs)\n", what, micros[micros.size() / 2],
                micros[micros.size() * 9 / 10], micros.size());
}

}  // namespace planbot::bench
