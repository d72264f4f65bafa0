#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

#include <cstdint>
#include <optional>

namespace callvault::client {

/// The server's peaks file (server/record/peaks.h, docs/recording.md): per 10 ms and channel a min and a max.
struct WaveformPeaks {
    std::uint32_t sampleRate = 8000;
    std::uint32_t samplesPerPeak = 80;
    int channels = 2;
    QVector<qint16> values;  ///< peak-major: p0 c0 min, p0 c0 max, p0 c1 min, p0 c1 max, p1 …

    int count() const { return channels <= 0 ? 0 : static_cast<int>(values.size() / (2 * channels)); }
    qint64 durationMs() const;
    qint16 minAt(int peak, int channel) const { return values[(peak * channels + channel) * 2]; }
    qint16 maxAt(int peak, int channel) const { return values[(peak * channels + channel) * 2 + 1]; }

    /// Decodes "CVPK" v1 bytes; nullopt (and `error` set) when they are not a well-formed peaks file. A file
    /// still being written (count 0xFFFFFFFF) counts the whole records present.
    static std::optional<WaveformPeaks> decode(const QByteArray& bytes, QString* error = nullptr);
    /// Encodes (tests and fixtures).
    QByteArray encode() const;
};

}  // namespace callvault::client
