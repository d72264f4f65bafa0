#include "client/player/mp3_decoder.h"

#include <mpg123.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace callvault::client {
namespace {

struct HandleDeleter {
    void operator()(mpg123_handle* handle) const { mpg123_delete(handle); }
};
using Handle = std::unique_ptr<mpg123_handle, HandleDeleter>;

std::optional<PcmBuffer> failWith(QString* error, const QString& why) {
    if (error != nullptr) {
        *error = why;
    }
    return std::nullopt;
}

}  // namespace

std::optional<PcmBuffer> Mp3Decoder::decode(const QByteArray& mp3, QString* error) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { mpg123_init(); });
    int code = MPG123_OK;
    Handle handle(mpg123_new(nullptr, &code));
    if (!handle) {
        return failWith(error, QStringLiteral("cannot create the MP3 decoder"));
    }
    mpg123_param(handle.get(), MPG123_ADD_FLAGS, MPG123_QUIET, 0.0);
    // Always 16-bit signed output, at the file's own rate and channel count.
    mpg123_format_none(handle.get());
    for (const long rate : {8000L, 11025L, 12000L, 16000L, 22050L, 24000L, 32000L, 44100L, 48000L}) {
        mpg123_format(handle.get(), rate, MPG123_MONO | MPG123_STEREO, MPG123_ENC_SIGNED_16);
    }
    if (mpg123_open_feed(handle.get()) != MPG123_OK) {
        return failWith(error, QStringLiteral("cannot open the MP3 decoder"));
    }
    PcmBuffer pcm;
    bool formatKnown = false;
    const auto* input = reinterpret_cast<const unsigned char*>(mp3.constData());
    code = mpg123_feed(handle.get(), input, static_cast<size_t>(mp3.size()));
    if (code != MPG123_OK) {
        return failWith(error, QString::fromUtf8(mpg123_plain_strerror(code)));
    }
    QByteArray chunk(32768, Qt::Uninitialized);
    for (;;) {
        size_t done = 0;
        code = mpg123_read(handle.get(), chunk.data(), static_cast<size_t>(chunk.size()), &done);
        if (code == MPG123_NEW_FORMAT) {
            long rate = 0;
            int channels = 0;
            int encoding = 0;
            mpg123_getformat(handle.get(), &rate, &channels, &encoding);
            pcm.sampleRate = static_cast<int>(rate);
            pcm.channels = channels;
            formatKnown = true;
        }
        if (done > 0) {
            const qsizetype old = pcm.samples.size();
            pcm.samples.resize(old + static_cast<qsizetype>(done / 2));
            std::memcpy(pcm.samples.data() + old, chunk.constData(), done - done % 2);
        }
        if (code == MPG123_NEED_MORE || code == MPG123_DONE) {
            break;
        }
        if (code != MPG123_OK && code != MPG123_NEW_FORMAT) {
            return failWith(error, QString::fromUtf8(mpg123_plain_strerror(code)));
        }
    }
    if (!formatKnown || pcm.frames() == 0) {
        return failWith(error, QStringLiteral("no audio frames in the file"));
    }
    return pcm;
}

}  // namespace callvault::client
