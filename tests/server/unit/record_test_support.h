#pragma once

#include "common/formats/call_id.h"
#include "server/media/g711.h"
#include "server/record/file_io.h"
#include "server/record/mp3_decoder.h"
#include "server/record/recording_metadata.h"
#include "server/record/recording_session.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <numbers>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace callvault::server::record::test {

/// The names of the entries of `dir`, sorted.
inline std::vector<std::string> filesIn(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// A fresh folder under the system temp folder, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "callvault-record-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// 2026-11-25 10:56:05 UTC, plus milliseconds.
inline constexpr std::int64_t kStartUtcMs = 1'795'604'165'000 + 250;

inline RecordingMetadata sampleMetadata(std::uint32_t sequence = 15) {
    RecordingMetadata m;
    m.callId = formatCallId(CallId{kStartUtcMs / 1000, "0A", sequence});
    m.startUtcMs = kStartUtcMs;
    m.companyId = 3;
    m.userId = 7;
    m.groupId = 8;
    m.userNumber = "21122560";
    m.otherNumber = "92015794";
    m.direction = CallDirection::Inbound;
    m.node = "0A";
    return m;
}

/// A sine of `frequency` Hz at 8 kHz, `amplitude` peak, starting at sample index `first`.
inline std::vector<std::int16_t> tone(double frequency, std::size_t count, std::int64_t first = 0,
                                      double amplitude = 8000.0) {
    std::vector<std::int16_t> pcm(count);
    for (std::size_t i = 0; i < count; ++i) {
        const double t = static_cast<double>(first + static_cast<std::int64_t>(i)) / 8000.0;
        pcm[i] = static_cast<std::int16_t>(std::lround(amplitude * std::sin(2.0 * std::numbers::pi * frequency * t)));
    }
    return pcm;
}

inline std::vector<std::uint8_t> toUlaw(std::span<const std::int16_t> pcm) {
    std::vector<std::uint8_t> out(pcm.size());
    media::encodeUlaw(pcm, out);
    return out;
}

inline std::vector<std::uint8_t> toAlaw(std::span<const std::int16_t> pcm) {
    std::vector<std::uint8_t> out(pcm.size());
    media::encodeAlaw(pcm, out);
    return out;
}

/// Relative power of `frequency` in `pcm` (Goertzel), normalised by the length.
inline double goertzelPower(std::span<const std::int16_t> pcm, double frequency, double rate = 8000.0) {
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * frequency / rate);
    double s1 = 0;
    double s2 = 0;
    for (std::int16_t sample : pcm) {
        const double s0 = sample + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    const auto n = static_cast<double>(pcm.size());
    return power / (n * n);
}

inline double rms(std::span<const std::int16_t> pcm) {
    double sum = 0;
    for (std::int16_t s : pcm) {
        sum += static_cast<double>(s) * s;
    }
    return pcm.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(pcm.size()));
}

struct DecodedMp3 {
    Mp3DecodeInfo info;
    std::vector<std::int16_t> left;
    std::vector<std::int16_t> right;
};

inline DecodedMp3 decodeAll(std::string_view bytes) {
    DecodedMp3 out;
    out.info = decodeMp3(bytes, [&](const Mp3DecodeInfo&, std::span<const std::int16_t> l,
                                    std::span<const std::int16_t> r) {
        out.left.insert(out.left.end(), l.begin(), l.end());
        out.right.insert(out.right.end(), r.begin(), r.end());
    });
    return out;
}

inline std::string fileBytes(const std::filesystem::path& path) { return readWholeFile(path); }

inline std::span<const std::uint8_t> asBytes(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// One side of a simulated call: a tone sent as 20 ms RTP packets.
struct Side {
    double frequency = 440;
    std::uint32_t ssrc = 0x11111111;
    std::uint32_t firstTimestamp = 0;
    std::uint16_t firstSequence = 0;
    std::uint8_t payloadType = media::kPayloadTypePcmu;
    double gapFrom = -1;  ///< seconds: packets in [gapFrom, gapTo) are never sent
    double gapTo = -1;
};

/// Feeds packets of both sides for [fromSeconds, toSeconds) of the call as a real network would (arrival
/// 0–5 ms after the packet's nominal time), ticking the session every 20 ms.
inline void playCall(RecordingSession& session, RecordingSession::Clock::time_point start, double fromSeconds,
                     double toSeconds, const Side& user, const Side& other) {
    using namespace std::chrono;
    const auto first = static_cast<std::int64_t>(fromSeconds * 50);
    const auto last = static_cast<std::int64_t>(toSeconds * 50);
    for (std::int64_t k = first; k < last; ++k) {
        const double seconds = static_cast<double>(k) / 50.0;
        for (const auto& [side, channel] : {std::pair{&user, Channel::User}, std::pair{&other, Channel::Other}}) {
            if (seconds >= side->gapFrom && seconds < side->gapTo) {
                continue;
            }
            const auto pcm = tone(side->frequency, 160, k * 160);
            const auto payload = side->payloadType == media::kPayloadTypePcma ? toAlaw(pcm) : toUlaw(pcm);
            RtpPayload packet;
            packet.payloadType = side->payloadType;
            packet.sequence = static_cast<std::uint16_t>(side->firstSequence + k);
            packet.timestamp = side->firstTimestamp + static_cast<std::uint32_t>(k * 160);
            packet.ssrc = side->ssrc;
            packet.payload = payload;
            const auto jitter = microseconds((k * 1237 + (channel == Channel::User ? 0 : 500)) % 5000);
            session.onRtp(channel, packet, start + milliseconds(20 * k) + jitter);
        }
        session.tick(start + milliseconds(20 * (k + 1)));
    }
}

}  // namespace callvault::server::record::test
