#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::sip {

/// RFC 3264 §5.1 direction attributes.
enum class SdpDirection { SendRecv, SendOnly, RecvOnly, Inactive };

std::string_view toString(SdpDirection direction);

/// One a=rtpmap (or the RFC 3551 static assignment of a payload type that has none).
struct SdpRtpMap {
    int payloadType = 0;
    std::string encoding;  ///< as written, e.g. "PCMU", "telephone-event"
    int clockRate = 8000;
    int channels = 1;

    bool operator==(const SdpRtpMap&) const = default;
};

/// The RFC 3551 static payload types we handle: 0 PCMU, 8 PCMA, 9 G722, 13 CN, 18 G729.
std::optional<SdpRtpMap> staticRtpMap(int payloadType);

/// One m= section.
struct SdpMedia {
    std::string type;                       ///< "audio", "video", ...
    std::uint16_t port = 0;                 ///< 0 = stream disabled
    std::string protocol;                   ///< "RTP/AVP", ...
    std::vector<std::string> formats;       ///< the m= line's formats in order (payload types for RTP)
    std::vector<SdpRtpMap> rtpMaps;         ///< from a=rtpmap lines, in order
    std::map<int, std::string> fmtp;        ///< a=fmtp:<pt> <parameters>
    std::string address;                    ///< media-level c= address; "" = the session's
    std::string addressType;                ///< "IP4" / "IP6" of `address`
    std::optional<SdpDirection> direction;  ///< media-level direction attribute
    std::optional<int> ptime;               ///< a=ptime, milliseconds

    /// The payload types of an RTP m= line, in order of preference.
    std::vector<int> payloadTypes() const;
    /// The rtpmap of `payloadType`: an a=rtpmap line, else its static assignment.
    std::optional<SdpRtpMap> rtpMap(int payloadType) const;
    /// The payload type of "telephone-event" at `clockRate` (RFC 4733), if offered.
    std::optional<int> telephoneEventPayload(int clockRate = 8000) const;
};

/// A session description, as far as a media-anchoring B2BUA needs it (RFC 4566).
struct SdpSession {
    std::string originUser;
    std::string sessionId;
    std::string sessionVersion;
    std::string originAddressType;
    std::string originAddress;
    std::string address;                    ///< session-level c= address; "" when absent
    std::string addressType;                ///< "IP4" / "IP6"
    std::optional<SdpDirection> direction;  ///< session-level direction attribute
    std::vector<SdpMedia> media;

    /// The first audio m= section with a port other than 0.
    const SdpMedia* activeAudio() const;
    /// Where `media` receives: its own c= address, else the session's.
    std::string connectionAddress(const SdpMedia& media) const;
    /// The direction that applies to `media` (media-level, else session-level, else sendrecv).
    SdpDirection effectiveDirection(const SdpMedia& media) const;
    /// Hold as RFC 3264 §8.4 (sendonly/inactive) or RFC 2543 (c= 0.0.0.0) express it.
    bool isHold(const SdpMedia& media) const;
};

/// Parses an SDP body (CRLF or bare LF line ends). nullopt when it is not SDP: the first line is not "v=0",
/// a line is not "<letter>=<value>", an o=, c= or m= line is malformed, or a port is out of range. Lines and
/// attributes we do not use are skipped. Pure function.
std::optional<SdpSession> parseSdp(std::string_view body);

/// True for the addresses that mean "no media here" in c= (0.0.0.0, ::).
bool isNullAddress(std::string_view address);

}  // namespace callvault::server::sip
