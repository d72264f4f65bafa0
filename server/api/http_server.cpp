#include "server/api/http_server.h"

#include "server/api/http_session.h"
#include "server/util/log.h"
#include "server/util/tls_certificate.h"

#include <openssl/ssl.h>

#include <stdexcept>
#include <system_error>

namespace callvault::server::api {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

/// TLS 1.2 or newer, forward-secret AEAD suites only for 1.2 (1.3 suites are all fine).
net::ssl::context makeTlsContext(const TlsCertificate& certificate) {
    net::ssl::context context(net::ssl::context::tls_server);
    context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                        net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                        net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
    SSL_CTX* native = context.native_handle();
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20") != 1) {
        throw std::runtime_error("cannot configure TLS");
    }
    try {
        context.use_certificate_chain(net::buffer(certificate.certificatePem));
        context.use_private_key(net::buffer(certificate.privateKeyPem), net::ssl::context::pem);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error("cannot use the TLS certificate " + certificate.certificatePath + ": " +
                                 e.what());
    }
    if (SSL_CTX_check_private_key(native) != 1) {
        throw std::runtime_error("the TLS key does not belong to the certificate " +
                                 certificate.certificatePath);
    }
    return context;
}

}  // namespace

/// Accepts connections on its own strand and starts one HttpSession for each.
struct HttpServer::Listener : std::enable_shared_from_this<Listener> {
    Listener(net::io_context& io, std::shared_ptr<HttpShared> shared)
        : m_io(io),
          m_acceptor(net::make_strand(io)),
          m_retry(m_acceptor.get_executor()),
          m_shared(std::move(shared)) {}

    std::uint16_t open(const tcp::endpoint& endpoint) {
        const auto where = endpoint.address().to_string() + " port " + std::to_string(endpoint.port());
        beast::error_code ec;
        m_acceptor.open(endpoint.protocol(), ec);
        if (!ec) {
            m_acceptor.set_option(net::socket_base::reuse_address(true), ec);
        }
        if (!ec) {
            m_acceptor.bind(endpoint, ec);
        }
        if (!ec) {
            m_acceptor.listen(net::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            throw std::system_error(ec, "cannot listen on " + where);
        }
        return m_acceptor.local_endpoint().port();
    }

    void doAccept() {
        m_acceptor.async_accept(net::make_strand(m_io),
                                beast::bind_front_handler(&Listener::onAccept, shared_from_this()));
    }

    void onAccept(beast::error_code ec, tcp::socket socket) {
        if (!m_acceptor.is_open()) {
            return;
        }
        if (ec) {
            // E.g. out of file descriptors: wait a little instead of spinning on the error.
            log::warning("accept failed: " + ec.message());
            m_retry.expires_after(std::chrono::milliseconds(100));
            m_retry.async_wait([self = shared_from_this()](beast::error_code waitEc) {
                if (!waitEc && self->m_acceptor.is_open()) {
                    self->doAccept();
                }
            });
            return;
        }
        // Without it a response's last segment waits for the client's delayed ACK (~40 ms on Linux).
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<HttpSession>(std::move(socket), m_shared)->run();
        doAccept();
    }

    void close() {
        net::post(m_acceptor.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->m_acceptor.close(ignored);
            self->m_retry.cancel();
        });
    }

    net::io_context& m_io;
    tcp::acceptor m_acceptor;
    net::steady_timer m_retry;
    std::shared_ptr<HttpShared> m_shared;
};

HttpServer::HttpServer(net::io_context& io, net::thread_pool& blockingPool, const TlsCertificate& certificate,
                       HttpLimits limits, RequestHandler handler, Metrics& metrics)
    : m_io(io),
      m_shared(std::make_shared<HttpShared>(makeTlsContext(certificate), blockingPool, limits,
                                            std::move(handler), metrics)),
      m_listener(std::make_shared<Listener>(io, m_shared)) {}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::listen(const std::string& address, std::uint16_t port) {
    beast::error_code ec;
    const auto ip = net::ip::make_address(address, ec);
    if (ec) {
        throw std::runtime_error("'" + address + "' is not an IP address");
    }
    const auto bound = m_listener->open(tcp::endpoint(ip, port));
    m_listener->doAccept();
    return bound;
}

void HttpServer::stopAccepting() {
    m_shared->stopping = true;
    m_listener->close();
}

std::size_t HttpServer::requestsInFlight() const {
    return m_shared->inFlight.load();
}

}  // namespace callvault::server::api
