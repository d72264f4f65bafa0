#pragma once

#include "server/sip/sip_message.h"

#include "server/sip/sip_asio.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace callvault::server::sip {

enum class SipTransportKind { Udp, Tcp };

/// "UDP" / "TCP", as in a Via header.
std::string_view toString(SipTransportKind kind);

/// The far end of a message: where it came from, or where it goes.
struct SipPeer {
    SipTransportKind transport = SipTransportKind::Udp;
    boost::asio::ip::address address;
    std::uint16_t port = 0;
    /// TCP: the connection a message arrived on / is sent on. 0 when sending = reuse a connection to
    /// address:port or open one.
    std::uint64_t connectionId = 0;

    std::string toString() const;  ///< "udp:192.0.2.1:5060", "tcp:[2001:db8::1]:5060#3"
};

/// A message the transport accepted, with where it came from.
struct SipIncoming {
    SipMessage message;
    SipPeer source;
};

/// Sends messages. Implemented by the transport; thread safe.
class SipSender {
public:
    virtual ~SipSender() = default;
    /// Queues `message` for `peer`. False when it cannot be sent: it does not serialise, is larger than a
    /// datagram, the TCP connection `peer.connectionId` is gone, or the transport is stopped.
    virtual bool send(const SipMessage& message, const SipPeer& peer) = 0;
    /// Sends a response where RFC 3261 §18.2.2 and RFC 3581 §4 say: TCP on the request's connection (or a
    /// new one to received/sent-by when it closed), UDP to the top Via's received address and rport (or
    /// sent-by port). `requestSource` is the SipIncoming::source of the request.
    virtual bool sendResponse(const SipMessage& response, const SipPeer& requestSource) = 0;
};

/// Takes the messages the transport accepted. The B2BUA dispatcher, the OPTIONS responder and any later
/// handler implement this; SipHandlerChain puts several in order.
class SipMessageHandler {
public:
    virtual ~SipMessageHandler() = default;
    /// Offered one accepted message (a request's top Via already carries received/rport). Returns true when
    /// it took the message. Called on the receiving socket's strand: it must not block.
    virtual bool handle(SipIncoming& incoming, SipSender& sender) = 0;
};

}  // namespace callvault::server::sip
