// See link_codes.hpp.
#include "bot/pipeline/link_codes.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

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
