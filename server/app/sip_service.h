#pragma once

#include "server/app/config.h"

#include <cstdint>
#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace callvault::server {
class Metrics;
namespace store {
class Store;
}

/// The call path of callvaultd (docs/sip.md): the SIP transport (UDP+TCP), the OPTIONS responder, the
/// B2BUA and the media relay with its recorders, on the server's io_context and blocking pool.
class SipService {
public:
    SipService(boost::asio::io_context& io, boost::asio::thread_pool& blockingPool, const Config& config,
               store::Store& store, Metrics& metrics);
    ~SipService();
    SipService(const SipService&) = delete;
    SipService& operator=(const SipService&) = delete;

    /// Loads (or makes) the signing key, recovers the recordings a crash left in spool/, then listens.
    /// Throws std::exception (with the reason) when any of it fails.
    void start();
    /// SIGTERM: new INVITEs get 503, every call is ended (BYE / CANCEL), every recording finished and its
    /// CDR row stored; then the transport closes and `done` runs (on some thread). Call once, after start().
    void shutdown(std::function<void()> done);
    /// The bound SIP port (after start).
    std::uint16_t port() const;

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
};

}  // namespace callvault::server
