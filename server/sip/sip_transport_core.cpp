#include "server/sip/sip_transport_core.h"

#include "server/sip/sip_ids.h"
#include "server/sip/sip_response_builder.h"
#include "server/sip/sip_stream_framer.h"
#include "server/sip/sip_tcp_connection.h"
#include "server/sip/sip_via_rules.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include <vector>

namespace callvault::server::sip {

namespace {

constexpr std::size_t kMaxUdpPayload = 65507;  // IPv4: 65535 - 20 (IP) - 8 (UDP)
constexpr int kFreePortAttempts = 20;

bool isUnspecified(const boost::asio::ip::address& address) {
    return address.is_unspecified();
}

}  // namespace

boost::asio::ip::address unmapped(const boost::asio::ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    }
    return address;
}

SipTransportCore::SipTransportCore(boost::asio::io_context& io, SipTransportConfig config,
                                   SipMessageHandler& handler, Metrics* metrics)
    : m_io(io),
      m_config(std::move(config)),
      m_handler(handler),
      m_metrics(metrics),
      m_udpStrand(boost::asio::make_strand(io)),
      m_acceptStrand(boost::asio::make_strand(io)),
      m_udp(m_udpStrand),
      m_acceptor(m_acceptStrand) {}

void SipTransportCore::bindUdp(const boost::asio::ip::udp::endpoint& endpoint) {
    m_udp.open(endpoint.protocol());
    if (endpoint.address().is_v6() && isUnspecified(endpoint.address())) {
        m_udp.set_option(boost::asio::ip::v6_only(false));
    }
    m_udp.bind(endpoint);
}

void SipTransportCore::bindTcp(const boost::asio::ip::tcp::endpoint& endpoint) {
    m_acceptor.open(endpoint.protocol());
    m_acceptor.set_option(boost::asio::socket_base::reuse_address(true));
    if (endpoint.address().is_v6() && isUnspecified(endpoint.address())) {
        m_acceptor.set_option(boost::asio::ip::v6_only(false));
    }
    m_acceptor.bind(endpoint);
    m_acceptor.listen();
}

void SipTransportCore::start() {
    const auto address = boost::asio::ip::make_address(m_config.address);
    const int attempts = m_config.port == 0 && m_config.udp && m_config.tcp ? kFreePortAttempts : 1;
    for (int attempt = 1;; ++attempt) {
        std::uint16_t port = m_config.port;
        try {
            if (m_config.udp) {
                bindUdp({address, port});
                port = m_udp.local_endpoint().port();
            }
            if (m_config.tcp) {
                bindTcp({address, port});
                port = m_acceptor.local_endpoint().port();
            }
            m_port = port;
            break;
        } catch (const boost::system::system_error&) {
            // With port 0 the port UDP got may be taken for TCP: try another one.
            boost::system::error_code ignored;
            m_udp.close(ignored);
            m_acceptor.close(ignored);
            if (attempt >= attempts) {
                throw;
            }
        }
    }
    const std::string host = m_config.advertisedHost.empty() ? address.to_string() : m_config.advertisedHost;
    m_warnAgent =
        m_config.warnAgent.empty() ? uriHost(host) + ":" + std::to_string(m_port.load()) : m_config.warnAgent;
    log::info("SIP listening on " + uriHost(address.to_string()) + ":" + std::to_string(m_port.load()) +
              (m_config.udp ? " udp" : "") + (m_config.tcp ? " tcp" : ""));
    if (m_config.udp) {
        boost::asio::post(m_udpStrand, [self = shared_from_this()] { self->doReceiveUdp(); });
    }
    if (m_config.tcp) {
        boost::asio::post(m_acceptStrand, [self = shared_from_this()] { self->doAccept(); });
    }
}

void SipTransportCore::stop() {
    if (m_stopped.exchange(true)) {
        return;
    }
    boost::asio::post(m_udpStrand, [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->m_udp.close(ignored);
    });
    boost::asio::post(m_acceptStrand, [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->m_acceptor.close(ignored);
    });
    std::vector<std::shared_ptr<SipTcpConnection>> open;
    {
        const std::lock_guard lock(m_connectionsMutex);
        for (const auto& [id, weak] : m_connections) {
            if (auto connection = weak.lock()) {
                open.push_back(std::move(connection));
            }
        }
    }
    for (const auto& connection : open) {
        connection->close();
    }
}

SipViaSpec SipTransportCore::viaFor(SipTransportKind kind) const {
    SipViaSpec via;
    via.transport = std::string(toString(kind));
    via.host = m_config.advertisedHost.empty() ? m_config.address : m_config.advertisedHost;
    via.port = m_port.load();
    return via;
}

SipTransportStats SipTransportCore::stats() const {
    SipTransportStats s;
    s.received = m_received.load();
    s.accepted = m_accepted.load();
    s.unhandled = m_unhandled.load();
    s.rejected = m_rejected.load();
    s.dropped = m_dropped.load();
    s.sent = m_sent.load();
    s.tcpAccepted = m_tcpAccepted.load();
    s.tcpRefused = m_tcpRefused.load();
    s.tcpClosed = m_tcpClosed.load();
    {
        const std::lock_guard lock(m_connectionsMutex);
        s.tcpOpen = m_connections.size();
    }
    return s;
}

void SipTransportCore::count(std::atomic<std::uint64_t>& counter, const char* metric) {
    ++counter;
    if (m_metrics != nullptr) {
        m_metrics->add(metric);
    }
}

void SipTransportCore::doReceiveUdp() {
    m_udp.async_receive_from(
        boost::asio::buffer(m_udpBuffer), m_udpSender,
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t bytes) {
            self->onReceiveUdp(ec, bytes);
        });
}

void SipTransportCore::onReceiveUdp(const boost::system::error_code& ec, std::size_t bytes) {
    if (m_stopped || ec == boost::asio::error::operation_aborted || !m_udp.is_open()) {
        return;
    }
    if (!ec) {
        SipPeer source;
        source.transport = SipTransportKind::Udp;
        source.address = unmapped(m_udpSender.address());
        source.port = m_udpSender.port();
        receive(std::string_view(m_udpBuffer.data(), bytes), source);
    } else {
        // e.g. ECONNREFUSED from an ICMP port unreachable for an earlier send: keep receiving.
        log::debug("SIP UDP receive: " + ec.message());
    }
    doReceiveUdp();
}

void SipTransportCore::doAccept() {
    m_acceptor.async_accept(boost::asio::make_strand(m_io),
                            [self = shared_from_this()](const boost::system::error_code& ec,
                                                        boost::asio::ip::tcp::socket socket) {
                                self->onAccept(ec, std::move(socket));
                            });
}

void SipTransportCore::onAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket) {
    if (m_stopped || ec == boost::asio::error::operation_aborted || !m_acceptor.is_open()) {
        return;
    }
    if (ec) {
        log::warning("SIP TCP accept: " + ec.message());
        doAccept();
        return;
    }
    boost::system::error_code remoteError;
    const auto remote = socket.remote_endpoint(remoteError);
    std::shared_ptr<SipTcpConnection> connection;
    if (!remoteError) {
        const std::lock_guard lock(m_connectionsMutex);
        if (m_connections.size() < m_config.maxTcpConnections) {
            const auto id = m_nextConnectionId++;
            connection =
                std::make_shared<SipTcpConnection>(std::move(socket), id, remote, shared_from_this(),
                                                   m_config.tcpIdleTimeout, m_config.limits.maxMessageBytes);
            m_connections[id] = connection;
            m_connectionByRemote[remote] = id;
        }
    }
    if (connection) {
        count(m_tcpAccepted, "callvault_sip_tcp_connections_accepted_total");
        connection->start();
    } else {
        count(m_tcpRefused, "callvault_sip_tcp_connections_refused_total");
        boost::system::error_code ignored;
        socket.close(ignored);
    }
    doAccept();
}

void SipTransportCore::receive(std::string_view bytes, const SipPeer& source) {
    if (m_stopped) {
        return;
    }
    count(m_received, "callvault_sip_messages_received_total");
    try {
        SipParseResult result = parseSipMessage(bytes, m_config.limits);
        if (!result.ok()) {
            if (result.canAnswer()) {
                stampReceived(result.message, source);
                if (auto answer = buildRejection(result, m_warnAgent);
                    answer && sendResponse(*answer, source)) {
                    count(m_rejected, "callvault_sip_messages_rejected_total");
                    log::debug("SIP " + std::to_string(result.failure->status) + " to " + source.toString() +
                               ": " + result.failure->reason);
                    return;
                }
            }
            count(m_dropped, "callvault_sip_messages_dropped_total");
            log::debug("SIP message from " + source.toString() + " dropped: " + result.failure->reason);
            return;
        }
        if (result.message.isRequest()) {
            stampReceived(result.message, source);
        }
        count(m_accepted, "callvault_sip_messages_accepted_total");
        SipIncoming incoming{std::move(result.message), source};
        if (!m_handler.handle(incoming, *this)) {
            count(m_unhandled, "callvault_sip_messages_unhandled_total");
        }
    } catch (const std::exception& e) {
        count(m_dropped, "callvault_sip_messages_dropped_total");
        log::error("SIP message from " + source.toString() + " failed: " + e.what());
    }
}

bool SipTransportCore::rejectFrame(const SipFrame& frame, std::string_view buffer,
                                   SipTcpConnection& connection) {
    count(m_received, "callvault_sip_messages_received_total");
    if (frame.headerLength == 0 || frame.headerLength > buffer.size()) {
        count(m_dropped, "callvault_sip_messages_dropped_total");
        return false;
    }
    SipParseResult result = parseSipMessage(buffer.substr(0, frame.headerLength), m_config.limits);
    result.failure = SipParseFailure{frame.status, frame.reason};
    if (!result.canAnswer()) {
        count(m_dropped, "callvault_sip_messages_dropped_total");
        return false;
    }
    stampReceived(result.message, connection.peer());
    const auto answer = buildRejection(result, m_warnAgent);
    const std::string text = answer ? answer->toString() : std::string();
    if (text.empty()) {
        count(m_dropped, "callvault_sip_messages_dropped_total");
        return false;
    }
    connection.sendAndClose(std::make_shared<const std::string>(text));
    count(m_rejected, "callvault_sip_messages_rejected_total");
    count(m_sent, "callvault_sip_messages_sent_total");
    log::debug("SIP " + std::to_string(frame.status) + " to " + connection.peer().toString() +
               ", closing: " + frame.reason);
    return true;
}

void SipTransportCore::connectionClosed(std::uint64_t id, const boost::asio::ip::tcp::endpoint& remote) {
    {
        const std::lock_guard lock(m_connectionsMutex);
        m_connections.erase(id);
        if (const auto it = m_connectionByRemote.find(remote);
            it != m_connectionByRemote.end() && it->second == id) {
            m_connectionByRemote.erase(it);
        }
    }
    count(m_tcpClosed, "callvault_sip_tcp_connections_closed_total");
}

std::shared_ptr<SipTcpConnection> SipTransportCore::findConnection(std::uint64_t id) {
    const std::lock_guard lock(m_connectionsMutex);
    const auto it = m_connections.find(id);
    return it == m_connections.end() ? nullptr : it->second.lock();
}

bool SipTransportCore::send(const SipMessage& message, const SipPeer& peer) {
    if (m_stopped) {
        return false;
    }
    std::string text = message.toString();
    if (text.empty()) {
        return false;
    }
    auto bytes = std::make_shared<const std::string>(std::move(text));
    const bool queued = peer.transport == SipTransportKind::Udp ? sendUdp(std::move(bytes), peer)
                                                                : sendTcp(std::move(bytes), peer);
    if (queued) {
        count(m_sent, "callvault_sip_messages_sent_total");
    }
    return queued;
}

bool SipTransportCore::sendResponse(const SipMessage& response, const SipPeer& requestSource) {
    if (requestSource.transport == SipTransportKind::Tcp && requestSource.connectionId != 0 &&
        findConnection(requestSource.connectionId)) {
        return send(response, requestSource);
    }
    auto destination = responseDestination(response, requestSource);
    if (!destination) {
        return false;
    }
    destination->connectionId = 0;
    return send(response, *destination);
}

bool SipTransportCore::sendUdp(std::shared_ptr<const std::string> bytes, const SipPeer& peer) {
    if (!m_config.udp || bytes->size() > kMaxUdpPayload) {
        return false;
    }
    const boost::asio::ip::udp::endpoint target(peer.address, peer.port);
    boost::asio::post(m_udpStrand, [self = shared_from_this(), bytes = std::move(bytes), target] {
        if (!self->m_udp.is_open()) {
            return;
        }
        self->m_udp.async_send_to(
            boost::asio::buffer(*bytes), target,
            [bytes, target](const boost::system::error_code& ec, std::size_t /*sent*/) {
                if (ec) {
                    log::debug("SIP UDP send to " + target.address().to_string() + ": " + ec.message());
                }
            });
    });
    return true;
}

bool SipTransportCore::sendTcp(std::shared_ptr<const std::string> bytes, const SipPeer& peer) {
    if (!m_config.tcp) {
        return false;
    }
    if (peer.connectionId != 0) {
        auto connection = findConnection(peer.connectionId);
        if (!connection) {
            return false;
        }
        connection->send(std::move(bytes));
        return true;
    }
    const boost::asio::ip::tcp::endpoint remote(peer.address, peer.port);
    std::shared_ptr<SipTcpConnection> connection;
    bool opened = false;
    {
        const std::lock_guard lock(m_connectionsMutex);
        if (const auto it = m_connectionByRemote.find(remote); it != m_connectionByRemote.end()) {
            if (const auto found = m_connections.find(it->second); found != m_connections.end()) {
                connection = found->second.lock();
            }
        }
        if (!connection) {
            if (m_connections.size() >= m_config.maxTcpConnections) {
                return false;
            }
            const auto id = m_nextConnectionId++;
            connection = std::make_shared<SipTcpConnection>(
                boost::asio::ip::tcp::socket(boost::asio::make_strand(m_io)), id, remote, shared_from_this(),
                m_config.tcpIdleTimeout, m_config.limits.maxMessageBytes);
            m_connections[id] = connection;
            m_connectionByRemote[remote] = id;
            opened = true;
        }
    }
    if (opened) {
        connection->connect();
    }
    connection->send(std::move(bytes));
    return true;
}

}  // namespace callvault::server::sip
