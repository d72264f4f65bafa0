#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace callvault::server::api {

/// A header value as an RFC 2047 encoded-word ("=?UTF-8?B?…?=", folded every ≤ 75 characters) when it holds
/// non-ASCII bytes; plain ASCII is returned as is.
std::string encodeHeaderWord(std::string_view text);

/// An RFC 5322 date, "Wed, 25 Nov 2026 10:56:05 +0000".
std::string rfc5322Date(std::int64_t unixSeconds);

/// The whole RFC 5322 message (CRLF line ends): Date, From, To, Subject, Message-ID, MIME-Version and a
/// text/plain UTF-8 8bit body. Throws std::invalid_argument if an address or the subject holds CR or LF
/// (header injection) or an address has no '@'.
std::string buildMailMessage(std::string_view from, std::string_view to, std::string_view subject,
                             std::string_view body, std::int64_t unixSeconds, std::string_view messageId);

/// The address part of a sender such as "CallVault <noreply@example.com>" (or the whole text).
std::string bareAddress(std::string_view address);

}  // namespace callvault::server::api
