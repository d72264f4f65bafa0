#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::sip {

/// One header field as it arrived.
struct SipRawHeader {
    std::string_view name;   ///< field name as received, without surrounding whitespace
    std::string canonical;   ///< lower case, compact forms expanded ("l" → "content-length")
    std::string value;       ///< unfolded (each CRLF + whitespace → one SP), trimmed
    std::string_view field;  ///< the whole field as received, folding included, without its final CRLF
};

/// A message split along RFC 3261 §7 lines, before any header is interpreted. Views point into the
/// scanned bytes, which must outlive this.
struct SipRawMessage {
    std::string_view startLine;  ///< without CRLF
    std::vector<SipRawHeader> headers;
    std::string_view afterHeaders;  ///< every octet after the empty line: body and any trailing octets
    std::string error;              ///< non-empty when the bytes are not a SIP message layout
    bool tooManyHeaders = false;

    bool ok() const { return error.empty(); }
};

/// Splits `bytes` into start line, header fields and the rest. CRLFs before the start line are skipped
/// (RFC 3261 §7.5). Lines must end in CRLF; a NUL octet is only accepted as a quoted-pair inside a quoted
/// string (RFC 3261 §25.1); header names must be tokens. Stops with an error after `maxHeaders` fields.
SipRawMessage scanSipMessage(std::string_view bytes, std::size_t maxHeaders);

}  // namespace callvault::server::sip
