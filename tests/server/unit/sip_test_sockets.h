#pragma once

// Plain POSIX sockets on 127.0.0.1 for the transport tests: the peer side is not our code. Every wait is
// bounded by a timeout (poll), never a sleep.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace callvault::server::sip::test {

using namespace std::chrono_literals;

inline constexpr auto kReplyTimeout = 5s;  ///< a reply that should come
inline constexpr auto kSilence = 300ms;    ///< how long we listen for a reply that should not come

class Fd {
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    Fd(Fd&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    Fd& operator=(Fd&& other) noexcept {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

inline sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

inline std::uint16_t localPort(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

/// True when `fd` becomes readable within `timeout`.
inline bool readable(int fd, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

/// A UDP socket on 127.0.0.1 with an ephemeral port.
class UdpPeer {
public:
    UdpPeer() : m_fd(::socket(AF_INET, SOCK_DGRAM, 0)) {
        const auto address = loopback(0);
        if (m_fd.get() < 0 ||
            ::bind(m_fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("udp socket");
        }
    }
    std::uint16_t port() const { return localPort(m_fd.get()); }
    void sendTo(std::uint16_t port, std::string_view bytes) const {
        const auto address = loopback(port);
        ::sendto(m_fd.get(), bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&address),
                 sizeof address);
    }
    /// The next datagram, or nullopt after `timeout`.
    std::optional<std::string> receive(std::chrono::milliseconds timeout = kReplyTimeout) const {
        if (!readable(m_fd.get(), timeout)) {
            return std::nullopt;
        }
        std::string buffer(65536, '\0');
        const auto n = ::recv(m_fd.get(), buffer.data(), buffer.size(), 0);
        if (n < 0) {
            return std::nullopt;
        }
        buffer.resize(static_cast<std::size_t>(n));
        return buffer;
    }

private:
    Fd m_fd;
};

/// A TCP client connection to 127.0.0.1:port.
class TcpPeer {
public:
    explicit TcpPeer(std::uint16_t port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        const auto address = loopback(port);
        if (m_fd.get() < 0 ||
            ::connect(m_fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("tcp connect");
        }
        const int one = 1;
        ::setsockopt(m_fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    explicit TcpPeer(Fd connected) : m_fd(std::move(connected)) {}

    std::uint16_t port() const { return localPort(m_fd.get()); }
    void send(std::string_view bytes) const {
        while (!bytes.empty()) {
            const auto n = ::send(m_fd.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) {
                return;
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    /// The next whole SIP message (framed by Content-Length), or nullopt on timeout or close.
    std::optional<std::string> receiveMessage(std::chrono::milliseconds timeout = kReplyTimeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (auto message = takeMessage()) {
                return message;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !readMore(left)) {
                return std::nullopt;
            }
        }
    }
    /// True when the server closes the connection within `timeout` (whatever it sent first is kept).
    bool closedByPeer(std::chrono::milliseconds timeout = kReplyTimeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !readable(m_fd.get(), left)) {
                return false;
            }
            char chunk[4096];
            const auto n = ::recv(m_fd.get(), chunk, sizeof chunk, 0);
            if (n <= 0) {
                return true;
            }
            m_pending.append(chunk, static_cast<std::size_t>(n));
        }
    }
    const std::string& pending() const { return m_pending; }

private:
    std::optional<std::string> takeMessage() {
        const auto end = m_pending.find("\r\n\r\n");
        if (end == std::string::npos) {
            return std::nullopt;
        }
        std::size_t length = 0;
        const auto field = m_pending.find("\r\nContent-Length: ");
        if (field != std::string::npos && field < end) {
            length = std::stoul(m_pending.substr(field + 18));
        }
        if (m_pending.size() < end + 4 + length) {
            return std::nullopt;
        }
        std::string message = m_pending.substr(0, end + 4 + length);
        m_pending.erase(0, end + 4 + length);
        return message;
    }
    bool readMore(std::chrono::milliseconds timeout) {
        if (!readable(m_fd.get(), timeout)) {
            return false;
        }
        char chunk[4096];
        const auto n = ::recv(m_fd.get(), chunk, sizeof chunk, 0);
        if (n <= 0) {
            return false;
        }
        m_pending.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    Fd m_fd;
    std::string m_pending;
};

/// A TCP listener on 127.0.0.1 (a peer the transport connects to).
class TcpListener {
public:
    TcpListener() : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        const auto address = loopback(0);
        if (m_fd.get() < 0 ||
            ::bind(m_fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(m_fd.get(), 4) != 0) {
            throw std::runtime_error("tcp listen");
        }
    }
    std::uint16_t port() const { return localPort(m_fd.get()); }
    std::optional<TcpPeer> accept(std::chrono::milliseconds timeout = kReplyTimeout) const {
        if (!readable(m_fd.get(), timeout)) {
            return std::nullopt;
        }
        return TcpPeer(Fd(::accept(m_fd.get(), nullptr, nullptr)));
    }

private:
    Fd m_fd;
};

}  // namespace callvault::server::sip::test
