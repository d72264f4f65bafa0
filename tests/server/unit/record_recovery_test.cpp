#include "common/crypto/signature.h"
#include "server/record/mp3_frames.h"
#include "server/record/peaks.h"
#include "server/record/recording_finalizer.h"
#include "server/record/recording_session.h"
#include "server/record/spool_recovery.h"

#include "tests/server/unit/record_test_support.h"

#include <gtest/gtest.h>

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

/// Records `seconds` of a call in `live` without finishing it and copies the spool as a kill -9 at that moment
/// would leave it into `crashed`.
void crashMidCall(const fs::path& live, const fs::path& crashed, const RecordingMetadata& metadata,
                  const SigningKey& key, double seconds) {
    const Clock::time_point start = Clock::now();
    RecordingSession session(live, metadata, std::make_shared<const SigningKey>(key), start);
    test::playCall(session, start, 0, seconds, Side{440, 1}, Side{880, 2});
    fs::create_directories(crashed);
    fs::copy(spoolDirectory(live), spoolDirectory(crashed), fs::copy_options::recursive);
}

TEST(RecordSpoolRecovery, CrashMidCallLeavesAPlayableSignedRecording) {
    TempDir live;
    TempDir crashed;
    const SigningKey key = generateSigningKey();
    const RecordingMetadata metadata = test::sampleMetadata();
    crashMidCall(live.path(), crashed.path(), metadata, key, 5.0);

    const SpoolRecovery recovery = recoverSpool(crashed.path(), key);
    EXPECT_TRUE(recovery.failed.empty());
    ASSERT_EQ(recovery.recordings.size(), 1u);
    const FinishedRecording& r = recovery.recordings[0];
    EXPECT_TRUE(r.recovered);
    EXPECT_EQ(r.metadata, metadata);
    EXPECT_GE(r.durationMs, 3000);  // within 2 s of the crash
    EXPECT_LE(r.durationMs, 5000);
    EXPECT_EQ(r.mp3Path, crashed.path() / "recordings/2026/11/25/10" / (metadata.callId + ".mp3"));

    const std::string mp3 = test::fileBytes(r.mp3Path);
    EXPECT_EQ(r.fileSize, mp3.size());
    EXPECT_TRUE(verifyRecording(key.publicKey, metadata.callId, sha256(test::asBytes(mp3)), r.signatureHex));
    std::string tampered = mp3;
    tampered[100] = static_cast<char>(tampered[100] ^ 0x40);
    EXPECT_FALSE(verifyRecording(key.publicKey, metadata.callId, sha256(test::asBytes(tampered)), r.signatureHex));

    const auto decoded = test::decodeAll(mp3);
    EXPECT_EQ(decoded.info.channels, 2);
    EXPECT_FALSE(decoded.info.stoppedOnError);
    const double seconds = static_cast<double>(decoded.left.size() - kMp3CodecDelaySamples) / 8000.0;
    EXPECT_NEAR(seconds * 1000.0, static_cast<double>(r.durationMs), 80.0);
    const auto left = std::span<const std::int16_t>(decoded.left).subspan(4000, 16000);
    EXPECT_GT(test::goertzelPower(left, 440), 100 * test::goertzelPower(left, 880));

    const Peaks peaks = readPeaksFile(r.peaksPath);
    EXPECT_NEAR(static_cast<double>(peaks.count()), static_cast<double>(r.durationMs) / 10.0, 80.0);

    EXPECT_EQ(filesIn(spoolDirectory(crashed.path())), std::vector<std::string>{metadata.callId + ".done.json"});
    releaseSpoolEntry(crashed.path(), metadata.callId);
    const SpoolRecovery again = recoverSpool(crashed.path(), key);
    EXPECT_TRUE(again.recordings.empty());
    EXPECT_TRUE(again.failed.empty());
}

TEST(RecordSpoolRecovery, TornLastFrameIsCutOff) {
    TempDir live;
    TempDir crashed;
    const SigningKey key = generateSigningKey();
    const RecordingMetadata metadata = test::sampleMetadata();
    crashMidCall(live.path(), crashed.path(), metadata, key, 3.0);
    const fs::path spoolMp3 = spoolPaths(crashed.path(), metadata.callId).mp3;
    const auto whole = fs::file_size(spoolMp3);
    {
        std::ofstream out(spoolMp3, std::ios::binary | std::ios::app);
        out << std::string("\xFF\xE3\x48\x04", 4) << std::string(100, '\x11');  // half a frame
    }
    const SpoolRecovery recovery = recoverSpool(crashed.path(), key);
    ASSERT_EQ(recovery.recordings.size(), 1u);
    EXPECT_EQ(recovery.recordings[0].fileSize, whole);
    const std::string mp3 = test::fileBytes(recovery.recordings[0].mp3Path);
    EXPECT_EQ(scanMp3Frames(mp3).endOffset, static_cast<std::int64_t>(mp3.size()));
}

TEST(RecordSpoolRecovery, EntriesWithoutAudioAreMovedAsideAndReported) {
    TempDir data;
    const SigningKey key = generateSigningKey();
    const auto shared = std::make_shared<const SigningKey>(key);
    const RecordingMetadata noMp3 = test::sampleMetadata(1);
    const RecordingMetadata emptyMp3 = test::sampleMetadata(2);
    {
        RecordingSession a(data.path(), noMp3, shared, Clock::now());
        RecordingSession b(data.path(), emptyMp3, shared, Clock::now());
    }
    fs::remove(spoolPaths(data.path(), noMp3.callId).mp3);
    ASSERT_EQ(fs::file_size(spoolPaths(data.path(), emptyMp3.callId).mp3), 0u);
    std::ofstream(spoolDirectory(data.path()) / "notes.txt") << "not ours";

    const SpoolRecovery recovery = recoverSpool(data.path(), key);
    EXPECT_TRUE(recovery.recordings.empty());
    ASSERT_EQ(recovery.failed.size(), 3u);
    std::map<std::string, FailedSpoolEntry> byName;
    for (const auto& f : recovery.failed) {
        byName[f.name] = f;
    }
    EXPECT_NE(byName.at(noMp3.callId).reason.find("no MP3"), std::string::npos) << byName.at(noMp3.callId).reason;
    EXPECT_NE(byName.at(emptyMp3.callId).reason.find("no complete frame"), std::string::npos);
    EXPECT_EQ(byName.at(emptyMp3.callId).movedTo.size(), 3u);  // sidecar, MP3, peaks: nothing deleted
    EXPECT_EQ(byName.at("notes.txt").movedTo.size(), 1u);
    const fs::path failed = spoolDirectory(data.path()) / "failed";
    EXPECT_TRUE(fs::exists(failed / (emptyMp3.callId + ".mp3")));
    EXPECT_TRUE(fs::exists(failed / (noMp3.callId + ".json")));
    EXPECT_TRUE(fs::exists(failed / "notes.txt"));
    EXPECT_EQ(filesIn(spoolDirectory(data.path())), std::vector<std::string>{"failed"});
    // A second start finds nothing new and leaves failed/ alone.
    EXPECT_TRUE(recoverSpool(data.path(), key).failed.empty());
    EXPECT_EQ(filesIn(failed).size(), 6u);
}

TEST(RecordSpoolRecovery, CommittedRecordingWhoseMoveWasInterruptedIsCompleted) {
    TempDir data;
    const SigningKey key = generateSigningKey();
    const Clock::time_point start = Clock::now();
    const RecordingMetadata metadata = test::sampleMetadata();
    RecordingSession session(data.path(), metadata, std::make_shared<const SigningKey>(key), start);
    test::playCall(session, start, 0, 2, Side{440, 1}, Side{880, 2});
    const FinishedRecording finished = session.finish(start + 2s);
    // As if the process died after the commit record and before the files moved.
    const SpoolPaths spool = spoolPaths(data.path(), metadata.callId);
    fs::rename(finished.mp3Path, spool.mp3);
    fs::remove(finished.peaksPath);

    const SpoolRecovery recovery = recoverSpool(data.path(), key);
    ASSERT_EQ(recovery.recordings.size(), 1u);
    EXPECT_EQ(recovery.recordings[0], finished);  // same signature, same flags: it was finished normally
    EXPECT_TRUE(fs::exists(finished.mp3Path));
    EXPECT_FALSE(fs::exists(spool.mp3));
    EXPECT_GT(readPeaksFile(finished.peaksPath).count(), 150u);

    // Reported again at every start until the CDR row is confirmed.
    EXPECT_EQ(recoverSpool(data.path(), key).recordings.size(), 1u);
    releaseSpoolEntry(data.path(), metadata.callId);
    EXPECT_TRUE(recoverSpool(data.path(), key).recordings.empty());
}

TEST(RecordSpoolRecovery, CommittedRecordingThatNoLongerMatchesItsHashIsSetAside) {
    TempDir data;
    const SigningKey key = generateSigningKey();
    const Clock::time_point start = Clock::now();
    const RecordingMetadata metadata = test::sampleMetadata();
    RecordingSession session(data.path(), metadata, std::make_shared<const SigningKey>(key), start);
    test::playCall(session, start, 0, 1, Side{440, 1}, Side{880, 2});
    const FinishedRecording finished = session.finish(start + 1s);
    const SpoolPaths spool = spoolPaths(data.path(), metadata.callId);
    fs::rename(finished.mp3Path, spool.mp3);
    {
        std::fstream f(spool.mp3, std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(500);
        f.put('\x00');
    }
    const SpoolRecovery recovery = recoverSpool(data.path(), key);
    EXPECT_TRUE(recovery.recordings.empty());
    ASSERT_EQ(recovery.failed.size(), 1u);
    EXPECT_NE(recovery.failed[0].reason.find("SHA-256"), std::string::npos) << recovery.failed[0].reason;
    EXPECT_FALSE(fs::exists(finished.mp3Path));
    EXPECT_TRUE(fs::exists(spoolDirectory(data.path()) / "failed" / (metadata.callId + ".mp3")));
}

}  // namespace
}  // namespace callvault::server::record
