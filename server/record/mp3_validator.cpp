#include "server/record/mp3_validator.h"

#include "server/record/mp3_frames.h"

#include <mpg123.h>

#include <memory>
#include <mutex>
#include <span>

namespace callvault::server::record {
namespace {

struct HandleDeleter {
    void operator()(mpg123_handle* handle) const { mpg123_delete(handle); }
};
using HandlePtr = std::unique_ptr<mpg123_handle, HandleDeleter>;

/// Bytes after the last frame that are still acceptable: tags, or a little zero padding.
constexpr std::int64_t kMaxTrailingBytes = 1024;

Mp3Check refuse(std::string reason) {
    Mp3Check check;
    check.error = std::move(reason);
    return check;
}

bool trailerAcceptable(std::string_view rest) {
    if (rest.empty()) {
        return true;
    }
    if (rest.size() == 128 && rest.substr(0, 3) == "TAG") {
        return true;
    }
    if (rest.find("APETAGEX") != std::string_view::npos || rest.find("TAG") != std::string_view::npos ||
        rest.find("LYRICS") != std::string_view::npos) {
        return static_cast<std::int64_t>(rest.size()) <= 64 * 1024;
    }
    return static_cast<std::int64_t>(rest.size()) <= kMaxTrailingBytes;
}

}  // namespace

Mp3Check checkMp3Audio(std::string_view bytes) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { mpg123_init(); });

    if (bytes.empty()) {
        return refuse("the file is empty");
    }
    const Mp3Scan scan = scanMp3Frames(bytes);
    if (scan.frames == 0) {
        return refuse("the file is not MP3 audio: no MPEG audio frame at its start");
    }
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto first = parseMp3FrameHeader(std::span(data + scan.firstFrameOffset, 4));
    if (!first || first->layer != 3) {
        return refuse("the file is MPEG audio but not Layer III (MP3)");
    }
    if (scan.frames < 2 || !trailerAcceptable(bytes.substr(static_cast<std::size_t>(scan.endOffset)))) {
        return refuse("the file is not MP3 audio: its frames are broken or followed by other data");
    }

    int status = MPG123_OK;
    HandlePtr handle(mpg123_new(nullptr, &status));
    if (!handle) {
        return refuse("the MP3 decoder could not be started");
    }
    mpg123_param(handle.get(), MPG123_ADD_FLAGS, MPG123_QUIET | MPG123_NO_RESYNC, 0.0);
    if (mpg123_open_feed(handle.get()) != MPG123_OK) {
        return refuse("the MP3 decoder could not be started");
    }
    const auto* audio = reinterpret_cast<const unsigned char*>(bytes.data());
    if (mpg123_feed(handle.get(), audio, bytes.size()) != MPG123_OK) {
        return refuse("the MP3 decoder refused the file");
    }
    Mp3Check check;
    long rate = 0;
    int channels = 0;
    int encoding = 0;
    std::int64_t samples = 0;
    for (;;) {
        off_t frame = 0;
        unsigned char* pcm = nullptr;
        std::size_t pcmBytes = 0;
        const int rc = mpg123_decode_frame(handle.get(), &frame, &pcm, &pcmBytes);
        if (rc == MPG123_NEW_FORMAT) {
            mpg123_getformat(handle.get(), &rate, &channels, &encoding);
            continue;
        }
        if (rc == MPG123_NEED_MORE || rc == MPG123_DONE) {
            break;
        }
        if (rc != MPG123_OK) {
            return refuse(std::string("the MP3 audio cannot be decoded: ") + mpg123_strerror(handle.get()));
        }
        const int sampleBytes = mpg123_encsize(encoding);
        if (channels > 0 && sampleBytes > 0) {
            samples += static_cast<std::int64_t>(pcmBytes) / (channels * sampleBytes);
        }
    }
    if (rate <= 0 || channels <= 0) {
        return refuse("the file holds no decodable MP3 audio");
    }
    check.sampleRate = static_cast<int>(rate);
    check.channels = channels;
    check.durationMs = samples * 1000 / rate;
    if (check.durationMs < kMinUploadAudioMs) {
        return refuse("the MP3 audio is shorter than 0.1 s");
    }
    if (check.durationMs > kMaxUploadAudioMs) {
        return refuse("the MP3 audio is longer than one hour");
    }
    check.ok = true;
    return check;
}

}  // namespace callvault::server::record
