#pragma once

#include "server/sip/sip_parse.h"
#include "server/sip/sip_raw_message.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The checks parseSipMessage adds to libosip2, one function a stage. Each returns the first problem found.
namespace callvault::server::sip::checks {

/// What the start line says, filled as far as it could be read even when it is refused.
struct StartLine {
    bool request = false;
    bool recognised = false;  ///< looks like a SIP request or response line at all
    std::string_view method;  ///< request: the first word
    std::string_view uri;     ///< request: the Request-URI
    int status = 0;           ///< response: the status code
};

/// Request-Line = Method SP Request-URI SP SIP-Version (exactly one SP each, no trailing SP);
/// Status-Line = SIP-Version SP 3DIGIT SP Reason-Phrase. Version other than SIP/2.0 → 505; Request-URI
/// scheme other than sip, sips, tel → 416; a sip/sips URI with headers ("?") or a bad host or port → 400.
std::optional<SipParseFailure> checkStartLine(std::string_view line, StartLine& out);

/// Checks on the raw header fields: single-valued fields (To, From, Call-ID, CSeq, Max-Forwards,
/// Content-Length, Content-Type, Expires, Date, MIME-Version) appear once and hold one value; name-addr
/// syntax of To, From, Contact, Route, Record-Route; Date in RFC 1123 form and GMT.
std::optional<SipParseFailure> checkRawHeaders(const std::vector<SipRawHeader>& headers);

/// Checks on the message libosip2 built: mandatory fields present (Max-Forwards only for requests with
/// an RFC 3261 branch: RFC 2543 peers do not send it), every Via "SIP/2.0" with a valid port, CSeq number
/// below 2^31 and its method equal to the request method, Max-Forwards 0..255.
std::optional<SipParseFailure> checkParsedMessage(const SipMessage& message);

/// The problem with one name-addr / addr-spec value, or nullopt when it is well formed.
std::optional<std::string> nameAddrProblem(std::string_view value, bool requireAngleBrackets);

/// rfc1123-date as RFC 3261 §20.17 requires: "Sat, 13 Nov 2010 23:29:00 GMT".
bool isSipDate(std::string_view value);

/// host [":" port] of a sip/sips URI is well formed: hostname, IPv4 or bracketed IPv6 reference, port
/// 0..65535. The IPv6 check is deliberately loose (RFC 5118 §4.10 asks to tolerate "2001:db8:::1").
bool isValidHostPort(std::string_view hostport);

}  // namespace callvault::server::sip::checks
