// Slack's request signing ("Verifying requests from Slack"): every request Slack sends
// carries X-Slack-Request-Timestamp and X-Slack-Signature, the latter "v0=" + the hex
// HMAC-SHA256 of "v0:<timestamp>:<raw body>" keyed with the app's signing secret. The
// check runs on the raw bytes before anything reads them. Pure: the time is given.
#pragma once

#include <chrono>
#include <string_view>

namespace planbot::bot::slack {

enum class SignatureCheck {
    ok,
    missing,    // a header is absent (or empty), or no signing secret is configured
    malformed,  // not "v0=" + 64 hex digits, or a timestamp that is no number
    stale,      // the timestamp is more than kSignatureWindow from `now`, either way (a replay)
    mismatch,   // well formed and fresh, but not made with our secret over this body
};

// How far a request's timestamp may be from planbot's clock, in either direction.
inline constexpr std::chrono::seconds kSignatureWindow{300};

// The verdict on one request. An empty `signing_secret` refuses everything (missing).
// The digests are compared in constant time; the secret never leaves this function.
SignatureCheck verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                                std::string_view signature_header, std::string_view raw_body,
                                std::chrono::sys_seconds now);

// For the log: "ok", "missing", …
std::string_view signature_check_name(SignatureCheck check);

}  // namespace planbot::bot::slack
