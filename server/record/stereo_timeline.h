#pragma once

#include "server/record/channel_buffer.h"

#include <array>
#include <cstdint>
#include <functional>
#include <span>

namespace callvault::server::record {

/// Channel 1 (left) is the recorded user's side, channel 2 (right) the other party.
enum class Channel : std::uint8_t { User = 0, Other = 1 };

/// The two channels of one recording, released to the encoder in lockstep: advanceTo() hands out both sides
/// up to the same position, silence where a side sent nothing, so a silent or absent side never stalls the
/// other. Not thread safe: one call's strand owns it.
class StereoTimeline {
public:
    /// Receives equal-length blocks (≤ kBlockSamples) of the user's and the other party's PCM.
    using Sink = std::function<void(std::span<const std::int16_t> user, std::span<const std::int16_t> other)>;
    static constexpr std::size_t kBlockSamples = 1152;

    explicit StereoTimeline(ChannelLimits limits = {});

    Placement place(Channel channel, const PacketTiming& timing, std::span<const std::int16_t> pcm);
    /// Releases [position(), target) of both channels to `sink`; nothing happens when target ≤ position().
    void advanceTo(std::int64_t target, const Sink& sink);

    std::int64_t position() const { return m_user.released(); }
    ChannelStats stats(Channel channel) const;

private:
    ChannelBuffer m_user;
    ChannelBuffer m_other;
    std::array<std::int16_t, kBlockSamples> m_userBlock{};
    std::array<std::int16_t, kBlockSamples> m_otherBlock{};
};

}  // namespace callvault::server::record
