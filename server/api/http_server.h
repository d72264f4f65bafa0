#pragma once

#include "server/api/api_request.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace callvault::server {
class Metrics;
struct TlsCertificate;
}  // namespace callvault::server

namespace callvault::server::api {

/// Bounds on what one connection may send (Boost.Beast reads are cut when they are exceeded).
struct HttpLimits {
    std::chrono::seconds handshakeTimeout{10};
    std::chrono::seconds readTimeout{30};  ///< a whole request (headers and body) must arrive within this
    std::size_t headerBytes = 8 * 1024;    ///< larger headers: 431
    std::size_t headerFields = 100;        ///< more fields: 431
    std::size_t bodyBytes = 1 << 20;       ///< larger bodies: 413
    std::size_t uploadBodyBytes = 12 << 20;  ///< the same for routes that take a file (router acceptsUpload)
    std::size_t queuedRequests = 256;      ///< more requests waiting for the blocking pool: 503
};

/// Runs on a thread of the blocking pool, never on a network thread. Must not throw (a throw becomes 500).
using RequestHandler = std::function<ApiResponse(const ApiRequest&)>;

struct HttpShared;

/// The HTTPS listener (TLS 1.2 minimum) after the Boost.Beast advanced server: one session a connection,
/// each on its own strand of `io`, keep-alive, every read bounded by HttpLimits. Complete requests are
/// handed to `handler` on `blockingPool` and the response is written back on the session's strand.
/// Every response is counted in `metrics` as callvault_http_requests_total{status="NNN"}.
/// `io`, `blockingPool`, `handler`'s referents and `metrics` must outlive every session, i.e. until `io`
/// has been stopped and `blockingPool` joined.
class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, boost::asio::thread_pool& blockingPool,
               const TlsCertificate& certificate, HttpLimits limits, RequestHandler handler,
               Metrics& metrics);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds `address`:`port` (0 = any free port), starts accepting and returns the bound port.
    /// Throws std::system_error (address in use, not local…) or std::runtime_error (bad address).
    std::uint16_t listen(const std::string& address, std::uint16_t port);

    /// Closes the listening socket. Responses still being made are written, with Connection: close,
    /// and no further request is read on any connection. Thread safe.
    void stopAccepting();

    /// Requests read completely whose response is not written yet. Thread safe.
    std::size_t requestsInFlight() const;

private:
    struct Listener;
    boost::asio::io_context& m_io;
    std::shared_ptr<HttpShared> m_shared;
    std::shared_ptr<Listener> m_listener;
};

}  // namespace callvault::server::api
