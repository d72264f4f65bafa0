#pragma once

#include "server/sip/sip_asio.h"
#include "server/sip/sip_parse.h"
#include "server/sip/sip_request_builder.h"
#include "server/sip/sip_transport_types.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace callvault::server {
class Metrics;
}

namespace callvault::server::sip {

class SipTransportCore;

/// Where and how the SIP transport listens.
struct SipTransportConfig {
    std::string address = "127.0.0.1";  ///< IPv4 or IPv6 address to bind; "0.0.0.0" / "::" for all
    std::uint16_t port = 5060;          ///< 0 = any free port, the same for UDP and TCP
    bool udp = true;
    bool tcp = true;
    SipParseLimits limits;  ///< message size and header-count caps (UDP and TCP)
    std::size_t maxTcpConnections = 1024;
    std::chrono::milliseconds tcpIdleTimeout = std::chrono::minutes(5);  ///< a silent connection is closed
    std::string advertisedHost;  ///< host in our Via headers; "" = `address` (set it when binding all)
    std::string warnAgent;       ///< warn-agent of our Warning headers; "" = host:port
};

/// Counters since start. Plain numbers: a snapshot.
struct SipTransportStats {
    std::uint64_t received = 0;     ///< messages (datagrams, framed stream messages)
    std::uint64_t accepted = 0;     ///< passed to the handler
    std::uint64_t unhandled = 0;    ///< accepted, but the handler did not take them
    std::uint64_t rejected = 0;     ///< refused and answered (400, 416, 505, 513)
    std::uint64_t dropped = 0;      ///< refused without an answer (responses, unparseable, ACK)
    std::uint64_t sent = 0;         ///< messages queued for sending
    std::uint64_t tcpAccepted = 0;  ///< connections accepted
    std::uint64_t tcpRefused = 0;   ///< connections closed at once: over maxTcpConnections
    std::uint64_t tcpClosed = 0;    ///< connections closed (any reason)
    std::uint64_t tcpOpen = 0;      ///< connections open now
};

/// SIP over UDP and TCP on one address and port (RFC 3261 §18), on the server's io_context. The UDP socket
/// and the acceptor each run on a strand, every TCP connection on its own. Each received message is parsed
/// (parseSipMessage); a refused request that can be answered gets its 4xx/5xx with a Warning naming the
/// problem, anything else refused is dropped and counted; an accepted request gets received/rport on its
/// top Via and goes, with every accepted response, to the handler. TCP is framed by Content-Length; a
/// message without it is answered 400 and the connection closed; a message over the cap closes the
/// connection. Never throws from a handler; a bad peer cannot crash it.
class SipTransport : public SipSender {
public:
    /// `handler` and `metrics` (optional) must outlive the transport's work on `io`.
    SipTransport(boost::asio::io_context& io, SipTransportConfig config, SipMessageHandler& handler,
                 Metrics* metrics = nullptr);
    ~SipTransport() override;
    SipTransport(const SipTransport&) = delete;
    SipTransport& operator=(const SipTransport&) = delete;

    /// Binds the sockets and starts receiving. Throws boost::system::system_error when a bind fails.
    void start();
    /// Stops receiving and closes every socket and connection. Thread safe; idempotent.
    void stop();

    /// The bound port (after start), the same for UDP and TCP.
    std::uint16_t port() const;
    /// Our Via for requests sent over `kind` (host = advertisedHost or the bound address, port = the bound
    /// port).
    SipViaSpec viaFor(SipTransportKind kind) const;
    SipTransportStats stats() const;

    bool send(const SipMessage& message, const SipPeer& peer) override;
    bool sendResponse(const SipMessage& response, const SipPeer& requestSource) override;

private:
    std::shared_ptr<SipTransportCore> m_core;
};

}  // namespace callvault::server::sip
