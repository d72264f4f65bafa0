#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace callvault::server::record {

/// What checkMp3Audio() found in an uploaded file.
struct Mp3Check {
    bool ok = false;
    std::string error;  ///< an English sentence for the API when !ok
    std::int64_t durationMs = 0;
    int sampleRate = 0;
    int channels = 0;
};

/// Smallest and largest audio an upload may hold (a greeting or term is a short announcement).
inline constexpr std::int64_t kMinUploadAudioMs = 100;
inline constexpr std::int64_t kMaxUploadAudioMs = 60LL * 60 * 1000;

/// Decides whether `bytes` are real MPEG-1/2/2.5 Layer III audio, strictly: after an optional ID3v2 tag the
/// file must be an unbroken run of valid frames of one sample rate (an ID3v1 / APE tag or at most 1 KiB of
/// padding may follow), and libmpg123 must decode every frame without an error or a resync, to between
/// kMinUploadAudioMs and kMaxUploadAudioMs of audio. WAV, text, random bytes, truncated or corrupt frames
/// are refused with a reason. Pure; never throws for bad input (std::bad_alloc aside).
Mp3Check checkMp3Audio(std::string_view bytes);

}  // namespace callvault::server::record
