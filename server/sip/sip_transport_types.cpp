#include "server/sip/sip_transport_types.h"

namespace callvault::server::sip {

std::string_view toString(SipTransportKind kind) {
    return kind == SipTransportKind::Tcp ? "TCP" : "UDP";
}

std::string SipPeer::toString() const {
    std::string out = transport == SipTransportKind::Tcp ? "tcp:" : "udp:";
    out += address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    out += ":" + std::to_string(port);
    if (connectionId != 0) {
        out += "#" + std::to_string(connectionId);
    }
    return out;
}

}  // namespace callvault::server::sip
