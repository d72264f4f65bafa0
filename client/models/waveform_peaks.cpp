#include "client/models/waveform_peaks.h"

#include <QtEndian>

namespace callvault::client {
namespace {

constexpr int kHeaderBytes = 20;
constexpr std::uint32_t kCountUnknown = 0xFFFFFFFFu;

template <typename T>
T readLe(const QByteArray& bytes, int offset) {
    return qFromLittleEndian<T>(bytes.constData() + offset);
}

template <typename T>
void appendLe(QByteArray& bytes, T value) {
    char buffer[sizeof(T)];
    qToLittleEndian(value, buffer);
    bytes.append(buffer, sizeof(T));
}

}  // namespace

qint64 WaveformPeaks::durationMs() const {
    if (sampleRate == 0) {
        return 0;
    }
    return static_cast<qint64>(count()) * samplesPerPeak * 1000 / sampleRate;
}

std::optional<WaveformPeaks> WaveformPeaks::decode(const QByteArray& bytes, QString* error) {
    auto fail = [error](const char* why) -> std::optional<WaveformPeaks> {
        if (error != nullptr) {
            *error = QString::fromLatin1(why);
        }
        return std::nullopt;
    };
    if (bytes.size() < kHeaderBytes || !bytes.startsWith("CVPK")) {
        return fail("not a peaks file");
    }
    if (readLe<quint16>(bytes, 4) != 1) {
        return fail("unknown peaks version");
    }
    WaveformPeaks peaks;
    peaks.channels = readLe<quint16>(bytes, 6);
    peaks.sampleRate = readLe<quint32>(bytes, 8);
    peaks.samplesPerPeak = readLe<quint32>(bytes, 12);
    const quint32 count = readLe<quint32>(bytes, 16);
    if (peaks.channels < 1 || peaks.channels > 2 || peaks.sampleRate == 0 || peaks.samplesPerPeak == 0) {
        return fail("bad peaks header");
    }
    const qsizetype record = static_cast<qsizetype>(peaks.channels) * 4;
    const qsizetype present = (bytes.size() - kHeaderBytes) / record;
    qsizetype used = present;
    if (count != kCountUnknown) {
        if (count > present) {
            return fail("peaks file is truncated");
        }
        used = count;
    }
    peaks.values.resize(used * peaks.channels * 2);
    for (qsizetype i = 0; i < peaks.values.size(); ++i) {
        peaks.values[i] = readLe<qint16>(bytes, static_cast<int>(kHeaderBytes + i * 2));
    }
    return peaks;
}

QByteArray WaveformPeaks::encode() const {
    QByteArray bytes("CVPK");
    appendLe<quint16>(bytes, 1);
    appendLe<quint16>(bytes, static_cast<quint16>(channels));
    appendLe<quint32>(bytes, sampleRate);
    appendLe<quint32>(bytes, samplesPerPeak);
    appendLe<quint32>(bytes, static_cast<quint32>(count()));
    for (qint16 v : values) {
        appendLe<qint16>(bytes, v);
    }
    return bytes;
}

}  // namespace callvault::client
