#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace callvault::server::seed {

/// Two parties taking turns, 8 kHz: on the talking side voiced "syllables" (a few harmonics of a wandering
/// pitch under a syllable envelope) separated by short gaps and word pauses, on the listening side a faint
/// noise floor. Left = the user, right = the other party, as in a recording. Deterministic for a seed.
struct StereoPcm {
    std::vector<std::int16_t> left;
    std::vector<std::int16_t> right;
};
StereoPcm conversationPcm(double seconds, std::uint32_t seed);

/// Encodes conversationPcm(seconds, seed) with the recorder's Mp3Writer (stereo, 8 kHz, 32 kbps) into a new
/// file at `mp3Path` and writes its peaks file at `peaksPath`. Returns the MP3's duration in ms. Throws
/// RecordingError.
std::int64_t writeConversationMp3(const std::filesystem::path& mp3Path,
                                  const std::filesystem::path& peaksPath, double seconds, std::uint32_t seed);

}  // namespace callvault::server::seed
