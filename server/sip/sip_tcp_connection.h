#pragma once

#include "server/sip/sip_asio.h"
#include "server/sip/sip_transport_types.h"

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <string>

namespace callvault::server::sip {

class SipTransportCore;

/// One SIP-over-TCP connection, accepted or opened by us. Owns its socket; everything runs on the socket's
/// strand. Reads are framed by Content-Length (frameSipMessage) and every message goes to the core; writes
/// are queued and sent one at a time. Closes on an idle timeout, a framing error (after answering it), a
/// peer close or stop. Lives as long as an operation is pending.
class SipTcpConnection : public std::enable_shared_from_this<SipTcpConnection> {
public:
    /// `socket` must use a strand executor of its own; `remote` is its peer (accepted) or target (opened).
    SipTcpConnection(boost::asio::ip::tcp::socket socket, std::uint64_t id,
                     const boost::asio::ip::tcp::endpoint& remote, std::shared_ptr<SipTransportCore> core,
                     std::chrono::milliseconds idleTimeout, std::size_t maxMessageBytes);

    /// Starts reading an accepted connection.
    void start();
    /// Opens the connection to the remote endpoint; queued messages go once it is up, dropped if it fails.
    void connect();
    /// Queues `bytes` for sending. Thread safe.
    void send(std::shared_ptr<const std::string> bytes);
    /// Queues `bytes`, then closes once everything queued is written. Thread safe.
    void sendAndClose(std::shared_ptr<const std::string> bytes);
    /// Closes at once. Thread safe.
    void close();

    std::uint64_t id() const { return m_id; }
    /// The peer as messages from it are reported (transport TCP, this connection's id).
    const SipPeer& peer() const { return m_peer; }

private:
    void doRead();
    void onRead(const boost::system::error_code& ec, std::size_t bytes);
    void processBuffer();
    void doWrite();
    void onWrite(const boost::system::error_code& ec, std::size_t bytes);
    void armIdleTimer();
    void closeNow();

    boost::asio::ip::tcp::socket m_socket;
    boost::asio::steady_timer m_idleTimer;
    const std::uint64_t m_id;
    std::shared_ptr<SipTransportCore> m_core;
    const std::chrono::milliseconds m_idleTimeout;
    const std::size_t m_maxMessageBytes;
    const boost::asio::ip::tcp::endpoint m_remote;
    SipPeer m_peer;
    std::array<char, 16384> m_chunk{};
    std::string m_buffer;  // received, not yet framed; bounded by the framer's cap + one chunk
    std::deque<std::shared_ptr<const std::string>> m_writeQueue;
    bool m_connected = false;
    bool m_writing = false;
    bool m_closeAfterWrite = false;
    bool m_closed = false;
};

}  // namespace callvault::server::sip
