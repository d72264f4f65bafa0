#include "common/formats/call_id.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace callvault {
namespace {

constexpr std::int64_t kManualExampleStart = 1536314460;  // 2018-09-07T10:01:00Z
constexpr std::int64_t kFirstSecond = 946684800;          // 2000-01-01T00:00:00Z
constexpr std::int64_t kLastSecond = 4102444799;          // 2099-12-31T23:59:59Z

TEST(CallId, ParsesTheManualExample) {
    const auto id = parseCallId("1809071001000A010000015");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->startUtc, kManualExampleStart);
    EXPECT_EQ(id->node, "0A");
    EXPECT_EQ(id->sequence, 10000015u);
}

TEST(CallId, FormatsTheManualExample) {
    EXPECT_EQ(formatCallId({kManualExampleStart, "0A", 10000015}), "1809071001000A010000015");
}

TEST(CallId, RoundTrips) {
    for (const CallId& id : {CallId{kManualExampleStart, "0A", 10000015}, CallId{kFirstSecond, "00", 0},
                             CallId{kLastSecond, "ZZ", 999999999}, CallId{1709251199, "Q7", 42},
                             CallId{1795604165, "9Z", 123456789}}) {
        const std::string text = formatCallId(id);
        EXPECT_EQ(text.size(), 23u);
        EXPECT_TRUE(isValidCallId(text)) << text;
        const auto back = parseCallId(text);
        ASSERT_TRUE(back.has_value()) << text;
        EXPECT_EQ(*back, id) << text;
    }
}

TEST(CallId, SequenceIsZeroPadded) {
    EXPECT_EQ(formatCallId({kFirstSecond, "01", 7}), "00010100000001000000007");
}

TEST(CallId, TextOrderIsTimeOrder) {
    const std::string earlier = formatCallId({kManualExampleStart, "ZZ", 999999999});
    const std::string later = formatCallId({kManualExampleStart + 1, "00", 0});
    EXPECT_LT(earlier, later);
}

TEST(CallId, FormatRejectsWhatCannotBeEncoded) {
    EXPECT_THROW(formatCallId({kFirstSecond - 1, "0A", 1}), std::out_of_range);
    EXPECT_THROW(formatCallId({kLastSecond + 1, "0A", 1}), std::out_of_range);
    EXPECT_THROW(formatCallId({kFirstSecond, "0a", 1}), std::invalid_argument);
    EXPECT_THROW(formatCallId({kFirstSecond, "A", 1}), std::invalid_argument);
    EXPECT_THROW(formatCallId({kFirstSecond, "ABC", 1}), std::invalid_argument);
    EXPECT_THROW(formatCallId({kFirstSecond, "0A", 1000000000}), std::out_of_range);
}

TEST(CallId, RejectsWrongLength) {
    EXPECT_FALSE(parseCallId("").has_value());
    EXPECT_FALSE(parseCallId("1809071001000A01000001").has_value());    // 22
    EXPECT_FALSE(parseCallId("1809071001000A0100000155").has_value());  // 24
    EXPECT_FALSE(parseCallId(" 1809071001000A010000015").has_value());
    EXPECT_FALSE(parseCallId("1809071001000A010000015\n").has_value());
}

TEST(CallId, RejectsBadCharacters) {
    EXPECT_FALSE(isValidCallId("1809071001000a010000015"));  // lower-case node
    EXPECT_FALSE(isValidCallId("18090710010-0A010000015"));  // non-digit time
    EXPECT_FALSE(isValidCallId("1809071001000A01000001X"));  // non-digit sequence
    EXPECT_FALSE(isValidCallId("1809071001000A-10000015"));
    EXPECT_FALSE(
        isValidCallId("180907100100\xC3\x80"
                      "010000015"));  // "À" as node, still 23 bytes
    EXPECT_FALSE(isValidCallId("180907100100 A010000015"));
    EXPECT_FALSE(isValidCallId("1809071001000/010000015"));
    std::string withNul = "1809071001000A010000015";
    withNul[20] = '\0';
    EXPECT_FALSE(isValidCallId(withNul));
}

TEST(CallId, RejectsImpossibleDatesAndTimes) {
    EXPECT_TRUE(isValidCallId("2402291200000A000000001"));   // 2024-02-29
    EXPECT_FALSE(isValidCallId("2302291200000A000000001"));  // 2023-02-29
    EXPECT_FALSE(isValidCallId("1800071001000A010000015"));  // month 00
    EXPECT_FALSE(isValidCallId("1813071001000A010000015"));  // month 13
    EXPECT_FALSE(isValidCallId("1809001001000A010000015"));  // day 00
    EXPECT_FALSE(isValidCallId("1809311001000A010000015"));  // 31 September
    EXPECT_FALSE(isValidCallId("1809072401000A010000015"));  // hour 24
    EXPECT_FALSE(isValidCallId("1809071060000A010000015"));  // minute 60
    EXPECT_FALSE(isValidCallId("1809071001600A010000015"));  // second 60
    EXPECT_TRUE(isValidCallId("0001010000000A000000000"));   // 2000-01-01 00:00:00
    EXPECT_TRUE(isValidCallId("9912312359590A999999999"));   // 2099-12-31 23:59:59
}

}  // namespace
}  // namespace callvault
