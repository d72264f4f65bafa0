// SDP: parse what a media-anchoring B2BUA needs, build our own, rewrite c=/m= to the anchor.

#include "server/sip/sdp.h"

#include "server/sip/sdp_writer.h"
#include "server/sip/sip_parse.h"
#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace callvault::server::sip {
namespace {

const std::string kOffer =
    "v=0\r\n"
    "o=alice 2890844526 2890844526 IN IP4 198.51.100.7\r\n"
    "s=-\r\n"
    "c=IN IP4 198.51.100.7\r\n"
    "t=0 0\r\n"
    "a=tool:phone 1.0\r\n"
    "m=audio 49170 RTP/AVP 0 8 101\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=ptime:20\r\n"
    "a=rtcp:49171\r\n"
    "a=candidate:1 1 UDP 2130706431 198.51.100.7 49170 typ host\r\n"
    "a=x-unknown:kept\r\n"
    "a=sendrecv\r\n"
    "m=video 51372 RTP/AVP 99\r\n"
    "a=rtpmap:99 H264/90000\r\n";

std::string bodyOf(std::string_view tortureFile) {
    const auto result = parseSipMessage(test::tortureMessage(tortureFile));
    EXPECT_TRUE(result.ok());
    return result.message.body();
}

TEST(SipSdp, ParsesAudioPayloadsAndAttributes) {
    const auto sdp = parseSdp(kOffer);
    ASSERT_TRUE(sdp.has_value());
    EXPECT_EQ(sdp->originAddress, "198.51.100.7");
    EXPECT_EQ(sdp->sessionVersion, "2890844526");
    EXPECT_EQ(sdp->address, "198.51.100.7");
    EXPECT_EQ(sdp->addressType, "IP4");
    ASSERT_EQ(sdp->media.size(), 2U);
    const auto* audio = sdp->activeAudio();
    ASSERT_NE(audio, nullptr);
    EXPECT_EQ(audio->port, 49170);
    EXPECT_EQ(audio->protocol, "RTP/AVP");
    EXPECT_EQ(audio->payloadTypes(), (std::vector<int>{0, 8, 101}));
    EXPECT_EQ(audio->rtpMap(0), (SdpRtpMap{0, "PCMU", 8000, 1}));  // static, no rtpmap line
    EXPECT_EQ(audio->rtpMap(8), (SdpRtpMap{8, "PCMA", 8000, 1}));
    EXPECT_EQ(audio->rtpMap(101), (SdpRtpMap{101, "telephone-event", 8000, 1}));
    EXPECT_FALSE(audio->rtpMap(96).has_value());
    EXPECT_EQ(audio->telephoneEventPayload(), 101);
    EXPECT_EQ(audio->fmtp.at(101), "0-16");
    EXPECT_EQ(audio->ptime, 20);
    EXPECT_EQ(sdp->effectiveDirection(*audio), SdpDirection::SendRecv);
    EXPECT_EQ(sdp->connectionAddress(*audio), "198.51.100.7");
    EXPECT_FALSE(sdp->isHold(*audio));
    EXPECT_EQ(sdp->media[1].type, "video");
    EXPECT_EQ(sdp->media[1].rtpMap(99)->clockRate, 90000);
}

TEST(SipSdp, ParsesIpv6FromRfc5118) {
    // RFC 5118 §4.6 ipv6-in-sdp.
    const auto sdp = parseSdp(bodyOf("rfc5118/ipv6-in-sdp.dat"));
    ASSERT_TRUE(sdp.has_value());
    EXPECT_EQ(sdp->address, "2001:db8::20");
    EXPECT_EQ(sdp->addressType, "IP6");
    EXPECT_EQ(sdp->originAddress, "2001:db8::20");
    const auto* audio = sdp->activeAudio();
    ASSERT_NE(audio, nullptr);
    EXPECT_EQ(audio->port, 6000);
    EXPECT_EQ(audio->rtpMap(2)->encoding, "G726-32");
    EXPECT_EQ(sdp->connectionAddress(*audio), "2001:db8::20");
}

TEST(SipSdp, ParsesMediaLevelAddressesOfBothFamilies) {
    // RFC 5118 §4.8 mult-ip-in-sdp: no session c=, audio on IPv4, video on IPv6, an empty s= line.
    const auto sdp = parseSdp(bodyOf("rfc5118/mult-ip-in-sdp.dat"));
    ASSERT_TRUE(sdp.has_value());
    EXPECT_EQ(sdp->address, "");
    ASSERT_EQ(sdp->media.size(), 2U);
    EXPECT_EQ(sdp->connectionAddress(sdp->media[0]), "192.0.2.1");
    EXPECT_EQ(sdp->media[0].addressType, "IP4");
    EXPECT_EQ(sdp->connectionAddress(sdp->media[1]), "2001:db8::1");
    EXPECT_EQ(sdp->media[1].addressType, "IP6");
    const auto ipv4Mapped = parseSdp(bodyOf("rfc5118/ipv4-mapped-ipv6.dat"));
    ASSERT_TRUE(ipv4Mapped.has_value());
    EXPECT_EQ(ipv4Mapped->address, "::ffff:192.0.2.2");
}

TEST(SipSdp, HoldIsSeenEitherWay) {
    const auto sendonly = parseSdp(
        "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
        "m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n");
    ASSERT_TRUE(sendonly.has_value());
    EXPECT_TRUE(sendonly->isHold(sendonly->media[0]));
    const auto rfc2543 =
        parseSdp("v=0\no=- 1 2 IN IP4 192.0.2.1\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 4000 RTP/AVP 0\n");
    ASSERT_TRUE(rfc2543.has_value());  // bare LF line ends are accepted too
    EXPECT_TRUE(rfc2543->isHold(rfc2543->media[0]));
    const auto overridden = parseSdp(
        "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
        "a=inactive\r\nm=audio 4000 RTP/AVP 0\r\na=recvonly\r\n");
    ASSERT_TRUE(overridden.has_value());
    EXPECT_EQ(overridden->direction, SdpDirection::Inactive);
    EXPECT_EQ(overridden->effectiveDirection(overridden->media[0]), SdpDirection::RecvOnly);
    EXPECT_FALSE(overridden->isHold(overridden->media[0]));
}

TEST(SipSdp, RefusesWhatIsNotSdp) {
    EXPECT_FALSE(parseSdp("").has_value());
    EXPECT_FALSE(parseSdp("hello").has_value());
    EXPECT_FALSE(parseSdp("o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n").has_value());
    EXPECT_FALSE(parseSdp("v=0\r\nm=audio 70000 RTP/AVP 0\r\n").has_value());
    EXPECT_FALSE(parseSdp("v=0\r\nm=audio 4000\r\n").has_value());
    EXPECT_FALSE(parseSdp("v=0\r\nc=IN IP4\r\n").has_value());
    EXPECT_FALSE(parseSdp("v=0\r\nm =video 3227 RTP/AVP 31\r\n").has_value());  // RFC 4475 dblreq's 2nd body
}

TEST(SipSdp, AnchorRewritesAddressAndPortAndKeepsTheRest) {
    const auto anchored = anchorSdp(kOffer, {"192.0.2.10", 30000});
    ASSERT_TRUE(anchored.has_value());
    const std::string expected =
        "v=0\r\n"
        "o=alice 2890844526 2890844526 IN IP4 198.51.100.7\r\n"
        "s=-\r\n"
        "c=IN IP4 192.0.2.10\r\n"
        "t=0 0\r\n"
        "a=tool:phone 1.0\r\n"
        "m=audio 30000 RTP/AVP 0 8 101\r\n"
        "a=rtpmap:101 telephone-event/8000\r\n"
        "a=fmtp:101 0-16\r\n"
        "a=ptime:20\r\n"
        "a=x-unknown:kept\r\n"
        "a=sendrecv\r\n"
        "m=video 0 RTP/AVP 99\r\n"
        "a=rtpmap:99 H264/90000\r\n";
    EXPECT_EQ(*anchored, expected);
    const auto sdp = parseSdp(*anchored);
    ASSERT_TRUE(sdp.has_value());
    EXPECT_EQ(sdp->connectionAddress(*sdp->activeAudio()), "192.0.2.10");
    EXPECT_EQ(sdp->activeAudio()->port, 30000);
}

TEST(SipSdp, AnchorHandlesIpv6AndMediaLevelAddresses) {
    const auto v6 = anchorSdp(bodyOf("rfc5118/ipv6-in-sdp.dat"), {"2001:db8::99", 31000});
    ASSERT_TRUE(v6.has_value());
    const auto sdp = parseSdp(*v6);
    ASSERT_TRUE(sdp.has_value());
    EXPECT_EQ(sdp->address, "2001:db8::99");
    EXPECT_EQ(sdp->addressType, "IP6");
    EXPECT_EQ(sdp->activeAudio()->port, 31000);
    EXPECT_EQ(sdp->media[1].port, 0);  // video is not anchored: disabled

    const auto mixed = anchorSdp(bodyOf("rfc5118/mult-ip-in-sdp.dat"), {"2001:db8::99", 31002});
    ASSERT_TRUE(mixed.has_value());
    const auto mixedSdp = parseSdp(*mixed);
    ASSERT_TRUE(mixedSdp.has_value());
    EXPECT_EQ(mixedSdp->connectionAddress(mixedSdp->media[0]), "2001:db8::99");
    EXPECT_EQ(mixedSdp->media[0].addressType, "IP6");
    EXPECT_EQ(mixedSdp->media[0].port, 31002);
    EXPECT_EQ(mixedSdp->media[1].port, 0);
    EXPECT_NE(mixed->find("o=bob 280744730 28977631 IN IP4 host.example.com\r\n"), std::string::npos);
}

TEST(SipSdp, AnchorKeepsAHoldAddress) {
    const auto held = anchorSdp(
        "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
        "m=audio 4000 RTP/AVP 8\r\n",
        {"192.0.2.10", 30000});
    ASSERT_TRUE(held.has_value());
    EXPECT_NE(held->find("c=IN IP4 0.0.0.0\r\n"), std::string::npos);
    EXPECT_NE(held->find("m=audio 30000 RTP/AVP 8\r\n"), std::string::npos);
    EXPECT_FALSE(anchorSdp("not sdp", {"192.0.2.10", 30000}).has_value());
}

TEST(SipSdp, BuiltDescriptionParsesBack) {
    SdpAudioDescription d;
    d.sessionId = 42;
    d.sessionVersion = 7;
    d.address = "2001:db8::10";
    d.port = 30010;
    d.payloads = {{0, "PCMU", 8000, 1}, {8, "PCMA", 8000, 1}, {101, "telephone-event", 8000, 1}};
    d.fmtp = {{101, "0-16"}};
    d.direction = SdpDirection::SendOnly;
    const auto text = buildAudioSdp(d);
    const auto sdp = parseSdp(text);
    ASSERT_TRUE(sdp.has_value()) << text;
    EXPECT_EQ(sdp->sessionId, "42");
    EXPECT_EQ(sdp->sessionVersion, "7");
    EXPECT_EQ(sdp->address, "2001:db8::10");
    EXPECT_EQ(sdp->addressType, "IP6");
    const auto* audio = sdp->activeAudio();
    ASSERT_NE(audio, nullptr);
    EXPECT_EQ(audio->port, 30010);
    EXPECT_EQ(audio->payloadTypes(), (std::vector<int>{0, 8, 101}));
    EXPECT_EQ(audio->rtpMaps, d.payloads);
    EXPECT_EQ(audio->fmtp.at(101), "0-16");
    EXPECT_EQ(audio->ptime, 20);
    EXPECT_EQ(sdp->effectiveDirection(*audio), SdpDirection::SendOnly);
}

}  // namespace
}  // namespace callvault::server::sip
