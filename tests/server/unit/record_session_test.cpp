#include "common/crypto/signature.h"
#include "common/formats/recording_path.h"
#include "server/record/file_io.h"
#include "server/record/peaks.h"
#include "server/record/recording_error.h"
#include "server/record/recording_finalizer.h"
#include "server/record/recording_session.h"
#include "server/record/spool_recovery.h"

#include "tests/server/unit/record_test_support.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>

namespace callvault::server::record {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::Side;
using test::TempDir;
using test::filesIn;
using Clock = RecordingSession::Clock;

std::shared_ptr<const SigningKey> newKey() { return std::make_shared<const SigningKey>(generateSigningKey()); }

std::span<const std::int16_t> window(const std::vector<std::int16_t>& pcm, double fromSeconds, double toSeconds) {
    // Decoded audio lags the input by the codec delay.
    const auto from = static_cast<std::size_t>(fromSeconds * 8000) + kMp3CodecDelaySamples;
    const auto to = static_cast<std::size_t>(toSeconds * 8000) + kMp3CodecDelaySamples;
    return std::span<const std::int16_t>(pcm).subspan(from, to - from);
}

TEST(RecordSession, TenSecondCallWithAGapOnOneSideEndToEnd) {
    TempDir data;
    const auto key = newKey();
    const RecordingMetadata metadata = test::sampleMetadata();
    const Clock::time_point start = Clock::now();
    RecordingSession session(data.path(), metadata, key, start);
    const SpoolPaths spool = spoolPaths(data.path(), metadata.callId);
    EXPECT_TRUE(fs::exists(spool.sidecar));
    EXPECT_TRUE(fs::exists(spool.mp3));
    EXPECT_TRUE(fs::exists(spool.peaks));

    Side user{440, 0x1111, 0xFFFF0000u, 65000};  // the user's timestamps and sequence numbers wrap mid-call
    Side other{880, 0x2222, 12345, 7};
    other.gapFrom = 4.0;
    other.gapTo = 5.0;
    test::playCall(session, start, 0, 10, user, other);
    const FinishedRecording finished = session.finish(start + 10s);

    // CDR data.
    EXPECT_EQ(finished.metadata, metadata);
    EXPECT_EQ(finished.durationMs, 10000);
    EXPECT_FALSE(finished.recovered);
    EXPECT_EQ(finished.filePath, recordingPath(metadata.callId, metadata.startUtcMs / 1000));
    EXPECT_EQ(finished.filePath, "/2026/11/25/10/" + metadata.callId + ".mp3");
    EXPECT_EQ(finished.mp3Path, data.path() / "recordings/2026/11/25/10" / (metadata.callId + ".mp3"));
    EXPECT_EQ(finished.peaksPath, data.path() / "recordings/2026/11/25/10" / (metadata.callId + ".peaks"));
    const std::string mp3 = test::fileBytes(finished.mp3Path);
    EXPECT_EQ(finished.fileSize, mp3.size());
    EXPECT_EQ(finished.sha256Hex, toHex(sha256(test::asBytes(mp3))));
    // Only the commit record stays in the spool until the CDR row is confirmed.
    EXPECT_EQ(filesIn(spoolDirectory(data.path())), std::vector<std::string>{metadata.callId + ".done.json"});

    // Signature: verifies, and fails after one byte is changed.
    EXPECT_TRUE(verifyRecording(key->publicKey, metadata.callId, sha256(test::asBytes(mp3)), finished.signatureHex));
    std::string tampered = mp3;
    tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 0x01);
    EXPECT_FALSE(
        verifyRecording(key->publicKey, metadata.callId, sha256(test::asBytes(tampered)), finished.signatureHex));
    EXPECT_FALSE(verifyRecording(key->publicKey, test::sampleMetadata(16).callId, sha256(test::asBytes(mp3)),
                                 finished.signatureHex));

    // The audio: stereo 8 kHz, 10 s, 440 Hz left (user), 880 Hz right (other party), the gap on the right only.
    const auto decoded = test::decodeAll(mp3);
    EXPECT_EQ(decoded.info.channels, 2);
    EXPECT_EQ(decoded.info.sampleRate, 8000);
    const double seconds = static_cast<double>(decoded.left.size() - kMp3CodecDelaySamples) / 8000.0;
    EXPECT_NEAR(seconds, 10.0, 0.1);
    const auto left = window(decoded.left, 1.0, 3.0);
    const auto right = window(decoded.right, 1.0, 3.0);
    EXPECT_GT(test::goertzelPower(left, 440), 100 * test::goertzelPower(left, 880));
    EXPECT_GT(test::goertzelPower(right, 880), 100 * test::goertzelPower(right, 440));
    EXPECT_LT(test::rms(window(decoded.right, 4.05, 4.95)), 30.0);
    EXPECT_GT(test::rms(window(decoded.left, 4.05, 4.95)), 3000.0);
    EXPECT_GT(test::rms(window(decoded.right, 5.05, 9.5)), 3000.0);
    EXPECT_GT(test::rms(window(decoded.right, 0.05, 3.95)), 3000.0);

    // Peaks: 10 ms each, exact silence in the gap on channel 2.
    const Peaks peaks = readPeaksFile(finished.peaksPath);
    EXPECT_EQ(peaks.channels, 2);
    EXPECT_EQ(peaks.sampleRate, 8000u);
    EXPECT_EQ(peaks.samplesPerPeak, 80u);
    ASSERT_EQ(peaks.count(), 1000u);
    EXPECT_EQ(peaks.values[450 * 2 + 1], (PeakPair{0, 0}));
    EXPECT_GT(peaks.values[450 * 2].max, 7000);
    EXPECT_GT(peaks.values[700 * 2 + 1].max, 7000);

    const RecordingStats stats = session.stats();
    EXPECT_EQ(stats.user.packets, 500u);
    EXPECT_EQ(stats.other.packets, 450u);
    EXPECT_EQ(stats.other.lost, 50u);
    EXPECT_EQ(stats.user.lost, 0u);
    EXPECT_EQ(stats.user.late + stats.other.late, 0u);
    EXPECT_EQ(stats.samples, 80000);

    releaseSpoolEntry(data.path(), metadata.callId);
    EXPECT_TRUE(filesIn(spoolDirectory(data.path())).empty());
    EXPECT_THROW(session.finish(start + 11s), std::logic_error);
}

TEST(RecordSession, PcmaIsDecodedToo) {
    TempDir data;
    const Clock::time_point start = Clock::now();
    RecordingSession session(data.path(), test::sampleMetadata(), newKey(), start);
    Side user{440, 1, 0, 0, 8};
    Side other{880, 2, 0, 0, 8};
    test::playCall(session, start, 0, 2, user, other);
    const auto finished = session.finish(start + 2s);
    const auto decoded = test::decodeAll(test::fileBytes(finished.mp3Path));
    const auto left = window(decoded.left, 0.5, 1.5);
    const auto right = window(decoded.right, 0.5, 1.5);
    EXPECT_GT(test::goertzelPower(left, 440), 100 * test::goertzelPower(left, 880));
    EXPECT_GT(test::goertzelPower(right, 880), 100 * test::goertzelPower(right, 440));
}

TEST(RecordSession, RecordingLastsAsLongAsTheCallEvenWhenBothSidesFallSilent) {
    TempDir data;
    const Clock::time_point start = Clock::now();
    RecordingSession session(data.path(), test::sampleMetadata(), newKey(), start);
    Side user{440, 1, 0, 0};
    Side other{880, 2, 0, 0};
    other.gapFrom = 0;
    other.gapTo = 100;  // the other side never sends
    test::playCall(session, start, 0, 3, user, other);
    session.tick(start + 4500ms);  // hold: nothing arrives, the clock runs
    const auto finished = session.finish(start + 6s);
    EXPECT_EQ(finished.durationMs, 6000);
    const auto decoded = test::decodeAll(test::fileBytes(finished.mp3Path));
    const double seconds = static_cast<double>(decoded.left.size() - kMp3CodecDelaySamples) / 8000.0;
    EXPECT_NEAR(seconds, 6.0, 0.1);
    EXPECT_GT(test::rms(window(decoded.left, 0.5, 2.5)), 3000.0);
    EXPECT_LT(test::rms(window(decoded.left, 3.5, 5.5)), 30.0);
    EXPECT_LT(test::rms(window(decoded.right, 0.5, 5.5)), 30.0);
}

TEST(RecordSession, IgnoresEventsComfortNoiseAndOversizedPayloads) {
    TempDir data;
    const Clock::time_point start = Clock::now();
    RecordingSession session(data.path(), test::sampleMetadata(), newKey(), start);
    const std::vector<std::uint8_t> event = {5, 0x8A, 0x03, 0x20};
    const std::vector<std::uint8_t> huge(5000, 0x55);
    session.onRtp(Channel::User, RtpPayload{101, 1, 0, 9, event}, start);
    session.onRtp(Channel::User, RtpPayload{13, 2, 0, 9, event}, start);
    session.onRtp(Channel::User, RtpPayload{0, 3, 0, 9, huge}, start);
    session.onRtp(Channel::User, RtpPayload{0, 4, 0, 9, {}}, start);
    EXPECT_EQ(session.stats().ignoredPackets, 4u);
    EXPECT_EQ(session.stats().user.packets, 0u);
    EXPECT_EQ(session.finish(start + 1s).durationMs, 1000);
}

TEST(RecordSession, SidecarFollowsMetadataUpdates) {
    TempDir data;
    const Clock::time_point start = Clock::now();
    RecordingMetadata metadata = test::sampleMetadata();
    RecordingSession session(data.path(), metadata, newKey(), start);
    metadata.otherNumber = "anonymous";
    metadata.groupId.reset();
    session.updateMetadata(metadata);
    const std::string sidecar = test::fileBytes(spoolPaths(data.path(), metadata.callId).sidecar);
    EXPECT_NE(sidecar.find("\"anonymous\""), std::string::npos) << sidecar;
    RecordingMetadata otherCall = metadata;
    otherCall.callId = test::sampleMetadata(99).callId;
    EXPECT_THROW(session.updateMetadata(otherCall), std::invalid_argument);
    EXPECT_EQ(session.finish(start + 1s).metadata, metadata);
}

TEST(RecordSession, RefusesBadArgumentsAndASecondRecordingOfTheSameCall) {
    TempDir data;
    const Clock::time_point start = Clock::now();
    RecordingMetadata bad = test::sampleMetadata();
    bad.callId = "../../etc/passwd";
    EXPECT_THROW(RecordingSession(data.path(), bad, newKey(), start), std::invalid_argument);
    EXPECT_THROW(RecordingSession(data.path(), test::sampleMetadata(), nullptr, start), std::invalid_argument);
    RecorderSettings wideband;
    wideband.mp3.sampleRate = 16000;
    EXPECT_THROW(RecordingSession(data.path(), test::sampleMetadata(), newKey(), start, wideband),
                 std::invalid_argument);
    EXPECT_FALSE(fs::exists(spoolDirectory(data.path())));  // refused before touching the disk
    RecordingSession first(data.path(), test::sampleMetadata(), newKey(), start);
    EXPECT_THROW(RecordingSession(data.path(), test::sampleMetadata(), newKey(), start), RecordingError);
    EXPECT_EQ(first.finish(start + 1s).durationMs, 1000);  // the first one is unharmed
}

TEST(RecordSession, UnwritableDataFolderIsAClearError) {
    TempDir data;
    const fs::path notAFolder = data.path() / "file";
    std::ofstream(notAFolder) << "x";
    try {
        RecordingSession session(notAFolder, test::sampleMetadata(), newKey(), Clock::now());
        FAIL() << "a recording started under a plain file";
    } catch (const RecordingError& e) {
        EXPECT_NE(std::string(e.what()).find("spool"), std::string::npos) << e.what();
    }
}

/// Makes every file this process writes stop at `bytes` (EFBIG), as a full disk would stop it.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit limited = m_old;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
};

TEST(RecordSession, FailingWritesRaiseAClearErrorAndTouchNoFinishedRecording) {
    TempDir data;
    const auto key = newKey();
    const Clock::time_point start = Clock::now();

    RecordingSession earlier(data.path(), test::sampleMetadata(1), key, start);
    test::playCall(earlier, start, 0, 2, Side{440, 1}, Side{880, 2});
    const FinishedRecording kept = earlier.finish(start + 2s);
    releaseSpoolEntry(data.path(), kept.metadata.callId);
    const std::string keptBytes = test::fileBytes(kept.mp3Path);

    const RecordingMetadata metadata = test::sampleMetadata(2);
    std::optional<RecordingSession> failing;
    {
        const FileSizeLimit diskFull(6000);  // 1.5 s of MP3
        failing.emplace(data.path(), metadata, key, start);
        try {
            test::playCall(*failing, start, 0, 5, Side{440, 1}, Side{880, 2});
            FAIL() << "5 s of audio fitted into 6000 bytes";
        } catch (const RecordingError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(metadata.callId + ".mp3"), std::string::npos) << what;
            EXPECT_NE(what.find("File too large"), std::string::npos) << what;
        }
        EXPECT_TRUE(failing->failed());
        EXPECT_NO_THROW(test::playCall(*failing, start, 5, 6, Side{440, 1}, Side{880, 2}));  // no-ops now
        EXPECT_THROW(failing->finish(start + 6s), RecordingError);
    }
    // The finished recording is untouched.
    EXPECT_EQ(test::fileBytes(kept.mp3Path), keptBytes);
    EXPECT_TRUE(fs::exists(kept.peaksPath));

    // The failed one's spool stays for recovery, which makes the most of it once there is room again.
    failing.reset();
    const SpoolRecovery recovery = recoverSpool(data.path(), *key);
    ASSERT_EQ(recovery.recordings.size(), 1u);
    EXPECT_TRUE(recovery.failed.empty());
    EXPECT_EQ(recovery.recordings[0].metadata.callId, metadata.callId);
    EXPECT_TRUE(recovery.recordings[0].recovered);
    EXPECT_GT(recovery.recordings[0].durationMs, 1000);
}

}  // namespace
}  // namespace callvault::server::record
