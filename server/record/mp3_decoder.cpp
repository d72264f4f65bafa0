#include "server/record/mp3_decoder.h"

#include "server/record/recording_error.h"

#include <lame.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <memory>
#include <vector>

namespace callvault::server::record {
namespace {

struct HipDeleter {
    void operator()(hip_global_flags* hip) const { hip_decode_exit(hip); }
};
using HipPtr = std::unique_ptr<hip_global_flags, HipDeleter>;

void silent(const char* /*format*/, va_list /*args*/) {}

// hip returns at most one frame (≤ 1152 samples) per call; twice that leaves room for any layer.
constexpr std::size_t kMaxFrameSamples = 2 * 1152;
// Bytes handed to the decoder per call; small enough that its internal buffer never overflows.
constexpr std::size_t kChunkBytes = 4096;

}  // namespace

Mp3DecodeInfo decodeMp3(std::string_view bytes, const Mp3PcmSink& sink) {
    HipPtr hip(hip_decode_init());
    if (!hip) {
        throw RecordingError("the MP3 decoder could not be initialised");
    }
    hip_set_errorf(hip.get(), silent);
    hip_set_debugf(hip.get(), silent);
    hip_set_msgf(hip.get(), silent);

    Mp3DecodeInfo info;
    std::array<short, kMaxFrameSamples> left{};
    std::array<short, kMaxFrameSamples> right{};
    std::vector<unsigned char> chunk(kChunkBytes);
    mp3data_struct header{};
    std::size_t offset = 0;

    auto emit = [&](int count) {
        if (header.header_parsed != 0) {
            info.sampleRate = header.samplerate;
            info.channels = header.stereo;
        }
        const auto n = static_cast<std::size_t>(count);
        if (info.channels == 1) {
            std::copy_n(left.begin(), n, right.begin());
        }
        sink(info, std::span<const std::int16_t>(left.data(), n), std::span<const std::int16_t>(right.data(), n));
        info.samples += count;
    };

    while (offset < bytes.size()) {
        const std::size_t length = std::min(kChunkBytes, bytes.size() - offset);
        std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(offset), length, chunk.begin());
        offset += length;
        std::size_t feed = length;
        // Feed the chunk once, then drain every frame it completed (len 0 = "no new data").
        for (;;) {
            int delay = -1;
            int padding = -1;
            const int count = hip_decode1_headersB(hip.get(), chunk.data(), feed, left.data(), right.data(),
                                                   &header, &delay, &padding);
            feed = 0;
            if (delay >= 0) {
                info.encoderDelay = delay;
            }
            if (count < 0) {
                info.stoppedOnError = true;
                return info;
            }
            if (count == 0) {
                break;
            }
            emit(count);
        }
    }
    return info;
}

}  // namespace callvault::server::record
