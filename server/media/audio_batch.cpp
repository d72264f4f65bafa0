#include "server/media/audio_batch.h"

namespace callvault::server::media {

namespace {

// One tick of G.711 at 20 ms on both legs is 25 packets of 160 bytes: room for that up front, so a batch
// is two allocations rather than a dozen growth steps.
constexpr std::size_t kTypicalPackets = 32;
constexpr std::size_t kTypicalPayload = 160;

}  // namespace

void AudioBatch::push(Leg leg, const RtpHeader& header, Clock::time_point arrival) {
    if (m_packets.empty()) {
        m_packets.reserve(kTypicalPackets);
        m_bytes.reserve(kTypicalPackets * kTypicalPayload);
    }
    m_packets.push_back(Queued{leg, header, m_bytes.size(), header.payload.size(), arrival});
    m_bytes.insert(m_bytes.end(), header.payload.begin(), header.payload.end());
}

}  // namespace callvault::server::media
