#pragma once

#include "server/media/call_media.h"
#include "server/media/rtp_packet.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace callvault::server::media {

/// A call's PCMU/PCMA packets, queued on its network strand between two recorder ticks: headers and arrival
/// times, the payloads copied into one buffer. Handed whole to the call's encoder strand.
class AudioBatch {
public:
    using Clock = std::chrono::steady_clock;

    void push(Leg leg, const RtpHeader& header, Clock::time_point arrival);
    std::size_t size() const { return m_packets.size(); }
    bool empty() const { return m_packets.empty(); }

    /// Calls `f(leg, header, arrival)` for every packet in arrival order; `header.payload` points into the
    /// batch.
    template <typename F>
    void forEach(F&& f) const {
        for (const Queued& queued : m_packets) {
            RtpHeader header = queued.header;
            header.payload = std::span<const std::uint8_t>(m_bytes.data() + queued.offset, queued.length);
            f(queued.leg, header, queued.arrival);
        }
    }

private:
    struct Queued {
        Leg leg;
        RtpHeader header;  ///< its payload is m_bytes[offset, offset + length)
        std::size_t offset;
        std::size_t length;
        Clock::time_point arrival;
    };
    std::vector<Queued> m_packets;
    std::vector<std::uint8_t> m_bytes;
};

}  // namespace callvault::server::media
