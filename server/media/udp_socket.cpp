#include "server/media/udp_socket.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace callvault::server::media {

void UniqueFd::reset(int fd) {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    m_fd = fd;
}

int openUdpSocket(const std::string& address, std::uint16_t port, int receiveBufferBytes) {
    boost::system::error_code ec;
    const auto ip = boost::asio::ip::make_address(address, ec);
    if (ec) {
        throw std::invalid_argument("not an IP address: '" + address + "'");
    }
    const boost::asio::ip::udp::endpoint endpoint(ip, port);
    UniqueFd fd(::socket(endpoint.protocol().family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (fd.get() < 0) {
        throw std::system_error(errno, std::generic_category(), "socket");
    }
    if (receiveBufferBytes > 0) {
        // Best effort: the kernel caps it at net.core.rmem_max.
        ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    }
    if (::bind(fd.get(), endpoint.data(), static_cast<socklen_t>(endpoint.size())) != 0) {
        throw std::system_error(errno, std::generic_category(),
                                "bind " + address + ":" + std::to_string(port));
    }
    return fd.release();
}

}  // namespace callvault::server::media
