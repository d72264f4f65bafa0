#pragma once

#include "server/media/call_media.h"
#include "server/media/call_recorder.h"
#include "server/media/media_leg.h"
#include "server/media/media_loop.h"
#include "server/media/media_relay.h"
#include "server/media/udp_socket.h"

#include "server/media/media_asio.h"

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace callvault::server::media {

/// The CallMedia of MediaRelay: four plain non-blocking UDP sockets (RTP and RTCP of legs A and B) watched by
/// one MediaLoop, every handler of the call on that loop's thread. Each readiness drains the socket with
/// recvmmsg, parses and relays every packet unchanged with one sendmmsg to the other leg, then queues its
/// audio; each tick hands the queue to the call's recorder, which runs on a strand of the encoder threads.
class RelayedCall final : public CallMedia, public std::enable_shared_from_this<RelayedCall> {
public:
    using Clock = std::chrono::steady_clock;

    /// `fds`: RTP A, RTCP A, RTP B, RTCP B, bound to `ports[0]`, +1, `ports[1]`, +1; owned from here on.
    /// `loop` carries the call until it stops (then it is handed back to the relay).
    RelayedCall(std::shared_ptr<MediaRelay::Impl> relay, MediaLoop& loop, std::string tag,
                std::array<std::uint16_t, 2> ports, std::array<int, 4> fds);
    ~RelayedCall() override;

    /// Watches the sockets and arms the timer. Call once, right after construction.
    void start();

    const std::string& tag() const override { return m_tag; }
    MediaEndpoint localEndpointA() const override { return m_local[0]; }
    MediaEndpoint localEndpointB() const override { return m_local[1]; }
    MediaEndpoint localEndpoint(Leg leg) const override { return m_local[index(leg)]; }
    void setRemoteA(const RemoteMedia& remote) override { setRemote(Leg::A, remote); }
    void setRemoteB(const RemoteMedia& remote) override { setRemote(Leg::B, remote); }
    void setRemote(Leg leg, const RemoteMedia& remote) override;
    bool startRecording(const record::RecordingMetadata& metadata, Leg userLeg) override;
    void updateRecordingMetadata(const record::RecordingMetadata& metadata) override;
    void setDtmfHandler(std::function<void(const DtmfEvent&)> handler) override;
    std::vector<DtmfEvent> dtmfEvents() const override;
    LegStats legStats(Leg leg) const override;
    void stop(std::function<void(const CallMediaResult&)> done) override;
    bool stopped() const override { return m_stopped.load(); }

private:
    using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
    using SessionPtr = std::unique_ptr<record::RecordingSession>;

    /// One of the call's sockets as its loop sees it.
    struct Socket final : ReadableSocket {
        bool onReadable() override { return rtcp ? call->onRtcpReadable(leg) : call->onRtpReadable(leg); }
        RelayedCall* call = nullptr;
        Leg leg = Leg::A;
        bool rtcp = false;
        UniqueFd fd;
    };

    static std::size_t index(Leg leg) { return static_cast<std::size_t>(leg); }
    static Leg otherLeg(Leg leg) { return leg == Leg::A ? Leg::B : Leg::A; }

    /// Drain a socket (on the loop); false when the socket was left with datagrams (its fair share is used).
    bool onRtpReadable(Leg leg);
    bool onRtcpReadable(Leg leg);
    Socket& rtpSocket(Leg leg) { return m_sockets[2 * index(leg)]; }
    Socket& rtcpSocket(Leg leg) { return m_sockets[2 * index(leg) + 1]; }
    void handleDtmf(const std::vector<DtmfEvent>& events);
    std::chrono::milliseconds firstTickDelay() const;
    void scheduleTick(std::chrono::milliseconds delay);
    void onTick();
    /// Hands the queued audio to the recorder and releases what is due by `now`, on the encoder strand.
    void feedRecorder(Clock::time_point now);
    void flushMetrics();
    void snapshotStats();
    void onSessionCreated(const std::string& callId, std::shared_ptr<SessionPtr> session);
    void doStop(Clock::time_point end, std::function<void(const CallMediaResult&)> done);
    void finishOnPool(std::vector<SessionPtr> sessions, Clock::time_point end);
    void onFinished(std::vector<record::FinishedRecording> recordings, std::vector<std::string> errors);

    std::shared_ptr<MediaRelay::Impl> m_relay;
    MediaLoop& m_loop;
    MediaLoop::Executor m_network;  ///< the loop's thread: every handler of the call but the recorder's
    std::string m_tag;
    std::array<std::uint16_t, 2> m_ports;
    std::array<MediaEndpoint, 2> m_local;
    std::array<Socket, 4> m_sockets;  ///< RTP A, RTCP A, RTP B, RTCP B
    /// On the loop's io_context, so gone at doStop(): the call may outlive its loop (a SIP call object
    /// lingering after the relay), a timer may not.
    std::optional<boost::asio::steady_timer> m_timer;

    // On the loop's thread only.
    std::array<MediaLeg, 2> m_legs{MediaLeg(Leg::A), MediaLeg(Leg::B)};
    AudioBatch m_audio;         ///< for the recorder, since the last tick
    int m_recordings = 0;       ///< started and not failed to start: while > 0, audio is queued
    int m_pendingSessions = 0;  ///< recordings whose spool files are being created
    std::array<LegStats, 2> m_flushed{};
    std::uint64_t m_lateFlushed = 0;
    std::uint64_t m_sendErrors = 0;
    std::uint64_t m_sendErrorsFlushed = 0;
    bool m_stopping = false;
    bool m_finished = false;
    int m_outstanding = 0;
    Clock::time_point m_end;
    CallMediaResult m_result;
    std::vector<std::function<void(const CallMediaResult&)>> m_done;

    // On the encoder strand only.
    Strand m_encoderStrand;
    CallRecorder m_recorder;
    std::atomic<std::uint64_t> m_late{0};  ///< the recorder's late packets, for the metrics

    std::atomic<bool> m_stopped{false};
    mutable std::mutex m_mutex;  ///< guards the copies other threads read
    std::array<LegStats, 2> m_statsSnapshot{};
    std::vector<DtmfEvent> m_dtmf;
    std::function<void(const DtmfEvent&)> m_dtmfHandler;
};

}  // namespace callvault::server::media
