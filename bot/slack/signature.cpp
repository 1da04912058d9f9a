// See signature.hpp.
#include "bot/slack/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <string>

namespace planbot::bot::slack {

namespace {

constexpr std::string_view kVersion = "v0=";
constexpr size_t kDigestBytes = 32;  // SHA-256

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

SignatureCheck verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                                std::string_view signature_header, std::string_view raw_body,
                                std::chrono::sys_seconds now) {
    if (signing_secret.empty() || timestamp_header.empty() || signature_header.empty()) return SignatureCheck::missing;
    int64_t timestamp = 0;
    const auto [end, error] =
        std::from_chars(timestamp_header.data(), timestamp_header.data() + timestamp_header.size(), timestamp);
    if (error != std::errc() || end != timestamp_header.data() + timestamp_header.size()) return SignatureCheck::malformed;
    // The length is checked before any byte is compared, so nothing is compared over
    // unequal lengths; the length itself is no secret.
    if (!signature_header.starts_with(kVersion) || signature_header.size() != kVersion.size() + 2 * kDigestBytes)
        return SignatureCheck::malformed;
    std::array<unsigned char, kDigestBytes> received{};
    for (size_t i = 0; i < kDigestBytes; ++i) {
        const int high = hex_value(signature_header[kVersion.size() + 2 * i]);
        const int low = hex_value(signature_header[kVersion.size() + 2 * i + 1]);
        if (high < 0 || low < 0) return SignatureCheck::malformed;
        received[i] = static_cast<unsigned char>(high * 16 + low);
    }
    // A Unix time in seconds has at most 10 digits for centuries; anything far outside
    // is stale, and is compared without a subtraction that could overflow.
    const int64_t current = now.time_since_epoch().count();
    if (timestamp < current - kSignatureWindow.count() || timestamp > current + kSignatureWindow.count())
        return SignatureCheck::stale;

    std::string base;
    base.reserve(3 + timestamp_header.size() + 1 + raw_body.size());
    base.append("v0:").append(timestamp_header).append(":").append(raw_body);
    std::array<unsigned char, EVP_MAX_MD_SIZE> expected{};
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), signing_secret.data(), static_cast<int>(signing_secret.size()),
              reinterpret_cast<const unsigned char*>(base.data()), base.size(), expected.data(), &length) ||
        length != kDigestBytes)
        return SignatureCheck::mismatch;  // OpenSSL failed: refuse rather than accept
    return CRYPTO_memcmp(expected.data(), received.data(), kDigestBytes) == 0 ? SignatureCheck::ok
                                                                               : SignatureCheck::mismatch;
}

std::string_view signature_check_name(SignatureCheck check) {
    switch (check) {
        case SignatureCheck::ok: return "ok";
        case SignatureCheck::missing: return "missing";
        case SignatureCheck::malformed: return "malformed";
        case SignatureCheck::stale: return "stale";
        case SignatureCheck::mismatch: return "mismatch";
    }
    return "unknown";
}

}  // namespace planbot::bot::slack
