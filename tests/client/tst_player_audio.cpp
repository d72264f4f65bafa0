// The player's audio path on its PCM output: SoundTouch keeps the pitch while the speed changes the length.
#include "client/player/audio_player.h"
#include "client/player/mp3_decoder.h"
#include "client/player/playback_source.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace callvault::client;

namespace {

constexpr int kRate = 8000;
constexpr double kPi = 3.14159265358979323846;

/// A stereo tone: `hz` on both channels, `seconds` long, at 8 kHz.
PcmBuffer tone(double hz, double seconds) {
    PcmBuffer pcm;
    pcm.sampleRate = kRate;
    pcm.channels = 2;
    const int frames = static_cast<int>(seconds * kRate);
    pcm.samples.resize(frames * 2);
    for (int i = 0; i < frames; ++i) {
        const auto v = static_cast<qint16>(std::lround(12000.0 * std::sin(2 * kPi * hz * i / kRate)));
        pcm.samples[2 * i] = v;
        pcm.samples[2 * i + 1] = v;
    }
    return pcm;
}

/// Left channel of interleaved stereo.
QVector<double> left(const QVector<qint16>& stereo) {
    QVector<double> out(stereo.size() / 2);
    for (int i = 0; i < out.size(); ++i) {
        out[i] = stereo[2 * i];
    }
    return out;
}

/// Goertzel power of `hz` in `x`, normalised by the length.
double goertzel(const QVector<double>& x, double hz) {
    const double coefficient = 2 * std::cos(2 * kPi * hz / kRate);
    double s1 = 0;
    double s2 = 0;
    for (double v : x) {
        const double s = v + coefficient * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (static_cast<double>(x.size()) * x.size());
}

/// The strongest frequency between 200 and 1000 Hz, in 2 Hz steps (Goertzel scan).
double dominantHz(const QVector<double>& x) {
    double best = 0;
    double bestPower = -1;
    for (double hz = 200; hz <= 1000; hz += 2) {
        const double power = goertzel(x, hz);
        if (power > bestPower) {
            bestPower = power;
            best = hz;
        }
    }
    return best;
}

/// Rising zero crossings per second.
double zeroCrossingHz(const QVector<double>& x) {
    int crossings = 0;
    for (int i = 1; i < x.size(); ++i) {
        crossings += (x[i - 1] < 0 && x[i] >= 0) ? 1 : 0;
    }
    return crossings * static_cast<double>(kRate) / x.size();
}

/// All the PCM the source delivers at `speed`.
QVector<qint16> renderAll(PlaybackSource& source, double speed) {
    source.setSpeed(speed);
    source.seekMs(0);
    QVector<qint16> out;
    for (;;) {
        const QVector<qint16> chunk = source.render(1000);
        if (chunk.isEmpty()) {
            break;
        }
        out += chunk;
    }
    return out;
}

/// The middle of a signal (the stretcher's start-up and tail are left out of frequency checks).
QVector<double> middle(const QVector<double>& x) {
    return x.mid(x.size() / 5, x.size() * 3 / 5);
}

}  // namespace

class TestPlayerAudio : public QObject {
    Q_OBJECT

private slots:
    void normalSpeedIsUntouched() {
        PlaybackSource source;
        const PcmBuffer input = tone(440, 2.0);
        source.setPcm(input);
        const QVector<qint16> out = renderAll(source, 1.0);
        QCOMPARE(out, input.samples);
        QCOMPARE(source.positionMs(), 2000);
        QVERIFY(source.atEnd());
    }

    void fasterKeepsPitchAndShortens_data() {
        QTest::addColumn<double>("speed");
        QTest::newRow("1.5x") << 1.5;
        QTest::newRow("0.5x") << 0.5;
        QTest::newRow("2.0x") << 2.0;
        QTest::newRow("0.75x") << 0.75;
    }

    void fasterKeepsPitchAndShortens() {
        QFETCH(double, speed);
        PlaybackSource source;
        const PcmBuffer input = tone(440, 3.0);
        source.setPcm(input);
        const QVector<qint16> out = renderAll(source, speed);
        const double expectedFrames = input.frames() / speed;
        const double frames = out.size() / 2.0;
        // The length scales by 1/speed (within 3 %: the stretcher works in whole sequences).
        QVERIFY2(std::abs(frames - expectedFrames) < 0.03 * expectedFrames,
                 qPrintable(QStringLiteral("frames %1, expected %2").arg(frames).arg(expectedFrames)));
        // The pitch stays 440 Hz (a plain resampler would give 440 × speed).
        const QVector<double> mid = middle(left(out));
        const double hz = dominantHz(mid);
        QVERIFY2(std::abs(hz - 440) <= 6, qPrintable(QStringLiteral("dominant %1 Hz").arg(hz)));
        const double zc = zeroCrossingHz(mid);
        QVERIFY2(std::abs(zc - 440) <= 440 * 0.03,
                 qPrintable(QStringLiteral("zero crossings %1 Hz").arg(zc)));
        QVERIFY(goertzel(mid, 440) > 20 * goertzel(mid, 440 * speed));
        // The position reaches the end of the recording, whatever the speed.
        QCOMPARE(source.positionMs(), 3000);
    }

    void seekAndStopMarkDeliverTheRange() {
        PlaybackSource source;
        source.setPcm(tone(440, 4.0));
        source.seekMs(1000);
        source.setStopAt(2500);
        QSignalSpy finished(&source, &PlaybackSource::finished);
        QVector<qint16> out;
        for (QVector<qint16> chunk = source.render(500); !chunk.isEmpty(); chunk = source.render(500)) {
            out += chunk;
        }
        QCOMPARE(out.size() / 2, 1500 * kRate / 1000);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(source.positionMs(), 2500);
    }

    void speedChangeMidwayContinuesFromThePosition() {
        PlaybackSource source;
        source.setPcm(tone(440, 4.0));
        source.render(8000);  // 1 s at 1.0×
        QCOMPARE(source.positionMs(), 1000);
        source.setSpeed(2.0);
        QCOMPARE(source.positionMs(), 1000);
        QVector<qint16> rest;
        for (QVector<qint16> chunk = source.render(1000); !chunk.isEmpty(); chunk = source.render(1000)) {
            rest += chunk;
        }
        // 3 s of recording at 2× is about 1.5 s of output.
        QVERIFY(std::abs(rest.size() / 2.0 - 1.5 * kRate) < 0.05 * 1.5 * kRate);
    }

    void playerRunsInRealTimeWithoutADevice() {
        AudioPlayer player;
        player.load(tone(440, 0.6));
        QSignalSpy playing(&player, &AudioPlayer::playingChanged);
        player.play();
        QVERIFY(player.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!player.isPlaying(), 5000);
        QCOMPARE(player.positionMs(), 600);
        QCOMPARE(playing.count(), 2);
    }

    void playRangeStopsAtTheEndOfTheRange() {
        AudioPlayer player;
        player.load(tone(440, 3.0));
        player.playRange(500, 900);
        QVERIFY(player.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!player.isPlaying(), 5000);
        QCOMPARE(player.positionMs(), 900);
    }

    void garbageIsNotAnMp3() {
        QString error;
        QVERIFY(!Mp3Decoder::decode(QByteArray("definitely not audio"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!Mp3Decoder::decode(QByteArray()));
    }
};

QTEST_MAIN(TestPlayerAudio)
#include "tst_player_audio.moc"
