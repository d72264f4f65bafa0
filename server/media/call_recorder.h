#pragma once

#include "server/media/audio_batch.h"
#include "server/media/call_media.h"
#include "server/media/rtp_packet.h"
#include "server/record/recording_session.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace callvault::server::media {

/// The recordings of one call (usually one; two when both parties are recorded users), on the call's encoder
/// strand. The relay queues each call's audio in an AudioBatch and hands it over at every tick, so each LAME
/// encoder runs a few times a second on a batch instead of after every packet (its ~380 KiB of state then
/// stays in the cache while it works), and on the encoder threads, never on the relay's.
/// A recording is *pending* while its spool files are being created on the blocking pool; its packets are
/// kept meanwhile (up to ~4 s) and fed once it is installed. A RecordingError fails only that recording; the
/// relay goes on. Not thread safe: the call's encoder strand owns it.
class CallRecorder {
public:
    using Clock = std::chrono::steady_clock;
    /// Told once per recording that fails (call ID, reason).
    using FailureHandler = std::function<void(const std::string& callId, const std::string& reason)>;

    explicit CallRecorder(FailureHandler onFailure) : m_onFailure(std::move(onFailure)) {}

    void addPending(const std::string& callId, Leg userLeg);
    /// Installs the created session of a pending recording and feeds it the packets kept meanwhile.
    /// Returns false (session untouched) when no such pending recording exists.
    bool install(const std::string& callId, std::unique_ptr<record::RecordingSession>& session);
    /// Forgets a pending recording whose creation failed.
    void removePending(const std::string& callId);

    /// The packets the relay queued since the last batch, in arrival order; only PCMU/PCMA are in it.
    void feed(const AudioBatch& batch);
    /// Releases due audio (hold, silence) of every recording.
    void tick(Clock::time_point now);
    void updateMetadata(const record::RecordingMetadata& metadata);

    /// Hands over every installed session (for finish() on the blocking pool); pending ones stay pending.
    std::vector<std::unique_ptr<record::RecordingSession>> takeSessions();

    bool empty() const { return m_entries.empty(); }
    std::size_t pendingCount() const;
    std::size_t size() const { return m_entries.size(); }
    /// Late packets over all recordings and both channels so far.
    std::uint64_t latePackets() const;

private:
    struct Buffered {
        Leg leg;
        RtpHeader header;  ///< payload re-pointed into `bytes` when replayed
        std::vector<std::uint8_t> bytes;
        Clock::time_point arrival;
    };
    struct Entry {
        std::string callId;
        Leg userLeg = Leg::A;
        std::unique_ptr<record::RecordingSession> session;  ///< null while pending
        std::vector<Buffered> buffered;
        bool failureReported = false;
    };

    void feed(Entry& entry, Leg leg, const RtpHeader& header, Clock::time_point arrival);
    template <typename Step>
    void guarded(Entry& entry, Step&& step);

    FailureHandler m_onFailure;
    std::vector<Entry> m_entries;
    std::uint64_t m_lateOfTaken = 0;
};

}  // namespace callvault::server::media
