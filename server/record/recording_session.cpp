#include "server/record/recording_session.h"

#include "common/formats/call_id.h"
#include "server/media/g711.h"
#include "server/record/file_io.h"
#include "server/record/recording_error.h"
#include "server/record/recording_finalizer.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace callvault::server::record {
namespace {

std::string sidecarText(const RecordingMetadata& metadata, const Mp3Settings& mp3) {
    const nlohmann::json sidecar = {
        {"format", "callvault-spool-v1"},
        {"metadata", metadata},
        {"mp3",
         {{"sampleRate", mp3.sampleRate}, {"bitrateKbps", mp3.bitrateKbps}, {"quality", mp3.quality}}}};
    return sidecar.dump(2) + "\n";
}

}  // namespace

RecordingSession::RecordingSession(std::filesystem::path dataDir, RecordingMetadata metadata,
                                   std::shared_ptr<const SigningKey> key, Clock::time_point mediaStart,
                                   RecorderSettings settings)
    : m_dataDir(std::move(dataDir)),
      m_metadata(std::move(metadata)),
      m_key(std::move(key)),
      m_mediaStart(mediaStart),
      m_settings(settings),
      m_paths(spoolPaths(m_dataDir, m_metadata.callId)),
      m_timeline(settings.limits),
      m_peaks(static_cast<std::uint32_t>(settings.mp3.sampleRate / 100)),
      m_decoded(settings.maxPayloadBytes) {
    if (!isValidCallId(m_metadata.callId)) {
        throw std::invalid_argument("not a call ID: " + m_metadata.callId);
    }
    if (!m_key) {
        throw std::invalid_argument("a recording needs a signing key");
    }
    if (m_settings.mp3.sampleRate != kSampleRate) {
        throw std::invalid_argument("G.711 recordings are 8 kHz; the MP3 must be too");
    }
    makeDirectories(spoolDirectory(m_dataDir));
    std::error_code ec;
    if (std::filesystem::exists(m_paths.sidecar, ec) || std::filesystem::exists(m_paths.done, ec)) {
        throw RecordingError("a recording of call " + m_metadata.callId + " is already in the spool");
    }
    // The sidecar comes first: a crash must never leave an MP3 that recovery cannot attribute to a call.
    writeFileAtomically(m_paths.sidecar, sidecarText(m_metadata, m_settings.mp3));
    try {
        m_mp3.emplace(createNewFile(m_paths.mp3), m_paths.mp3, m_settings.mp3);
        Peaks format;
        format.sampleRate = static_cast<std::uint32_t>(m_settings.mp3.sampleRate);
        format.samplesPerPeak = static_cast<std::uint32_t>(m_settings.mp3.sampleRate / 100);
        m_peaksFile.emplace(createNewFile(m_paths.peaks), m_paths.peaks, format);
    } catch (...) {
        // Nothing was recorded yet: leave no half-made spool entry behind.
        const bool createdMp3 = m_mp3.has_value();
        m_mp3.reset();
        m_peaksFile.reset();
        if (createdMp3) {
            ::unlink(m_paths.mp3.c_str());
        }
        ::unlink(m_paths.sidecar.c_str());
        throw;
    }
}

RecordingSession::~RecordingSession() {
    if (!m_finished && !m_failed && m_mp3) {
        // Dropped without finish(): hand what is encoded to the OS so start-up recovery gets it.
        try {
            m_mp3->flush();
            m_peaksFile->append(m_peaks.ready());
        } catch (
            const std::exception&) {  // NOLINT(bugprone-empty-catch): nothing to report to in a destructor
        }
    }
}

template <typename F>
void RecordingSession::guarded(F&& step) {
    try {
        step();
    } catch (const std::exception& e) {
        m_failed = true;
        m_failure = e.what();
        throw;
    }
}

void RecordingSession::ensureUsable() const {
    if (m_finished) {
        throw std::logic_error("recording " + m_metadata.callId + " is already finished");
    }
    if (m_failed) {
        throw RecordingError("recording " + m_metadata.callId + " failed earlier: " + m_failure);
    }
}

std::int64_t RecordingSession::samplesAt(Clock::time_point t) const {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t - m_mediaStart).count();
    return std::max<std::int64_t>(0, us * m_settings.mp3.sampleRate / 1'000'000);
}

void RecordingSession::onRtp(Channel channel, const RtpPayload& packet, Clock::time_point arrival) {
    if (m_failed || m_finished) {
        return;
    }
    const std::size_t size = packet.payload.size();
    if (!media::isG711(packet.payloadType) || size == 0 || size > m_decoded.size()) {
        ++m_ignored;
        return;
    }
    const std::span<std::int16_t> pcm(m_decoded.data(), size);
    if (packet.payloadType == media::kPayloadTypePcmu) {
        media::decodeUlaw(packet.payload, pcm);
    } else {
        media::decodeAlaw(packet.payload, pcm);
    }
    const std::int64_t now = samplesAt(arrival);
    m_timeline.place(channel, PacketTiming{packet.timestamp, packet.ssrc, packet.sequence, now}, pcm);
    guarded([&] { advanceTo(now - m_settings.reorderWindow.count() * m_settings.mp3.sampleRate / 1000); });
}

void RecordingSession::tick(Clock::time_point now) {
    if (m_failed || m_finished) {
        return;
    }
    guarded([&] {
        advanceTo(samplesAt(now) - m_settings.reorderWindow.count() * m_settings.mp3.sampleRate / 1000);
    });
}

void RecordingSession::advanceTo(std::int64_t target) {
    bool wrote = false;
    m_timeline.advanceTo(target,
                         [&](std::span<const std::int16_t> user, std::span<const std::int16_t> other) {
                             m_peaks.add(user, other);
                             wrote = m_mp3->write(user, other) || wrote;
                         });
    if (wrote) {
        // The MP3 just went to the OS (once a second): the peaks follow at the same pace.
        m_peaksFile->append(m_peaks.ready());
    }
}

void RecordingSession::updateMetadata(const RecordingMetadata& metadata) {
    ensureUsable();
    if (metadata.callId != m_metadata.callId || metadata.startUtcMs != m_metadata.startUtcMs) {
        throw std::invalid_argument("the call ID and start of a recording cannot change");
    }
    guarded([&] { writeFileAtomically(m_paths.sidecar, sidecarText(metadata, m_settings.mp3)); });
    m_metadata = metadata;
}

FinishedRecording RecordingSession::finish(Clock::time_point end) {
    ensureUsable();
    FinishedRecording finished;
    guarded([&] {
        advanceTo(samplesAt(end));
        m_peaks.finish();
        m_mp3->finish();
        m_peaksFile->append(m_peaks.ready());
        m_peaksFile->finish();
        const std::int64_t durationMs = m_timeline.position() * 1000 / m_settings.mp3.sampleRate;
        finished = finalizeSpoolEntry(m_dataDir, m_metadata, *m_key, durationMs, false);
    });
    m_finished = true;
    return finished;
}

RecordingStats RecordingSession::stats() const {
    RecordingStats stats;
    stats.user = m_timeline.stats(Channel::User);
    stats.other = m_timeline.stats(Channel::Other);
    stats.ignoredPackets = m_ignored;
    stats.samples = m_timeline.position();
    stats.mp3Bytes = m_mp3 ? m_mp3->bytesWritten() : 0;
    return stats;
}

}  // namespace callvault::server::record
