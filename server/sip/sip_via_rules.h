#pragma once

#include "server/sip/sip_message.h"
#include "server/sip/sip_transport_types.h"

#include <optional>

namespace callvault::server::sip {

/// RFC 3261 §18.2.1 and RFC 3581 §4 on a request that arrived from `source`: adds received=<source address>
/// to the top Via when its sent-by host differs from it, and when the Via asks for rport, sets rport to the
/// source port (received is then always added). Returns false when the request has no Via.
bool stampReceived(SipMessage& request, const SipPeer& source);

/// Where a response goes over UDP (RFC 3261 §18.2.2, RFC 3581 §4): the top Via's received address (else its
/// sent-by host), at its rport value (else the sent-by port, else 5060). A sent-by that is a name rather than
/// an address falls back to `fallback`'s address. nullopt when the response has no Via.
std::optional<SipPeer> responseDestination(const SipMessage& response, const SipPeer& fallback);

}  // namespace callvault::server::sip
