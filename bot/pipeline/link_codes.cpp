// See link_codes.hpp.
#include "bot/pipeline/link_codes.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace planbot::bot {

std::string RandomLinkCodes::new_code() const {
    const std::string_view alphabet = commands::kLinkCodeAlphabet;
    std::string code;
    // Rejection sampling: a byte at or above the largest multiple of the alphabet's size
    // is drawn again, so every character is equally likely.
    const unsigned limit = 256 - 256 % static_cast<unsigned>(alphabet.size());
    while (code.size() < commands::kLinkCodeLength) {
        std::array<unsigned char, 16> bytes{};
        if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
            throw std::runtime_error("no random bytes for a link code");
        for (unsigned char byte : bytes)
            if (byte < limit && code.size() < commands::kLinkCodeLength) code += alphabet[byte % alphabet.size()];
    }
    return code;
}

namespace {

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenLength = 43;  // 32 bytes in base64url without padding
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static_assert(kTokenBytes == SHA256_DIGEST_LENGTH, "a derived token is as long as a random one");

// 32 bytes as a token: unpadded base64url, kTokenLength characters.
std::string token_text(const std::array<unsigned char, kTokenBytes>& bytes) {
    std::string token;
    for (size_t at = 0; at < kTokenBytes; at += 3) {
        unsigned group = unsigned{bytes[at]} << 16;
        if (at + 1 < kTokenBytes) group |= unsigned{bytes[at + 1]} << 8;
        if (at + 2 < kTokenBytes) group |= unsigned{bytes[at + 2]};
        for (int shift = 18; shift >= 0 && token.size() < kTokenLength; shift -= 6) token += kBase64Url[(group >> shift) & 63];
    }
    return token;
}

}  // namespace

std::string RandomAccessTokens::new_token() const {
    std::array<unsigned char, kTokenBytes> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("no random bytes for a link");
    return token_text(bytes);
}

std::string RandomAccessTokens::digest(std::string_view token) const { return RandomLinkCodes().digest(token); }

std::string RandomAccessTokens::derived(std::string_view token) const {
    const std::string input = "planbot: the organisation's feed of overview link " + std::string(token);
    std::array<unsigned char, kTokenBytes> hash{};
    SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), hash.data());
    return token_text(hash);
}

bool token_shaped(std::string_view text) {
    return text.size() == kTokenLength &&
           std::ranges::all_of(text, [](char c) { return kBase64Url.find(c) != std::string_view::npos; });
}

std::string RandomLinkCodes::digest(std::string_view code) const {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> hash{};
    SHA256(reinterpret_cast<const unsigned char*>(code.data()), code.size(), hash.data());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : hash) {
        out += kHex[byte >> 4];
        out += kHex[byte & 0x0f];
    }
    return out;
}

}  // namespace planbot::bot
