#pragma once

#include <QVector>

namespace callvault::client {

/// Decoded audio: interleaved signed 16-bit frames.
struct PcmBuffer {
    int sampleRate = 8000;
    int channels = 2;
    QVector<qint16> samples;

    qint64 frames() const { return channels <= 0 ? 0 : samples.size() / channels; }
    qint64 durationMs() const { return sampleRate <= 0 ? 0 : frames() * 1000 / sampleRate; }
};

}  // namespace callvault::client
