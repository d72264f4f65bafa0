#include "server/sip/options_responder.h"

#include "server/sip/osip_util.h"
#include "server/sip/sip_ids.h"
#include "server/sip/sip_response_builder.h"

namespace callvault::server::sip {

OptionsResponder::OptionsResponder(OptionsResponderConfig config) : m_config(std::move(config)) {}

bool OptionsResponder::isForUs(const SipMessage& request) {
    if (!request.isRequest() || request.method() != "OPTIONS") {
        return false;
    }
    if (request.maxForwards() == 0) {
        return true;
    }
    const auto* uri = request.raw()->req_uri;
    const bool noUser = uri != nullptr && (uri->username == nullptr || *uri->username == '\0');
    return noUser && request.toTag().empty();
}

SipMessage OptionsResponder::answer(const SipMessage& request) const {
    auto response = buildResponse(request, 200, {}, newTag());
    response.addHeader("Allow", m_config.allow);
    response.addHeader("Accept", m_config.accept);
    response.addHeader("Accept-Encoding", m_config.acceptEncoding);
    response.addHeader("Accept-Language", m_config.acceptLanguage);
    response.addHeader("Supported", m_config.supported);
    response.addHeader("Server", m_config.serverName);
    return response;
}

bool OptionsResponder::handle(SipIncoming& incoming, SipSender& sender) {
    if (!isForUs(incoming.message)) {
        return false;
    }
    sender.sendResponse(answer(incoming.message), incoming.source);
    return true;
}

}  // namespace callvault::server::sip
