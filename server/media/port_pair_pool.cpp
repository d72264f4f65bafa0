#include "server/media/port_pair_pool.h"

#include <stdexcept>

namespace callvault::server::media {

PortPairPool::PortPairPool(std::uint16_t min, std::uint16_t max) {
    const std::uint32_t first = min % 2 == 0 ? min : std::uint32_t{min} + 1;
    for (std::uint32_t port = first == 0 ? 2 : first; port + 1 <= max; port += 2) {
        m_free.push_back(static_cast<std::uint16_t>(port));
    }
    m_capacity = m_free.size();
    if (m_capacity == 0) {
        throw std::invalid_argument("the RTP port range " + std::to_string(min) + "-" + std::to_string(max) +
                                    " holds no even/odd port pair");
    }
}

std::optional<std::uint16_t> PortPairPool::acquire() {
    const std::lock_guard lock(m_mutex);
    if (m_free.empty()) {
        return std::nullopt;
    }
    const std::uint16_t port = m_free.front();
    m_free.pop_front();
    return port;
}

void PortPairPool::release(std::uint16_t rtpPort) {
    const std::lock_guard lock(m_mutex);
    m_free.push_back(rtpPort);
}

std::size_t PortPairPool::available() const {
    const std::lock_guard lock(m_mutex);
    return m_free.size();
}

}  // namespace callvault::server::media
