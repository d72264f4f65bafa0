#pragma once

#include "common/crypto/signature.h"
#include "server/record/channel_buffer.h"
#include "server/record/mp3_writer.h"
#include "server/record/peaks.h"
#include "server/record/recording_metadata.h"
#include "server/record/stereo_timeline.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace callvault::server::record {

/// Settings shared by all recordings of a server.
struct RecorderSettings {
    Mp3Settings mp3;
    ChannelLimits limits;
    std::chrono::milliseconds reorderWindow{200};  ///< audio is released this long after it is due
    std::size_t maxPayloadBytes = 1600;            ///< larger RTP payloads (> 200 ms of G.711) are ignored
};

/// The RTP fields the recorder needs; `payload` is only read during onRtp().
struct RtpPayload {
    std::uint8_t payloadType = 0;  ///< 0 PCMU, 8 PCMA; anything else (events, comfort noise) is ignored
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::span<const std::uint8_t> payload;
};

/// Counters of one recording, for metrics and the per-call log line.
struct RecordingStats {
    ChannelStats user;
    ChannelStats other;
    std::uint64_t ignoredPackets = 0;  ///< other payload types, oversized payloads
    std::int64_t samples = 0;          ///< per channel, released to the encoder
    std::uint64_t mp3Bytes = 0;        ///< written to the OS so far
};

/// One recording of a call leg, from answer to hang-up: stereo MP3 (channel 1 the user, channel 2 the other
/// party) written to spool/ as the call goes, then finalised into recordings/ with peaks and a signature.
///
/// Time comes from the caller as steady-clock instants (onRtp's arrival, tick's now, finish's end), measured
/// against `mediaStart` (the answer), so the recording lasts exactly as long as the call and tests can replay
/// a call faster than real time. Audio is released to the encoder `reorderWindow` after it is due; call tick()
/// at least every second so silence (hold, both sides quiet) reaches the file too.
///
/// Not thread safe: the call's strand owns it. Every method may throw RecordingError (disk full, EIO): the
/// session is then failed, later onRtp()/tick() do nothing and finish() throws; its spool files stay for the
/// next start-up's recovery. The caller refuses new recordings and raises an alarm.
class RecordingSession {
public:
    using Clock = std::chrono::steady_clock;

    /// Creates spool/<id>.json, .mp3 and .peaks.tmp (never over existing files). Throws std::invalid_argument
    /// for a malformed call ID, no key or an MP3 rate other than 8 kHz; RecordingError when the files cannot be
    /// created.
    RecordingSession(std::filesystem::path dataDir, RecordingMetadata metadata,
                     std::shared_ptr<const SigningKey> key, Clock::time_point mediaStart,
                     RecorderSettings settings = {});
    ~RecordingSession();
    RecordingSession(const RecordingSession&) = delete;
    RecordingSession& operator=(const RecordingSession&) = delete;

    /// One RTP packet of a side. Packets before mediaStart count as arriving at it.
    void onRtp(Channel channel, const RtpPayload& packet, Clock::time_point arrival);
    /// Releases the audio that is due by `now` (silence where nothing arrived) and writes it out.
    void tick(Clock::time_point now);
    /// Rewrites the sidecar (e.g. the other number after a transfer). The call ID and start cannot change.
    void updateMetadata(const RecordingMetadata& metadata);
    /// Ends the recording at `end`: the MP3 holds exactly end − mediaStart of audio. Finalises (see
    /// recording_finalizer.h) and returns the CDR data; call releaseSpoolEntry() once the row is stored.
    FinishedRecording finish(Clock::time_point end);

    const RecordingMetadata& metadata() const { return m_metadata; }
    RecordingStats stats() const;
    bool failed() const { return m_failed; }
    bool finished() const { return m_finished; }

private:
    std::int64_t samplesAt(Clock::time_point t) const;
    void advanceTo(std::int64_t target);
    void ensureUsable() const;
    template <typename F>
    void guarded(F&& step);

    std::filesystem::path m_dataDir;
    RecordingMetadata m_metadata;
    std::shared_ptr<const SigningKey> m_key;
    Clock::time_point m_mediaStart;
    RecorderSettings m_settings;
    SpoolPaths m_paths;
    StereoTimeline m_timeline;
    std::optional<Mp3Writer> m_mp3;
    std::optional<PeaksFileWriter> m_peaksFile;
    PeaksBuilder m_peaks;
    std::vector<std::int16_t> m_decoded;  ///< one packet's PCM
    std::uint64_t m_ignored = 0;
    std::string m_failure;
    bool m_failed = false;
    bool m_finished = false;
};

}  // namespace callvault::server::record
