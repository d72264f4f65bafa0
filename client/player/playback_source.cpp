#include "client/player/playback_source.h"

#include <algorithm>

namespace callvault::client {
namespace {

constexpr int kFeedFrames = 1024;

}  // namespace

PlaybackSource::PlaybackSource(QObject* parent)
    : QIODevice(parent), m_stretcher(std::make_unique<TimeStretcher>(8000, 2)) {
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

PlaybackSource::~PlaybackSource() = default;

void PlaybackSource::setPcm(PcmBuffer pcm) {
    const double speed = m_stretcher->tempo();
    m_pcm = std::move(pcm);
    m_stretcher = std::make_unique<TimeStretcher>(m_pcm.sampleRate, std::max(1, m_pcm.channels));
    m_stretcher->setTempo(speed);
    seekMs(0);
}

void PlaybackSource::setSpeed(double speed) {
    const qint64 position = positionMs();
    m_stretcher->setTempo(speed);
    // The stretcher dropped its buffer: continue from what was heard.
    seekMs(position);
}

double PlaybackSource::speed() const {
    return m_stretcher->tempo();
}

void PlaybackSource::seekMs(qint64 ms) {
    const qint64 frame = std::clamp<qint64>(ms * m_pcm.sampleRate / 1000, 0, m_pcm.frames());
    m_stretcher->clear();
    m_inputFrame = frame;
    m_mediaFrame = static_cast<double>(frame);
    m_flushed = false;
    m_finishedSent = false;
}

qint64 PlaybackSource::positionMs() const {
    if (m_pcm.sampleRate <= 0) {
        return 0;
    }
    return static_cast<qint64>(m_mediaFrame * 1000.0 / m_pcm.sampleRate);
}

qint64 PlaybackSource::endFrame() const {
    qint64 end = m_pcm.frames();
    if (m_stopAtMs >= 0) {
        end = std::min(end, m_stopAtMs * m_pcm.sampleRate / 1000);
    }
    return end;
}

bool PlaybackSource::atEnd() const {
    return m_inputFrame >= endFrame() && m_flushed && m_stretcher->available() == 0;
}

qint64 PlaybackSource::bytesAvailable() const {
    // A pull source always has data until its end; QAudioSink asks for what it needs.
    return atEnd() ? 0 : 4096 + QIODevice::bytesAvailable();
}

void PlaybackSource::feed(int outputFramesWanted) {
    const qint64 end = endFrame();
    while (m_stretcher->available() < outputFramesWanted && !m_flushed) {
        if (m_inputFrame >= end) {
            m_stretcher->flush();
            m_flushed = true;
            break;
        }
        const int frames = static_cast<int>(std::min<qint64>(kFeedFrames, end - m_inputFrame));
        m_stretcher->put(m_pcm.samples.constData() + m_inputFrame * m_pcm.channels, frames);
        m_inputFrame += frames;
    }
}

qint64 PlaybackSource::readData(char* data, qint64 maxSize) {
    const int channels = std::max(1, m_pcm.channels);
    const int frameBytes = channels * 2;
    const int wanted = static_cast<int>(std::min<qint64>(maxSize / frameBytes, 1 << 16));
    if (wanted <= 0 || m_pcm.frames() == 0) {
        return 0;
    }
    feed(wanted);
    const int got = m_stretcher->take(reinterpret_cast<qint16*>(data), wanted);
    m_mediaFrame = std::min(static_cast<double>(endFrame()), m_mediaFrame + got * m_stretcher->tempo());
    if (got == 0 && atEnd() && !m_finishedSent) {
        m_finishedSent = true;
        m_mediaFrame = static_cast<double>(endFrame());
        emit finished();
    }
    return static_cast<qint64>(got) * frameBytes;
}

qint64 PlaybackSource::writeData(const char*, qint64) {
    return -1;
}

QVector<qint16> PlaybackSource::render(int frames) {
    QVector<qint16> out(static_cast<qsizetype>(frames) * std::max(1, m_pcm.channels));
    qint64 done = 0;
    const qint64 bytes = static_cast<qint64>(out.size()) * 2;
    while (done < bytes) {
        const qint64 n = read(reinterpret_cast<char*>(out.data()) + done, bytes - done);
        if (n <= 0) {
            break;
        }
        done += n;
    }
    out.resize(done / 2);
    return out;
}

}  // namespace callvault::client
