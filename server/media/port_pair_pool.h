#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace callvault::server::media {

/// The RTP port pairs of a range [min, max]: an even RTP port and the odd RTCP port after it, both inside the
/// range. Hands them out first in, first out, so a freed pair is reused as late as possible (stray packets of
/// an ended call do not reach the next one). Thread safe.
class PortPairPool {
public:
    /// Throws std::invalid_argument when the range holds no pair.
    PortPairPool(std::uint16_t min, std::uint16_t max);

    /// The even RTP port of a free pair, or nullopt when none is left.
    std::optional<std::uint16_t> acquire();
    /// Gives a pair back (its even port); it goes to the end of the queue.
    void release(std::uint16_t rtpPort);

    std::size_t available() const;
    std::size_t capacity() const { return m_capacity; }

private:
    mutable std::mutex m_mutex;
    std::deque<std::uint16_t> m_free;
    std::size_t m_capacity = 0;
};

}  // namespace callvault::server::media
