#include "client/player/time_stretcher.h"

#include <SoundTouch.h>

#include <algorithm>
#include <cmath>

namespace callvault::client {

TimeStretcher::TimeStretcher(int sampleRate, int channels)
    : m_sampleRate(sampleRate), m_channels(channels), m_engine(std::make_unique<soundtouch::SoundTouch>()) {
    m_engine->setSampleRate(static_cast<unsigned>(sampleRate));
    m_engine->setChannels(static_cast<unsigned>(channels));
    // Speech settings: short sequences keep syllables crisp at telephone rates.
    m_engine->setSetting(SETTING_SEQUENCE_MS, 40);
    m_engine->setSetting(SETTING_SEEKWINDOW_MS, 15);
    m_engine->setSetting(SETTING_OVERLAP_MS, 8);
    m_engine->setTempo(1.0);
}

TimeStretcher::~TimeStretcher() = default;

void TimeStretcher::setTempo(double tempo) {
    tempo = std::clamp(tempo, 0.5, 2.0);
    if (std::abs(tempo - m_tempo) < 1e-9) {
        return;
    }
    m_tempo = tempo;
    clear();
    m_engine->setTempo(tempo);
}

void TimeStretcher::put(const qint16* samples, int frames) {
    if (frames <= 0) {
        return;
    }
    const int count = frames * m_channels;
    if (m_tempo == 1.0) {
        const qsizetype old = m_passThrough.size();
        m_passThrough.resize(old + count);
        std::copy_n(samples, count, m_passThrough.data() + old);
        return;
    }
    m_floats.resize(count);
    for (int i = 0; i < count; ++i) {
        m_floats[i] = static_cast<float>(samples[i]) / 32768.0f;
    }
    m_engine->putSamples(m_floats.constData(), static_cast<unsigned>(frames));
}

void TimeStretcher::flush() {
    if (m_tempo != 1.0) {
        m_engine->flush();
    }
}

int TimeStretcher::available() const {
    if (m_tempo == 1.0) {
        return static_cast<int>(m_passThrough.size() / m_channels);
    }
    return static_cast<int>(m_engine->numSamples());
}

int TimeStretcher::take(qint16* out, int maxFrames) {
    if (maxFrames <= 0) {
        return 0;
    }
    if (m_tempo == 1.0) {
        const int frames = std::min(maxFrames, available());
        const int count = frames * m_channels;
        std::copy_n(m_passThrough.constData(), count, out);
        m_passThrough.remove(0, count);
        return frames;
    }
    m_floats.resize(static_cast<qsizetype>(maxFrames) * m_channels);
    const int frames =
        static_cast<int>(m_engine->receiveSamples(m_floats.data(), static_cast<unsigned>(maxFrames)));
    for (int i = 0; i < frames * m_channels; ++i) {
        const float scaled = std::clamp(m_floats[i] * 32768.0f, -32768.0f, 32767.0f);
        out[i] = static_cast<qint16>(std::lrint(scaled));
    }
    return frames;
}

void TimeStretcher::clear() {
    m_engine->clear();
    m_passThrough.clear();
}

}  // namespace callvault::client
