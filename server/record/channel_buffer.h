#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace callvault::server::record {

/// Recordings are 8 kHz; RTP timestamps of PCMU/PCMA count samples at this rate.
inline constexpr std::int64_t kSampleRate = 8000;

/// Where a packet's audio went.
enum class Placement {
    Placed,     ///< written at its timestamp position (possibly after a re-anchor)
    Duplicate,  ///< same SSRC, sequence and timestamp as a recent packet: ignored
    Late,       ///< its time was already released to the encoder: dropped
    Ignored,    ///< empty payload
};

/// Tunables of the placement; the defaults suit 20 ms G.711 over ordinary networks.
struct ChannelLimits {
    std::int64_t maxAheadSamples = kSampleRate;      ///< placed > 1 s ahead of its arrival: timestamp jump, re-anchor
    std::int64_t maxSlipSamples = 160;               ///< in-order packet ≤ 20 ms late: shift the channel (clock drift)
    std::int64_t farBehindSamples = kSampleRate;     ///< older than the newest by > 1 s: a timestamp reset candidate
    int resetAfterPackets = 3;                       ///< that many far-behind packets in a row: re-anchor
    std::int64_t staleLateSamples = kSampleRate / 10;  ///< in-order and late for 100 ms without catching up: re-anchor
    std::int64_t maxPendingSamples = 10 * kSampleRate;  ///< never hold more than this ahead of the released position
};

/// Counters for metrics and logs. `lost` is estimated from sequence-number gaps per SSRC.
struct ChannelStats {
    std::uint64_t packets = 0;     ///< placed
    std::uint64_t reordered = 0;   ///< placed although older than the newest packet
    std::uint64_t duplicates = 0;
    std::uint64_t late = 0;        ///< arrived after their time was released
    std::uint64_t lost = 0;        ///< never arrived (sequence gaps)
    std::uint64_t ssrcChanges = 0;
    std::uint64_t resyncs = 0;     ///< timestamp discontinuities that re-anchored the channel
    std::uint64_t slips = 0;       ///< small shifts that absorb a sender clock slower than ours
};

/// RTP header fields of one packet plus its arrival on the recording's timeline.
struct PacketTiming {
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::uint16_t sequence = 0;
    std::int64_t arrival = 0;  ///< samples since the recording started (wall/media clock), ≥ 0
};

/// One channel's PCM placed by RTP timestamp on the recording's timeline (sample positions since the start).
/// The first packet is anchored at its arrival position; later ones go at their timestamp offset from it, so
/// loss, gaps and hold stay in the timeline as silence. Handles 32-bit timestamp wraparound, reordering (any
/// packet whose time is not yet released), duplicates, SSRC changes and timestamp jumps (re-anchored at the
/// current write end plus the wall-clock gap). Samples before released() are gone to the encoder.
/// Not thread safe: one call's strand owns it.
class ChannelBuffer {
public:
    explicit ChannelBuffer(ChannelLimits limits = {});

    /// Places decoded PCM (8 kHz) of one packet.
    Placement place(const PacketTiming& timing, std::span<const std::int16_t> pcm);
    /// Copies [released(), released() + out.size()) into `out` (silence where nothing was placed) and forgets it.
    void release(std::span<std::int16_t> out);

    std::int64_t released() const { return m_released; }
    ChannelStats stats() const;

private:
    struct Recent {
        std::uint32_t timestamp = 0;
        std::uint16_t sequence = 0;
        bool used = false;
    };

    Placement placeAfterAnchor(const PacketTiming& timing, std::span<const std::int16_t> pcm);
    void anchor(const PacketTiming& timing, std::int64_t position);
    std::int64_t reanchorPosition(std::int64_t arrival) const;
    void write(std::int64_t position, std::span<const std::int16_t> pcm, std::int64_t arrival);
    bool isDuplicate(const PacketTiming& timing) const;
    void remember(const PacketTiming& timing);
    void countSequence(std::uint16_t sequence);
    std::uint64_t currentSsrcLosses() const;

    ChannelLimits m_limits;
    ChannelStats m_stats;
    std::vector<std::int16_t> m_pending;  ///< samples from m_released on
    std::int64_t m_released = 0;

    bool m_anchored = false;
    std::uint32_t m_ssrc = 0;
    std::uint32_t m_newestTimestamp = 0;  ///< RTP timestamp of the newest packet of this anchor
    std::int64_t m_newestExtended = 0;    ///< that timestamp unwrapped, relative to the anchor
    std::int64_t m_offset = 0;            ///< position = m_offset + extended timestamp

    std::int64_t m_writeEnd = 0;          ///< end of the furthest write
    std::int64_t m_writeEndArrival = 0;   ///< arrival of the packet that wrote it
    std::int64_t m_writeEndLength = 0;    ///< its length

    bool m_previousPlaced = false;        ///< the newest in-order packet before this one was placed, not late
    int m_farBehindRun = 0;
    std::int64_t m_lateRunStart = -1;     ///< arrival of the first in-order late packet of the current run
    std::int64_t m_lateRunLateness = 0;

    std::array<Recent, 16> m_recent{};
    std::size_t m_recentNext = 0;

    // Sequence numbers of the current SSRC, unwrapped, for the loss estimate.
    bool m_sequenceStarted = false;
    std::uint16_t m_sequenceNewestRaw = 0;
    std::int64_t m_sequenceFirst = 0;
    std::int64_t m_sequenceNewest = 0;
    std::uint64_t m_sequenceReceived = 0;
};

}  // namespace callvault::server::record
