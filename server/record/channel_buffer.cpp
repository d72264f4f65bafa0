#include "server/record/channel_buffer.h"

#include <algorithm>
#include <cstring>

namespace callvault::server::record {

ChannelBuffer::ChannelBuffer(ChannelLimits limits) : m_limits(limits) {}

Placement ChannelBuffer::place(const PacketTiming& timing, std::span<const std::int16_t> pcm) {
    if (pcm.empty()) {
        return Placement::Ignored;
    }
    if (!m_anchored) {
        anchor(timing, std::max(timing.arrival, m_released));
        write(m_offset, pcm, timing.arrival);
        return Placement::Placed;
    }
    if (timing.ssrc != m_ssrc) {
        ++m_stats.ssrcChanges;
        anchor(timing, reanchorPosition(timing.arrival));
        write(m_offset, pcm, timing.arrival);
        return Placement::Placed;
    }
    if (isDuplicate(timing)) {
        ++m_stats.duplicates;
        return Placement::Duplicate;
    }
    countSequence(timing.sequence);
    const Placement placement = placeAfterAnchor(timing, pcm);
    remember(timing);
    return placement;
}

Placement ChannelBuffer::placeAfterAnchor(const PacketTiming& timing, std::span<const std::int16_t> pcm) {
    const auto length = static_cast<std::int64_t>(pcm.size());
    // The signed 32-bit difference unwraps the timestamp across 2^32.
    const auto delta = static_cast<std::int32_t>(timing.timestamp - m_newestTimestamp);
    const std::int64_t extended = m_newestExtended + delta;
    std::int64_t position = m_offset + extended;

    const bool tooFarAhead = position > timing.arrival + m_limits.maxAheadSamples ||
                             position + length - m_released > m_limits.maxPendingSamples;
    if (tooFarAhead) {
        ++m_stats.resyncs;
        anchor(timing, reanchorPosition(timing.arrival));
        write(m_offset, pcm, timing.arrival);
        return Placement::Placed;
    }

    if (delta < 0) {
        if (position + length <= m_released) {
            if (m_newestExtended - extended > m_limits.farBehindSamples) {
                if (++m_farBehindRun >= m_limits.resetAfterPackets) {
                    // Not reordering: the sender restarted its timestamps (same SSRC).
                    ++m_stats.resyncs;
                    anchor(timing, reanchorPosition(timing.arrival));
                    write(m_offset, pcm, timing.arrival);
                    return Placement::Placed;
                }
            } else {
                m_farBehindRun = 0;
            }
            ++m_stats.late;
            return Placement::Late;
        }
        m_farBehindRun = 0;
        ++m_stats.reordered;
        write(position, pcm, timing.arrival);
        return Placement::Placed;
    }

    m_farBehindRun = 0;
    m_newestTimestamp = timing.timestamp;
    m_newestExtended = extended;
    if (position < m_released) {
        const std::int64_t lateness = m_released - position;
        if (lateness <= m_limits.maxSlipSamples && m_previousPlaced) {
            // The stream was flowing and is now a few samples behind: a sender clock a little slower than ours.
            // Move the channel later by those samples (not after dropped packets: that is a burst catching up).
            m_offset += lateness;
            position += lateness;
            ++m_stats.slips;
        } else {
            if (m_lateRunStart < 0) {
                m_lateRunStart = timing.arrival;
                m_lateRunLateness = lateness;
            } else {
                const std::int64_t elapsed = timing.arrival - m_lateRunStart;
                const std::int64_t caughtUp = m_lateRunLateness - lateness;
                // A burst after a network stall catches up quickly; a frozen or restarted clock never does.
                if (elapsed >= m_limits.staleLateSamples && caughtUp < elapsed / 2) {
                    ++m_stats.resyncs;
                    anchor(timing, reanchorPosition(timing.arrival));
                    write(m_offset, pcm, timing.arrival);
                    return Placement::Placed;
                }
            }
            ++m_stats.late;
            m_previousPlaced = false;
            return Placement::Late;
        }
    }
    m_lateRunStart = -1;
    m_previousPlaced = true;
    write(position, pcm, timing.arrival);
    return Placement::Placed;
}

void ChannelBuffer::anchor(const PacketTiming& timing, std::int64_t position) {
    if (m_anchored) {
        m_stats.lost += currentSsrcLosses();
    }
    m_anchored = true;
    m_ssrc = timing.ssrc;
    m_newestTimestamp = timing.timestamp;
    m_newestExtended = 0;
    m_offset = position;
    m_farBehindRun = 0;
    m_lateRunStart = -1;
    m_previousPlaced = true;
    m_recent = {};
    m_sequenceStarted = false;
    m_sequenceReceived = 0;
    countSequence(timing.sequence);
    remember(timing);
}

std::int64_t ChannelBuffer::reanchorPosition(std::int64_t arrival) const {
    // Continue where the old stream ended, plus the wall-clock time nothing was sent.
    const std::int64_t silence = std::max<std::int64_t>(0, arrival - m_writeEndArrival - m_writeEndLength);
    const std::int64_t position = std::min(m_writeEnd + silence, arrival + m_limits.maxAheadSamples);
    return std::max(position, m_released);
}

void ChannelBuffer::write(std::int64_t position, std::span<const std::int16_t> pcm, std::int64_t arrival) {
    std::size_t skip = 0;
    if (position < m_released) {
        skip = static_cast<std::size_t>(m_released - position);
        if (skip >= pcm.size()) {
            ++m_stats.late;
            return;
        }
    }
    const std::int64_t end = position + static_cast<std::int64_t>(pcm.size());
    const auto needed = static_cast<std::size_t>(end - m_released);
    if (m_pending.size() < needed) {
        m_pending.resize(needed, 0);
    }
    const auto start = static_cast<std::size_t>(position + static_cast<std::int64_t>(skip) - m_released);
    std::memcpy(m_pending.data() + start, pcm.data() + skip, (pcm.size() - skip) * sizeof(std::int16_t));
    ++m_stats.packets;
    if (end >= m_writeEnd) {
        m_writeEnd = end;
        m_writeEndArrival = arrival;
        m_writeEndLength = static_cast<std::int64_t>(pcm.size());
    }
}

void ChannelBuffer::release(std::span<std::int16_t> out) {
    const std::size_t available = std::min(out.size(), m_pending.size());
    if (available > 0) {
        std::memcpy(out.data(), m_pending.data(), available * sizeof(std::int16_t));
        m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(available));
    }
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(available), out.end(), std::int16_t{0});
    m_released += static_cast<std::int64_t>(out.size());
}

bool ChannelBuffer::isDuplicate(const PacketTiming& timing) const {
    return std::any_of(m_recent.begin(), m_recent.end(), [&](const Recent& r) {
        return r.used && r.sequence == timing.sequence && r.timestamp == timing.timestamp;
    });
}

void ChannelBuffer::remember(const PacketTiming& timing) {
    m_recent[m_recentNext] = Recent{timing.timestamp, timing.sequence, true};
    m_recentNext = (m_recentNext + 1) % m_recent.size();
}

void ChannelBuffer::countSequence(std::uint16_t sequence) {
    if (!m_sequenceStarted) {
        m_sequenceStarted = true;
        m_sequenceNewestRaw = sequence;
        m_sequenceFirst = 0;
        m_sequenceNewest = 0;
        m_sequenceReceived = 1;
        return;
    }
    const auto delta = static_cast<std::int16_t>(static_cast<std::uint16_t>(sequence - m_sequenceNewestRaw));
    const std::int64_t extended = m_sequenceNewest + delta;
    if (delta > 0) {
        m_sequenceNewest = extended;
        m_sequenceNewestRaw = sequence;
    }
    m_sequenceFirst = std::min(m_sequenceFirst, extended);
    ++m_sequenceReceived;
}

std::uint64_t ChannelBuffer::currentSsrcLosses() const {
    if (!m_sequenceStarted) {
        return 0;
    }
    const auto expected = static_cast<std::uint64_t>(m_sequenceNewest - m_sequenceFirst + 1);
    return expected > m_sequenceReceived ? expected - m_sequenceReceived : 0;
}

ChannelStats ChannelBuffer::stats() const {
    ChannelStats stats = m_stats;
    stats.lost += currentSsrcLosses();
    return stats;
}

}  // namespace callvault::server::record
