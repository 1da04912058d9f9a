// Shared pieces of the Slack adapter's tests: the fixtures (tests/fixtures/slack/, in
// the shapes Slack documents), the bot as they know it, and requests signed as Slack
// signs them.
#pragma once

#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "bot/slack/adapter.hpp"

namespace planbot::test {

inline std::string slack_fixture(std::string_view name) {
    const std::string path = std::string(PLANBOT_SOURCE_DIR "/tests/fixtures/slack/") + std::string(name);
    std::ifstream file(path, std::ios::binary);
    if (!file) FAIL("cannot read fixture " << path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The bot of the fixtures: Slack's documentation examples mention U0LAN0Z89.
inline bot::slack::SlackIdentity slack_bot() { return {"U0LAN0Z89", "T123ABC456", "planbot"}; }

// "v0=" + hex HMAC-SHA256 of "v0:<timestamp>:<body>", as Slack signs a request.
inline std::string slack_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
    const std::string base = "v0:" + std::string(timestamp) + ":" + std::string(body);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(base.data()),
         base.size(), digest, &length);
    std::string out = "v0=";
    char hex[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(hex, sizeof hex, "%02x", digest[i]);
        out += hex;
    }
    return out;
}

// %-encodes a form value (application/x-www-form-urlencoded).
inline std::string form_encode(std::string_view text) {
    std::string out;
    char hex[4];
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

}  // namespace planbot::test
