#include "server/sip/sip_via_rules.h"

namespace callvault::server::sip {

namespace {

constexpr std::uint16_t kDefaultSipPort = 5060;

std::optional<boost::asio::ip::address> toAddress(const std::string& text) {
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(text, ec);
    if (ec) {
        return std::nullopt;
    }
    return address;
}

}  // namespace

bool stampReceived(SipMessage& request, const SipPeer& source) {
    const auto via = request.topVia();
    if (!via) {
        return false;
    }
    const auto sentBy = toAddress(via->host);
    const bool differs = !sentBy || *sentBy != source.address;
    if (!differs && !via->rport) {
        return true;
    }
    const std::optional<std::uint16_t> rport = via->rport ? std::optional(source.port) : std::nullopt;
    return request.stampTopVia(source.address.to_string(), rport);
}

std::optional<SipPeer> responseDestination(const SipMessage& response, const SipPeer& fallback) {
    const auto via = response.topVia();
    if (!via) {
        return std::nullopt;
    }
    SipPeer peer;
    peer.transport = fallback.transport;
    const auto address = toAddress(via->received.value_or(via->host));
    peer.address = address.value_or(fallback.address);
    peer.port = via->rportValue.value_or(via->port.value_or(kDefaultSipPort));
    return peer;
}

}  // namespace callvault::server::sip
