#pragma once

#include "server/sip/sip_message.h"
#include "server/sip/sip_parse.h"

#include <optional>
#include <string_view>

namespace callvault::server::sip {

/// A response to `request` (RFC 3261 §8.2.6.2): every Via, From, To, Call-ID and CSeq copied; `toTag` added
/// to To when To has no tag yet and `toTag` is not empty; for 101..299 the Record-Route values are copied
/// too (§12.1.1). `reason` "" takes the standard phrase. Fields missing from the request are left out.
/// Empty when `request` is not a request.
SipMessage buildResponse(const SipMessage& request, int status, std::string_view reason = {},
                         std::string_view toTag = {});

/// The answer to a refused request: the failure's status, its standard reason phrase, and
/// `Warning: 399 <agent> "<what was wrong>"` (RFC 3261 §20.43). nullopt when the refusal cannot be answered
/// (a response, an ACK, no Via or CSeq).
std::optional<SipMessage> buildRejection(const SipParseResult& refused, std::string_view warnAgent);

}  // namespace callvault::server::sip
