#include "client/player/audio_player.h"

#include "client/player/playback_source.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QDateTime>
#include <QMediaDevices>
#include <QTimer>

#include <algorithm>

namespace callvault::client {
namespace {

constexpr int kClockMs = 40;
constexpr int kNullPullMs = 20;

}  // namespace

AudioPlayer::AudioPlayer(QObject* parent)
    : QObject(parent),
      m_source(new PlaybackSource(this)),
      m_clock(new QTimer(this)),
      m_nullTimer(new QTimer(this)) {
    m_clock->setInterval(kClockMs);
    connect(m_clock, &QTimer::timeout, this, [this] { emit positionChanged(positionMs()); });
    m_nullTimer->setInterval(kNullPullMs);
    connect(m_nullTimer, &QTimer::timeout, this, &AudioPlayer::pullNullSink);
    connect(m_source, &PlaybackSource::finished, this, &AudioPlayer::handleFinished, Qt::QueuedConnection);
}

AudioPlayer::~AudioPlayer() {
    stopOutput();
}

void AudioPlayer::load(PcmBuffer pcm) {
    pause();
    m_source->setStopAt(-1);
    m_source->setPcm(std::move(pcm));
    emit positionChanged(0);
}

bool AudioPlayer::isLoaded() const {
    return m_source->pcm().frames() > 0;
}
qint64 AudioPlayer::positionMs() const {
    return m_source->positionMs();
}
qint64 AudioPlayer::durationMs() const {
    return m_source->durationMs();
}
double AudioPlayer::speed() const {
    return m_source->speed();
}

void AudioPlayer::play() {
    if (m_playing || !isLoaded()) {
        return;
    }
    if (m_source->positionMs() >= m_source->durationMs()) {
        m_source->seekMs(0);
    }
    m_playing = true;
    startOutput();
    m_clock->start();
    emit playingChanged(true);
}

void AudioPlayer::pause() {
    if (!m_playing) {
        return;
    }
    m_playing = false;
    stopOutput();
    m_clock->stop();
    emit positionChanged(positionMs());
    emit playingChanged(false);
}

void AudioPlayer::togglePlay() {
    if (m_playing) {
        pause();
    } else {
        play();
    }
}

void AudioPlayer::seek(qint64 ms) {
    const bool wasPlaying = m_playing;
    if (wasPlaying) {
        stopOutput();
    }
    m_source->setStopAt(-1);
    m_source->seekMs(std::clamp<qint64>(ms, 0, durationMs()));
    if (wasPlaying) {
        startOutput();
    }
    emit positionChanged(positionMs());
}

void AudioPlayer::setSpeed(double speed) {
    speed = std::clamp(speed, 0.5, 2.0);
    const bool wasPlaying = m_playing;
    if (wasPlaying) {
        stopOutput();
    }
    m_source->setSpeed(speed);
    if (wasPlaying) {
        startOutput();
    }
    emit speedChanged(speed);
}

void AudioPlayer::playRange(qint64 startMs, qint64 endMs) {
    pause();
    m_source->seekMs(std::clamp<qint64>(startMs, 0, durationMs()));
    m_source->setStopAt(endMs);
    emit positionChanged(positionMs());
    m_playing = true;
    startOutput();
    m_clock->start();
    emit playingChanged(true);
}

void AudioPlayer::startOutput() {
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    QAudioFormat format;
    format.setSampleRate(m_source->pcm().sampleRate);
    format.setChannelCount(m_source->pcm().channels);
    format.setSampleFormat(QAudioFormat::Int16);
    m_nullSink = device.isNull() || !device.isFormatSupported(format);
    if (m_nullSink) {
        m_nullStartedMs = QDateTime::currentMSecsSinceEpoch();
        m_nullPulledFrames = 0;
        m_nullTimer->start();
        return;
    }
    m_sink = new QAudioSink(device, format, this);
    m_sink->start(m_source);
}

void AudioPlayer::stopOutput() {
    m_nullTimer->stop();
    if (m_sink != nullptr) {
        m_sink->stop();
        m_sink->deleteLater();
        m_sink = nullptr;
    }
}

void AudioPlayer::pullNullSink() {
    // Pull as many frames as real time says a sound card would have played.
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_nullStartedMs;
    const qint64 due = elapsed * m_source->pcm().sampleRate / 1000 - m_nullPulledFrames;
    if (due > 0) {
        m_nullPulledFrames += due;
        m_source->render(static_cast<int>(due));
    }
}

void AudioPlayer::handleFinished() {
    if (!m_playing) {
        return;
    }
    m_playing = false;
    stopOutput();
    m_clock->stop();
    m_source->setStopAt(-1);
    emit positionChanged(positionMs());
    emit playingChanged(false);
}

}  // namespace callvault::client
