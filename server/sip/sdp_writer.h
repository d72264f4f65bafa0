#pragma once

#include "server/sip/sdp.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::sip {

/// An audio-only session description we originate (our own offers and answers).
struct SdpAudioDescription {
    std::string originUser = "callvault";
    std::uint64_t sessionId = 0;
    std::uint64_t sessionVersion = 0;  ///< +1 on every change of the session (RFC 3264 §8)
    std::string address;               ///< IPv4 or IPv6 (no brackets)
    std::uint16_t port = 0;            ///< 0 = stream rejected
    std::vector<SdpRtpMap> payloads;   ///< in order of preference
    std::map<int, std::string> fmtp;   ///< e.g. {101, "0-16"}
    SdpDirection direction = SdpDirection::SendRecv;
    std::optional<int> ptime = 20;
};

/// The SDP text of `description`, CRLF line ends, an a=rtpmap line for every payload type.
std::string buildAudioSdp(const SdpAudioDescription& description);

/// Where the B2BUA anchors a call's audio.
struct SdpAnchor {
    std::string address;  ///< our media address, IPv4 or IPv6 (no brackets)
    std::uint16_t audioPort = 0;
};

/// Points the media of `body` at us, keeping the rest line for line: every c= line gets our address
/// (IN IP4/IP6 from its form) unless it is a hold address (0.0.0.0, ::), the active audio m= line gets our
/// port, every other m= line with a port is disabled (port 0: only audio is anchored), and the lines that
/// would bypass the anchor (a=rtcp, ICE candidates and credentials) are removed. Line ends become CRLF.
/// nullopt when `body` is not SDP (see parseSdp).
std::optional<std::string> anchorSdp(std::string_view body, const SdpAnchor& anchor);

}  // namespace callvault::server::sip
