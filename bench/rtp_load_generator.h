#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace callvault::bench {

/// One RTP stream the generator sends and expects back: `sendTo` is the relay's port for this leg; what the
/// relay sends back for the *other* leg comes to `socket`'s port.
struct LoadStream {
    std::uint16_t relayPort = 0;  ///< where this stream's packets go (the relay's RTP port of its leg)
    std::size_t socket = 0;       ///< which generator socket sends it (and receives the other leg's packets)
};

/// What the generator saw over a run.
struct LoadReport {
    std::uint64_t sent = 0;
    std::uint64_t received = 0;      ///< relayed packets that came back
    std::uint64_t sequenceGaps = 0;  ///< packets missing in the returned streams (per SSRC)
    std::uint64_t late = 0;          ///< came back more than 60 ms after they were sent
    double p50LatencyUs = 0;
    double p99LatencyUs = 0;
    double maxLatencyUs = 0;
    std::uint64_t sendBehind = 0;  ///< packets sent more than 5 ms after their due time (generator starved)
    double cpuMs = 0;              ///< thread CPU of the generator's two threads
};

/// A real-rate G.711 RTP load generator on 127.0.0.1: `socketCount` UDP sockets send every stream's 20 ms
/// packets (phases spread evenly over the period, sendmmsg with per-packet destinations, a 1 ms tick) and a
/// second thread receives what the relay sends back, matching each packet to its send time by SSRC and
/// sequence number. Payloads are µ-law speech (precomputed), so the recorder works as on a real call.
class RtpLoadGenerator {
public:
    RtpLoadGenerator(std::size_t socketCount, const std::vector<std::uint8_t>& speechA,
                     const std::vector<std::uint8_t>& speechB);
    ~RtpLoadGenerator();
    RtpLoadGenerator(const RtpLoadGenerator&) = delete;
    RtpLoadGenerator& operator=(const RtpLoadGenerator&) = delete;

    /// The local port of generator socket `i` (what the relay should send to).
    std::uint16_t socketPort(std::size_t i) const;
    std::size_t socketCount() const { return m_fds.size(); }

    /// Sends streams 2k (leg A) and 2k+1 (leg B) for `seconds`, then waits `drain` for the last packets.
    LoadReport run(const std::vector<LoadStream>& streams, double seconds, std::chrono::milliseconds drain);

private:
    void receiveLoop(std::size_t streamCount, std::size_t packetsPerStream);

    std::vector<int> m_fds;
    std::vector<std::uint8_t> m_speechA;
    std::vector<std::uint8_t> m_speechB;
    std::atomic<bool> m_receiving{false};
    // Written by the sender before the packet leaves, read by the receiver: atomics keep it race-free.
    std::vector<std::atomic<std::int64_t>> m_sentAtNs;
    std::vector<std::int64_t> m_latenciesNs;
    std::vector<std::int32_t> m_highestSequence;
    std::uint64_t m_received = 0;
    std::uint64_t m_gaps = 0;
    std::uint64_t m_late = 0;
    double m_receiverCpuMs = 0;
};

}  // namespace callvault::bench
