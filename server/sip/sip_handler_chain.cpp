#include "server/sip/sip_handler_chain.h"

#include "server/sip/sip_ids.h"
#include "server/sip/sip_response_builder.h"

namespace callvault::server::sip {

bool SipHandlerChain::handle(SipIncoming& incoming, SipSender& sender) {
    for (auto* handler : m_handlers) {
        if (handler->handle(incoming, sender)) {
            return true;
        }
    }
    const auto& message = incoming.message;
    if (m_unhandledStatus == 0 || !message.isRequest() || message.method() == "ACK") {
        return false;
    }
    sender.sendResponse(buildResponse(message, m_unhandledStatus, {}, newTag()), incoming.source);
    return true;
}

}  // namespace callvault::server::sip
