#pragma once

#include "client/player/pcm_buffer.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace callvault::client {

class AudioPlayer;
class WaveformWidget;

/// The §7 player: the waveform, play/pause, the clock and the speed (0.5×–2.0×, pitch kept). The audio is
/// asked for (audioNeeded) on the first play, so the waveform shows before any audio is fetched.
class PlayerPanel : public QWidget {
    Q_OBJECT

public:
    explicit PlayerPanel(QWidget* parent = nullptr);

    /// The decoded audio; plays at once if a play was pending.
    void setPcm(PcmBuffer pcm);
    /// Audio could not be fetched or decoded.
    void setAudioError(const QString& message);
    bool hasAudio() const;

    WaveformWidget* waveform() const { return m_waveform; }
    AudioPlayer* player() const { return m_player; }
    QPushButton* playButton() const { return m_play; }
    QComboBox* speedBox() const { return m_speed; }
    QLabel* clockLabel() const { return m_clock; }

    /// Speeds offered, ascending.
    static QList<double> speeds() { return {0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0}; }

public slots:
    void togglePlay();
    /// Seeks by `deltaMs` (keyboard ←/→).
    void skip(qint64 deltaMs);
    /// One step slower (-1) or faster (+1) (keyboard [ and ]).
    void stepSpeed(int direction);
    /// Seeks to `startMs` and plays until `endMs`.
    void playRange(qint64 startMs, qint64 endMs);

signals:
    /// Play was pressed before the audio was there.
    void audioNeeded();
    /// Playback started for the first time (the server marks the recording Listened when the audio is
    /// fetched).
    void playbackStarted();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateClock();
    void seekTo(qint64 ms);

    AudioPlayer* m_player;
    WaveformWidget* m_waveform;
    QPushButton* m_play;
    QLabel* m_clock;
    QLabel* m_speedLabel;
    QComboBox* m_speed;
    QLabel* m_status;
    bool m_playPending = false;
    qint64 m_pendingRangeStart = -1;
    qint64 m_pendingRangeEnd = -1;
    bool m_requested = false;
};

}  // namespace callvault::client
