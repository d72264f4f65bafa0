#include "server/sip/sip_uri_target.h"

#include "server/sip/osip_util.h"

#include <cctype>
#include <memory>

namespace callvault::server::sip {

namespace {

struct UriDeleter {
    void operator()(osip_uri_t* uri) const noexcept { osip_uri_free(uri); }
};

std::string lower(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string_view stripBrackets(std::string_view uri) {
    const auto open = uri.find('<');
    if (open != std::string_view::npos) {
        const auto close = uri.find('>', open);
        return uri.substr(open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1);
    }
    return uri;
}

}  // namespace

std::optional<SipUriParts> parseSipUri(std::string_view text) {
    osip::ensureInitialised();
    const std::string copy = osip::toOsip(stripBrackets(text));
    osip_uri_t* raw = nullptr;
    if (osip_uri_init(&raw) != 0) {
        return std::nullopt;
    }
    std::unique_ptr<osip_uri_t, UriDeleter> uri(raw);
    if (osip_uri_parse(raw, copy.c_str()) != 0 || raw->scheme == nullptr || raw->host == nullptr) {
        return std::nullopt;
    }
    const std::string scheme = lower(raw->scheme);
    if (scheme != "sip" && scheme != "sips") {
        return std::nullopt;
    }
    SipUriParts parts;
    parts.user = osip::fromOsip(osip::orEmpty(raw->username));
    parts.host = raw->host;
    if (parts.host.size() > 2 && parts.host.front() == '[' && parts.host.back() == ']') {
        parts.host = parts.host.substr(1, parts.host.size() - 2);
    }
    if (raw->port != nullptr && *raw->port != '\0') {
        const int port = std::atoi(raw->port);
        if (port <= 0 || port > 65535) {
            return std::nullopt;
        }
        parts.port = static_cast<std::uint16_t>(port);
    }
    if (const auto* transport = osip::findParam(&raw->url_params, "transport");
        transport != nullptr && transport->gvalue != nullptr) {
        parts.transport = lower(transport->gvalue);
    }
    return parts;
}

std::optional<SipPeer> peerForUri(std::string_view uri) {
    const auto parts = parseSipUri(uri);
    if (!parts) {
        return std::nullopt;
    }
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(parts->host, ec);
    if (ec) {
        return std::nullopt;
    }
    SipPeer peer;
    peer.address = address;
    peer.port = parts->port.value_or(5060);
    peer.transport = parts->transport == "tcp" ? SipTransportKind::Tcp : SipTransportKind::Udp;
    return peer;
}

std::string uriUser(std::string_view uri) {
    const auto inner = stripBrackets(uri);
    if (inner.size() > 4 && lower(std::string(inner.substr(0, 4))) == "tel:") {
        auto number = inner.substr(4);
        return std::string(number.substr(0, number.find(';')));
    }
    const auto parts = parseSipUri(uri);
    return parts ? parts->user : std::string();
}

}  // namespace callvault::server::sip
