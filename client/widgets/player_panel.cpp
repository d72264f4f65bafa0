#include "client/widgets/player_panel.h"

#include "client/models/recording_row.h"
#include "client/player/audio_player.h"
#include "client/widgets/waveform_widget.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace callvault::client {

PlayerPanel::PlayerPanel(QWidget* parent)
    : QWidget(parent),
      m_player(new AudioPlayer(this)),
      m_waveform(new WaveformWidget(this)),
      m_play(new QPushButton(this)),
      m_clock(new QLabel(this)),
      m_speedLabel(new QLabel(this)),
      m_speed(new QComboBox(this)),
      m_status(new QLabel(this)) {
    m_play->setObjectName(QStringLiteral("playButton"));
    m_speed->setObjectName(QStringLiteral("speedBox"));
    m_play->setFocusPolicy(Qt::NoFocus);
    m_speed->setFocusPolicy(Qt::NoFocus);
    for (double speed : speeds()) {
        const int decimals = qRound(speed * 100) % 10 != 0 ? 2 : 1;
        m_speed->addItem(QString::number(speed, 'f', decimals) + QStringLiteral("×"), speed);
    }
    m_speed->setCurrentIndex(static_cast<int>(speeds().indexOf(1.0)));
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setWordWrap(true);
    m_status->hide();

    connect(m_play, &QPushButton::clicked, this, &PlayerPanel::togglePlay);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_player->setSpeed(m_speed->currentData().toDouble()); });
    connect(m_player, &AudioPlayer::positionChanged, this, [this](qint64 ms) {
        m_waveform->setPositionMs(ms);
        updateClock();
    });
    connect(m_player, &AudioPlayer::playingChanged, this, [this] { retranslateUi(); });
    connect(m_waveform, &WaveformWidget::seekRequested, this, &PlayerPanel::seekTo);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_play);
    controls->addWidget(m_clock);
    controls->addStretch();
    controls->addWidget(m_speedLabel);
    controls->addWidget(m_speed);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_waveform, 1);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    retranslateUi();
    updateClock();
}

bool PlayerPanel::hasAudio() const {
    return m_player->isLoaded();
}

void PlayerPanel::setPcm(PcmBuffer pcm) {
    const qint64 position = m_waveform->positionMs();
    m_player->load(std::move(pcm));
    if (m_waveform->durationMs() <= 0) {
        m_waveform->setDurationMs(m_player->durationMs());
    }
    m_player->seek(position);
    m_status->hide();
    if (m_pendingRangeStart >= 0) {
        m_player->playRange(m_pendingRangeStart, m_pendingRangeEnd);
    } else if (m_playPending) {
        m_player->play();
    }
    m_playPending = false;
    m_pendingRangeStart = m_pendingRangeEnd = -1;
    updateClock();
}

void PlayerPanel::setAudioError(const QString& message) {
    m_playPending = false;
    m_requested = false;
    m_status->setText(message);
    m_status->show();
}

void PlayerPanel::togglePlay() {
    if (!hasAudio()) {
        m_playPending = true;
        if (!m_requested) {
            m_requested = true;
            emit audioNeeded();
            emit playbackStarted();
        }
        return;
    }
    m_player->togglePlay();
}

void PlayerPanel::playRange(qint64 startMs, qint64 endMs) {
    m_waveform->setPositionMs(startMs);
    if (!hasAudio()) {
        m_pendingRangeStart = startMs;
        m_pendingRangeEnd = endMs;
        if (!m_requested) {
            m_requested = true;
            emit audioNeeded();
            emit playbackStarted();
        }
        return;
    }
    m_player->playRange(startMs, endMs);
}

void PlayerPanel::seekTo(qint64 ms) {
    if (hasAudio()) {
        m_player->seek(ms);
    } else {
        m_waveform->setPositionMs(ms);
        updateClock();
    }
}

void PlayerPanel::skip(qint64 deltaMs) {
    const qint64 now = hasAudio() ? m_player->positionMs() : m_waveform->positionMs();
    seekTo(std::clamp<qint64>(now + deltaMs, 0, m_waveform->durationMs()));
}

void PlayerPanel::stepSpeed(int direction) {
    const int index = std::clamp(m_speed->currentIndex() + direction, 0, m_speed->count() - 1);
    m_speed->setCurrentIndex(index);
}

void PlayerPanel::updateClock() {
    const qint64 position = hasAudio() ? m_player->positionMs() : m_waveform->positionMs();
    m_clock->setText(
        QStringLiteral("%1 / %2").arg(formatClock(position), formatClock(m_waveform->durationMs())));
}

void PlayerPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void PlayerPanel::retranslateUi() {
    const bool playing = m_player->isPlaying();
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play or pause (Space)"));
    m_speedLabel->setText(tr("Speed:"));
    m_speed->setToolTip(tr("Slower ([) or faster (]); the voice keeps its pitch"));
    m_waveform->setToolTip(
        tr("Click or drag to move; Shift+drag or right-drag to select a range for a bookmark"));
}

}  // namespace callvault::client
