#pragma once

#include "client/player/pcm_buffer.h"
#include "client/player/time_stretcher.h"

#include <QIODevice>

#include <memory>

namespace callvault::client {

/// The player's PCM path: decoded frames → TimeStretcher (speed keeping pitch) → bytes for QAudioSink.
/// Pull device (read only, sequential); reading past the end or the stop mark returns 0 bytes.
/// GUI thread only (QAudioSink pulls on the thread that owns it).
class PlaybackSource : public QIODevice {
    Q_OBJECT

public:
    explicit PlaybackSource(QObject* parent = nullptr);
    ~PlaybackSource() override;

    void setPcm(PcmBuffer pcm);
    const PcmBuffer& pcm() const { return m_pcm; }
    /// 0.5 … 2.0.
    void setSpeed(double speed);
    double speed() const;
    /// Moves the media position (ms from the start); drops buffered output.
    void seekMs(qint64 ms);
    /// Where the delivered audio has got to in the recording (ms).
    qint64 positionMs() const;
    qint64 durationMs() const { return m_pcm.durationMs(); }
    /// Stops delivering at `ms` (a bookmark's end); -1 = play to the end.
    void setStopAt(qint64 ms) { m_stopAtMs = ms; }
    /// True once everything up to the end (or the stop mark) was delivered.
    bool atEnd() const override;

    /// Reads up to `frames` output frames (tests use it to inspect the PCM the sink would get).
    QVector<qint16> render(int frames);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

signals:
    /// Everything up to the end or the stop mark was delivered.
    void finished();

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    qint64 endFrame() const;
    void feed(int outputFramesWanted);

    PcmBuffer m_pcm;
    std::unique_ptr<TimeStretcher> m_stretcher;
    qint64 m_inputFrame = 0;    ///< next frame to feed
    double m_mediaFrame = 0.0;  ///< recording position of what was delivered
    qint64 m_stopAtMs = -1;
    bool m_flushed = false;
    bool m_finishedSent = false;
};

}  // namespace callvault::client
