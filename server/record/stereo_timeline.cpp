#include "server/record/stereo_timeline.h"

#include <algorithm>

namespace callvault::server::record {

StereoTimeline::StereoTimeline(ChannelLimits limits) : m_user(limits), m_other(limits) {}

Placement StereoTimeline::place(Channel channel, const PacketTiming& timing, std::span<const std::int16_t> pcm) {
    return channel == Channel::User ? m_user.place(timing, pcm) : m_other.place(timing, pcm);
}

void StereoTimeline::advanceTo(std::int64_t target, const Sink& sink) {
    while (position() < target) {
        const auto count = static_cast<std::size_t>(std::min<std::int64_t>(target - position(), kBlockSamples));
        const std::span<std::int16_t> user(m_userBlock.data(), count);
        const std::span<std::int16_t> other(m_otherBlock.data(), count);
        m_user.release(user);
        m_other.release(other);
        sink(user, other);
    }
}

ChannelStats StereoTimeline::stats(Channel channel) const {
    return channel == Channel::User ? m_user.stats() : m_other.stats();
}

}  // namespace callvault::server::record
