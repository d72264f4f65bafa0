#pragma once

#include "server/media/g711.h"
#include "server/media/media_asio.h"
#include "server/media/media_relay.h"
#include "server/store/store.h"
#include "server/util/metrics.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <future>
#include <mutex>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

namespace callvault::server::media::test {

/// One RTP packet as a test phone received it.
struct ReceivedPacket {
    std::vector<std::uint8_t> bytes;
    std::uint16_t fromPort = 0;
};

/// A fake phone on 127.0.0.1: one real UDP socket that sends RTP and keeps everything it receives (on a
/// thread of its own) until destroyed.
class TestPhone {
public:
    TestPhone() {
        m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("cannot bind a test phone");
        }
        socklen_t length = sizeof address;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        timeval timeout{0, 50'000};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        m_receiver = std::thread([this] { receive(); });
    }
    ~TestPhone() {
        m_stop = true;
        m_receiver.join();
        ::close(m_fd);
    }
    TestPhone(const TestPhone&) = delete;
    TestPhone& operator=(const TestPhone&) = delete;

    std::uint16_t port() const { return m_port; }

    void sendTo(const MediaEndpoint& to, const std::vector<std::uint8_t>& bytes) const {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(to.port);
        ::inet_pton(AF_INET, to.address.c_str(), &address.sin_addr);
        ::sendto(m_fd, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&address),
                 sizeof address);
    }

    std::vector<ReceivedPacket> received() const {
        const std::lock_guard lock(m_mutex);
        return m_received;
    }
    std::size_t receivedCount() const {
        const std::lock_guard lock(m_mutex);
        return m_received.size();
    }

private:
    void receive() {
        std::vector<std::uint8_t> buffer(4096);
        while (!m_stop) {
            sockaddr_in from{};
            socklen_t length = sizeof from;
            const auto n = ::recvfrom(m_fd, buffer.data(), buffer.size(), 0,
                                      reinterpret_cast<sockaddr*>(&from), &length);
            if (n > 0) {
                const std::lock_guard lock(m_mutex);
                m_received.push_back(
                    ReceivedPacket{{buffer.begin(), buffer.begin() + n}, ntohs(from.sin_port)});
            }
        }
    }

    int m_fd = -1;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::vector<ReceivedPacket> m_received;
    std::thread m_receiver;
};

/// An RTP packet: 12-byte header and the payload.
inline std::vector<std::uint8_t> rtpPacket(std::uint8_t payloadType, std::uint16_t sequence,
                                           std::uint32_t timestamp, std::uint32_t ssrc,
                                           const std::vector<std::uint8_t>& payload, bool marker = false) {
    std::vector<std::uint8_t> bytes{0x80,
                                    static_cast<std::uint8_t>((marker ? 0x80 : 0) | payloadType),
                                    static_cast<std::uint8_t>(sequence >> 8),
                                    static_cast<std::uint8_t>(sequence),
                                    static_cast<std::uint8_t>(timestamp >> 24),
                                    static_cast<std::uint8_t>(timestamp >> 16),
                                    static_cast<std::uint8_t>(timestamp >> 8),
                                    static_cast<std::uint8_t>(timestamp),
                                    static_cast<std::uint8_t>(ssrc >> 24),
                                    static_cast<std::uint8_t>(ssrc >> 16),
                                    static_cast<std::uint8_t>(ssrc >> 8),
                                    static_cast<std::uint8_t>(ssrc)};
    bytes.insert(bytes.end(), payload.begin(), payload.end());
    return bytes;
}

/// 20 ms (160 samples) of a sine at 8 kHz starting at sample `first`, G.711 µ-law (or A-law) coded.
inline std::vector<std::uint8_t> tonePayload(double frequency, std::int64_t first, bool alaw = false) {
    std::vector<std::int16_t> pcm(160);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const double t = static_cast<double>(first + static_cast<std::int64_t>(i)) / 8000.0;
        pcm[i] =
            static_cast<std::int16_t>(std::lround(8000.0 * std::sin(2.0 * std::numbers::pi * frequency * t)));
    }
    std::vector<std::uint8_t> out(pcm.size());
    if (alaw) {
        encodeAlaw(pcm, out);
    } else {
        encodeUlaw(pcm, out);
    }
    return out;
}

inline RemoteMedia loopbackRemote(std::uint16_t port, MediaDirection direction = MediaDirection::SendRecv) {
    RemoteMedia remote;
    remote.address = "127.0.0.1";
    remote.port = port;
    remote.audioPayloadTypes = {kPayloadTypePcmu, kPayloadTypePcma};
    remote.telephoneEventPayloadType = 101;
    remote.direction = direction;
    return remote;
}

/// Waits (polling, bounded) until `condition` holds; returns whether it did.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

/// stop() and wait for its completion (bounded).
inline CallMediaResult stopAndWait(CallMedia& call) {
    auto promise = std::make_shared<std::promise<CallMediaResult>>();
    auto future = promise->get_future();
    call.stop([promise](const CallMediaResult& result) { promise->set_value(result); });
    if (future.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        throw std::runtime_error("stop() did not complete");
    }
    return future.get();
}

}  // namespace callvault::server::media::test
