#pragma once

#include "server/sip/sip_asio.h"
#include "server/sip/sip_transport.h"

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace callvault::server::sip {

class SipTcpConnection;
struct SipFrame;

/// The shared state behind SipTransport: sockets, the connection registry, the receive pipeline. Kept
/// alive by every pending operation (shared_from_this), so a handler never outlives it.
class SipTransportCore : public std::enable_shared_from_this<SipTransportCore>, public SipSender {
public:
    using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;

    SipTransportCore(boost::asio::io_context& io, SipTransportConfig config, SipMessageHandler& handler,
                     Metrics* metrics);

    void start();
    void stop();
    std::uint16_t port() const { return m_port.load(); }
    const SipTransportConfig& config() const { return m_config; }
    SipViaSpec viaFor(SipTransportKind kind) const;
    SipTransportStats stats() const;

    bool send(const SipMessage& message, const SipPeer& peer) override;
    bool sendResponse(const SipMessage& response, const SipPeer& requestSource) override;

    // ---- for SipTcpConnection, on the connection's strand
    /// Parses one message and answers, drops or delivers it.
    void receive(std::string_view bytes, const SipPeer& source);
    /// Answers an unframeable stream (when its header section allows) on `connection`; true if answered.
    bool rejectFrame(const SipFrame& frame, std::string_view buffer, SipTcpConnection& connection);
    void connectionClosed(std::uint64_t id, const boost::asio::ip::tcp::endpoint& remote);

private:
    void bindUdp(const boost::asio::ip::udp::endpoint& endpoint);
    void bindTcp(const boost::asio::ip::tcp::endpoint& endpoint);
    void doReceiveUdp();
    void onReceiveUdp(const boost::system::error_code& ec, std::size_t bytes);
    void doAccept();
    void onAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);
    bool sendUdp(std::shared_ptr<const std::string> bytes, const SipPeer& peer);
    bool sendTcp(std::shared_ptr<const std::string> bytes, const SipPeer& peer);
    std::shared_ptr<SipTcpConnection> findConnection(std::uint64_t id);
    void count(std::atomic<std::uint64_t>& counter, const char* metric);

    boost::asio::io_context& m_io;
    const SipTransportConfig m_config;
    SipMessageHandler& m_handler;
    Metrics* m_metrics;
    Strand m_udpStrand;
    Strand m_acceptStrand;
    boost::asio::ip::udp::socket m_udp;
    boost::asio::ip::tcp::acceptor m_acceptor;
    std::array<char, 65536> m_udpBuffer{};  // larger than any UDP payload (65507 over IPv4)
    boost::asio::ip::udp::endpoint m_udpSender;
    std::atomic<std::uint16_t> m_port{0};
    std::string m_warnAgent;
    std::atomic<bool> m_stopped{false};

    mutable std::mutex m_connectionsMutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<SipTcpConnection>> m_connections;
    std::map<boost::asio::ip::tcp::endpoint, std::uint64_t> m_connectionByRemote;
    std::atomic<std::uint64_t> m_nextConnectionId{1};

    std::atomic<std::uint64_t> m_received{0}, m_accepted{0}, m_unhandled{0}, m_rejected{0}, m_dropped{0},
        m_sent{0}, m_tcpAccepted{0}, m_tcpRefused{0}, m_tcpClosed{0};
};

/// A v4-mapped IPv6 address as plain IPv4 (a dual-stack socket reports IPv4 peers that way).
boost::asio::ip::address unmapped(const boost::asio::ip::address& address);

}  // namespace callvault::server::sip
