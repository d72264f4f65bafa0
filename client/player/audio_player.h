#pragma once

#include "client/player/pcm_buffer.h"

#include <QObject>

class QAudioSink;
class QTimer;

namespace callvault::client {

class PlaybackSource;

/// Plays decoded PCM through QAudioSink with speed 0.5×–2.0× that keeps the pitch (PlaybackSource).
/// Without an audio device (headless machines, tests) a clock-driven null sink pulls the same PCM in real
/// time, so the position, the end and the range playback behave the same. GUI thread only.
class AudioPlayer : public QObject {
    Q_OBJECT

public:
    explicit AudioPlayer(QObject* parent = nullptr);
    ~AudioPlayer() override;

    void load(PcmBuffer pcm);
    bool isLoaded() const;
    bool isPlaying() const { return m_playing; }
    qint64 positionMs() const;
    qint64 durationMs() const;
    double speed() const;
    /// True when no audio device was found and the null sink is used.
    bool usesNullSink() const { return m_nullSink; }
    PlaybackSource* source() const { return m_source; }

public slots:
    void play();
    void pause();
    void togglePlay();
    void seek(qint64 ms);
    void setSpeed(double speed);
    /// Seeks to `startMs` and plays until `endMs` (bookmark "locate").
    void playRange(qint64 startMs, qint64 endMs);

signals:
    void positionChanged(qint64 ms);
    void playingChanged(bool playing);
    void speedChanged(double speed);

private:
    void startOutput();
    void stopOutput();
    void pullNullSink();
    void handleFinished();

    PlaybackSource* m_source;
    QAudioSink* m_sink = nullptr;
    QTimer* m_clock;
    QTimer* m_nullTimer;
    qint64 m_nullStartedMs = 0;
    qint64 m_nullPulledFrames = 0;
    bool m_playing = false;
    bool m_nullSink = false;
};

}  // namespace callvault::client
