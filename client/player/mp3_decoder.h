#pragma once

#include "client/player/pcm_buffer.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace callvault::client {

/// MP3 bytes to PCM with libmpg123 (the library the server validates uploads with). Pure: bytes in, PCM out.
class Mp3Decoder {
public:
    /// The whole file decoded; nullopt (and `error` set) when it is not a playable MP3.
    static std::optional<PcmBuffer> decode(const QByteArray& mp3, QString* error = nullptr);
};

}  // namespace callvault::client
