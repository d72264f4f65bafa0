// The B2BUA inside an answered call: BYE from either side, re-INVITE (hold), INFO, requests outside a
// dialog (sip_b2bua_fixture.h).

#include "server/sip/sdp.h"
#include "tests/server/unit/sip_b2bua_fixture.h"

namespace callvault::server::sip::test {
namespace {

const std::string kBTag = "<sip:21122560@127.0.0.1>;tag=b-tag";

TEST_F(B2buaTest, ByeFromTheCallerIsAnsweredAndSentOnToTheCallee) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    m_a.send(port(), inDialog("BYE", ok.contactUri(), *ok.header("From"), *ok.header("To"), ok.callId(), 2,
                              m_a.port(), "z9hG4bK-a-bye"));
    const auto okBye = m_a.nextResponse(200);
    ASSERT_FALSE(okBye.empty());
    EXPECT_EQ(okBye.cseqMethod(), "BYE");
    const auto bye = m_b.nextRequest("BYE");
    ASSERT_FALSE(bye.empty());
    EXPECT_EQ(bye.callId(), atB.callId());
    EXPECT_EQ(bye.fromTag(), atB.fromTag());
    EXPECT_EQ(bye.toTag(), "b-tag");
    EXPECT_EQ(bye.cseqNumber(), 2U);  // after the INVITE's 1 on leg B
    m_b.send(port(), answer(bye, 200));
    EXPECT_TRUE(m_media.waitStopped(1));
}

TEST_F(B2buaTest, ByeFromTheCalleeIsAnsweredAndSentOnToTheCaller) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    m_b.send(port(), inDialog("BYE", atB.contactUri(), kBTag, *atB.header("From"), atB.callId(), 1, m_b.port(),
                              "z9hG4bK-b-bye"));
    EXPECT_FALSE(m_b.nextResponse(200).empty());
    const auto bye = m_a.nextRequest("BYE");
    ASSERT_FALSE(bye.empty());
    EXPECT_EQ(bye.callId(), "call-1@a");
    EXPECT_EQ(bye.fromTag(), ok.toTag());
    EXPECT_EQ(bye.toTag(), "a-tag");
    EXPECT_EQ(bye.requestUri(), "sip:1001@127.0.0.1:" + std::to_string(m_a.port()));  // A's Contact
    // Unanswered, our BYE is retransmitted (Timer E).
    EXPECT_FALSE(m_a.nextRequest("BYE", std::chrono::milliseconds(500)).empty());
}

TEST_F(B2buaTest, ReInviteForHoldIsRelayedWithTheOtherLegsDialogAndAnchoredBothWays) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    m_a.send(port(), inDialog("INVITE", ok.contactUri(), *ok.header("From"), *ok.header("To"), ok.callId(), 2,
                              m_a.port(), "z9hG4bK-a-reinv", sdp(30000, "sendonly", 2)));
    EXPECT_FALSE(m_a.nextResponse(100).empty());
    const auto reinvite = m_b.nextRequest("INVITE");
    ASSERT_FALSE(reinvite.empty());
    EXPECT_EQ(reinvite.callId(), atB.callId());
    EXPECT_EQ(reinvite.toTag(), "b-tag");
    EXPECT_EQ(reinvite.cseqNumber(), 2U);
    const auto offer = parseSdp(reinvite.body());
    ASSERT_TRUE(offer.has_value());
    EXPECT_EQ(offer->activeAudio()->port, 40002);
    EXPECT_EQ(offer->effectiveDirection(*offer->activeAudio()), SdpDirection::SendOnly);

    m_b.send(port(), answer(reinvite, 200, sdp(31000, "recvonly", 2)));
    const auto ack = m_b.nextRequest("ACK");
    ASSERT_FALSE(ack.empty());
    EXPECT_EQ(ack.cseqNumber(), 2U);
    const auto relayed = m_a.nextResponse(200);
    ASSERT_FALSE(relayed.empty());
    EXPECT_EQ(relayed.cseqNumber(), 2U);
    EXPECT_EQ(relayed.toTag(), ok.toTag());
    const auto answerSdp = parseSdp(relayed.body());
    ASSERT_TRUE(answerSdp.has_value());
    EXPECT_EQ(answerSdp->activeAudio()->port, 40000);
    EXPECT_EQ(answerSdp->effectiveDirection(*answerSdp->activeAudio()), SdpDirection::RecvOnly);

    const std::lock_guard lock(m_media.mutex);
    ASSERT_EQ(m_media.remotesA.size(), 2U);  // the media learnt the hold of A ...
    EXPECT_EQ(m_media.remotesA[1].direction, SdpDirection::SendOnly);
    ASSERT_EQ(m_media.remotesB.size(), 2U);  // ... and B's answer
    EXPECT_EQ(m_media.remotesB[1].direction, SdpDirection::RecvOnly);
    EXPECT_EQ(m_media.recordings.size(), 1U);  // still one recording
}

TEST_F(B2buaTest, InfoFromTheCalleeIsRelayedAndItsResponseComesBack) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    std::string info = inDialog("INFO", atB.contactUri(), kBTag, *atB.header("From"), atB.callId(), 7, m_b.port(),
                                "z9hG4bK-b-info");
    const std::string body = "Signal=5\r\nDuration=160\r\n";
    info.replace(info.find("Content-Length: 0\r\n"), std::string("Content-Length: 0\r\n").size(),
                 "Content-Type: application/dtmf-relay\r\nContent-Length: " + std::to_string(body.size()) + "\r\n");
    info += body;
    m_b.send(port(), info);
    const auto atA = m_a.nextRequest("INFO");
    ASSERT_FALSE(atA.empty());
    EXPECT_EQ(atA.callId(), "call-1@a");
    EXPECT_EQ(atA.toTag(), "a-tag");
    EXPECT_EQ(atA.cseqNumber(), 1U);  // our first request toward A
    EXPECT_EQ(atA.contentType(), "application/dtmf-relay");
    EXPECT_EQ(atA.body(), body);
    m_a.send(port(), answer(atA, 200));
    const auto relayed = m_b.nextResponse(200);
    ASSERT_FALSE(relayed.empty());
    EXPECT_EQ(relayed.cseqMethod(), "INFO");
    EXPECT_EQ(relayed.cseqNumber(), 7U);
    EXPECT_EQ(relayed.topVia()->branch, "z9hG4bK-b-info");
}

TEST_F(B2buaTest, RequestsOutsideAnyDialogGet481) {
    m_a.send(port(), inDialog("BYE", "sip:x@127.0.0.1", "<sip:1001@127.0.0.1>;tag=zz", "<sip:y@127.0.0.1>;tag=yy",
                              "no-such-call@a", 1, m_a.port(), "z9hG4bK-stray"));
    EXPECT_FALSE(m_a.nextResponse(481).empty());
}

TEST_F(B2buaTest, InDialogRequestWithAWrongTagGets481) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    m_a.send(port(), inDialog("INFO", ok.contactUri(), *ok.header("From"), "<sip:21122560@127.0.0.1>;tag=wrong",
                              ok.callId(), 3, m_a.port(), "z9hG4bK-a-wrong"));
    EXPECT_FALSE(m_a.nextResponse(481).empty());
}

class PendingNumberB2buaTest : public B2buaTest {
protected:
    bool activatedNumber() const override { return false; }
};

TEST_F(PendingNumberB2buaTest, PendingActivationNumberIsConnectedButNotRecorded) {
    const auto [atB, ok] = answeredCall();
    ASSERT_FALSE(ok.empty());
    const std::lock_guard lock(m_media.mutex);
    EXPECT_EQ(m_media.created, 1);
    EXPECT_TRUE(m_media.recordings.empty());
}

}  // namespace
}  // namespace callvault::server::sip::test
