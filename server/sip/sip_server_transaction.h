#pragma once

#include "server/sip/sip_client_transaction.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace callvault::server::sip {

/// One server transaction (RFC 3261 §17.2), simplified for a B2BUA leg. Keeps the last response so a
/// retransmitted request is answered again; over UDP a final response to an INVITE is retransmitted
/// (T1, doubling; 2xx capped at T2) until the ACK arrives or 64·T1 pass (then `onAckTimeout`).
/// All methods run on the call's strand.
class SipServerTransaction : public std::enable_shared_from_this<SipServerTransaction> {
public:
    using Clock = std::chrono::steady_clock;

    SipServerTransaction(CallStrand strand, SipSender& sender, SipIncoming incoming, SipTimers timers = {});
    SipServerTransaction(const SipServerTransaction&) = delete;
    SipServerTransaction& operator=(const SipServerTransaction&) = delete;

    /// Same top-Via branch and method (CSeq method for the ACK of a non-2xx answer matches the INVITE's).
    bool matches(const SipMessage& request) const;
    /// An ACK for this INVITE's final response: same branch (non-2xx) or, for 2xx, the same CSeq number.
    bool matchesAck(const SipMessage& ack) const;

    /// Sends `response` where the request came from and keeps it.
    void respond(const SipMessage& response);
    /// Sends the last response again (a retransmitted request). Nothing when none was sent.
    void retransmit();
    /// The ACK arrived: stops retransmitting.
    void acknowledged();
    /// Stops every timer.
    void terminate();
    void setAckTimeoutHandler(std::function<void()> handler) { m_onAckTimeout = std::move(handler); }

    const SipMessage& request() const { return m_request; }
    const SipPeer& source() const { return m_source; }
    const std::string& branch() const { return m_branch; }
    bool finalSent() const { return m_finalStatus != 0; }
    int finalStatus() const { return m_finalStatus; }
    bool ackReceived() const { return m_acked; }
    /// True when it can be forgotten: answered, acknowledged where an ACK is due, older than 64·T1.
    bool expired(Clock::time_point now) const;

private:
    void armRetransmit(std::chrono::milliseconds interval);

    CallStrand m_strand;
    SipSender& m_sender;
    SipMessage m_request;
    SipPeer m_source;
    SipTimers m_timers;
    std::string m_branch;
    std::string m_method;
    SipMessage m_lastResponse;
    int m_finalStatus = 0;
    bool m_acked = false;
    bool m_terminated = false;
    Clock::time_point m_finalAt;
    boost::asio::steady_timer m_retransmit;
    boost::asio::steady_timer m_giveUp;
    std::function<void()> m_onAckTimeout;
};

}  // namespace callvault::server::sip
