#pragma once

#include "server/sip/sip_dialog.h"
#include "server/sip/sip_message.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace callvault::server::sip {

/// Our Via for a request we send.
struct SipViaSpec {
    std::string transport = "UDP";  ///< "UDP" or "TCP"
    std::string host;               ///< our address or name (IPv6 without brackets)
    std::uint16_t port = 0;         ///< 0 = leave the port out (5060 implied)
    std::string branch;             ///< "" = a new random RFC 3261 branch
};

/// A request in `dialog` (RFC 3261 §12.2.1.1), or an initial request when `dialog.remoteTag` is empty:
/// Request-URI and Route from the remote target and route set (loose routing when the first route has
/// ";lr", strict routing otherwise), From/To with the tags, Call-ID, CSeq `cseq` `method`, Max-Forwards, our
/// Via with ";rport" (RFC 3581) and, except for BYE and CANCEL, our Contact. Empty when a part does not
/// parse (a bad URI in the dialog).
SipMessage buildRequest(const SipDialog& dialog, std::string_view method, std::uint32_t cseq,
                        const SipViaSpec& via, int maxForwards = 70);

/// CANCEL for the client INVITE `invite` (RFC 3261 §9.1): its Request-URI, top Via, Call-ID, From, To,
/// Route and CSeq number, method CANCEL. Empty when `invite` is not a request.
SipMessage buildCancel(const SipMessage& invite);

/// ACK for a non-2xx final `response` to `invite` (RFC 3261 §17.1.1.3): like CANCEL, with To taken from
/// the response (its tag). Empty when either is missing.
SipMessage buildAckForFailure(const SipMessage& invite, const SipMessage& response);

}  // namespace callvault::server::sip
