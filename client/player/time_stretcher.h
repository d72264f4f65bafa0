#pragma once

#include <QVector>

#include <memory>

namespace soundtouch {
class SoundTouch;
}

namespace callvault::client {

/// Changes speed without changing pitch (SoundTouch's WSOLA), on interleaved 16-bit frames.
/// At tempo 1.0 the frames pass through untouched.
class TimeStretcher {
public:
    TimeStretcher(int sampleRate, int channels);
    ~TimeStretcher();
    TimeStretcher(const TimeStretcher&) = delete;
    TimeStretcher& operator=(const TimeStretcher&) = delete;

    /// 0.5 … 2.0; drops what was buffered at the old tempo.
    void setTempo(double tempo);
    double tempo() const { return m_tempo; }
    /// Feeds `frames` frames of `samples` (interleaved).
    void put(const qint16* samples, int frames);
    /// Pushes the buffered tail out (call once at the end of the input).
    void flush();
    /// Up to `maxFrames` output frames into `out`; the number written.
    int take(qint16* out, int maxFrames);
    /// Output frames ready now.
    int available() const;
    /// Drops all buffered audio (seek).
    void clear();
    int channels() const { return m_channels; }

private:
    int m_sampleRate;
    int m_channels;
    double m_tempo = 1.0;
    std::unique_ptr<soundtouch::SoundTouch> m_engine;
    QVector<qint16> m_passThrough;  ///< frames at tempo 1.0
    QVector<float> m_floats;
};

}  // namespace callvault::client
