#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace callvault::server::media {

/// Why a datagram is not an RTP packet we relay.
enum class RtpParseError : std::uint8_t {
    TooShort,    ///< under the 12-byte fixed header, or the CSRC list / extension runs past the end
    BadVersion,  ///< version is not 2
    BadPadding,  ///< padding count 0 or larger than what follows the header
};

/// The fields of one RTP packet (RFC 3550 §5.1), viewing the datagram it was parsed from.
struct RtpHeader {
    bool marker = false;
    std::uint8_t payloadType = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::uint8_t csrcCount = 0;
    bool hasExtension = false;
    std::span<const std::uint8_t> payload;  ///< after CSRCs and the extension, padding removed
};

/// Result of parseRtp(): the header, or why the datagram is not valid RTP.
struct RtpParseResult {
    std::optional<RtpHeader> header;
    RtpParseError error = RtpParseError::TooShort;  ///< meaningful when !header
};

/// Parses an RTP datagram: version 2, CSRC list, header extension (RFC 3550 §5.3.1) and padding are
/// checked against the datagram's length. Pure function; never reads past `datagram`.
RtpParseResult parseRtp(std::span<const std::uint8_t> datagram);

/// True when a datagram on an RTP port is RTCP multiplexed with RTP (RFC 5761 §4: second byte 192-223, i.e.
/// packet types 200-204 and friends): such packets are relayed, not parsed as audio.
bool looksLikeRtcp(std::span<const std::uint8_t> datagram);

}  // namespace callvault::server::media
