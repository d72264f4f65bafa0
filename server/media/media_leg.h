#pragma once

#include "server/media/media_asio.h"

#include "server/media/call_media.h"
#include "server/media/telephone_event.h"

#include <cstdint>
#include <optional>

namespace callvault::server::media {

/// The remote side of one leg of a relayed call: where its RTP and RTCP go (the SDP's address, replaced by
/// the real source of the leg's first valid packet: symmetric RTP), whether it wants media now (hold), its
/// telephone-event payload type, and the sequence tracking that counts losses. Not thread safe: the call's
/// strand owns it.
class MediaLeg {
public:
    using Endpoint = boost::asio::ip::udp::endpoint;

    explicit MediaLeg(Leg leg) : m_leg(leg) {}

    /// Applies the leg's SDP. A new address or port drops the latches; a malformed address leaves the leg
    /// without an SDP destination (a latched source is still used if the address did not change).
    void setRemote(const RemoteMedia& remote);

    /// Where RTP for this leg goes, or nullptr when nothing may be sent now (no SDP yet, hold, port 0).
    const Endpoint* rtpDestination() const;
    /// Where RTCP for this leg goes (latched, else the SDP's port + 1), or nullptr.
    const Endpoint* rtcpDestination() const;

    /// A valid RTP packet came from `source`: latches to it if not latched yet. Returns true when it latched.
    bool latchRtp(const Endpoint& source);
    void latchRtcp(const Endpoint& source);

    /// Counts sequence gaps of a stream (per SSRC; a new SSRC starts afresh, reordering is not a loss).
    void countSequence(std::uint32_t ssrc, std::uint16_t sequence);

    bool isTelephoneEvent(std::uint8_t payloadType) const {
        return m_telephoneEvent && *m_telephoneEvent == payloadType;
    }
    /// Feeds a telephone-event packet; returns the events it completes, as DtmfEvents of this leg.
    std::vector<DtmfEvent> onTelephoneEvent(std::uint32_t ssrc, std::uint32_t timestamp,
                                            std::span<const std::uint8_t> payload);

    Leg leg() const { return m_leg; }
    const RemoteMedia& remote() const { return m_remote; }
    LegStats& stats() { return m_stats; }
    const LegStats& stats() const { return m_stats; }

private:
    Leg m_leg;
    RemoteMedia m_remote;
    bool m_haveRemote = false;
    bool m_receives = false;
    std::optional<Endpoint> m_sdpRtp;
    std::optional<Endpoint> m_sdpRtcp;
    std::optional<Endpoint> m_latchedRtp;
    std::optional<Endpoint> m_latchedRtcp;
    std::optional<std::uint8_t> m_telephoneEvent;
    TelephoneEventDetector m_detector;
    bool m_haveSequence = false;
    std::uint32_t m_ssrc = 0;
    std::uint16_t m_highestSequence = 0;
    LegStats m_stats;
};

}  // namespace callvault::server::media
