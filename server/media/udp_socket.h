#pragma once

#include "server/media/media_asio.h"

#include <cstdint>
#include <string>

namespace callvault::server::media {

/// Opens a non-blocking, close-on-exec UDP socket bound to `address`:`port` (IPv4 or IPv6 literal) with a
/// receive buffer of at least `receiveBufferBytes`. Returns the descriptor; the caller owns it (it goes
/// straight into an Asio descriptor). Throws std::system_error (EADDRINUSE when the port is taken) or
/// std::invalid_argument for a malformed address.
int openUdpSocket(const std::string& address, std::uint16_t port, int receiveBufferBytes);

/// Closes a descriptor on scope exit unless released.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const { return m_fd; }
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

}  // namespace callvault::server::media
