#include "bench/rtp_load_generator.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <system_error>

namespace callvault::bench {
namespace {

constexpr std::size_t kPayloadBytes = 160;
constexpr std::size_t kPacketBytes = 12 + kPayloadBytes;
/// A relayed packet later than this misses a phone's jitter buffer (typically 40-60 ms): it counts as late.
constexpr std::int64_t kLateNs = 60'000'000;

std::int64_t nowNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void buildPacket(std::uint8_t* out, std::uint32_t ssrc, std::uint16_t sequence, std::uint32_t timestamp,
                 const std::uint8_t* payload) {
    out[0] = 0x80;
    out[1] = 0;  // PCMU
    out[2] = static_cast<std::uint8_t>(sequence >> 8);
    out[3] = static_cast<std::uint8_t>(sequence);
    for (int i = 0; i < 4; ++i) {
        out[4 + i] = static_cast<std::uint8_t>(timestamp >> (24 - 8 * i));
        out[8 + i] = static_cast<std::uint8_t>(ssrc >> (24 - 8 * i));
    }
    std::memcpy(out + 12, payload, kPayloadBytes);
}

}  // namespace

RtpLoadGenerator::RtpLoadGenerator(std::size_t socketCount, const std::vector<std::uint8_t>& speechA,
                                   const std::vector<std::uint8_t>& speechB)
    : m_speechA(speechA), m_speechB(speechB) {
    for (std::size_t i = 0; i < socketCount; ++i) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::system_error(errno, std::generic_category(), "generator socket");
        }
        // The generator must never be the one that drops: as large buffers as root may have.
        const int bytes = 8 * 1024 * 1024;
        if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0) {
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
        }
        if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) != 0) {
            ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
        }
        m_fds.push_back(fd);
    }
}

RtpLoadGenerator::~RtpLoadGenerator() {
    for (const int fd : m_fds) {
        ::close(fd);
    }
}

std::uint16_t RtpLoadGenerator::socketPort(std::size_t i) const {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(m_fds.at(i), reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

LoadReport RtpLoadGenerator::run(const std::vector<LoadStream>& streams, double seconds,
                                 std::chrono::milliseconds drain) {
    const auto packetsPerStream = static_cast<std::size_t>(seconds * 50);
    m_sentAtNs = std::vector<std::atomic<std::int64_t>>(streams.size() * packetsPerStream);
    m_latenciesNs.clear();
    m_latenciesNs.reserve(streams.size() * packetsPerStream);
    m_highestSequence.assign(streams.size(), -1);
    m_received = m_gaps = m_late = 0;
    m_receiving = true;
    std::thread receiver([this, n = streams.size(), packetsPerStream] { receiveLoop(n, packetsPerStream); });

    const double senderCpuStart = threadCpuMs();
    LoadReport report;
    const std::int64_t period = 20'000'000;
    const std::int64_t start = nowNs() + 10'000'000;
    std::vector<std::size_t> next(streams.size(), 0);
    std::vector<std::int64_t> phase(streams.size());
    for (std::size_t s = 0; s < streams.size(); ++s) {
        phase[s] = static_cast<std::int64_t>(s) * period / static_cast<std::int64_t>(streams.size());
    }
    // Per socket: packet buffers, destinations and message headers of one tick.
    struct Outgoing {
        std::vector<std::array<std::uint8_t, kPacketBytes>> packets;
        std::vector<sockaddr_in> to;
        std::vector<iovec> iov;
        std::vector<mmsghdr> messages;
    };
    std::vector<Outgoing> outgoing(m_fds.size());
    std::size_t remaining = streams.size() * packetsPerStream;
    while (remaining > 0) {
        const std::int64_t now = nowNs();
        for (auto& out : outgoing) {
            out.packets.clear();
            out.to.clear();
        }
        for (std::size_t s = 0; s < streams.size(); ++s) {
            while (next[s] < packetsPerStream &&
                   start + phase[s] + period * static_cast<std::int64_t>(next[s]) <= now) {
                const std::size_t k = next[s]++;
                const auto& stream = streams[s];
                auto& out = outgoing[stream.socket];
                const auto& speech = s % 2 == 0 ? m_speechA : m_speechB;
                const std::size_t offset = (k * kPayloadBytes + s * 800) % (speech.size() - kPayloadBytes);
                out.packets.emplace_back();
                buildPacket(out.packets.back().data(), static_cast<std::uint32_t>(s + 1),
                            static_cast<std::uint16_t>(k), static_cast<std::uint32_t>(k * kPayloadBytes),
                            speech.data() + offset);
                sockaddr_in to{};
                to.sin_family = AF_INET;
                to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                to.sin_port = htons(stream.relayPort);
                out.to.push_back(to);
                const std::int64_t due = start + phase[s] + period * static_cast<std::int64_t>(k);
                if (now - due > 5'000'000) {
                    ++report.sendBehind;
                }
                m_sentAtNs[s * packetsPerStream + k].store(now, std::memory_order_relaxed);
                --remaining;
            }
        }
        for (std::size_t i = 0; i < outgoing.size(); ++i) {
            auto& out = outgoing[i];
            const std::size_t n = out.packets.size();
            out.iov.resize(n);
            out.messages.resize(n);
            for (std::size_t j = 0; j < n; ++j) {
                out.iov[j] = iovec{out.packets[j].data(), kPacketBytes};
                out.messages[j] = mmsghdr{};
                out.messages[j].msg_hdr.msg_name = &out.to[j];
                out.messages[j].msg_hdr.msg_namelen = sizeof(sockaddr_in);
                out.messages[j].msg_hdr.msg_iov = &out.iov[j];
                out.messages[j].msg_hdr.msg_iovlen = 1;
            }
            std::size_t done = 0;
            while (done < n) {
                const int sent =
                    ::sendmmsg(m_fds[i], &out.messages[done], static_cast<unsigned>(n - done), 0);
                if (sent <= 0) {
                    break;
                }
                done += static_cast<std::size_t>(sent);
            }
            report.sent += done;
        }
        // Sleep to the next millisecond boundary.
        const std::int64_t wake = (nowNs() / 1'000'000 + 1) * 1'000'000;
        const timespec until{static_cast<time_t>(wake / 1'000'000'000),
                             static_cast<long>(wake % 1'000'000'000)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr);
    }
    report.cpuMs = threadCpuMs() - senderCpuStart;
    std::this_thread::sleep_for(drain);
    m_receiving = false;
    receiver.join();
    report.cpuMs += m_receiverCpuMs;

    report.received = m_received;
    report.sequenceGaps = m_gaps;
    report.late = m_late;
    if (!m_latenciesNs.empty()) {
        std::sort(m_latenciesNs.begin(), m_latenciesNs.end());
        const auto at = [&](double q) {
            return static_cast<double>(m_latenciesNs[static_cast<std::size_t>(
                       q * static_cast<double>(m_latenciesNs.size() - 1))]) /
                   1000.0;
        };
        report.p50LatencyUs = at(0.5);
        report.p99LatencyUs = at(0.99);
        report.maxLatencyUs = at(1.0);
    }
    return report;
}

void RtpLoadGenerator::receiveLoop(std::size_t streamCount, std::size_t packetsPerStream) {
    const double cpuStart = threadCpuMs();
    constexpr unsigned kBatch = 64;
    std::vector<std::array<std::uint8_t, 2048>> buffers(kBatch);
    std::vector<iovec> iov(kBatch);
    std::vector<mmsghdr> messages(kBatch);
    std::vector<pollfd> polls;
    for (const int fd : m_fds) {
        polls.push_back(pollfd{fd, POLLIN, 0});
    }
    while (m_receiving) {
        if (::poll(polls.data(), polls.size(), 20) <= 0) {
            continue;
        }
        for (const auto& p : polls) {
            if ((p.revents & POLLIN) == 0) {
                continue;
            }
            for (;;) {
                for (unsigned j = 0; j < kBatch; ++j) {
                    iov[j] = iovec{buffers[j].data(), buffers[j].size()};
                    messages[j] = mmsghdr{};
                    messages[j].msg_hdr.msg_iov = &iov[j];
                    messages[j].msg_hdr.msg_iovlen = 1;
                }
                const int n = ::recvmmsg(p.fd, messages.data(), kBatch, MSG_DONTWAIT, nullptr);
                if (n <= 0) {
                    break;
                }
                const std::int64_t now = nowNs();
                for (int j = 0; j < n; ++j) {
                    const auto* b = buffers[static_cast<std::size_t>(j)].data();
                    if (messages[static_cast<std::size_t>(j)].msg_len < 12) {
                        continue;
                    }
                    const std::uint32_t ssrc = static_cast<std::uint32_t>(b[8]) << 24 |
                                               static_cast<std::uint32_t>(b[9]) << 16 |
                                               static_cast<std::uint32_t>(b[10]) << 8 | b[11];
                    const std::size_t sequence = static_cast<std::size_t>(b[2] << 8 | b[3]);
                    if (ssrc == 0 || ssrc > streamCount || sequence >= packetsPerStream) {
                        continue;
                    }
                    const std::size_t s = ssrc - 1;
                    ++m_received;
                    const std::int64_t sentAt = m_sentAtNs[s * packetsPerStream + sequence].load();
                    const std::int64_t latency = now - sentAt;
                    m_latenciesNs.push_back(latency);
                    if (latency > kLateNs) {
                        ++m_late;
                    }
                    const auto seq = static_cast<std::int32_t>(sequence);
                    if (seq > m_highestSequence[s] + 1) {
                        m_gaps += static_cast<std::uint64_t>(seq - m_highestSequence[s] - 1);
                    }
                    m_highestSequence[s] = std::max(m_highestSequence[s], seq);
                }
                if (n < static_cast<int>(kBatch)) {
                    break;
                }
            }
        }
    }
    m_receiverCpuMs = threadCpuMs() - cpuStart;
}

}  // namespace callvault::bench
