#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace callvault::server::media {

/// The payload of one RFC 4733 telephone-event packet (§2.3).
struct TelephoneEventPayload {
    std::uint8_t event = 0;
    bool end = false;
    std::uint8_t volume = 0;     ///< 0-63, -dBm0
    std::uint16_t duration = 0;  ///< in timestamp units since the event's timestamp
};

/// Parses the first event of a telephone-event payload; nullopt when it is shorter than 4 bytes.
std::optional<TelephoneEventPayload> parseTelephoneEvent(std::span<const std::uint8_t> payload);

/// '0'-'9', '*', '#', 'A'-'D' for events 0-15 (RFC 4733 §3.2), '?' for the others.
char dtmfDigit(std::uint8_t event);

/// A completed telephone-event as the detector reports it.
struct DetectedEvent {
    std::uint8_t event = 0;
    std::uint16_t duration = 0;
    std::uint32_t timestamp = 0;
};

/// Turns the packets of one stream into one report per event: at its first end packet (the end packet is
/// sent three times: the repeats are ignored), or, when every end packet was lost, when the next event
/// (a new RTP timestamp) starts. Not thread safe: one leg's strand owns it.
class TelephoneEventDetector {
public:
    /// Feeds one packet of the telephone-event payload type; returns the events it completes (usually none,
    /// two when it both ends an event whose end packets were lost and is a lone end packet itself).
    std::vector<DetectedEvent> onPacket(std::uint32_t ssrc, std::uint32_t timestamp,
                                        const TelephoneEventPayload& payload);

private:
    bool m_active = false;    ///< an event is in progress (not yet reported)
    bool m_haveLast = false;  ///< m_ssrc/m_timestamp name the newest event seen
    std::uint32_t m_ssrc = 0;
    std::uint32_t m_timestamp = 0;
    DetectedEvent m_current;
};

}  // namespace callvault::server::media
