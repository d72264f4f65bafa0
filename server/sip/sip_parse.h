#pragma once

#include "server/sip/sip_message.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace callvault::server::sip {

/// Bounds on what one message may hold.
struct SipParseLimits {
    std::size_t maxMessageBytes = 65535;  ///< larger messages are refused with 513 Message Too Large
    std::size_t maxHeaders = 128;         ///< header fields (a folded field counts once)
};

/// Why a message was refused.
struct SipParseFailure {
    int status = 400;    ///< what a UAS answers a refused request: 400, 416, 505 or 513
    std::string reason;  ///< names the problem, e.g. "CSeq method INVITE does not match OPTIONS"
};

/// The outcome of `parseSipMessage`.
struct SipParseResult {
    /// The accepted message. After a refusal: a request's Via, From, To, Call-ID and CSeq, as far as they
    /// parse, so that an answer can be built; empty when not even that is available.
    SipMessage message;
    std::optional<SipParseFailure> failure;

    bool ok() const { return !failure.has_value(); }
    /// A refused request (not ACK) whose Via and CSeq survived: it can and should be answered.
    bool canAnswer() const;
};

/// Parses one SIP message: a whole UDP datagram, or one message cut from a TCP stream. libosip2 does the
/// grammar; on top of it this refuses what RFC 3261 / RFC 4475 / RFC 5118 say a UA must not accept:
/// start-line and Request-URI syntax, SIP version (505), URI schemes other than sip/sips/tel (416),
/// missing or repeated mandatory header fields, CSeq out of range or not matching the method, Max-Forwards
/// over 255, Content-Length negative, repeated or larger than the body, unquoted URIs with headers,
/// malformed name-addr, a Date not in GMT. Octets after Content-Length are ignored (RFC 3261 §18.3); a
/// message without Content-Length takes the rest as its body. Pure function, thread safe.
SipParseResult parseSipMessage(std::string_view bytes, const SipParseLimits& limits = {});

}  // namespace callvault::server::sip
