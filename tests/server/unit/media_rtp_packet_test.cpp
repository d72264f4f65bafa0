#include "server/media/rtp_packet.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace callvault::server::media {
namespace {

std::vector<std::uint8_t> packet(std::uint8_t first, std::uint8_t second, std::vector<std::uint8_t> rest) {
    std::vector<std::uint8_t> bytes{first, second, 0x12, 0x34, 0xDE, 0xAD,
                                    0xBE,  0xEF,   0x01, 0x02, 0x03, 0x04};
    // push_back, not insert: GCC 12 warns (-Warray-bounds, a false positive) on inserting an empty list.
    for (const auto b : rest) {
        bytes.push_back(b);
    }
    return bytes;
}

TEST(MediaRtpPacket, ParsesTheFixedHeader) {
    const auto bytes = packet(0x80, 0x80 | 8, {1, 2, 3});
    const auto result = parseRtp(bytes);
    ASSERT_TRUE(result.header);
    EXPECT_TRUE(result.header->marker);
    EXPECT_EQ(result.header->payloadType, 8);
    EXPECT_EQ(result.header->sequence, 0x1234);
    EXPECT_EQ(result.header->timestamp, 0xDEADBEEFU);
    EXPECT_EQ(result.header->ssrc, 0x01020304U);
    EXPECT_EQ(result.header->csrcCount, 0);
    ASSERT_EQ(result.header->payload.size(), 3U);
    EXPECT_EQ(result.header->payload[0], 1);
    EXPECT_EQ(result.header->payload[2], 3);
}

TEST(MediaRtpPacket, SkipsCsrcsAndTheHeaderExtension) {
    // 2 CSRCs, then an extension of 1 word, then the payload.
    auto bytes =
        packet(0x80 | 0x10 | 2, 0, {0, 0, 0, 1, 0, 0, 0, 2, 0xBE, 0xDE, 0x00, 0x01, 9, 9, 9, 9, 42, 43});
    const auto result = parseRtp(bytes);
    ASSERT_TRUE(result.header);
    EXPECT_EQ(result.header->csrcCount, 2);
    EXPECT_TRUE(result.header->hasExtension);
    ASSERT_EQ(result.header->payload.size(), 2U);
    EXPECT_EQ(result.header->payload[0], 42);
}

TEST(MediaRtpPacket, RemovesPadding) {
    const auto bytes = packet(0x80 | 0x20, 0, {7, 7, 7, 0, 0, 3});
    const auto result = parseRtp(bytes);
    ASSERT_TRUE(result.header);
    ASSERT_EQ(result.header->payload.size(), 3U);
    EXPECT_EQ(result.header->payload[2], 7);
}

TEST(MediaRtpPacket, AnEmptyPayloadIsValid) {
    const auto result = parseRtp(packet(0x80, 0, {}));
    ASSERT_TRUE(result.header);
    EXPECT_TRUE(result.header->payload.empty());
}

TEST(MediaRtpPacket, RefusesMalformedPackets) {
    const std::vector<std::uint8_t> tooShort{0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    EXPECT_EQ(parseRtp(tooShort).error, RtpParseError::TooShort);
    EXPECT_FALSE(parseRtp({}).header);

    EXPECT_EQ(parseRtp(packet(0x40, 0, {1})).error, RtpParseError::BadVersion);  // version 1
    EXPECT_EQ(parseRtp(packet(0x00, 0, {1})).error, RtpParseError::BadVersion);
    EXPECT_FALSE(parseRtp(packet(0xC0, 0, {1})).header);  // version 3

    // 15 CSRCs announced, none there.
    EXPECT_EQ(parseRtp(packet(0x8F, 0, {1, 2, 3})).error, RtpParseError::TooShort);
    // Extension announced but its header is cut.
    EXPECT_EQ(parseRtp(packet(0x90, 0, {0xBE, 0xDE})).error, RtpParseError::TooShort);
    // Extension length larger than the datagram.
    EXPECT_EQ(parseRtp(packet(0x90, 0, {0xBE, 0xDE, 0x00, 0x10, 1, 2})).error, RtpParseError::TooShort);
    // Padding count 0, and larger than the payload.
    EXPECT_EQ(parseRtp(packet(0xA0, 0, {1, 2, 0})).error, RtpParseError::BadPadding);
    EXPECT_EQ(parseRtp(packet(0xA0, 0, {1, 2, 9})).error, RtpParseError::BadPadding);
    // Padding with no payload byte at all to hold the count is the header's last byte: refused too.
    EXPECT_FALSE(parseRtp(packet(0xA0, 0, {})).header);
}

TEST(MediaRtpPacket, RandomBytesNeverReadOutOfBounds) {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 80);
    int valid = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(length(random)));
        for (auto& b : bytes) {
            b = static_cast<std::uint8_t>(byte(random));
        }
        if (i % 2 == 0 && !bytes.empty()) {
            bytes[0] = static_cast<std::uint8_t>(0x80 | (bytes[0] & 0x3F));  // half of them look like RTP
        }
        const auto result = parseRtp(bytes);
        if (result.header) {
            ++valid;
            const auto* begin = bytes.data();
            const auto* end = bytes.data() + bytes.size();
            EXPECT_GE(result.header->payload.data(), begin);
            EXPECT_LE(result.header->payload.data() + result.header->payload.size(), end);
        }
    }
    EXPECT_GT(valid, 1000);
}

TEST(MediaRtpPacket, RecognisesMultiplexedRtcp) {
    const std::vector<std::uint8_t> senderReport{0x80, 200, 0, 6, 1, 2, 3, 4};
    const std::vector<std::uint8_t> receiverReport{0x81, 201, 0, 7, 1, 2, 3, 4};
    EXPECT_TRUE(looksLikeRtcp(senderReport));
    EXPECT_TRUE(looksLikeRtcp(receiverReport));
    EXPECT_FALSE(looksLikeRtcp(packet(0x80, 0, {1})));           // PCMU
    EXPECT_FALSE(looksLikeRtcp(packet(0x80, 0x80 | 101, {1})));  // telephone-event with marker: 229
    EXPECT_FALSE(looksLikeRtcp(std::vector<std::uint8_t>{0x80, 200}));
}

}  // namespace
}  // namespace callvault::server::media
