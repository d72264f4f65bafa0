#include "media_relay_fixture.h"

#include "server/media/recording_cdr.h"
#include "server/record/recording_session.h"

#include <fstream>

namespace callvault::server::media::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// Both phones send `seconds` of tone at real rate.
void talk(const TestPhone& a, const TestPhone& b, CallMedia& call, double seconds,
          std::uint16_t firstSequence = 0) {
    const auto start = Clock::now();
    const int packets = static_cast<int>(seconds * 50);
    for (int k = 0; k < packets; ++k) {
        std::this_thread::sleep_until(start + 20ms * k);
        const auto sequence = static_cast<std::uint16_t>(firstSequence + k);
        const auto ts = static_cast<std::uint32_t>(sequence) * 160U;
        a.sendTo(call.localEndpointA(), rtpPacket(0, sequence, ts, 0xA, tonePayload(440, sequence * 160)));
        b.sendTo(call.localEndpointB(), rtpPacket(0, sequence, ts, 0xB, tonePayload(880, sequence * 160)));
    }
}

TEST_F(MediaRelayFixture, AFailingDiskRaisesTheAlarmRefusesRecordingsAndTheCallGoesOn) {
    auto& relay = makeRelay();
    // The spool folder cannot be made: a file is in its way (what a broken or full disk looks like here).
    const auto spool = record::spoolDirectory(m_dir.path());
    { std::ofstream(spool) << "in the way"; }

    auto call = relay.createCall("alarm");
    TestPhone a;
    TestPhone b;
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(b.port()));
    EXPECT_TRUE(
        call->startRecording(metadata(31), Leg::A));  // accepted; creating its files fails on the pool
    ASSERT_TRUE(eventually([&] { return relay.recordingAlarm(); }));
    EXPECT_EQ(m_metrics.value(kMetricRecordingAlarm), 1);
    EXPECT_EQ(m_metrics.value(kMetricRecordingsFailed), 1);

    // New recordings are refused; media still flows both ways.
    EXPECT_FALSE(call->startRecording(metadata(32), Leg::A));
    EXPECT_EQ(m_metrics.value(kMetricRecordingsRefused), 1);
    talk(a, b, *call, 0.2);
    EXPECT_TRUE(eventually([&] { return a.receivedCount() == 10 && b.receivedCount() == 10; }));

    // The probe keeps failing while the disk is broken, then clears the alarm once it works again.
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(relay.recordingAlarm());
    std::filesystem::remove(spool);
    ASSERT_TRUE(eventually([&] { return !relay.recordingAlarm(); }));
    EXPECT_EQ(m_metrics.value(kMetricRecordingAlarm), 0);

    const auto meta = metadata(33);
    EXPECT_TRUE(call->startRecording(meta, Leg::A));
    talk(a, b, *call, 1.0, 10);
    const auto result = stopAndWait(*call);
    ASSERT_EQ(result.recordings.size(), 1U);
    EXPECT_EQ(result.recordings.front().metadata.callId, meta.callId);
    EXPECT_TRUE(m_store->recording(m_companyId, meta.callId));
    EXPECT_FALSE(m_store->recording(m_companyId, metadata(31).callId));
    EXPECT_EQ(m_metrics.value(kMetricRecordingsWritten), 1);
}

TEST_F(MediaRelayFixture, ACallBetweenTwoUsersIsRecordedOncePerUserEachOnItsOwnChannels) {
    auto& relay = makeRelay();
    auto call = relay.createCall("two-users");
    TestPhone a;
    TestPhone b;
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(b.port()));
    auto caller = metadata(41);
    caller.direction = record::CallDirection::Outbound;
    auto callee = metadata(42);
    ASSERT_TRUE(call->startRecording(caller, Leg::A));
    ASSERT_TRUE(call->startRecording(callee, Leg::B));
    talk(a, b, *call, 1.5);
    const auto result = stopAndWait(*call);
    ASSERT_EQ(result.recordings.size(), 2U);
    for (const auto& finished : result.recordings) {
        const bool isCaller = finished.metadata.callId == caller.callId;
        const auto decoded = record::test::decodeAll(record::test::fileBytes(finished.mp3Path));
        ASSERT_GT(decoded.left.size(), 1105U + 1600U + 4000U);
        const std::span<const std::int16_t> left(decoded.left.data() + 1105 + 1600, 4000);
        const std::span<const std::int16_t> right(decoded.right.data() + 1105 + 1600, 4000);
        const double user = isCaller ? 440 : 880;
        const double other = isCaller ? 880 : 440;
        EXPECT_GT(record::test::goertzelPower(left, user), 100 * record::test::goertzelPower(left, other));
        EXPECT_GT(record::test::goertzelPower(right, other), 100 * record::test::goertzelPower(right, user));
        const auto row = m_store->recording(m_companyId, finished.metadata.callId);
        ASSERT_TRUE(row);
        EXPECT_EQ(row->recording.callType, isCaller ? CallType::Outbound : CallType::Inbound);
    }
}

TEST_F(MediaRelayFixture, PacketsQueuedForTheRecorderAreNotLostWhenTheCallEndsBeforeTheNextTick) {
    // No tick during the whole call: everything reaches the recorder only when the call stops.
    auto& relay = makeRelay(4, 0, std::chrono::milliseconds(60'000));
    auto call = relay.createCall("no-tick");
    TestPhone a;
    TestPhone b;
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(b.port()));
    const auto meta = metadata(71);
    ASSERT_TRUE(call->startRecording(meta, Leg::B));
    std::this_thread::sleep_for(50ms);  // the spool files are made on the pool
    talk(a, b, *call, 1.2);
    const auto result = stopAndWait(*call);
    ASSERT_EQ(result.recordings.size(), 1U);
    const auto decoded = record::test::decodeAll(record::test::fileBytes(result.recordings.front().mp3Path));
    ASSERT_GT(decoded.left.size(), 1105U + 800U + 6400U);
    const std::span<const std::int16_t> left(decoded.left.data() + 1105 + 800, 6400);
    const std::span<const std::int16_t> right(decoded.right.data() + 1105 + 800, 6400);
    EXPECT_GT(record::test::goertzelPower(left, 880), 100 * record::test::goertzelPower(left, 440));
    EXPECT_GT(record::test::goertzelPower(right, 440), 100 * record::test::goertzelPower(right, 880));
    EXPECT_GT(record::test::rms(left), 1000.0);
    EXPECT_GT(record::test::rms(right), 1000.0);
}

TEST_F(MediaRelayFixture, StopAllFinishesEveryRecordingAndRefusesNewCalls) {
    auto& relay = makeRelay(8);
    auto first = relay.createCall("all-1");
    auto second = relay.createCall("all-2");
    TestPhone a;
    TestPhone b;
    first->setRemoteB(loopbackRemote(b.port()));
    ASSERT_TRUE(first->startRecording(metadata(51), Leg::A));
    ASSERT_TRUE(second->startRecording(metadata(52), Leg::B));
    talk(a, b, *first, 0.5);

    std::promise<void> stopped;
    relay.stopAll([&stopped] { stopped.set_value(); });
    ASSERT_EQ(stopped.get_future().wait_for(20s), std::future_status::ready);
    EXPECT_EQ(relay.activeCalls(), 0U);
    EXPECT_TRUE(first->stopped());
    EXPECT_TRUE(second->stopped());
    EXPECT_TRUE(m_store->recording(m_companyId, metadata(51).callId));
    EXPECT_TRUE(m_store->recording(m_companyId, metadata(52).callId));  // a silent call is recorded too
    EXPECT_THROW(relay.createCall("late"), MediaError);
    EXPECT_FALSE(second->startRecording(metadata(53), Leg::A));
}

TEST_F(MediaRelayFixture, StartupRecoveryStoresTheRowsOfRecordingsCutShortByACrash) {
    // A recording in progress, as kill -9 leaves it: its spool files copied while it runs.
    record::test::TempDir live;
    const auto meta = metadata(61);
    const auto start = record::RecordingSession::Clock::now();
    record::RecordingSession session(live.path(), meta, m_key, start);
    record::test::Side user;
    record::test::Side other;
    other.frequency = 880;
    record::test::playCall(session, start, 0, 4, user, other);
    std::filesystem::copy(record::spoolDirectory(live.path()), record::spoolDirectory(m_dir.path()),
                          std::filesystem::copy_options::recursive);

    const auto report = recoverRecordingsAtStartup(m_dir.path(), *m_key, *m_store, m_metrics);
    EXPECT_EQ(report.recovered, 1U);
    EXPECT_EQ(report.failed, 0U);
    EXPECT_EQ(report.cdrErrors, 0U);
    const auto row = m_store->recording(m_companyId, meta.callId);
    ASSERT_TRUE(row);
    EXPECT_TRUE(row->recording.recovered);
    EXPECT_GE(row->recording.durationMs, 2000);
    EXPECT_TRUE(std::filesystem::exists(record::finishedMp3Path(m_dir.path(), row->recording.filePath)));
    EXPECT_FALSE(std::filesystem::exists(record::spoolPaths(m_dir.path(), meta.callId).done));
    EXPECT_EQ(m_metrics.value(kMetricRecordingsRecovered), 1);

    // A second start finds nothing left to do, and the row is not duplicated.
    const auto again = recoverRecordingsAtStartup(m_dir.path(), *m_key, *m_store, m_metrics);
    EXPECT_EQ(again.recovered, 0U);
}

TEST(MediaRecordingCdr, TheRowCarriesEverythingTheFinishedRecordingKnows) {
    record::FinishedRecording finished;
    finished.metadata = record::test::sampleMetadata(5);
    finished.metadata.direction = record::CallDirection::Outbound;
    finished.filePath = "/2026/11/25/10/x.mp3";
    finished.durationMs = 12345;
    finished.signatureHex = std::string(128, 'a');
    finished.sha256Hex = std::string(64, 'b');
    finished.fileSize = 999;
    finished.recovered = true;
    const auto row = toCdrRow(finished);
    EXPECT_EQ(row.callId, finished.metadata.callId);
    EXPECT_EQ(row.companyId, 3);
    EXPECT_EQ(row.startUtcMs, finished.metadata.startUtcMs);
    EXPECT_EQ(row.durationMs, 12345);
    EXPECT_EQ(row.userNumber, "21122560");
    EXPECT_EQ(row.otherNumber, "92015794");
    EXPECT_EQ(row.userId, 7);
    EXPECT_EQ(row.groupId, 8);
    EXPECT_EQ(row.callType, CallType::Outbound);
    EXPECT_EQ(row.callingNumber(), "21122560");
    EXPECT_EQ(row.filePath, finished.filePath);
    EXPECT_EQ(row.fileSize, 999U);
    EXPECT_EQ(row.sha256Hex, finished.sha256Hex);
    EXPECT_EQ(row.signatureHex, finished.signatureHex);
    EXPECT_TRUE(row.recovered);
    EXPECT_TRUE(row.locked);
}

}  // namespace
}  // namespace callvault::server::media::test
