#pragma once

#include <chrono>

namespace callvault::server::sip {

/// RFC 3261 §17 timer values. Tests shorten them; the server uses the defaults.
struct SipTimers {
    std::chrono::milliseconds t1{500};   ///< RTT estimate: first retransmission interval
    std::chrono::milliseconds t2{4000};  ///< cap of the non-INVITE / 2xx retransmission interval
    std::chrono::milliseconds t4{5000};  ///< how long the network may hold a message

    /// Timer B / F / H: a transaction gives up after 64·T1 (32 s by default).
    std::chrono::milliseconds transactionTimeout() const { return 64 * t1; }
};

}  // namespace callvault::server::sip
