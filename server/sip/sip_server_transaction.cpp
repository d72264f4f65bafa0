#include "server/sip/sip_server_transaction.h"

#include <algorithm>

namespace callvault::server::sip {

SipServerTransaction::SipServerTransaction(CallStrand strand, SipSender& sender, SipIncoming incoming,
                                           SipTimers timers)
    : m_strand(std::move(strand)),
      m_sender(sender),
      m_request(std::move(incoming.message)),
      m_source(incoming.source),
      m_timers(timers),
      m_retransmit(m_strand),
      m_giveUp(m_strand) {
    if (const auto via = m_request.topVia()) {
        m_branch = via->branch;
    }
    m_method = m_request.method();
}

bool SipServerTransaction::matches(const SipMessage& request) const {
    const auto via = request.topVia();
    return via && !m_branch.empty() && via->branch == m_branch && request.method() == m_method;
}

bool SipServerTransaction::matchesAck(const SipMessage& ack) const {
    if (m_method != "INVITE" || ack.method() != "ACK") {
        return false;
    }
    if (m_finalStatus >= 300) {
        const auto via = ack.topVia();
        return via && via->branch == m_branch;
    }
    return ack.cseqNumber() == m_request.cseqNumber();
}

void SipServerTransaction::respond(const SipMessage& response) {
    if (m_terminated || m_finalStatus != 0) {
        return;
    }
    m_lastResponse = response.clone();
    m_sender.sendResponse(m_lastResponse, m_source);
    if (response.status() < 200) {
        return;
    }
    m_finalStatus = response.status();
    m_finalAt = Clock::now();
    if (m_method != "INVITE") {
        return;
    }
    if (m_source.transport == SipTransportKind::Udp) {
        armRetransmit(m_timers.t1);
    }
    m_giveUp.expires_after(m_timers.transactionTimeout());
    m_giveUp.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (ec || !self || self->m_acked || self->m_terminated) {
            return;
        }
        self->m_retransmit.cancel();
        if (self->m_onAckTimeout) {
            self->m_onAckTimeout();
        }
    });
}

void SipServerTransaction::armRetransmit(std::chrono::milliseconds interval) {
    m_retransmit.expires_after(interval);
    m_retransmit.async_wait([weak = weak_from_this(), interval](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (ec || !self || self->m_acked || self->m_terminated) {
            return;
        }
        self->m_sender.sendResponse(self->m_lastResponse, self->m_source);
        self->armRetransmit(std::min(interval * 2, self->m_timers.t2));
    });
}

void SipServerTransaction::retransmit() {
    if (!m_lastResponse.empty() && !m_terminated) {
        m_sender.sendResponse(m_lastResponse, m_source);
    }
}

void SipServerTransaction::acknowledged() {
    m_acked = true;
    m_retransmit.cancel();
    m_giveUp.cancel();
}

void SipServerTransaction::terminate() {
    m_terminated = true;
    m_retransmit.cancel();
    m_giveUp.cancel();
}

bool SipServerTransaction::expired(Clock::time_point now) const {
    if (m_finalStatus == 0) {
        return false;
    }
    if (m_method == "INVITE" && !m_acked && !m_terminated) {
        return false;
    }
    return now - m_finalAt > m_timers.transactionTimeout();
}

}  // namespace callvault::server::sip
