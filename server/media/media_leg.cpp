#include "server/media/media_leg.h"

namespace callvault::server::media {
namespace {

MediaEndpoint toMediaEndpoint(const MediaLeg::Endpoint& endpoint) {
    return MediaEndpoint{endpoint.address().to_string(), endpoint.port()};
}

bool receivesMedia(const RemoteMedia& remote) {
    return remote.port != 0 &&
           (remote.direction == MediaDirection::SendRecv || remote.direction == MediaDirection::RecvOnly);
}

}  // namespace

void MediaLeg::setRemote(const RemoteMedia& remote) {
    const bool moved = !m_haveRemote || remote.address != m_remote.address || remote.port != m_remote.port;
    m_remote = remote;
    m_haveRemote = true;
    m_telephoneEvent = remote.telephoneEventPayloadType;

    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(remote.address, ec);
    // RFC 2543 hold (c= 0.0.0.0) and a disabled stream (port 0) mean: send nothing to this leg.
    const bool usable = !ec && !address.is_unspecified() && remote.port != 0;
    m_receives = usable && receivesMedia(remote);
    if (usable) {
        m_sdpRtp = Endpoint(address, remote.port);
        m_sdpRtcp = Endpoint(address, static_cast<std::uint16_t>(remote.port + 1));
    } else {
        m_sdpRtp.reset();
        m_sdpRtcp.reset();
    }
    if (moved) {
        m_latchedRtp.reset();
        m_latchedRtcp.reset();
        m_stats.latched = false;
        if (m_sdpRtp) {
            m_stats.source = toMediaEndpoint(*m_sdpRtp);
        }
    }
}

const MediaLeg::Endpoint* MediaLeg::rtpDestination() const {
    if (!m_receives) {
        return nullptr;
    }
    return m_latchedRtp ? &*m_latchedRtp : (m_sdpRtp ? &*m_sdpRtp : nullptr);
}

const MediaLeg::Endpoint* MediaLeg::rtcpDestination() const {
    if (!m_receives) {
        return nullptr;
    }
    return m_latchedRtcp ? &*m_latchedRtcp : (m_sdpRtcp ? &*m_sdpRtcp : nullptr);
}

bool MediaLeg::latchRtp(const Endpoint& source) {
    if (m_latchedRtp) {
        return false;
    }
    m_latchedRtp = source;
    m_stats.latched = true;
    m_stats.source = toMediaEndpoint(source);
    return true;
}

void MediaLeg::latchRtcp(const Endpoint& source) {
    if (!m_latchedRtcp) {
        m_latchedRtcp = source;
    }
}

void MediaLeg::countSequence(std::uint32_t ssrc, std::uint16_t sequence) {
    if (!m_haveSequence || ssrc != m_ssrc) {
        m_haveSequence = true;
        m_ssrc = ssrc;
        m_highestSequence = sequence;
        return;
    }
    const auto ahead = static_cast<std::int16_t>(static_cast<std::uint16_t>(sequence - m_highestSequence));
    if (ahead <= -100) {
        m_highestSequence = sequence;  // far behind: the sender restarted its sequence
        return;
    }
    if (ahead <= 0) {
        if (ahead < 0 && m_stats.lost > 0) {
            --m_stats.lost;  // late: it filled a gap counted as a loss when it went missing
        }
        return;
    }
    // A jump of thousands is a restarted sender, not a loss.
    if (ahead > 1 && ahead < 3000) {
        m_stats.lost += static_cast<std::uint64_t>(ahead - 1);
    }
    m_highestSequence = sequence;
}

std::vector<DtmfEvent> MediaLeg::onTelephoneEvent(std::uint32_t ssrc, std::uint32_t timestamp,
                                                  std::span<const std::uint8_t> payload) {
    std::vector<DtmfEvent> events;
    const auto parsed = parseTelephoneEvent(payload);
    if (!parsed) {
        return events;
    }
    for (const auto& detected : m_detector.onPacket(ssrc, timestamp, *parsed)) {
        events.push_back(DtmfEvent{m_leg, detected.event, dtmfDigit(detected.event), detected.duration,
                                   detected.timestamp});
        ++m_stats.dtmfEvents;
    }
    return events;
}

}  // namespace callvault::server::media
