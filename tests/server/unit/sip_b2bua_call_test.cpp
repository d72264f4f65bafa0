// The B2BUA's call set-up over real UDP: routing, provisional/final responses, ACK, CANCEL, busy, 404, 483,
// 503 and the 2xx retransmission (sip_b2bua_fixture.h).

#include "server/sip/sdp.h"
#include "tests/server/unit/sip_b2bua_fixture.h"

#include <algorithm>
#include <future>

namespace callvault::server::sip::test {
namespace {

TEST_F(B2buaTest, InviteIsRelayedAsANewDialogWithOurViaAndAnchoredSdp) {
    m_a.send(port(), invite());
    const auto trying = m_a.next();
    ASSERT_FALSE(trying.empty());
    EXPECT_EQ(trying.status(), 100);

    const auto atB = m_b.nextRequest("INVITE");
    ASSERT_FALSE(atB.empty());
    EXPECT_NE(atB.callId(), "call-1@a");                   // leg B is a dialog of its own
    EXPECT_EQ(atB.viaCount(), 1U);                         // only our Via
    EXPECT_EQ(atB.topVia()->port, port());
    EXPECT_EQ(atB.maxForwards(), 69);                      // decremented
    EXPECT_EQ(atB.requestUri(), "sip:21122560@127.0.0.1:" + std::to_string(m_b.port()));  // the contact
    EXPECT_FALSE(atB.fromTag().empty());
    EXPECT_NE(atB.fromTag(), "a-tag");
    EXPECT_EQ(atB.cseqNumber(), 1U);
    EXPECT_EQ(atB.fromUri(), "sip:1001@127.0.0.1");
    const auto offer = parseSdp(atB.body());
    ASSERT_TRUE(offer.has_value());
    ASSERT_NE(offer->activeAudio(), nullptr);
    EXPECT_EQ(offer->activeAudio()->port, 40002);          // our leg-B endpoint, not the caller's 30000
    EXPECT_EQ(offer->connectionAddress(*offer->activeAudio()), "127.0.0.1");
    const std::lock_guard lock(m_media.mutex);
    ASSERT_EQ(m_media.remotesA.size(), 1U);
    EXPECT_EQ(m_media.remotesA[0].port, 30000);
    EXPECT_EQ(m_media.remotesA[0].telephoneEvent, 101);
}

TEST_F(B2buaTest, RingingAndAnswerAreRelayedWithOurTagAndSdpAndBothLegsAreAcknowledged) {
    m_a.send(port(), invite());
    const auto atB = m_b.nextRequest("INVITE");
    ASSERT_FALSE(atB.empty());
    m_b.send(port(), answer(atB, 180));
    const auto ringing = m_a.nextResponse(180);
    ASSERT_FALSE(ringing.empty());
    const std::string tagA = ringing.toTag();
    EXPECT_FALSE(tagA.empty());
    EXPECT_NE(tagA, "b-tag");                              // A sees our tag, never B's
    EXPECT_EQ(ringing.topVia()->branch, "z9hG4bK-a-inv-1");  // A's own Via comes back

    m_b.send(port(), answer(atB, 200, sdp(31000)));
    const auto ackAtB = m_b.nextRequest("ACK");
    ASSERT_FALSE(ackAtB.empty());                          // we acknowledge B's 2xx ourselves
    EXPECT_EQ(ackAtB.toTag(), "b-tag");
    EXPECT_EQ(ackAtB.cseqNumber(), 1U);
    EXPECT_EQ(ackAtB.requestUri(), "sip:21122560@127.0.0.1:" + std::to_string(m_b.port()));
    EXPECT_NE(ackAtB.topVia()->branch, atB.topVia()->branch);  // an ACK to 2xx is a new transaction

    const auto ok = m_a.nextResponse(200);
    ASSERT_FALSE(ok.empty());
    EXPECT_EQ(ok.toTag(), tagA);
    EXPECT_EQ(ok.callId(), "call-1@a");
    EXPECT_EQ(ok.contactUri(), "sip:21122560@127.0.0.1:" + std::to_string(port()));
    const auto answerSdp = parseSdp(ok.body());
    ASSERT_TRUE(answerSdp.has_value());
    EXPECT_EQ(answerSdp->activeAudio()->port, 40000);      // our leg-A endpoint

    const std::lock_guard lock(m_media.mutex);
    ASSERT_EQ(m_media.remotesB.size(), 1U);
    EXPECT_EQ(m_media.remotesB[0].port, 31000);
    ASSERT_EQ(m_media.recordings.size(), 1U);              // recorded from the answer on
    EXPECT_EQ(m_media.recordings[0].userNumber, kUserNumber);
    EXPECT_EQ(m_media.recordings[0].otherNumber, "1001");
    EXPECT_EQ(m_media.recordings[0].direction, record::CallDirection::Inbound);
    EXPECT_EQ(m_media.recordings[0].companyId, m_companyId);
    EXPECT_EQ(m_media.recordings[0].callId.substr(12, 2), "0T");
    EXPECT_FALSE(m_media.userIsLegA[0]);                   // inbound: the user is the callee, leg B
}

TEST_F(B2buaTest, ACallBetweenTwoUserNumbersIsRecordedOnceForEachUser) {
    UserNumber caller;
    caller.companyId = m_companyId;
    caller.number = "1001";  // the caller of invite()
    caller.effectiveDate = "2000-01-01";
    caller.activated = true;
    m_store->createNumber(caller);

    answeredCall();

    const std::lock_guard lock(m_media.mutex);
    ASSERT_EQ(m_media.recordings.size(), 2U);  // §29: one recording per call leg of a user
    const auto& callee = m_media.recordings[0];
    EXPECT_EQ(callee.userNumber, kUserNumber);
    EXPECT_EQ(callee.otherNumber, "1001");
    EXPECT_EQ(callee.direction, record::CallDirection::Inbound);
    EXPECT_FALSE(m_media.userIsLegA[0]);
    const auto& callerSide = m_media.recordings[1];
    EXPECT_EQ(callerSide.userNumber, "1001");
    EXPECT_EQ(callerSide.otherNumber, kUserNumber);
    EXPECT_EQ(callerSide.direction, record::CallDirection::Outbound);
    EXPECT_TRUE(m_media.userIsLegA[1]);  // the caller's own channel comes first in its recording
    EXPECT_EQ(callerSide.companyId, m_companyId);
    EXPECT_NE(callerSide.callId, callee.callId);
    EXPECT_EQ(callerSide.startUtcMs, callee.startUtcMs);
}

TEST_F(B2buaTest, TwoHundredIsRetransmittedToTheCallerUntilItsAck) {
    m_a.send(port(), invite());
    const auto atB = m_b.nextRequest("INVITE");
    ASSERT_FALSE(atB.empty());
    m_b.send(port(), answer(atB, 200, sdp(31000)));
    const auto first = m_a.nextResponse(200);
    ASSERT_FALSE(first.empty());
    const auto again = m_a.nextResponse(200, std::chrono::milliseconds(500));  // T1 = 40 ms: soon again
    ASSERT_FALSE(again.empty());
    m_a.send(port(), inDialog("ACK", first.contactUri(), *first.header("From"), *first.header("To"),
                              first.callId(), 1, m_a.port(), "z9hG4bK-a-ack-1"));
    m_a.drain(std::chrono::milliseconds(200));  // what was in flight
    EXPECT_TRUE(m_a.nextResponse(200, std::chrono::milliseconds(500)).empty());  // then silence
}

TEST_F(B2buaTest, RetransmittedInviteIsAbsorbedNotRelayedTwice) {
    m_a.send(port(), invite());
    ASSERT_FALSE(m_b.nextRequest("INVITE").empty());
    m_a.send(port(), invite());  // same branch: a retransmission
    EXPECT_EQ(m_a.nextResponse(100).status(), 100);
    EXPECT_EQ(m_a.nextResponse(100).status(), 100);
    const auto more = m_b.drain(std::chrono::milliseconds(300));
    for (const auto& message : more) {
        // B may see our own retransmissions of the one INVITE (Timer A), never a second call.
        EXPECT_EQ(message.callId(), more.front().callId());
    }
}

TEST_F(B2buaTest, BusyIsRelayedAndBothNon2xxAreAcknowledged) {
    m_a.send(port(), invite());
    const auto atB = m_b.nextRequest("INVITE");
    ASSERT_FALSE(atB.empty());
    m_b.send(port(), answer(atB, 486));
    const auto ackAtB = m_b.nextRequest("ACK");
    ASSERT_FALSE(ackAtB.empty());
    EXPECT_EQ(ackAtB.topVia()->branch, atB.topVia()->branch);  // ACK of non-2xx: same transaction
    const auto busy = m_a.nextResponse(486);
    ASSERT_FALSE(busy.empty());
    EXPECT_FALSE(busy.toTag().empty());
    // Without A's ACK the 486 comes again (Timer G); A's ACK stops it.
    ASSERT_FALSE(m_a.nextResponse(486, std::chrono::milliseconds(500)).empty());
    m_a.send(port(), inDialog("ACK", "sip:21122560@127.0.0.1:" + std::to_string(port()), "<sip:1001@127.0.0.1>;tag=a-tag",
                              *busy.header("To"), "call-1@a", 1, m_a.port(), "z9hG4bK-a-inv-1"));
    m_a.drain(std::chrono::milliseconds(200));
    EXPECT_TRUE(m_a.nextResponse(486, std::chrono::milliseconds(400)).empty());
    const std::lock_guard lock(m_media.mutex);
    EXPECT_TRUE(m_media.recordings.empty());
}

TEST_F(B2buaTest, CancelAnswers200And487AndCancelsLegB) {
    m_a.send(port(), invite());
    const auto atB = m_b.nextRequest("INVITE");
    ASSERT_FALSE(atB.empty());
    m_b.send(port(), answer(atB, 180));
    ASSERT_FALSE(m_a.nextResponse(180).empty());

    m_a.send(port(), "CANCEL sip:21122560@127.0.0.1:" + std::to_string(port()) + " SIP/2.0\r\n" +
                         "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(m_a.port()) +
                         ";branch=z9hG4bK-a-inv-1;rport\r\nMax-Forwards: 70\r\n"
                         "From: <sip:1001@127.0.0.1>;tag=a-tag\r\nTo: <sip:21122560@127.0.0.1>\r\n"
                         "Call-ID: call-1@a\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n");
    const auto messages = [this] {
        std::vector<int> statuses;
        for (const auto& m : m_a.drain(std::chrono::milliseconds(300))) {
            if (m.isResponse()) {
                statuses.push_back(m.status() * 10 + (m.cseqMethod() == "CANCEL" ? 1 : 0));
            }
        }
        return statuses;
    }();
    EXPECT_NE(std::find(messages.begin(), messages.end(), 2001), messages.end());  // 200 to the CANCEL
    EXPECT_NE(std::find(messages.begin(), messages.end(), 4870), messages.end());  // 487 to the INVITE

    const auto cancel = m_b.nextRequest("CANCEL");
    ASSERT_FALSE(cancel.empty());
    EXPECT_EQ(cancel.topVia()->branch, atB.topVia()->branch);
    EXPECT_EQ(cancel.cseqNumber(), atB.cseqNumber());
    m_b.send(port(), answer(cancel, 200));
    m_b.send(port(), answer(atB, 487));
    EXPECT_FALSE(m_b.nextRequest("ACK").empty());
    const std::lock_guard lock(m_media.mutex);
    EXPECT_TRUE(m_media.recordings.empty());
}

TEST_F(B2buaTest, UnknownNumberGets404AndNothingIsRelayed) {
    m_a.send(port(), invite("99999999", "call-unknown@a"));
    EXPECT_FALSE(m_a.nextResponse(404).empty());
    EXPECT_TRUE(m_b.drain(std::chrono::milliseconds(300)).empty());
}

TEST_F(B2buaTest, OutboundCallFromAUserNumberWithoutARouteGets480) {
    // From is the user number (outbound); the dialled number has no contact and there is no downstream.
    std::string text = invite("55501234", "call-out@a");
    const auto from = text.find("From: <sip:1001@");
    text.replace(from, std::string("From: <sip:1001@").size(), "From: <sip:21122560@");
    m_a.send(port(), text);
    EXPECT_FALSE(m_a.nextResponse(480).empty());
}

TEST_F(B2buaTest, MaxForwardsZeroGets483) {
    m_a.send(port(), invite(kUserNumber, "call-mf@a", "z9hG4bK-mf", 0));
    EXPECT_FALSE(m_a.nextResponse(483).empty());
    EXPECT_TRUE(m_b.drain(std::chrono::milliseconds(300)).empty());
}

TEST_F(B2buaTest, NoMediaPortsGets503) {
    {
        const std::lock_guard lock(m_media.mutex);
        m_media.refuse = true;
    }
    m_a.send(port(), invite());
    EXPECT_FALSE(m_a.nextResponse(503).empty());
    EXPECT_TRUE(m_b.drain(std::chrono::milliseconds(300)).empty());
}

TEST_F(B2buaTest, ShutdownEndsAnAnsweredCallOnBothLegsAndRefusesNewCalls) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    std::promise<void> idle;
    m_b2bua->shutdown([&idle] { idle.set_value(); });
    const auto byeA = m_a.nextRequest("BYE");
    const auto byeB = m_b.nextRequest("BYE");
    ASSERT_FALSE(byeA.empty());
    ASSERT_FALSE(byeB.empty());
    EXPECT_EQ(byeA.callId(), "call-1@a");
    EXPECT_EQ(byeA.fromTag(), ok.toTag());                 // our tag toward A
    EXPECT_EQ(byeB.toTag(), "b-tag");
    EXPECT_EQ(byeB.cseqNumber(), 2U);
    EXPECT_EQ(idle.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
    m_a.send(port(), invite(kUserNumber, "call-2@a", "z9hG4bK-a-inv-2"));
    EXPECT_FALSE(m_a.nextResponse(503).empty());
}

}  // namespace
}  // namespace callvault::server::sip::test
