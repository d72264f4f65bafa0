#pragma once

#include "server/record/recording_metadata.h"
#include "server/sip/sdp.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace callvault::server::sip {

/// Where we receive a leg's RTP: what goes into the c= and m= lines we send toward that leg.
struct MediaEndpoint {
    std::string address;  ///< IPv4 or IPv6, no brackets
    std::uint16_t port = 0;
};

/// What a leg's latest SDP says about where it receives and what it sends.
struct MediaRemote {
    std::string address;  ///< c= address; 0.0.0.0 / :: on an RFC 2543 hold
    std::uint16_t port = 0;
    std::vector<SdpRtpMap> payloads;      ///< in order of preference
    std::optional<int> telephoneEvent;   ///< RFC 4733 payload type at 8 kHz
    SdpDirection direction = SdpDirection::SendRecv;
    bool hold = false;
};

/// The MediaRemote of the first active audio stream of `sdp`; nullopt when it has none.
std::optional<MediaRemote> mediaRemoteFromSdp(const SdpSession& sdp);

/// The media of one call as the B2BUA sees it: two anchored legs, relayed to each other, recorded once
/// answered. Implemented over the media relay (server/media); every method is called on the call's strand.
class CallMediaPort {
public:
    virtual ~CallMediaPort() = default;
    virtual MediaEndpoint localEndpointA() const = 0;
    virtual MediaEndpoint localEndpointB() const = 0;
    virtual void setRemoteA(const MediaRemote& remote) = 0;
    virtual void setRemoteB(const MediaRemote& remote) = 0;
    /// From answer on; `userIsLegA` puts leg A's audio on channel 1 (the user's side).
    virtual void startRecording(const record::RecordingMetadata& metadata, bool userIsLegA) = 0;
    /// Ends the call's media. `done(recorded)` runs once the recording (if any) is finished and its CDR row
    /// stored, or at once when nothing was recorded; `recorded` says whether a recording was kept.
    virtual void stop(std::function<void(bool recorded)> done) = 0;
};

/// Makes the media of new calls. Thread safe.
class CallMediaFactory {
public:
    virtual ~CallMediaFactory() = default;
    /// Throws (std::runtime_error) when no ports are left.
    virtual std::shared_ptr<CallMediaPort> createCall(const std::string& callTag) = 0;
};

}  // namespace callvault::server::sip
