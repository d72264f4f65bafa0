// The packet path of RelayedCall: drain a socket with recvmmsg, relay with one sendmmsg, queue the audio.
// Runs on the call's MediaLoop thread.

#include "server/media/relayed_call.h"

#include "server/media/g711.h"
#include "server/media/rtp_packet.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

namespace callvault::server::media {
namespace {

constexpr unsigned kBatch = 16;               ///< datagrams per recvmmsg
constexpr std::size_t kDatagramBytes = 2048;  ///< larger datagrams are truncated and dropped as bad
constexpr int kMaxBatchesPerWakeup = 8;  ///< then the next socket: one busy socket cannot starve the others
/// 2 s of both legs: a tick normally hands the queue over a few times a second.
constexpr std::size_t kMaxQueuedAudio = 200;

/// Receive and send vectors, one set per network thread: a handler uses them from recvmmsg to sendmmsg
/// without yielding, so they never need to live in the call.
struct PacketBatch {
    PacketBatch() {
        for (unsigned i = 0; i < kBatch; ++i) {
            iov[i] = iovec{buffers[i], kDatagramBytes};
        }
    }
    void prepareReceive() {
        for (unsigned i = 0; i < kBatch; ++i) {
            receive[i] = mmsghdr{};
            receive[i].msg_hdr.msg_name = &sources[i];
            receive[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
            receive[i].msg_hdr.msg_iov = &iov[i];
            receive[i].msg_hdr.msg_iovlen = 1;
        }
    }
    void addSend(unsigned i, std::size_t bytes) {
        sendIov[sendCount] = iovec{buffers[i], bytes};
        send[sendCount] = mmsghdr{};
        send[sendCount].msg_hdr.msg_name = &destination;
        send[sendCount].msg_hdr.msg_namelen = destinationLength;
        send[sendCount].msg_hdr.msg_iov = &sendIov[sendCount];
        send[sendCount].msg_hdr.msg_iovlen = 1;
        ++sendCount;
    }
    bool setDestination(const MediaLeg::Endpoint* endpoint) {
        if (endpoint == nullptr) {
            return false;
        }
        destinationLength = static_cast<socklen_t>(endpoint->size());
        std::memcpy(&destination, endpoint->data(), endpoint->size());
        return true;
    }
    /// Sends what was added on `fd`; returns how many datagrams the kernel took.
    unsigned flush(int fd) {
        unsigned sent = 0;
        while (sent < sendCount) {
            const int n = ::sendmmsg(fd, &send[sent], sendCount - sent, MSG_DONTWAIT);
            if (n <= 0) {
                if (n < 0 && errno == EINTR) {
                    continue;
                }
                break;  // EAGAIN (send buffer full), unreachable, …: the rest is dropped and counted
            }
            sent += static_cast<unsigned>(n);
        }
        sendCount = 0;
        return sent;
    }

    std::uint8_t buffers[kBatch][kDatagramBytes];
    iovec iov[kBatch];
    sockaddr_storage sources[kBatch];
    mmsghdr receive[kBatch];
    mmsghdr send[kBatch];
    iovec sendIov[kBatch];
    unsigned sendCount = 0;
    sockaddr_storage destination{};
    socklen_t destinationLength = 0;
};

PacketBatch& threadBatch() {
    thread_local PacketBatch batch;
    return batch;
}

int receiveBatch(int fd, PacketBatch& batch) {
    batch.prepareReceive();
    for (;;) {
        const int n = ::recvmmsg(fd, batch.receive, kBatch, MSG_DONTWAIT, nullptr);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return n;
    }
}

MediaLeg::Endpoint sourceOf(const PacketBatch& batch, unsigned i) {
    MediaLeg::Endpoint endpoint;
    const auto length = batch.receive[i].msg_hdr.msg_namelen;
    if (length <= endpoint.capacity()) {
        std::memcpy(endpoint.data(), &batch.sources[i], length);
        endpoint.resize(length);
    }
    return endpoint;
}

}  // namespace

bool RelayedCall::onRtpReadable(Leg leg) {
    if (m_stopping) {
        return true;
    }
    auto& from = m_legs[index(leg)];
    auto& to = m_legs[index(otherLeg(leg))];
    auto& batch = threadBatch();
    const int inFd = rtpSocket(leg).fd.get();
    const int outFd = rtpSocket(otherLeg(leg)).fd.get();

    for (int round = 0; round < kMaxBatchesPerWakeup; ++round) {
        const int received = receiveBatch(inFd, batch);
        if (received <= 0) {
            return true;  // EAGAIN: empty (or an error the next datagram will show again)
        }
        const auto count = static_cast<unsigned>(received);
        const auto arrival = Clock::now();
        const bool relay = batch.setDestination(to.rtpDestination());
        unsigned relayedRtp = 0;
        std::array<std::optional<RtpHeader>, kBatch> headers;
        for (unsigned i = 0; i < count; ++i) {
            const auto& message = batch.receive[i];
            const std::span<const std::uint8_t> datagram(batch.buffers[i], message.msg_len);
            if ((message.msg_hdr.msg_flags & MSG_TRUNC) != 0) {
                ++from.stats().badPackets;
                continue;
            }
            if (looksLikeRtcp(datagram)) {  // RTCP multiplexed on the RTP port (RFC 5761): relay as is
                if (relay) {
                    batch.addSend(i, message.msg_len);
                }
                continue;
            }
            const auto parsed = parseRtp(datagram);
            if (!parsed.header) {
                ++from.stats().badPackets;
                continue;
            }
            headers[i] = parsed.header;
            ++from.stats().packetsIn;
            if (!from.stats().latched) {
                from.latchRtp(sourceOf(batch, i));
            }
            from.countSequence(parsed.header->ssrc, parsed.header->sequence);
            if (relay) {
                batch.addSend(i, message.msg_len);
                ++relayedRtp;
            }
        }
        const unsigned toSend = batch.sendCount;
        const unsigned sent = batch.flush(outFd);
        to.stats().packetsOut += std::min(sent, relayedRtp);
        m_sendErrors += toSend - sent;

        // The recorder and DTMF come after the relay, so they never delay the other party's audio.
        for (unsigned i = 0; i < count; ++i) {
            const auto& header = headers[i];
            if (!header) {
                continue;
            }
            if (from.isTelephoneEvent(header->payloadType)) {
                handleDtmf(from.onTelephoneEvent(header->ssrc, header->timestamp, header->payload));
            } else if (m_recordings > 0 && isG711(header->payloadType)) {
                m_audio.push(leg, *header, arrival);
                if (m_audio.size() >= kMaxQueuedAudio) {
                    feedRecorder(arrival);
                }
            }
        }
        if (count < kBatch) {
            return true;  // a short read: the socket is empty now
        }
    }
    return false;
}

bool RelayedCall::onRtcpReadable(Leg leg) {
    if (m_stopping) {
        return true;
    }
    auto& from = m_legs[index(leg)];
    auto& to = m_legs[index(otherLeg(leg))];
    auto& batch = threadBatch();
    const int received = receiveBatch(rtcpSocket(leg).fd.get(), batch);
    if (received > 0) {
        const bool relay = batch.setDestination(to.rtcpDestination());
        for (unsigned i = 0; i < static_cast<unsigned>(received); ++i) {
            const auto& message = batch.receive[i];
            if (message.msg_len < 8 || (message.msg_hdr.msg_flags & MSG_TRUNC) != 0) {
                continue;
            }
            from.latchRtcp(sourceOf(batch, i));
            if (relay) {
                batch.addSend(i, message.msg_len);
            }
        }
        batch.flush(rtcpSocket(otherLeg(leg)).fd.get());
    }
    return received < static_cast<int>(kBatch);
}

}  // namespace callvault::server::media
