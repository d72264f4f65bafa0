#pragma once

#include "server/sip/sip_transport_types.h"

#include <vector>

namespace callvault::server::sip {

/// Offers each message to its handlers in order until one takes it. A request nobody takes (other than ACK)
/// is answered `unhandledStatus` (501 Not Implemented by default; 0 = no answer). Handlers are added before
/// the transport starts and must outlive the chain.
class SipHandlerChain : public SipMessageHandler {
public:
    explicit SipHandlerChain(int unhandledStatus = 501) : m_unhandledStatus(unhandledStatus) {}

    void add(SipMessageHandler& handler) { m_handlers.push_back(&handler); }
    bool handle(SipIncoming& incoming, SipSender& sender) override;

private:
    std::vector<SipMessageHandler*> m_handlers;
    int m_unhandledStatus;
};

}  // namespace callvault::server::sip
