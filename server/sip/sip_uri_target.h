#pragma once

#include "server/sip/sip_transport_types.h"

#include <optional>
#include <string>
#include <string_view>

namespace callvault::server::sip {

/// The parts of a sip:/sips: URI that routing needs.
struct SipUriParts {
    std::string user;  ///< unescaped user part; "" when absent
    std::string host;  ///< IPv6 without brackets
    std::optional<std::uint16_t> port;
    std::string transport;  ///< lower-case transport parameter; "" when absent
};

/// Parses a sip:/sips: URI (with or without <angle brackets>). nullopt when it is not one.
std::optional<SipUriParts> parseSipUri(std::string_view uri);

/// Where a request to `uri` goes: its host must be an IP literal (we never resolve names on a call path);
/// port 5060 when absent; TCP when transport=tcp, else UDP. nullopt otherwise.
std::optional<SipPeer> peerForUri(std::string_view uri);

/// The user part of `uri` ("" when absent or not a sip URI); for tel: URIs the number.
std::string uriUser(std::string_view uri);

}  // namespace callvault::server::sip
