// Routing and the recording decision of §18 (server/sip/call_router.h), and the SIP URI helpers.

#include "server/sip/call_router.h"
#include "server/sip/sip_parse.h"
#include "server/sip/sip_uri_target.h"

#include <gtest/gtest.h>

#include <map>

namespace callvault::server::sip {
namespace {

/// Numbers held in a map (the store-backed directory is covered by the B2BUA tests).
class MapDirectory : public NumberDirectory {
public:
    std::optional<NumberRecord> find(const std::string& number) override {
        const auto it = numbers.find(number);
        return it == numbers.end() ? std::nullopt : std::optional<NumberRecord>(it->second);
    }
    std::map<std::string, NumberRecord> numbers;
};

NumberRecord record(const std::string& number, NumberStatus status = NumberStatus::Normal, bool inbound = true,
                    bool outbound = true, const std::string& startDate = {}) {
    NumberRecord r;
    r.number.companyId = 3;
    r.number.number = number;
    r.number.status = status;
    r.number.inbound = inbound;
    r.number.outbound = outbound;
    r.number.userId = 9;
    r.groupId = 4;
    r.today = "2026-11-25";
    r.recordingStartDate = startDate;
    return r;
}

SipMessage invite(const std::string& to, const std::string& from, const std::string& extra = {}) {
    const std::string text = "INVITE sip:" + to + "@192.0.2.1 SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-r\r\nMax-Forwards: 70\r\n"
                             "From: <sip:" + from + "@192.0.2.9>;tag=f\r\nTo: <sip:" + to + "@192.0.2.1>\r\n"
                             "Call-ID: r@x\r\nCSeq: 1 INVITE\r\n" + extra + "Content-Length: 0\r\n\r\n";
    auto parsed = parseSipMessage(text);
    EXPECT_TRUE(parsed.ok()) << (parsed.failure ? parsed.failure->reason : "");
    return std::move(parsed.message);
}

class CallRouterTest : public testing::Test {
protected:
    void SetUp() override {
        config.downstream = "sip:192.0.2.50:5080;transport=udp";
        config.contacts["21122560"] = "sip:21122560@192.0.2.60:5071";
    }
    MapDirectory directory;
    RoutingConfig config;
};

TEST_F(CallRouterTest, InboundToANumberWithAContactGoesToTheContactAndIsRecorded) {
    directory.numbers["21122560"] = record("21122560");
    const auto d = routeCall(invite("21122560", "1001"), directory, config);
    EXPECT_EQ(d.rejectStatus, 0);
    EXPECT_EQ(d.direction, record::CallDirection::Inbound);
    EXPECT_EQ(d.userNumber, "21122560");
    EXPECT_EQ(d.otherNumber, "1001");
    EXPECT_EQ(d.targetUri, "sip:21122560@192.0.2.60:5071");
    EXPECT_EQ(d.targetPeer.address.to_string(), "192.0.2.60");
    EXPECT_EQ(d.targetPeer.port, 5071);
    EXPECT_TRUE(d.record);
}

TEST_F(CallRouterTest, AUserNumberCallingAnotherIsRecordedForBothUsers) {
    directory.numbers["21122560"] = record("21122560");
    directory.numbers["21122561"] = record("21122561");
    const auto d = routeCall(invite("21122560", "21122561"), directory, config);
    EXPECT_EQ(d.rejectStatus, 0);
    EXPECT_EQ(d.direction, record::CallDirection::Inbound);
    EXPECT_EQ(d.userNumber, "21122560");
    EXPECT_TRUE(d.record);
    ASSERT_TRUE(d.caller.has_value());
    EXPECT_EQ(d.caller->userNumber, "21122561");
    EXPECT_EQ(d.caller->otherNumber, "21122560");
    EXPECT_TRUE(d.caller->record);
}

TEST_F(CallRouterTest, TheCallersSideFollowsItsOwnNumbersRules) {
    directory.numbers["21122560"] = record("21122560");
    directory.numbers["21122561"] = record("21122561", NumberStatus::Normal, true, /*outbound=*/false);
    const auto d = routeCall(invite("21122560", "21122561"), directory, config);
    EXPECT_TRUE(d.record);
    ASSERT_TRUE(d.caller.has_value());
    EXPECT_FALSE(d.caller->record);
    EXPECT_EQ(d.caller->notRecordedWhy, "outbound calls of the number are not recorded");

    directory.numbers["21122561"] = record("21122561", NumberStatus::PendingActivation);
    directory.numbers["21122560"] = record("21122560", NumberStatus::PendingActivation);
    const auto pending = routeCall(invite("21122560", "21122561"), directory, config);
    EXPECT_FALSE(pending.record);
    ASSERT_TRUE(pending.caller.has_value());
    EXPECT_FALSE(pending.caller->record);
}

TEST_F(CallRouterTest, ACallerWhoIsNoUserNumberHasNoRecordingOfItsOwn) {
    directory.numbers["21122560"] = record("21122560");
    EXPECT_FALSE(routeCall(invite("21122560", "1001"), directory, config).caller.has_value());
}

TEST_F(CallRouterTest, OutboundFromANumberGoesDownstreamWithTheDialledNumber) {
    directory.numbers["21122560"] = record("21122560");
    const auto d = routeCall(invite("55501234", "21122560"), directory, config);
    EXPECT_EQ(d.rejectStatus, 0);
    EXPECT_EQ(d.direction, record::CallDirection::Outbound);
    EXPECT_EQ(d.userNumber, "21122560");
    EXPECT_EQ(d.otherNumber, "55501234");
    EXPECT_EQ(d.targetUri, "sip:55501234@192.0.2.50:5080;transport=udp");
    EXPECT_EQ(d.targetPeer.port, 5080);
    EXPECT_TRUE(d.record);
}

TEST_F(CallRouterTest, PAssertedIdentityNamesTheCallerBeforeFrom) {
    directory.numbers["21122560"] = record("21122560");
    const auto d = routeCall(invite("55501234", "anonymous", "P-Asserted-Identity: <sip:21122560@192.0.2.9>\r\n"),
                             directory, config);
    EXPECT_EQ(d.direction, record::CallDirection::Outbound);
    EXPECT_EQ(d.userNumber, "21122560");
}

TEST_F(CallRouterTest, NoKnownNumberIs404) {
    const auto d = routeCall(invite("55501234", "1001"), directory, config);
    EXPECT_EQ(d.rejectStatus, 404);
}

TEST_F(CallRouterTest, NoContactAndNoDownstreamIs480) {
    directory.numbers["21122560"] = record("21122560");
    config.downstream.clear();
    EXPECT_EQ(routeCall(invite("55501234", "21122560"), directory, config).rejectStatus, 480);
}

TEST_F(CallRouterTest, PendingNumbersAreConnectedButNotRecorded) {
    for (const auto status : {NumberStatus::PendingActivation, NumberStatus::PendingEffective}) {
        directory.numbers["21122560"] = record("21122560", status);
        const auto d = routeCall(invite("21122560", "1001"), directory, config);
        EXPECT_EQ(d.rejectStatus, 0);
        EXPECT_FALSE(d.record);
        EXPECT_NE(d.notRecordedWhy.find(std::string(toString(status))), std::string::npos) << d.notRecordedWhy;
    }
}

TEST_F(CallRouterTest, TheDirectionFunctionDecidesRecording) {
    directory.numbers["21122560"] = record("21122560", NumberStatus::Normal, false, true);
    EXPECT_FALSE(routeCall(invite("21122560", "1001"), directory, config).record);
    EXPECT_TRUE(routeCall(invite("55501234", "21122560"), directory, config).record);
    directory.numbers["21122560"] = record("21122560", NumberStatus::Normal, true, false);
    EXPECT_TRUE(routeCall(invite("21122560", "1001"), directory, config).record);
    EXPECT_FALSE(routeCall(invite("55501234", "21122560"), directory, config).record);
}

TEST_F(CallRouterTest, RecordingStartsOnTheUsersStartDate) {
    directory.numbers["21122560"] = record("21122560", NumberStatus::Normal, true, true, "2026-11-26");
    EXPECT_FALSE(routeCall(invite("21122560", "1001"), directory, config).record);
    directory.numbers["21122560"] = record("21122560", NumberStatus::Normal, true, true, "2026-11-25");
    EXPECT_TRUE(routeCall(invite("21122560", "1001"), directory, config).record);
}

TEST(SipUriTargetTest, PeersComeFromIpUrisOnly) {
    const auto udp = peerForUri("<sip:21122560@127.0.0.1:5071>");
    ASSERT_TRUE(udp.has_value());
    EXPECT_EQ(udp->port, 5071);
    EXPECT_EQ(udp->transport, SipTransportKind::Udp);
    const auto tcp = peerForUri("sip:[::1];transport=TCP");
    ASSERT_TRUE(tcp.has_value());
    EXPECT_EQ(tcp->port, 5060);
    EXPECT_EQ(tcp->transport, SipTransportKind::Tcp);
    EXPECT_TRUE(tcp->address.is_v6());
    EXPECT_FALSE(peerForUri("sip:pbx.example.com:5060").has_value());  // no DNS on the call path
    EXPECT_FALSE(peerForUri("mailto:a@b").has_value());
    EXPECT_EQ(uriUser("sip:%32112@h"), "2112");
    EXPECT_EQ(uriUser("tel:+85221122560;phone-context=x"), "+85221122560");
    EXPECT_EQ(uriUser("<sip:h>"), "");
}

}  // namespace
}  // namespace callvault::server::sip
