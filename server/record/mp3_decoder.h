#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

namespace callvault::server::record {

/// What decodeMp3() found.
struct Mp3DecodeInfo {
    int sampleRate = 0;
    int channels = 0;               ///< 1 or 2
    std::int64_t samples = 0;       ///< per channel, as decoded (codec delay included)
    int encoderDelay = -1;          ///< from a Xing/LAME tag, -1 when the file has none
    bool stoppedOnError = false;    ///< a damaged frame ended decoding early
};

/// Decodes MP3 bytes with LAME's hip decoder, handing out PCM as it comes: `sink(info, left, right)` with
/// equal lengths (right == left for mono) and `info` as known so far (sample rate, channels and the tag's
/// encoder delay are set before the first samples). Bad input never crashes: decoding stops at the first
/// undecodable data.
using Mp3PcmSink = std::function<void(const Mp3DecodeInfo& info, std::span<const std::int16_t> left,
                                      std::span<const std::int16_t> right)>;
Mp3DecodeInfo decodeMp3(std::string_view bytes, const Mp3PcmSink& sink);

}  // namespace callvault::server::record
