// frameSipMessage: cutting SIP messages out of a TCP byte stream.

#include "server/sip/sip_stream_framer.h"

#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace callvault::server::sip {
namespace {

constexpr std::size_t kCap = 65535;

std::string withBody(std::string_view body) {
    std::string m = test::optionsRequest();
    m.replace(m.find("Content-Length: 0"), 17, "Content-Length: " + std::to_string(body.size()));
    return m + std::string(body);
}

TEST(SipStreamFramer, TwoMessagesInOneBufferComeOutOneByOne) {
    const std::string first = withBody("hello");
    const std::string second = test::optionsRequest("z9hG4bK-second");
    const std::string stream = first + second;
    const auto a = frameSipMessage(stream, kCap);
    ASSERT_EQ(a.kind, SipFrame::Kind::Message);
    EXPECT_EQ(a.length, first.size());
    const auto b = frameSipMessage(std::string_view(stream).substr(a.length), kCap);
    ASSERT_EQ(b.kind, SipFrame::Kind::Message);
    EXPECT_EQ(b.length, second.size());
}

TEST(SipStreamFramer, EveryShortPrefixNeedsMore) {
    const std::string message = withBody("0123456789");
    for (std::size_t length = 1; length < message.size(); ++length) {
        EXPECT_EQ(frameSipMessage(std::string_view(message).substr(0, length), kCap).kind,
                  SipFrame::Kind::NeedMore)
            << length;
    }
    EXPECT_EQ(frameSipMessage(message, kCap).kind, SipFrame::Kind::Message);
}

TEST(SipStreamFramer, CompactContentLengthCounts) {
    std::string m = test::optionsRequest();
    m.replace(m.find("Content-Length: 0"), 17, "l:3");
    const auto frame = frameSipMessage(m + "abcXYZ", kCap);
    ASSERT_EQ(frame.kind, SipFrame::Kind::Message);
    EXPECT_EQ(frame.length, m.size() + 3);
}

TEST(SipStreamFramer, MissingOrConflictingContentLengthIsAnError) {
    std::string none = test::optionsRequest();
    none.erase(none.find("Content-Length: 0\r\n"), 19);
    const auto missing = frameSipMessage(none, kCap);
    ASSERT_EQ(missing.kind, SipFrame::Kind::Error);
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.headerLength, none.size());

    std::string two = test::optionsRequest("z9hG4bK-1", "192.0.2.1", "Content-Length: 4\r\n");
    EXPECT_EQ(frameSipMessage(two, kCap).kind, SipFrame::Kind::Error);
    std::string negative = test::optionsRequest();
    negative.replace(negative.find("Content-Length: 0"), 17, "Content-Length: -1");
    EXPECT_EQ(frameSipMessage(negative, kCap).kind, SipFrame::Kind::Error);
}

TEST(SipStreamFramer, OverTheCapIsAnError) {
    std::string big = test::optionsRequest();
    big.replace(big.find("Content-Length: 0"), 17, "Content-Length: 5000");
    const auto announced = frameSipMessage(big, 4096);
    ASSERT_EQ(announced.kind, SipFrame::Kind::Error);
    EXPECT_EQ(announced.status, 513);
    EXPECT_GT(announced.headerLength, 0U);

    const std::string endless = "OPTIONS sip:a SIP/2.0\r\nX: " + std::string(5000, 'x');
    const auto unterminated = frameSipMessage(endless, 4096);
    ASSERT_EQ(unterminated.kind, SipFrame::Kind::Error);
    EXPECT_EQ(unterminated.headerLength, 0U);
    EXPECT_EQ(frameSipMessage(endless.substr(0, 4000), 4096).kind, SipFrame::Kind::NeedMore);
}

TEST(SipStreamFramer, CrlfKeepAliveAndLeadingCrlf) {
    EXPECT_EQ(frameSipMessage("\r", kCap).kind, SipFrame::Kind::NeedMore);
    EXPECT_EQ(frameSipMessage("\r\n", kCap).kind, SipFrame::Kind::NeedMore);
    const auto ping = frameSipMessage("\r\n\r\nOPTIONS", kCap);
    EXPECT_EQ(ping.kind, SipFrame::Kind::KeepAlive);
    EXPECT_EQ(ping.length, 4U);
    const auto skip = frameSipMessage("\r\nOPTIONS sip:a SIP/2.0\r\n", kCap);
    EXPECT_EQ(skip.kind, SipFrame::Kind::Skip);
    EXPECT_EQ(skip.length, 2U);
}

}  // namespace
}  // namespace callvault::server::sip
