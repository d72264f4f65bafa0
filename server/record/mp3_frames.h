#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace callvault::server::record {

/// One MPEG audio frame header (MPEG-1, -2 and -2.5, layers I–III; free-format bitrate is not supported).
struct Mp3FrameHeader {
    int layer = 3;
    int sampleRate = 0;
    int bitrateKbps = 0;
    int channels = 2;
    int frameBytes = 0;       ///< whole frame, header included
    int samplesPerFrame = 0;  ///< per channel
};

/// Empty unless the 4 bytes are a valid frame header.
std::optional<Mp3FrameHeader> parseMp3FrameHeader(std::span<const std::uint8_t> bytes);

/// The run of complete frames at the start of a file (after an optional ID3v2 tag), as a crash leaves it:
/// it ends at the first byte that does not start a complete, valid frame of the same layer and sample rate.
struct Mp3Scan {
    std::uint64_t frames = 0;
    std::int64_t firstFrameOffset = 0;
    std::int64_t endOffset = 0;      ///< first byte after the last complete frame (truncate the file here)
    std::int64_t samples = 0;        ///< decoded samples per channel, codec delay included
    int sampleRate = 0;
    int channels = 0;
};
Mp3Scan scanMp3Frames(std::string_view bytes);

}  // namespace callvault::server::record
