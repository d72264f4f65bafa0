#include "server/record/mp3_frames.h"

#include <array>

namespace callvault::server::record {
namespace {

// Bitrates in kbps by [table][index]; index 0 (free format) and 15 (bad) are 0.
constexpr std::array<std::array<int, 16>, 5> kBitrates = {{
    {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0},  // MPEG-1 layer I
    {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0},     // MPEG-1 layer II
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},      // MPEG-1 layer III
    {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0},     // MPEG-2/2.5 layer I
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},          // MPEG-2/2.5 layers II, III
}};
constexpr std::array<int, 3> kMpeg1Rates = {44100, 48000, 32000};

std::int64_t id3v2Size(std::string_view bytes) {
    if (bytes.size() < 10 || bytes.substr(0, 3) != "ID3") {
        return 0;
    }
    std::int64_t size = 0;
    for (std::size_t i = 6; i < 10; ++i) {
        const auto b = static_cast<std::uint8_t>(bytes[i]);
        if ((b & 0x80) != 0) {
            return 0;  // not a synchsafe integer: not a tag
        }
        size = size * 128 + b;
    }
    const bool footer = (static_cast<std::uint8_t>(bytes[5]) & 0x10) != 0;
    return 10 + size + (footer ? 10 : 0);
}

}  // namespace

std::optional<Mp3FrameHeader> parseMp3FrameHeader(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0) {
        return std::nullopt;
    }
    const int versionBits = (bytes[1] >> 3) & 0x03;  // 0: 2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
    const int layerBits = (bytes[1] >> 1) & 0x03;    // 1: III, 2: II, 3: I
    const int bitrateIndex = (bytes[2] >> 4) & 0x0F;
    const int rateIndex = (bytes[2] >> 2) & 0x03;
    const int padding = (bytes[2] >> 1) & 0x01;
    const int channelMode = (bytes[3] >> 6) & 0x03;
    if (versionBits == 1 || layerBits == 0 || rateIndex == 3 || bitrateIndex == 0 || bitrateIndex == 15) {
        return std::nullopt;
    }
    const bool mpeg1 = versionBits == 3;
    Mp3FrameHeader header;
    header.layer = 4 - layerBits;
    int rate = kMpeg1Rates[static_cast<std::size_t>(rateIndex)];
    if (versionBits == 2) {
        rate /= 2;
    } else if (versionBits == 0) {
        rate /= 4;
    }
    header.sampleRate = rate;
    const std::size_t table = mpeg1 ? static_cast<std::size_t>(header.layer - 1) : (header.layer == 1 ? 3 : 4);
    header.bitrateKbps = kBitrates[table][static_cast<std::size_t>(bitrateIndex)];
    header.channels = channelMode == 3 ? 1 : 2;
    const int bitrate = header.bitrateKbps * 1000;
    if (header.layer == 1) {
        header.samplesPerFrame = 384;
        header.frameBytes = (12 * bitrate / rate + padding) * 4;
    } else if (header.layer == 2 || mpeg1) {
        header.samplesPerFrame = 1152;
        header.frameBytes = 144 * bitrate / rate + padding;
    } else {
        header.samplesPerFrame = 576;
        header.frameBytes = 72 * bitrate / rate + padding;
    }
    return header;
}

Mp3Scan scanMp3Frames(std::string_view bytes) {
    Mp3Scan scan;
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto size = static_cast<std::int64_t>(bytes.size());
    std::int64_t offset = id3v2Size(bytes);
    if (offset > size) {
        offset = size;
    }
    scan.firstFrameOffset = offset;
    scan.endOffset = offset;
    while (offset + 4 <= size) {
        const auto header = parseMp3FrameHeader(std::span(data + offset, 4));
        if (!header || offset + header->frameBytes > size) {
            break;
        }
        if (scan.frames == 0) {
            scan.sampleRate = header->sampleRate;
            scan.channels = header->channels;
        } else if (header->sampleRate != scan.sampleRate) {
            break;  // garbage that happens to look like a header
        }
        ++scan.frames;
        scan.samples += header->samplesPerFrame;
        offset += header->frameBytes;
        scan.endOffset = offset;
    }
    return scan;
}

}  // namespace callvault::server::record
