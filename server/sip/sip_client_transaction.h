#pragma once

#include "server/sip/sip_asio.h"
#include "server/sip/sip_timers.h"
#include "server/sip/sip_transport_types.h"

#include <functional>
#include <memory>
#include <string>

namespace callvault::server::sip {

/// The strand a call runs on; its transactions' timers run there too.
using CallStrand = boost::asio::strand<boost::asio::io_context::executor_type>;

/// One client transaction (RFC 3261 §17.1), simplified for a B2BUA leg. Over UDP the request is
/// retransmitted (INVITE: Timer A, doubling, until any response; others: Timer E, doubling up to T2, then
/// every T2 once a provisional arrived) and abandoned after 64·T1 without a final response (Timer B / F;
/// an INVITE that got a provisional waits for its final response without limit). A non-2xx final response to
/// an INVITE is acknowledged here (and again on each retransmission of it). Every response is handed to
/// `onResponse` except retransmissions of a final one; for an INVITE every 2xx is handed on (the call
/// acknowledges retransmitted 2xx itself). All methods run on the call's strand.
class SipClientTransaction : public std::enable_shared_from_this<SipClientTransaction> {
public:
    using ResponseHandler = std::function<void(const SipMessage& response)>;
    using TimeoutHandler = std::function<void()>;

    /// `request` must carry our Via with its branch. `sender` must outlive the transaction.
    SipClientTransaction(CallStrand strand, SipSender& sender, SipPeer peer, SipMessage request,
                         SipTimers timers = {});
    SipClientTransaction(const SipClientTransaction&) = delete;
    SipClientTransaction& operator=(const SipClientTransaction&) = delete;

    /// Sends the request and arms the timers. Returns false when the transport refused it.
    bool start(ResponseHandler onResponse, TimeoutHandler onTimeout);
    /// True when `response` belongs here: same top-Via branch and CSeq method.
    bool matches(const SipMessage& response) const;
    /// A response that matches().
    void receive(const SipMessage& response);
    /// Stops the timers; no handler is called any more.
    void terminate();

    const SipMessage& request() const { return m_request; }
    const SipPeer& peer() const { return m_peer; }
    const std::string& branch() const { return m_branch; }
    const std::string& method() const { return m_method; }
    bool gotProvisional() const { return m_provisional; }
    bool gotFinal() const { return m_final != 0; }
    int finalStatus() const { return m_final; }

private:
    void armRetransmit(std::chrono::milliseconds interval);
    void armTimeout();

    CallStrand m_strand;
    SipSender& m_sender;
    SipPeer m_peer;
    SipMessage m_request;
    SipTimers m_timers;
    std::string m_branch;
    std::string m_method;
    bool m_invite = false;
    boost::asio::steady_timer m_retransmit;
    boost::asio::steady_timer m_timeout;
    ResponseHandler m_onResponse;
    TimeoutHandler m_onTimeout;
    SipMessage m_ack;  ///< the ACK of a non-2xx final response
    bool m_provisional = false;
    int m_final = 0;
    bool m_terminated = false;
};

}  // namespace callvault::server::sip
