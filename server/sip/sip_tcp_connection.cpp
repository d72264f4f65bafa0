#include "server/sip/sip_tcp_connection.h"

#include "server/sip/sip_stream_framer.h"
#include "server/sip/sip_transport_core.h"

namespace callvault::server::sip {

SipTcpConnection::SipTcpConnection(boost::asio::ip::tcp::socket socket, std::uint64_t id,
                                   const boost::asio::ip::tcp::endpoint& remote,
                                   std::shared_ptr<SipTransportCore> core,
                                   std::chrono::milliseconds idleTimeout, std::size_t maxMessageBytes)
    : m_socket(std::move(socket)),
      m_idleTimer(m_socket.get_executor()),
      m_id(id),
      m_core(std::move(core)),
      m_idleTimeout(idleTimeout),
      m_maxMessageBytes(maxMessageBytes),
      m_remote(remote) {
    m_peer.transport = SipTransportKind::Tcp;
    m_peer.address = unmapped(remote.address());
    m_peer.port = remote.port();
    m_peer.connectionId = id;
}

void SipTcpConnection::start() {
    boost::asio::post(m_socket.get_executor(), [self = shared_from_this()] {
        self->m_connected = true;
        self->armIdleTimer();
        self->doRead();
    });
}

void SipTcpConnection::connect() {
    boost::asio::post(m_socket.get_executor(), [self = shared_from_this()] {
        self->armIdleTimer();
        self->m_socket.async_connect(self->m_remote, [self](const boost::system::error_code& ec) {
            if (ec || self->m_closed) {
                self->closeNow();
                return;
            }
            self->m_connected = true;
            self->doRead();
            self->doWrite();
        });
    });
}

void SipTcpConnection::send(std::shared_ptr<const std::string> bytes) {
    boost::asio::post(m_socket.get_executor(), [self = shared_from_this(), bytes = std::move(bytes)] {
        if (self->m_closed || self->m_closeAfterWrite) {
            return;
        }
        self->m_writeQueue.push_back(bytes);
        self->doWrite();
    });
}

void SipTcpConnection::sendAndClose(std::shared_ptr<const std::string> bytes) {
    boost::asio::post(m_socket.get_executor(), [self = shared_from_this(), bytes = std::move(bytes)] {
        if (self->m_closed) {
            return;
        }
        self->m_writeQueue.push_back(bytes);
        self->m_closeAfterWrite = true;
        self->doWrite();
    });
}

void SipTcpConnection::close() {
    boost::asio::post(m_socket.get_executor(), [self = shared_from_this()] { self->closeNow(); });
}

void SipTcpConnection::doRead() {
    m_socket.async_read_some(boost::asio::buffer(m_chunk),
                             [self = shared_from_this()](const boost::system::error_code& ec,
                                                         std::size_t bytes) { self->onRead(ec, bytes); });
}

void SipTcpConnection::onRead(const boost::system::error_code& ec, std::size_t bytes) {
    if (ec || m_closed) {
        closeNow();
        return;
    }
    m_buffer.append(m_chunk.data(), bytes);
    armIdleTimer();
    processBuffer();
    if (!m_closed && !m_closeAfterWrite) {
        doRead();
    }
}

void SipTcpConnection::processBuffer() {
    while (!m_closed && !m_closeAfterWrite) {
        const SipFrame frame = frameSipMessage(m_buffer, m_maxMessageBytes);
        switch (frame.kind) {
            case SipFrame::Kind::NeedMore:
                return;
            case SipFrame::Kind::Skip:
                m_buffer.erase(0, frame.length);
                break;
            case SipFrame::Kind::KeepAlive:
                m_buffer.erase(0, frame.length);
                m_writeQueue.push_back(std::make_shared<const std::string>("\r\n"));
                doWrite();
                break;
            case SipFrame::Kind::Message:
                m_core->receive(std::string_view(m_buffer).substr(0, frame.length), m_peer);
                m_buffer.erase(0, frame.length);
                break;
            case SipFrame::Kind::Error:
                // The stream cannot be resynchronised: answer if the header section allows it, then close.
                m_closeAfterWrite = true;
                if (!m_core->rejectFrame(frame, m_buffer, *this)) {
                    closeNow();
                }
                m_buffer.clear();
                return;
        }
    }
}

void SipTcpConnection::doWrite() {
    if (m_writing || m_closed || !m_connected) {
        return;
    }
    if (m_writeQueue.empty()) {
        if (m_closeAfterWrite) {
            closeNow();
        }
        return;
    }
    m_writing = true;
    boost::asio::async_write(m_socket, boost::asio::buffer(*m_writeQueue.front()),
                             [self = shared_from_this()](const boost::system::error_code& ec,
                                                         std::size_t bytes) { self->onWrite(ec, bytes); });
}

void SipTcpConnection::onWrite(const boost::system::error_code& ec, std::size_t /*bytes*/) {
    m_writing = false;
    if (ec) {
        closeNow();
        return;
    }
    if (!m_writeQueue.empty()) {
        m_writeQueue.pop_front();
    }
    doWrite();
}

void SipTcpConnection::armIdleTimer() {
    m_idleTimer.expires_after(m_idleTimeout);
    m_idleTimer.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
        if (auto self = weak.lock(); self && !ec) {
            self->closeNow();
        }
    });
}

void SipTcpConnection::closeNow() {
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_idleTimer.cancel();
    boost::system::error_code ignored;
    m_socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    m_socket.close(ignored);
    m_writeQueue.clear();
    m_core->connectionClosed(m_id, m_remote);
}

}  // namespace callvault::server::sip
