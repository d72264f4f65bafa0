#include "tests/server/api/raw_connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <array>
#include <cerrno>

namespace callvault::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct SslCtxDeleter {
    void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
struct SslDeleter {
    void operator()(SSL* ssl) const { SSL_free(ssl); }
};

/// Waits until the socket is readable (`forWrite` false) or writable; false on timeout.
bool waitFor(int fd, bool forWrite, Clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left <= 0ms) {
            return false;
        }
        pollfd p{fd, static_cast<short>(forWrite ? POLLOUT : POLLIN), 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready > 0) {
            return true;
        }
        if (ready < 0 && errno != EINTR) {
            return false;
        }
    }
}

std::string opensslError() {
    std::array<char, 256> text{};
    ERR_error_string_n(ERR_get_error(), text.data(), text.size());
    return text.data();
}

}  // namespace

int RawReply::httpStatus() const {
    // "HTTP/1.1 431 Request Header Fields Too Large"
    if (data.rfind("HTTP/1.", 0) != 0 || data.size() < 12) {
        return 0;
    }
    try {
        return std::stoi(data.substr(9, 3));
    } catch (const std::exception&) {
        return 0;
    }
}

struct RawConnection::Impl {
    int fd = -1;
    std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx;
    std::unique_ptr<SSL, SslDeleter> ssl;

    ~Impl() {
        ssl.reset();
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

RawConnection::RawConnection(std::uint16_t port, const std::filesystem::path& caFile, bool tls)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_impl->fd < 0) {
        m_error = "socket failed";
        return;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const auto deadline = Clock::now() + 5s;
    if (::connect(m_impl->fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        int soError = 0;
        socklen_t length = sizeof soError;
        if (errno != EINPROGRESS || !waitFor(m_impl->fd, true, deadline) ||
            ::getsockopt(m_impl->fd, SOL_SOCKET, SO_ERROR, &soError, &length) != 0 || soError != 0) {
            m_error = "cannot connect to port " + std::to_string(port);
            return;
        }
    }
    if (!tls) {
        return;
    }
    m_impl->ctx.reset(SSL_CTX_new(TLS_client_method()));
    if (!m_impl->ctx || SSL_CTX_load_verify_locations(m_impl->ctx.get(), caFile.c_str(), nullptr) != 1) {
        m_error = "cannot load " + caFile.string() + ": " + opensslError();
        return;
    }
    SSL_CTX_set_verify(m_impl->ctx.get(), SSL_VERIFY_PEER, nullptr);
    m_impl->ssl.reset(SSL_new(m_impl->ctx.get()));
    if (!m_impl->ssl || SSL_set_fd(m_impl->ssl.get(), m_impl->fd) != 1 ||
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(m_impl->ssl.get()), "127.0.0.1") != 1) {
        m_error = "cannot set up TLS: " + opensslError();
        return;
    }
    for (;;) {
        const int result = SSL_connect(m_impl->ssl.get());
        if (result == 1) {
            return;
        }
        const int reason = SSL_get_error(m_impl->ssl.get(), result);
        if ((reason != SSL_ERROR_WANT_READ && reason != SSL_ERROR_WANT_WRITE) ||
            !waitFor(m_impl->fd, reason == SSL_ERROR_WANT_WRITE, deadline)) {
            m_error = "TLS handshake failed: " + opensslError();
            return;
        }
    }
}

RawConnection::~RawConnection() = default;

bool RawConnection::send(std::string_view bytes) {
    if (!ok()) {
        return false;
    }
    const auto deadline = Clock::now() + 5s;
    while (!bytes.empty()) {
        if (m_impl->ssl) {
            std::size_t written = 0;
            const int result = SSL_write_ex(m_impl->ssl.get(), bytes.data(), bytes.size(), &written);
            if (result == 1) {
                bytes.remove_prefix(written);
                continue;
            }
            const int reason = SSL_get_error(m_impl->ssl.get(), result);
            if ((reason != SSL_ERROR_WANT_READ && reason != SSL_ERROR_WANT_WRITE) ||
                !waitFor(m_impl->fd, reason == SSL_ERROR_WANT_WRITE, deadline)) {
                return false;
            }
        } else {
            const ssize_t n = ::send(m_impl->fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n > 0) {
                bytes.remove_prefix(static_cast<std::size_t>(n));
            } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                if (!waitFor(m_impl->fd, true, deadline)) {
                    return false;
                }
            } else {
                return false;
            }
        }
    }
    return true;
}

RawReply RawConnection::readUntilClosed(std::chrono::milliseconds timeout) {
    RawReply reply;
    const auto start = Clock::now();
    const auto deadline = start + timeout;
    std::array<char, 4096> buffer{};
    while (ok()) {
        if (m_impl->ssl) {
            std::size_t got = 0;
            const int result = SSL_read_ex(m_impl->ssl.get(), buffer.data(), buffer.size(), &got);
            if (result == 1) {
                reply.data.append(buffer.data(), got);
                continue;
            }
            const int reason = SSL_get_error(m_impl->ssl.get(), result);
            if (reason == SSL_ERROR_WANT_READ || reason == SSL_ERROR_WANT_WRITE) {
                if (!waitFor(m_impl->fd, reason == SSL_ERROR_WANT_WRITE, deadline)) {
                    break;
                }
                continue;
            }
            ERR_clear_error();
            reply.closed = true;  // close_notify, EOF without it, or a reset
            break;
        }
        const ssize_t n = ::recv(m_impl->fd, buffer.data(), buffer.size(), 0);
        if (n > 0) {
            reply.data.append(buffer.data(), static_cast<std::size_t>(n));
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!waitFor(m_impl->fd, false, deadline)) {
                break;
            }
        } else {
            reply.closed = true;
            break;
        }
    }
    reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return reply;
}

}  // namespace callvault::test
