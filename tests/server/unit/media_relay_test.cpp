#include "media_relay_fixture.h"

#include "server/record/mp3_decoder.h"
#include "server/record/recording_metadata.h"

#include <algorithm>
#include <set>

namespace callvault::server::media::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// What each phone sent: leg A 440 Hz PCMA from packet 0, leg B 880 Hz PCMU from packet `bFrom`, at real
/// rate.
struct SentAudio {
    std::vector<std::vector<std::uint8_t>> a;
    std::vector<std::vector<std::uint8_t>> b;
};

SentAudio talk(const TestPhone& a, const TestPhone& b, CallMedia& call, int packets, int bFrom = 5) {
    SentAudio sent;
    const auto start = Clock::now();
    for (int k = 0; k < packets; ++k) {
        std::this_thread::sleep_until(start + 20ms * k);
        const auto ts = static_cast<std::uint32_t>(k * 160);
        sent.a.push_back(rtpPacket(kPayloadTypePcma, static_cast<std::uint16_t>(1000 + k), 50000 + ts,
                                   0xAAAA0001, tonePayload(440, k * 160, true)));
        a.sendTo(call.localEndpointA(), sent.a.back());
        if (k >= bFrom) {
            sent.b.push_back(rtpPacket(kPayloadTypePcmu, static_cast<std::uint16_t>(65500 + k), 7000 + ts,
                                       0xBBBB0002, tonePayload(880, k * 160)));
            b.sendTo(call.localEndpointB(), sent.b.back());
        }
    }
    return sent;
}

std::vector<std::vector<std::uint8_t>> bytesOf(const std::vector<ReceivedPacket>& packets) {
    std::vector<std::vector<std::uint8_t>> out;
    for (const auto& packet : packets) {
        out.push_back(packet.bytes);
    }
    return out;
}

TEST_F(MediaRelayFixture, RelaysBothWaysLatchesAndRecordsEachPartyOnItsOwnChannel) {
    auto& relay = makeRelay();
    const auto capacity = relay.freePortPairs();
    auto call = relay.createCall("relay-test-1");
    EXPECT_EQ(relay.freePortPairs(), capacity - 2);
    EXPECT_EQ(call->localEndpointA().address, "127.0.0.1");
    EXPECT_NE(call->localEndpointA().port, call->localEndpointB().port);
    EXPECT_EQ(call->localEndpointA().port % 2, 0);
    EXPECT_EQ(m_metrics.value(kMetricCallsInProgress), 1);

    TestPhone a;
    TestPhone b;
    // A's SDP names a port nobody listens on (a phone behind NAT): the relay must latch to A's real source.
    call->setRemoteA(loopbackRemote(9));
    call->setRemoteB(loopbackRemote(b.port()));
    const auto meta = metadata(21);
    ASSERT_TRUE(call->startRecording(meta, Leg::B));  // inbound call: the user is the callee

    const auto sent = talk(a, b, *call, 100);
    ASSERT_TRUE(eventually([&] { return b.receivedCount() >= 100 && a.receivedCount() >= 95; }));
    const auto result = stopAndWait(*call);

    // Each phone got exactly what the other sent, unchanged, from the server's socket of its own leg.
    EXPECT_EQ(bytesOf(b.received()), sent.a);
    EXPECT_EQ(bytesOf(a.received()), sent.b);
    for (const auto& packet : b.received()) {
        EXPECT_EQ(packet.fromPort, call->localEndpointB().port);
    }
    for (const auto& packet : a.received()) {
        EXPECT_EQ(packet.fromPort, call->localEndpointA().port);
    }
    EXPECT_TRUE(result.a.latched);
    EXPECT_EQ(result.a.source.port, a.port());
    EXPECT_EQ(result.a.packetsIn, 100U);
    EXPECT_EQ(result.b.packetsIn, 95U);
    EXPECT_EQ(result.b.packetsOut, 100U);
    EXPECT_EQ(result.a.packetsOut, 95U);
    EXPECT_EQ(result.a.lost + result.b.lost + result.a.badPackets + result.b.badPackets, 0U);

    // The recording: the user (leg B, 880 Hz) on channel 1, the other party (leg A, 440 Hz) on channel 2.
    ASSERT_EQ(result.recordings.size(), 1U);
    EXPECT_TRUE(result.recordingErrors.empty());
    const auto& finished = result.recordings.front();
    EXPECT_EQ(finished.metadata.callId, meta.callId);
    EXPECT_NEAR(static_cast<double>(finished.durationMs), 2000.0, 400.0);
    const auto decoded = record::test::decodeAll(record::test::fileBytes(finished.mp3Path));
    ASSERT_EQ(decoded.info.channels, 2);
    ASSERT_GT(decoded.left.size(), 8000U + 1105U);
    const std::span<const std::int16_t> left(decoded.left.data() + 1105 + 1600, 8000);
    const std::span<const std::int16_t> right(decoded.right.data() + 1105 + 1600, 8000);
    EXPECT_GT(record::test::goertzelPower(left, 880), 100 * record::test::goertzelPower(left, 440));
    EXPECT_GT(record::test::goertzelPower(right, 440), 100 * record::test::goertzelPower(right, 880));

    // Its CDR row is stored and the spool entry released.
    const auto row = m_store->recording(m_companyId, meta.callId);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->recording.filePath, finished.filePath);
    EXPECT_EQ(row->recording.durationMs, finished.durationMs);
    EXPECT_EQ(row->recording.signatureHex, finished.signatureHex);
    EXPECT_EQ(row->recording.callType, CallType::Inbound);
    EXPECT_EQ(row->recording.userNumber, meta.userNumber);
    EXPECT_FALSE(row->recording.recovered);
    EXPECT_FALSE(std::filesystem::exists(record::spoolPaths(m_dir.path(), meta.callId).done));
    EXPECT_FALSE(std::filesystem::exists(record::spoolPaths(m_dir.path(), meta.callId).sidecar));

    EXPECT_EQ(m_metrics.value(kMetricRecordingsWritten), 1);
    EXPECT_EQ(m_metrics.value(kMetricRecordingsInProgress), 0);
    EXPECT_EQ(m_metrics.value(kMetricCallsInProgress), 0);
    EXPECT_EQ(m_metrics.value(kMetricRtpReceived), 195);
    EXPECT_EQ(m_metrics.value(kMetricRtpSent), 195);
    EXPECT_EQ(relay.freePortPairs(), capacity);
    EXPECT_EQ(relay.activeCalls(), 0U);
}

TEST_F(MediaRelayFixture, PortPairsAreFreedAndReusedAndRunningOutIsAMediaError) {
    auto& relay = makeRelay(2, 1);  // exactly one call's worth
    auto first = relay.createCall("ports-1");
    const std::set<std::uint16_t> ports{first->localEndpointA().port, first->localEndpointB().port};
    EXPECT_EQ(relay.freePortPairs(), 0U);
    EXPECT_THROW(relay.createCall("ports-2"), MediaError);
    EXPECT_EQ(m_metrics.value(kMetricMediaErrors), 1);

    const auto result = stopAndWait(*first);
    EXPECT_TRUE(result.recordings.empty());
    EXPECT_EQ(relay.freePortPairs(), 2U);
    auto second = relay.createCall("ports-3");
    EXPECT_EQ((std::set<std::uint16_t>{second->localEndpointA().port, second->localEndpointB().port}), ports);

    // The reused ports carry media of the new call.
    TestPhone a;
    TestPhone b;
    second->setRemoteB(loopbackRemote(b.port()));
    a.sendTo(second->localEndpointA(), rtpPacket(0, 1, 160, 5, tonePayload(440, 0)));
    EXPECT_TRUE(eventually([&] { return b.receivedCount() == 1; }));
    stopAndWait(*second);
    EXPECT_TRUE(second->stopped());
}

TEST_F(MediaRelayFixture, TelephoneEventsAreRelayedAndRecognisedOncePerDigit) {
    auto& relay = makeRelay();
    auto call = relay.createCall("dtmf");
    TestPhone a;
    TestPhone b;
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(b.port()));
    std::mutex mutex;
    std::string heard;
    call->setDtmfHandler([&](const DtmfEvent& event) {
        const std::lock_guard lock(mutex);
        heard += event.digit;
    });

    std::uint16_t sequence = 100;
    const auto sendEvent = [&](std::uint8_t event, std::uint32_t timestamp) {
        for (std::uint16_t duration : {160, 320, 480}) {
            a.sendTo(call->localEndpointA(), rtpPacket(101, sequence++, timestamp, 0x1234,
                                                       {event, 10, static_cast<std::uint8_t>(duration >> 8),
                                                        static_cast<std::uint8_t>(duration)},
                                                       duration == 160));
        }
        for (int repeat = 0; repeat < 3; ++repeat) {
            a.sendTo(call->localEndpointA(),
                     rtpPacket(101, sequence++, timestamp, 0x1234, {event, 0x80 | 10, 3, 32}));
        }
    };
    sendEvent(5, 8000);
    sendEvent(11, 16000);
    ASSERT_TRUE(eventually([&] { return call->dtmfEvents().size() == 2 && b.receivedCount() == 12; }));
    const auto events = call->dtmfEvents();
    EXPECT_EQ(events[0].digit, '5');
    EXPECT_EQ(events[0].from, Leg::A);
    EXPECT_EQ(events[0].durationSamples, 800);
    EXPECT_EQ(events[0].rtpTimestamp, 8000U);
    EXPECT_EQ(events[1].digit, '#');
    {
        const std::lock_guard lock(mutex);
        EXPECT_EQ(heard, "5#");
    }
    const auto result = stopAndWait(*call);
    EXPECT_EQ(result.dtmf, events);
    EXPECT_EQ(result.a.dtmfEvents, 2U);
    EXPECT_EQ(m_metrics.value(kMetricDtmfEvents), 2);
}

TEST_F(MediaRelayFixture, HoldStopsMediaTowardTheHeldLegAndResumeRestoresIt) {
    auto& relay = makeRelay();
    auto call = relay.createCall("hold");
    TestPhone a;
    TestPhone b;
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(b.port()));
    std::uint16_t sequence = 0;
    const auto exchange = [&] {
        a.sendTo(call->localEndpointA(), rtpPacket(0, sequence, sequence * 160U, 1, tonePayload(440, 0)));
        b.sendTo(call->localEndpointB(), rtpPacket(0, sequence, sequence * 160U, 2, tonePayload(880, 0)));
        ++sequence;
    };
    exchange();
    ASSERT_TRUE(eventually([&] { return a.receivedCount() == 1 && b.receivedCount() == 1; }));

    // B puts the call on hold (a=sendonly): B may still send music, A must send B nothing.
    call->setRemoteB(loopbackRemote(b.port(), MediaDirection::SendOnly));
    exchange();
    ASSERT_TRUE(eventually([&] { return a.receivedCount() == 2; }));
    // RFC 2543 hold of A (c=0.0.0.0).
    auto nullA = loopbackRemote(a.port());
    nullA.address = "0.0.0.0";
    call->setRemoteA(nullA);
    exchange();
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(a.receivedCount(), 2U);
    EXPECT_EQ(b.receivedCount(), 1U);

    // Resume both: media flows again (A re-latches to the same source).
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(b.port()));
    exchange();
    EXPECT_TRUE(eventually([&] { return a.receivedCount() == 3 && b.receivedCount() == 2; }));
    const auto result = stopAndWait(*call);
    EXPECT_EQ(result.a.packetsIn, 4U);
    EXPECT_EQ(result.b.packetsIn, 4U);
}

TEST_F(MediaRelayFixture, RtcpIsRelayedBetweenTheOddPortsAndMultiplexedRtcpOnTheRtpPort) {
    auto& relay = makeRelay();
    auto call = relay.createCall("rtcp");
    TestPhone a;
    TestPhone bRtp;
    TestPhone bRtcp;  // B's RTCP socket: the relay sends RTCP to the SDP's port + 1 until B's RTCP latches
    call->setRemoteA(loopbackRemote(a.port()));
    call->setRemoteB(loopbackRemote(static_cast<std::uint16_t>(bRtcp.port() - 1)));
    const std::vector<std::uint8_t> receiverReport{0x81, 201, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0,
                                                   0,    0,   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    auto rtcpA = call->localEndpointA();
    rtcpA.port = static_cast<std::uint16_t>(rtcpA.port + 1);
    a.sendTo(rtcpA, receiverReport);
    ASSERT_TRUE(eventually([&] { return bRtcp.receivedCount() == 1; }));
    EXPECT_EQ(bRtcp.received()[0].bytes, receiverReport);
    EXPECT_EQ(bRtcp.received()[0].fromPort, call->localEndpointB().port + 1);

    // RTCP multiplexed on the RTP port (RFC 5761) goes to the other leg's RTP destination, not to the
    // recorder.
    call->setRemoteB(loopbackRemote(bRtp.port()));
    a.sendTo(call->localEndpointA(), receiverReport);
    ASSERT_TRUE(eventually([&] { return bRtp.receivedCount() == 1; }));
    EXPECT_EQ(bRtp.received()[0].bytes, receiverReport);
    const auto result = stopAndWait(*call);
    EXPECT_EQ(result.a.packetsIn, 0U);  // RTCP is not counted as RTP
    EXPECT_EQ(result.a.badPackets, 0U);
}

TEST_F(MediaRelayFixture, MalformedDatagramsAreCountedAndDroppedNotRelayed) {
    auto& relay = makeRelay();
    auto call = relay.createCall("bad");
    TestPhone a;
    TestPhone b;
    call->setRemoteB(loopbackRemote(b.port()));
    a.sendTo(call->localEndpointA(), {1, 2, 3, 4, 5});                // too short
    a.sendTo(call->localEndpointA(), rtpPacket(0, 1, 2, 3, {1, 2}));  // fine
    auto version1 = rtpPacket(0, 2, 2, 3, {1, 2});
    version1[0] = 0x40;
    a.sendTo(call->localEndpointA(), version1);                               // RTP version 1
    a.sendTo(call->localEndpointA(), std::vector<std::uint8_t>(3000, 0x80));  // larger than any RTP we take
    auto padded = rtpPacket(0, 3, 2, 3, {1, 2, 200});
    padded[0] |= 0x20;
    a.sendTo(call->localEndpointA(), padded);  // padding beyond the packet
    ASSERT_TRUE(eventually([&] { return call->legStats(Leg::A).badPackets == 4; }));
    EXPECT_EQ(b.receivedCount(), 1U);
    EXPECT_EQ(call->legStats(Leg::A).packetsIn, 1U);
    EXPECT_FALSE(call->legStats(Leg::A).latched && call->legStats(Leg::A).source.port != a.port());
    stopAndWait(*call);
    EXPECT_EQ(m_metrics.value(kMetricRtpBad), 4);
}

}  // namespace
}  // namespace callvault::server::media::test
