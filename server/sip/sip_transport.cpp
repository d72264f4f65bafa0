#include "server/sip/sip_transport.h"

#include "server/sip/sip_transport_core.h"

namespace callvault::server::sip {

SipTransport::SipTransport(boost::asio::io_context& io, SipTransportConfig config, SipMessageHandler& handler,
                           Metrics* metrics)
    : m_core(std::make_shared<SipTransportCore>(io, std::move(config), handler, metrics)) {}

SipTransport::~SipTransport() {
    m_core->stop();
}

void SipTransport::start() {
    m_core->start();
}

void SipTransport::stop() {
    m_core->stop();
}

std::uint16_t SipTransport::port() const {
    return m_core->port();
}

SipViaSpec SipTransport::viaFor(SipTransportKind kind) const {
    return m_core->viaFor(kind);
}

SipTransportStats SipTransport::stats() const {
    return m_core->stats();
}

bool SipTransport::send(const SipMessage& message, const SipPeer& peer) {
    return m_core->send(message, peer);
}

bool SipTransport::sendResponse(const SipMessage& response, const SipPeer& requestSource) {
    return m_core->sendResponse(response, requestSource);
}

}  // namespace callvault::server::sip
