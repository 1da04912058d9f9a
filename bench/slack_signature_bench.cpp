// The cost of checking one Slack request's signature (bot/slack/signature.hpp): the
// HMAC-SHA256 of "v0:<timestamp>:<body>" and the constant-time comparison, on an
// Events API body of Slack's usual size (about 1 KB) and on a 10 KB one. Prints the
// microseconds per check, the median of 5 runs of 20,000 checks each.
//
//   ninja -C build bench_slack_signature && build/bench/bench_slack_signature
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <openssl/hmac.h>

#include "bot/slack/signature.hpp"

namespace {

std::string hex_hmac(const std::string& key, const std::string& text) {
    unsigned char digest[32];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
         text.size(), digest, &length);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 15];
    }
    return out;
}

double microseconds_per_check(const std::string& body) {
    const std::string secret = "8f742231b10e8888abcd99yyyzzz85a5";
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::string timestamp = std::to_string(now.time_since_epoch().count());
    const std::string signature = "v0=" + hex_hmac(secret, "v0:" + timestamp + ":" + body);
    constexpr int kChecks = 20000;
    std::vector<double> runs;
    for (int run = 0; run < 5; ++run) {
        int accepted = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kChecks; ++i)
            accepted += planbot::bot::slack::verify_signature(secret, timestamp, signature, body, now) ==
                        planbot::bot::slack::SignatureCheck::ok;
        const std::chrono::duration<double, std::micro> spent = std::chrono::steady_clock::now() - start;
        if (accepted != kChecks) std::fprintf(stderr, "a good signature was refused\n");
        runs.push_back(spent.count() / kChecks);
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

}  // namespace

int main() {
    std::string event = R"({"token":"x","team_id":"T0TEST","api_app_id":"A0TEST","event":{"type":"app_mention",)"
                        R"("user":"U0123ABCD","text":"<@UPLANBOT> hva skjer i mai","ts":"1700000000.000100",)"
                        R"("channel":"C0123ABCD","event_ts":"1700000000.000100"},"type":"event_callback",)"
                        R"("event_id":"Ev0123ABCD","event_time":1700000000,"authorizations":[{"user_id":"UPLANBOT"}]})";
    std::string one_kb = event;
    while (one_kb.size() < 1024) one_kb += ' ';
    std::string ten_kb = event;
    while (ten_kb.size() < 10240) ten_kb += ' ';
    std::printf("signature check, 1 KB body: %.2f µs\n", microseconds_per_check(one_kb));
    std::printf("signature check, 10 KB body: %.2f µs\n", microseconds_per_check(ten_kb));
}
