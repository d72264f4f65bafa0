#include "server/media/telephone_event.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace callvault::server::media {
namespace {

TelephoneEventPayload event(std::uint8_t digit, bool end, std::uint16_t duration) {
    return TelephoneEventPayload{digit, end, 10, duration};
}

TEST(MediaTelephoneEvent, ParsesThePayload) {
    const std::vector<std::uint8_t> bytes{11, 0x80 | 10, 0x03, 0x20};
    const auto parsed = parseTelephoneEvent(bytes);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->event, 11);
    EXPECT_TRUE(parsed->end);
    EXPECT_EQ(parsed->volume, 10);
    EXPECT_EQ(parsed->duration, 800);

    const std::vector<std::uint8_t> notEnded{5, 0x3F, 0, 160};
    ASSERT_TRUE(parseTelephoneEvent(notEnded));
    EXPECT_FALSE(parseTelephoneEvent(notEnded)->end);
    EXPECT_EQ(parseTelephoneEvent(notEnded)->volume, 63);

    EXPECT_FALSE(parseTelephoneEvent(std::vector<std::uint8_t>{1, 2, 3}));
    EXPECT_FALSE(parseTelephoneEvent({}));
}

TEST(MediaTelephoneEvent, MapsEventsToDigits) {
    EXPECT_EQ(dtmfDigit(0), '0');
    EXPECT_EQ(dtmfDigit(9), '9');
    EXPECT_EQ(dtmfDigit(10), '*');
    EXPECT_EQ(dtmfDigit(11), '#');
    EXPECT_EQ(dtmfDigit(12), 'A');
    EXPECT_EQ(dtmfDigit(15), 'D');
    EXPECT_EQ(dtmfDigit(16), '?');
    EXPECT_EQ(dtmfDigit(255), '?');
}

TEST(MediaTelephoneEvent, ReportsEachEventOnceAtItsEnd) {
    TelephoneEventDetector detector;
    EXPECT_TRUE(detector.onPacket(1, 1000, event(5, false, 160)).empty());
    EXPECT_TRUE(detector.onPacket(1, 1000, event(5, false, 320)).empty());
    const auto ended = detector.onPacket(1, 1000, event(5, true, 800));
    ASSERT_EQ(ended.size(), 1U);
    EXPECT_EQ(ended[0].event, 5);
    EXPECT_EQ(ended[0].duration, 800);
    EXPECT_EQ(ended[0].timestamp, 1000U);
    // The end packet is repeated (RFC 4733 §2.5.1.4): no second report.
    EXPECT_TRUE(detector.onPacket(1, 1000, event(5, true, 800)).empty());
    EXPECT_TRUE(detector.onPacket(1, 1000, event(5, true, 800)).empty());

    // The same digit again is a new event (new timestamp).
    EXPECT_TRUE(detector.onPacket(1, 5000, event(5, false, 160)).empty());
    EXPECT_EQ(detector.onPacket(1, 5000, event(5, true, 480)).size(), 1U);
}

TEST(MediaTelephoneEvent, AnEventWhoseEndPacketsWereLostIsReportedWhenTheNextStarts) {
    TelephoneEventDetector detector;
    EXPECT_TRUE(detector.onPacket(1, 1000, event(1, false, 160)).empty());
    EXPECT_TRUE(detector.onPacket(1, 1000, event(1, false, 640)).empty());
    const auto next = detector.onPacket(1, 3000, event(2, false, 160));
    ASSERT_EQ(next.size(), 1U);
    EXPECT_EQ(next[0].event, 1);
    EXPECT_EQ(next[0].duration, 640);
    const auto lone = detector.onPacket(1, 9000, event(3, true, 400));  // ends 2 and is a whole event itself
    ASSERT_EQ(lone.size(), 2U);
    EXPECT_EQ(lone[0].event, 2);
    EXPECT_EQ(lone[1].event, 3);
}

TEST(MediaTelephoneEvent, ANewSourceStartsANewEvent) {
    TelephoneEventDetector detector;
    EXPECT_EQ(detector.onPacket(1, 1000, event(7, true, 400)).size(), 1U);
    EXPECT_EQ(detector.onPacket(2, 1000, event(7, true, 400)).size(), 1U);
}

}  // namespace
}  // namespace callvault::server::media
