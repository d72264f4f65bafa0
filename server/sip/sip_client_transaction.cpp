#include "server/sip/sip_client_transaction.h"

#include "server/sip/sip_request_builder.h"

#include <algorithm>

namespace callvault::server::sip {

SipClientTransaction::SipClientTransaction(CallStrand strand, SipSender& sender, SipPeer peer,
                                           SipMessage request, SipTimers timers)
    : m_strand(std::move(strand)),
      m_sender(sender),
      m_peer(std::move(peer)),
      m_request(std::move(request)),
      m_timers(timers),
      m_retransmit(m_strand),
      m_timeout(m_strand) {
    if (const auto via = m_request.topVia()) {
        m_branch = via->branch;
    }
    m_method = m_request.method();
    m_invite = m_method == "INVITE";
}

bool SipClientTransaction::start(ResponseHandler onResponse, TimeoutHandler onTimeout) {
    m_onResponse = std::move(onResponse);
    m_onTimeout = std::move(onTimeout);
    if (!m_sender.send(m_request, m_peer)) {
        m_terminated = true;
        return false;
    }
    if (m_peer.transport == SipTransportKind::Udp) {
        armRetransmit(m_timers.t1);
    }
    armTimeout();
    return true;
}

void SipClientTransaction::armRetransmit(std::chrono::milliseconds interval) {
    m_retransmit.expires_after(interval);
    m_retransmit.async_wait([weak = weak_from_this(), interval](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (ec || !self || self->m_terminated || self->m_final != 0) {
            return;
        }
        if (self->m_invite && self->m_provisional) {
            return;
        }
        self->m_sender.send(self->m_request, self->m_peer);
        auto next = self->m_provisional ? self->m_timers.t2 : interval * 2;
        if (!self->m_invite) {
            next = std::min(next, self->m_timers.t2);
        }
        self->armRetransmit(next);
    });
}

void SipClientTransaction::armTimeout() {
    m_timeout.expires_after(m_timers.transactionTimeout());
    m_timeout.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (ec || !self || self->m_terminated || self->m_final != 0) {
            return;
        }
        if (self->m_invite && self->m_provisional) {
            return;  // Proceeding: the callee may ring as long as it likes
        }
        self->terminate();
        if (self->m_onTimeout) {
            self->m_onTimeout();
        }
    });
}

bool SipClientTransaction::matches(const SipMessage& response) const {
    const auto via = response.topVia();
    return via && !m_branch.empty() && via->branch == m_branch && response.cseqMethod() == m_method;
}

void SipClientTransaction::receive(const SipMessage& response) {
    if (m_terminated) {
        return;
    }
    const int status = response.status();
    if (status < 200) {
        if (m_final != 0) {
            return;
        }
        m_provisional = true;
        if (m_onResponse) {
            m_onResponse(response);
        }
        return;
    }
    const bool first = m_final == 0;
    if (first) {
        m_final = status;
        m_retransmit.cancel();
        m_timeout.cancel();
    }
    if (m_invite && status >= 300) {
        if (m_ack.empty()) {
            m_ack = buildAckForFailure(m_request, response);
        }
        if (!m_ack.empty()) {
            m_sender.send(m_ack, m_peer);
        }
    }
    if ((first || (m_invite && status < 300)) && m_onResponse) {
        m_onResponse(response);
    }
}

void SipClientTransaction::terminate() {
    m_terminated = true;
    m_retransmit.cancel();
    m_timeout.cancel();
}

}  // namespace callvault::server::sip
