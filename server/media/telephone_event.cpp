#include "server/media/telephone_event.h"

namespace callvault::server::media {

std::optional<TelephoneEventPayload> parseTelephoneEvent(std::span<const std::uint8_t> payload) {
    if (payload.size() < 4) {
        return std::nullopt;
    }
    TelephoneEventPayload event;
    event.event = payload[0];
    event.end = (payload[1] & 0x80) != 0;
    event.volume = payload[1] & 0x3F;
    event.duration = static_cast<std::uint16_t>(payload[2] << 8 | payload[3]);
    return event;
}

char dtmfDigit(std::uint8_t event) {
    constexpr char kDigits[] = "0123456789*#ABCD";
    return event < 16 ? kDigits[event] : '?';
}

std::vector<DetectedEvent> TelephoneEventDetector::onPacket(std::uint32_t ssrc, std::uint32_t timestamp,
                                                            const TelephoneEventPayload& payload) {
    std::vector<DetectedEvent> completed;
    const bool sameEvent = m_haveLast && ssrc == m_ssrc && timestamp == m_timestamp;
    if (!sameEvent) {
        // A new event: the previous one lost all its end packets, report it now.
        if (m_active) {
            completed.push_back(m_current);
        }
        m_haveLast = true;
        m_ssrc = ssrc;
        m_timestamp = timestamp;
        m_active = true;
        m_current = DetectedEvent{payload.event, payload.duration, timestamp};
    } else if (!m_active) {
        return completed;  // a repeated end packet of an event already reported
    }
    if (payload.duration > m_current.duration) {
        m_current.duration = payload.duration;
    }
    if (payload.end) {
        m_active = false;
        completed.push_back(m_current);
    }
    return completed;
}

}  // namespace callvault::server::media
