// SipMessage accessors and changes, and the builders: each built message goes to text and back.

#include "server/sip/sip_message.h"

#include "server/sip/sip_dialog.h"
#include "server/sip/sip_ids.h"
#include "server/sip/sip_parse.h"
#include "server/sip/sip_request_builder.h"
#include "server/sip/sip_response_builder.h"
#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace callvault::server::sip {
namespace {

using test::parse;

SipMessage roundTrip(const SipMessage& message) {
    const std::string wire = message.toString();
    EXPECT_FALSE(wire.empty());
    return parse(wire);
}

const std::string kInvite =
    "INVITE sip:+15551230000@192.0.2.10:5060;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK-inv-1;rport\r\n"
    "Via: SIP/2.0/TCP [2001:db8::5]:5070;branch=z9hG4bK-proxy;received=2001:db8::6\r\n"
    "Record-Route: <sip:proxy1.example.com;lr>\r\n"
    "Record-Route: <sip:proxy2.example.com;lr>\r\n"
    "Max-Forwards: 69\r\n"
    "From: \"Alice\" <sip:alice@example.com>;tag=from-1\r\n"
    "To: <sip:+15551230000@example.com>\r\n"
    "Call-ID: call-1@198.51.100.7\r\n"
    "CSeq: 314 INVITE\r\n"
    "Contact: <sip:alice@198.51.100.7:5062;transport=udp>\r\n"
    "X-Custom: one\r\n"
    "X-Custom: two\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "v=0\n";

TEST(SipMessage, AccessorsReadARequest) {
    const auto m = parse(kInvite);
    EXPECT_TRUE(m.isRequest());
    EXPECT_FALSE(m.isResponse());
    EXPECT_EQ(m.method(), "INVITE");
    EXPECT_EQ(m.requestUri(), "sip:+15551230000@192.0.2.10:5060;user=phone");
    EXPECT_EQ(m.status(), 0);
    EXPECT_EQ(m.callId(), "call-1@198.51.100.7");
    EXPECT_EQ(m.cseqNumber(), 314U);
    EXPECT_EQ(m.cseqMethod(), "INVITE");
    EXPECT_EQ(m.fromUri(), "sip:alice@example.com");
    EXPECT_EQ(m.fromTag(), "from-1");
    EXPECT_EQ(m.toUri(), "sip:+15551230000@example.com");
    EXPECT_EQ(m.toTag(), "");
    EXPECT_EQ(m.viaCount(), 2U);
    const auto top = m.topVia();
    ASSERT_TRUE(top.has_value());
    EXPECT_EQ(top->protocol, "SIP/2.0");
    EXPECT_EQ(top->transport, "UDP");
    EXPECT_EQ(top->host, "198.51.100.7");
    EXPECT_EQ(top->port, 5062);
    EXPECT_EQ(top->branch, "z9hG4bK-inv-1");
    EXPECT_TRUE(top->rport);
    EXPECT_FALSE(top->rportValue.has_value());
    EXPECT_FALSE(top->received.has_value());
    const auto second = m.via(1);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->host, "2001:db8::5");
    EXPECT_EQ(second->port, 5070);
    EXPECT_EQ(second->received, "2001:db8::6");
    EXPECT_FALSE(m.via(2).has_value());
    EXPECT_EQ(m.contactUri(), "sip:alice@198.51.100.7:5062;transport=udp");
    EXPECT_EQ(m.contentType(), "application/sdp");
    EXPECT_EQ(m.maxForwards(), 69);
    EXPECT_EQ(m.body(), "v=0\n");
    EXPECT_EQ(m.header("x-custom"), "one");
    EXPECT_EQ(m.headers("X-Custom"), (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(m.header("i"), "call-1@198.51.100.7");  // compact form
    EXPECT_EQ(m.header("Content-Length"), "4");
    EXPECT_EQ(m.headers("Record-Route").size(), 2U);
    EXPECT_FALSE(m.header("Subject").has_value());
}

TEST(SipMessage, AccessorsReadAResponse) {
    const auto m = parse(test::tortureMessage("rfc4475/unreason.dat"));
    EXPECT_TRUE(m.isResponse());
    EXPECT_EQ(m.status(), 200);
    EXPECT_EQ(m.method(), "");
    EXPECT_TRUE(m.reason().starts_with("= 2**3 * 5**2 "));
    EXPECT_EQ(m.toTag(), "2229");
    const auto noReason = parse(test::tortureMessage("rfc4475/noreason.dat"));
    EXPECT_EQ(noReason.status(), 100);
    EXPECT_EQ(noReason.reason(), "");
}

TEST(SipMessage, TortuousHeadersAreUnderstood) {
    const auto m = parse(test::tortureMessage("rfc4475/wsinv.dat"));
    EXPECT_EQ(m.callId(), "wsinv.ndaksdj@192.0.2.1");
    EXPECT_EQ(m.cseqNumber(), 9U);
    EXPECT_EQ(m.toTag(), "1918181833n");
    EXPECT_EQ(m.fromTag(), "98asjd8");
    EXPECT_EQ(m.viaCount(), 3U);
    EXPECT_EQ(m.via(2)->host, "192.168.255.111");
    EXPECT_EQ(m.maxForwards(), 68);
    EXPECT_NE(m.header("NewFangledHeader")->find("continued newfangled value"), std::string::npos);
}

TEST(SipMessage, ChangesShowInTheText) {
    auto m = parse(kInvite);
    EXPECT_TRUE(m.setToTag("to-9"));
    EXPECT_FALSE(m.setToTag("to-10"));
    EXPECT_TRUE(m.stampTopVia("203.0.113.9", 40000));
    EXPECT_TRUE(m.addHeader("Subject", "hello"));
    m.removeHeader("X-Custom");
    m.setBody(std::string("\0binary\0", 8), "application/octet-stream");
    const auto again = roundTrip(m);
    EXPECT_EQ(again.toTag(), "to-9");
    EXPECT_EQ(again.topVia()->received, "203.0.113.9");
    EXPECT_EQ(again.topVia()->rportValue, 40000);
    EXPECT_EQ(again.header("Subject"), "hello");
    EXPECT_TRUE(again.headers("X-Custom").empty());
    EXPECT_EQ(again.body(), std::string("\0binary\0", 8));
    EXPECT_EQ(again.contentType(), "application/octet-stream");
    const auto copy = again.clone();
    EXPECT_EQ(copy.toString(), again.toString());
}

TEST(SipResponseBuilder, ResponseCopiesTheTransactionFields) {
    const auto invite = parse(kInvite);
    const auto ringing = roundTrip(buildResponse(invite, 180, {}, "uas-tag"));
    EXPECT_TRUE(ringing.isResponse());
    EXPECT_EQ(ringing.status(), 180);
    EXPECT_EQ(ringing.reason(), "Ringing");
    EXPECT_EQ(ringing.headers("Via"), invite.headers("Via"));
    EXPECT_EQ(ringing.header("From"), invite.header("From"));
    EXPECT_EQ(ringing.toUri(), invite.toUri());
    EXPECT_EQ(ringing.toTag(), "uas-tag");
    EXPECT_EQ(ringing.callId(), invite.callId());
    EXPECT_EQ(ringing.cseqNumber(), 314U);
    EXPECT_EQ(ringing.cseqMethod(), "INVITE");
    EXPECT_EQ(ringing.headers("Record-Route"), invite.headers("Record-Route"));  // §12.1.1
    EXPECT_EQ(ringing.body(), "");

    const auto trying = roundTrip(buildResponse(invite, 100));
    EXPECT_EQ(trying.toTag(), "");
    EXPECT_TRUE(trying.headers("Record-Route").empty());
    const auto busy = roundTrip(buildResponse(invite, 486, "Busy Here Today", "uas-tag"));
    EXPECT_EQ(busy.reason(), "Busy Here Today");
    EXPECT_TRUE(busy.headers("Record-Route").empty());
    EXPECT_TRUE(buildResponse(busy, 200).empty());  // not a request
}

TEST(SipResponseBuilder, RejectionNamesTheProblem) {
    std::string bad = kInvite;
    bad.replace(bad.find("CSeq: 314 INVITE"), 16, "CSeq: 314 BYE");
    const auto refused = parseSipMessage(bad);
    ASSERT_FALSE(refused.ok());
    const auto answer = buildRejection(refused, "[2001:db8::1]:5060");
    ASSERT_TRUE(answer.has_value());
    const auto response = roundTrip(*answer);
    EXPECT_EQ(response.status(), 400);
    EXPECT_EQ(response.reason(), "Bad Request");
    EXPECT_EQ(response.header("Warning"),
              "399 [2001:db8::1]:5060 \"CSeq method BYE does not match the request method INVITE\"");
}

SipDialog aDialog() {
    SipDialog dialog;
    dialog.callId = "dialog-1@192.0.2.10";
    dialog.localUri = "sip:callvault@192.0.2.10";
    dialog.localTag = "local-1";
    dialog.remoteUri = "sip:bob@example.com";
    dialog.remoteTag = "remote-1";
    dialog.remoteTarget = "sip:bob@198.51.100.20:5080";
    dialog.routeSet = {"sip:proxy1.example.com;lr", "sip:proxy2.example.com;lr"};
    dialog.localContact = "sip:callvault@192.0.2.10:5060";
    return dialog;
}

TEST(SipRequestBuilder, InDialogRequestRoundTrips) {
    SipViaSpec via{"UDP", "192.0.2.10", 5060, ""};
    const auto reinvite = roundTrip(buildRequest(aDialog(), "INVITE", 12, via));
    EXPECT_EQ(reinvite.method(), "INVITE");
    EXPECT_EQ(reinvite.requestUri(), "sip:bob@198.51.100.20:5080");
    EXPECT_EQ(reinvite.headers("Route"),
              (std::vector<std::string>{"<sip:proxy1.example.com;lr>", "<sip:proxy2.example.com;lr>"}));
    EXPECT_EQ(reinvite.fromUri(), "sip:callvault@192.0.2.10");
    EXPECT_EQ(reinvite.fromTag(), "local-1");
    EXPECT_EQ(reinvite.toUri(), "sip:bob@example.com");
    EXPECT_EQ(reinvite.toTag(), "remote-1");
    EXPECT_EQ(reinvite.callId(), "dialog-1@192.0.2.10");
    EXPECT_EQ(reinvite.cseqNumber(), 12U);
    EXPECT_EQ(reinvite.cseqMethod(), "INVITE");
    EXPECT_EQ(reinvite.maxForwards(), 70);
    EXPECT_EQ(reinvite.contactUri(), "sip:callvault@192.0.2.10:5060");
    const auto top = reinvite.topVia();
    EXPECT_EQ(top->host, "192.0.2.10");
    EXPECT_EQ(top->port, 5060);
    EXPECT_TRUE(top->branch.starts_with("z9hG4bK"));
    EXPECT_TRUE(top->rport);

    const auto bye = roundTrip(buildRequest(aDialog(), "BYE", 13, via));
    EXPECT_EQ(bye.contactUri(), "");  // RFC 3261 table 3: no Contact in BYE
    EXPECT_NE(bye.topVia()->branch, top->branch);
}

TEST(SipRequestBuilder, StrictRouterGetsTheRequestUri) {
    auto dialog = aDialog();
    dialog.routeSet = {"sip:strict.example.com", "sip:proxy2.example.com;lr"};
    const auto request =
        roundTrip(buildRequest(dialog, "BYE", 2, {"TCP", "2001:db8::10", 5060, "z9hG4bK-fixed"}));
    EXPECT_EQ(request.requestUri(), "sip:strict.example.com");
    EXPECT_EQ(request.headers("Route"),
              (std::vector<std::string>{"<sip:proxy2.example.com;lr>", "<sip:bob@198.51.100.20:5080>"}));
    EXPECT_EQ(request.topVia()->host, "2001:db8::10");
    EXPECT_EQ(request.topVia()->transport, "TCP");
    EXPECT_EQ(request.topVia()->branch, "z9hG4bK-fixed");
    EXPECT_NE(request.toString().find("Via: SIP/2.0/TCP [2001:db8::10]:5060;"), std::string::npos);
}

TEST(SipRequestBuilder, InitialRequestHasNoToTag) {
    auto dialog = aDialog();
    dialog.remoteTag.clear();
    dialog.routeSet.clear();
    const auto invite = roundTrip(buildRequest(dialog, "INVITE", 1, {"UDP", "192.0.2.10", 0, ""}));
    EXPECT_EQ(invite.toTag(), "");
    EXPECT_FALSE(invite.topVia()->port.has_value());
    EXPECT_TRUE(invite.headers("Route").empty());
}

TEST(SipDialog, UasAndUacSeeTheSameDialogFromTheirSides) {
    const auto invite = parse(kInvite);
    const auto uas = uasDialog(invite, "uas-tag", "sip:callvault@192.0.2.10");
    EXPECT_EQ(uas.callId, "call-1@198.51.100.7");
    EXPECT_EQ(uas.localUri, "sip:+15551230000@example.com");
    EXPECT_EQ(uas.localTag, "uas-tag");
    EXPECT_EQ(uas.remoteUri, "sip:alice@example.com");
    EXPECT_EQ(uas.remoteTag, "from-1");
    EXPECT_EQ(uas.remoteTarget, "sip:alice@198.51.100.7:5062;transport=udp");
    EXPECT_EQ(uas.routeSet,
              (std::vector<std::string>{"sip:proxy1.example.com;lr", "sip:proxy2.example.com;lr"}));

    auto ok = buildResponse(invite, 200, {}, "uas-tag");
    ASSERT_TRUE(ok.addHeader("Contact", "<sip:callvault@192.0.2.10>"));
    const auto uac = uacDialog(invite, roundTrip(ok));
    EXPECT_EQ(uac.localTag, "from-1");
    EXPECT_EQ(uac.remoteTag, "uas-tag");
    EXPECT_EQ(uac.remoteTarget, "sip:callvault@192.0.2.10");
    EXPECT_EQ(uac.routeSet,
              (std::vector<std::string>{"sip:proxy2.example.com;lr", "sip:proxy1.example.com;lr"}));

    // The UAS hangs up: its BYE goes to Alice's Contact through the recorded route.
    const auto bye = roundTrip(buildRequest(uas, "BYE", 1, {"UDP", "192.0.2.10", 5060, ""}));
    EXPECT_EQ(bye.requestUri(), "sip:alice@198.51.100.7:5062;transport=udp");
    EXPECT_EQ(bye.fromTag(), "uas-tag");
    EXPECT_EQ(bye.toTag(), "from-1");
}

TEST(SipRequestBuilder, CancelAndAckMatchTheInviteTransaction) {
    const auto invite = parse(kInvite);
    const auto cancel = roundTrip(buildCancel(invite));
    EXPECT_EQ(cancel.method(), "CANCEL");
    EXPECT_EQ(cancel.requestUri(), invite.requestUri());
    EXPECT_EQ(cancel.viaCount(), 1U);
    EXPECT_EQ(cancel.topVia()->branch, "z9hG4bK-inv-1");
    EXPECT_EQ(cancel.cseqNumber(), 314U);
    EXPECT_EQ(cancel.cseqMethod(), "CANCEL");
    EXPECT_EQ(cancel.toTag(), "");
    EXPECT_EQ(cancel.callId(), invite.callId());

    const auto busy = buildResponse(invite, 486, {}, "uas-9");
    const auto ack = roundTrip(buildAckForFailure(invite, busy));
    EXPECT_EQ(ack.method(), "ACK");
    EXPECT_EQ(ack.topVia()->branch, "z9hG4bK-inv-1");
    EXPECT_EQ(ack.cseqNumber(), 314U);
    EXPECT_EQ(ack.cseqMethod(), "ACK");
    EXPECT_EQ(ack.toTag(), "uas-9");
    EXPECT_TRUE(buildCancel(busy).empty());
}

TEST(SipIds, AreFreshAndWellFormed) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto branch = newBranch();
        EXPECT_TRUE(branch.starts_with("z9hG4bK"));
        EXPECT_EQ(branch.size(), 7U + 16U);
        seen.insert(branch);
        seen.insert(newTag());
    }
    EXPECT_EQ(seen.size(), 2000U);
    EXPECT_TRUE(newCallId("example.com").ends_with("@example.com"));
    EXPECT_EQ(uriHost("2001:db8::1"), "[2001:db8::1]");
    EXPECT_EQ(uriHost("192.0.2.1"), "192.0.2.1");
}

}  // namespace
}  // namespace callvault::server::sip
